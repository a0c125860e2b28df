// One identities table: a webview editor for one tenant. Owns the query (a copy of the tree's: changing it here
// leaves the tree alone), the page loader, the column layout, and the render reports the app sends back.
import * as vscode from 'vscode';
import type { IscClient } from '../../api/iscClient';
import { errorText } from '../../model/connectionErrors';
import type { CoreServices } from '../../services';
import type { WebviewShellSpec } from '../../ui/webviewShell';
import { renderWebviewShell, webviewShellOptions } from '../../ui/webviewShell';
import type { ColumnLayout, HostToTableMessage, TableQuery, TableRenderReport, TableTenant } from '../protocol';
import { TABLE_PAGE_SIZE, parseTableMessage } from '../protocol';
import type { ColumnStore } from './columnStore';
import { PageLoader } from './pageLoader';
import type { PageOutcome } from './pageLoader';
import { tableRow } from './rows';
import { handleTableMessage } from './tableMessages';
import { DisposableStore } from '../../util/disposables';
import { tableStrings } from './tableStrings';

export interface TableHost {
  readonly services: CoreServices;
  readonly extensionUri: vscode.Uri;
  readonly columnStore: ColumnStore;
  panelDisposed(panel: TablePanel): void;
}

interface ReportWaiter {
  predicate: (report: TableRenderReport) => boolean;
  resolve: (report: TableRenderReport) => void;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are cut from tab titles.
const BIDI_AND_CONTROLS = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A wait for the rate limit longer than this is shown in the table's status line. */
const NOTICE_AFTER_MS = 3000;
/** Built when the page opens: the localized texts are not ready while the module loads. */
const tableShell = (): WebviewShellSpec => ({ bundle: 'table', title: vscode.l10n.t('Identities'), mainClass: 'table-app', loadingText: vscode.l10n.t('Loading…'), images: true });

export class TablePanel implements vscode.Disposable {
  private currentQuery: TableQuery;
  private currentGeneration = 1;
  private layout: ColumnLayout[];
  private ready = false;
  private disposed = false;
  private client: IscClient | undefined;
  private report: TableRenderReport | undefined;
  private readonly waiters = new Set<ReportWaiter>();
  private noticeTimer: NodeJS.Timeout | undefined;
  private noticeShown = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly disposables = new DisposableStore();
  readonly loader: PageLoader;

  constructor(
    readonly host: TableHost,
    readonly webviewPanel: vscode.WebviewPanel,
    readonly tenantId: string,
    query: TableQuery,
  ) {
    this.currentQuery = { ...query };
    this.layout = host.columnStore.get(tenantId);
    this.loader = new PageLoader(
      (offset, limit, count, signal) => this.fetchPage(offset, limit, count, signal),
      (outcome) => this.deliver(outcome),
      { pageSize: TABLE_PAGE_SIZE, concurrency: 2, maxCachedPages: 40 },
    );
    const webview = webviewPanel.webview;
    webview.options = webviewShellOptions(host.extensionUri, tableShell());
    this.disposables.addAll(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      webviewPanel.onDidDispose(() => this.dispose()),
      webviewPanel.onDidChangeViewState((e) => {
        // Without retainContextWhenHidden a hidden webview's document is discarded: it sends `ready` again.
        if (!e.webviewPanel.visible) this.ready = false;
      }),
      host.services.changes.subscribe((change) => {
        if (change.tenantId === this.tenantId) this.scheduleRefresh();
      }),
      host.services.tenants.onDidChange(() => this.onTenantsChanged()),
    );
    this.updateTitle();
    webview.html = renderWebviewShell(webview, host.extensionUri, tableShell());
  }

  get query(): TableQuery {
    return { ...this.currentQuery };
  }

  get generation(): number {
    return this.currentGeneration;
  }

  get columns(): ColumnLayout[] {
    return this.layout.map((c) => ({ ...c }));
  }

  get lastReport(): TableRenderReport | undefined {
    return this.report;
  }

  get label(): string {
    return this.tenant().label;
  }

  reveal(): void {
    this.webviewPanel.reveal(undefined, false);
  }

  /** A message from the webview (or a test posing as one): validated, then handled; anything else is logged. */
  receive(message: unknown): void {
    if (this.disposed) return;
    const parsed = parseTableMessage(message);
    if (!parsed.ok) {
      this.host.services.logger.warn(`Identities table ${this.tenantId}: ignored a webview message (${parsed.reason}).`);
      return;
    }
    void handleTableMessage(this, parsed.message).catch((error: unknown) => {
      this.host.services.logger.error(`Identities table ${this.tenantId}: handling ${parsed.message.type} failed: ${String(error)}`);
    });
  }

  /** The app (re)started: send tenant, query and layout; it then asks for the pages its viewport needs. */
  sendInit(): void {
    this.ready = true;
    this.post({ type: 'init', strings: tableStrings(), tenant: this.tenant(), query: this.query, generation: this.currentGeneration, columns: this.columns, pageSize: TABLE_PAGE_SIZE });
  }

  /** A new query (sort, filter) or a refresh: every page is stale. */
  setQuery(query: TableQuery, keepScroll = false): void {
    if (this.disposed) return;
    this.currentQuery = { ...query };
    this.currentGeneration++;
    this.loader.reset();
    this.post({ type: 'query', query: this.query, generation: this.currentGeneration, keepScroll });
  }

  wantPages(generation: number, pages: readonly number[]): void {
    if (generation !== this.currentGeneration) return; // an answer to an older query's viewport
    this.loader.want(pages);
    this.watchRateLimit();
  }

  async setColumns(columns: ColumnLayout[], echo: boolean): Promise<void> {
    this.layout = await this.host.columnStore.set(this.tenantId, columns);
    if (echo) this.post({ type: 'columns', columns: this.columns });
  }

  recordReport(report: TableRenderReport): void {
    this.report = report;
    for (const waiter of [...this.waiters]) {
      let matches = false;
      try {
        matches = waiter.predicate(report);
      } catch {
        matches = false;
      }
      if (matches) {
        this.waiters.delete(waiter);
        waiter.resolve(report);
      }
    }
  }

  waitForReport(predicate: (report: TableRenderReport) => boolean, timeoutMs: number): Promise<TableRenderReport> {
    if (this.report && predicate(this.report)) return Promise.resolve(this.report);
    return new Promise((resolve, reject) => {
      const waiter: ReportWaiter = {
        predicate,
        resolve: (report) => {
          clearTimeout(timer);
          resolve(report);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for the identities table of ${this.tenantId}; last report: ${JSON.stringify(this.report)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  tenant(): TableTenant {
    const tenant = this.host.services.tenants.get(this.tenantId);
    return { id: this.tenantId, label: tenant?.label ?? this.tenantId, readOnly: tenant?.readOnly ?? true };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.noticeTimer) clearInterval(this.noticeTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.loader.dispose();
    this.waiters.clear();
    this.disposables.dispose();
    this.webviewPanel.dispose();
    this.host.panelDisposed(this);
  }

  post(message: HostToTableMessage): void {
    if (this.disposed || !this.ready) return; // the app gets `init` when it (re)starts
    void this.webviewPanel.webview.postMessage(message).then(undefined, (error: unknown) => {
      this.host.services.logger.debug(`Identities table ${this.tenantId}: postMessage failed: ${String(error)}`);
    });
  }

  private async fetchPage(offset: number, limit: number, count: boolean, signal: AbortSignal) {
    this.client ??= await this.host.services.tenants.getClient(this.tenantId);
    const q = this.currentQuery;
    return this.client.listIdentities({ filters: q.filters, sorters: q.sorters, defaultFilter: q.defaultFilter, offset, limit, count }, { signal });
  }

  private deliver(outcome: PageOutcome): void {
    const generation = this.currentGeneration;
    if ('error' in outcome) {
      this.post({ type: 'pageError', generation, page: outcome.page, message: errorText(outcome.error) });
      return;
    }
    this.post({ type: 'page', generation, page: outcome.page, rows: outcome.identities.map(tableRow), total: outcome.total, end: outcome.end });
  }

  /** While pages load, a long pause of the shared rate limiter (429 with a long Retry-After) is shown in the table. */
  private watchRateLimit(): void {
    if (this.noticeTimer || this.disposed) return;
    this.noticeTimer = setInterval(() => {
      const waitMs = this.client?.limiter.pauseRemainingMs ?? 0;
      const show = waitMs >= NOTICE_AFTER_MS && this.loader.busy;
      if (show) {
        this.noticeShown = true;
        this.post({ type: 'notice', text: vscode.l10n.t('Waiting {0} s for the ISC rate limit…', Math.ceil(waitMs / 1000)) });
      } else if (this.noticeShown) {
        this.noticeShown = false;
        this.post({ type: 'notice', text: '' });
      }
      if (!this.loader.busy && !this.noticeShown && this.noticeTimer) {
        clearInterval(this.noticeTimer);
        this.noticeTimer = undefined;
      }
    }, 1000);
  }

  /** After a write to identities of this tenant: reload the pages shown, keeping the scroll position. */
  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.setQuery(this.currentQuery, true);
    }, 500);
  }

  private onTenantsChanged(): void {
    if (!this.host.services.tenants.get(this.tenantId)) {
      this.host.services.logger.info(`Closing the identities table of ${this.tenantId}: its tenant was removed.`);
      this.dispose();
      return;
    }
    this.client = undefined; // credentials may have changed
    this.updateTitle();
    this.post({ type: 'tenant', tenant: this.tenant() });
  }

  private updateTitle(): void {
    const label = this.tenant().label.replace(BIDI_AND_CONTROLS, '').trim() || this.tenantId;
    const short = label.length > 50 ? `${label.slice(0, 49)}…` : label;
    this.webviewPanel.title = vscode.l10n.t('Identities: {0}', short);
  }
}
