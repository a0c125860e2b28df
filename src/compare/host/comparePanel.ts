// One comparison of two identities: owns the WebviewPanel, loads both snapshots through their tenants' clients,
// compares them, and answers the page's (validated) messages.
import * as vscode from 'vscode';
import { isAbortError, isIscApiError } from '../../api/errors';
import { COMMAND_IDS } from '../../commands/commandIds';
import { diffToCsv, diffToMarkdown } from '../../model/compare/compareExport';
import type { IdentityDiff } from '../../model/compare/identityDiff';
import { compareIdentities } from '../../model/compare/identityDiff';
import type { LoadedSnapshot } from '../../model/compare/snapshotLoader';
import { DEFAULT_SOURCE_LOOKUPS, loadSnapshot } from '../../model/compare/snapshotLoader';
import { errorText } from '../../model/connectionErrors';
import type { IdentityRef } from '../../model/identityRef';
import type { ExtensionServices } from '../../services';
import type { WebviewShellSpec } from '../../ui/webviewShell';
import { renderWebviewShell, webviewShellOptions } from '../../ui/webviewShell';
import type { CompareHostMessageBody, CompareRenderReport, CompareSideInfo, CompareState, CompareWebviewMessage, CopyFormat, CopyScope, Side, SideProblem } from '../protocol';
import { parseCompareMessage } from '../protocol';
import { compareFactLabels, compareStrings } from './compareStrings';
import { ReportWaiters } from './reportWaiters';
import { DisposableStore } from '../../util/disposables';

export interface CompareHost {
  readonly services: ExtensionServices;
  readonly extensionUri: vscode.Uri;
  panelDisposed(panel: ComparePanel): void;
}

export function compareKey(a: IdentityRef, b: IdentityRef): string {
  return `${a.tenantId}/${a.identityId}|${b.tenantId}/${b.identityId}`;
}

// eslint-disable-next-line no-control-regex -- control and bidi characters are cut from tab titles.
const TITLE_UNSAFE = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_REJECTED = 20;
/** Built when the page opens: the localized texts are not ready while the module loads. */
const compareShell = (): WebviewShellSpec => ({ bundle: 'compare', title: vscode.l10n.t('Compare identities'), mainClass: 'app compare-app', loadingText: vscode.l10n.t('Loading…'), images: true });

export class ComparePanel implements vscode.Disposable {
  readonly key: string;
  readonly reports: ReportWaiters<CompareRenderReport>;
  /** Reasons of the page messages that failed validation, newest last (tests, diagnostics). */
  readonly rejected: string[] = [];
  private readonly refs: Record<Side, IdentityRef>;
  private state: CompareState = { status: 'loading' };
  private diff: IdentityDiff | undefined;
  private hideEqualShown = false;
  private rev = 0;
  private ready = false;
  private disposed = false;
  private loading: AbortController | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly host: CompareHost,
    readonly webviewPanel: vscode.WebviewPanel,
    a: IdentityRef,
    b: IdentityRef,
  ) {
    this.refs = { a: { ...a }, b: { ...b } };
    this.key = compareKey(a, b);
    this.reports = new ReportWaiters(() => `comparison ${this.key}`);
    const webview = webviewPanel.webview;
    webview.options = webviewShellOptions(host.extensionUri, compareShell());
    this.disposables.addAll(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      webviewPanel.onDidDispose(() => this.dispose()),
      webviewPanel.onDidChangeViewState((e) => {
        // Without retainContextWhenHidden a hidden page is discarded; it says `ready` again when shown.
        if (!e.webviewPanel.visible) this.ready = false;
      }),
    );
    this.updateTitle();
    webview.html = renderWebviewShell(webview, host.extensionUri, compareShell());
    void this.reload();
  }

  get identities(): { a: IdentityRef; b: IdentityRef } {
    return { a: { ...this.refs.a }, b: { ...this.refs.b } };
  }

  get crossTenant(): boolean {
    return this.refs.a.tenantId !== this.refs.b.tenantId;
  }

  get currentState(): CompareState {
    return this.state;
  }

  get hideEqual(): boolean {
    return this.hideEqualShown;
  }

  reveal(): void {
    this.webviewPanel.reveal(undefined, false);
  }

  involves(tenantId: string, identityId: string): boolean {
    return (['a', 'b'] as const).some((side) => this.refs[side].tenantId === tenantId && this.refs[side].identityId === identityId);
  }

  /** A message from the page (or a test posing as it): validated, then handled; anything else is logged and dropped. */
  receive(message: unknown): void {
    if (this.disposed) return;
    const parsed = parseCompareMessage(message);
    if (!parsed.ok) {
      this.rejected.push(parsed.reason);
      if (this.rejected.length > MAX_REJECTED) this.rejected.shift();
      this.host.services.logger.warn(`Comparison ${this.key}: ignored a page message (${parsed.reason}).`);
      return;
    }
    void this.handle(parsed.message).catch((error: unknown) => {
      this.host.services.logger.error(`Comparison ${this.key}: handling ${parsed.message.type} failed: ${String(error)}`);
    });
  }

  /** Loads both identities in parallel (each through its own tenant's client) and posts the comparison. */
  async reload(): Promise<void> {
    if (this.disposed) return;
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.setState({ status: 'loading' });
    const started = Date.now();
    const [a, b] = await Promise.all([this.load('a', controller.signal), this.load('b', controller.signal)]);
    if (this.disposed || controller.signal.aborted) return;
    this.loading = undefined;
    if ('problem' in a || 'problem' in b) {
      const problems: Partial<Record<Side, SideProblem>> = {};
      if ('problem' in a) problems.a = a.problem;
      if ('problem' in b) problems.b = b.problem;
      this.diff = undefined;
      this.setState({ status: 'failed', problems });
      return;
    }
    const diff = compareIdentities(a.loaded.snapshot, b.loaded.snapshot, { crossTenant: this.crossTenant, factLabels: compareFactLabels() });
    this.diff = diff;
    for (const side of ['a', 'b'] as const) {
      const name = (side === 'a' ? a : b).loaded.snapshot.identity.name;
      if (typeof name === 'string' && name) this.refs[side].name = name;
    }
    this.updateTitle();
    const notes = [...a.loaded.notes.map((n) => `A: ${n}`), ...b.loaded.notes.map((n) => `B: ${n}`)];
    this.host.services.logger.info(
      `Compared ${this.key} in ${Date.now() - started} ms (${a.loaded.requests + b.loaded.requests} requests; ` +
        `${diff.attributes.length} attributes, ${diff.roleAssignments.length} role assignment rows${this.crossTenant ? ', across tenants' : ''}).`,
    );
    this.setState({ status: 'ready', diff, notes, loadedAt: new Date().toISOString() });
  }

  /** Reload after a change announced on the bus; coalesces bursts. */
  scheduleReload(): void {
    if (this.disposed) return;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload();
    }, 250);
  }

  /** The comparison as Markdown or CSV, as "Copy difference" puts it on the clipboard. */
  exportText(format: CopyFormat, scope: CopyScope): string | undefined {
    if (!this.diff) return undefined;
    const labels = { a: this.sideLabel('a'), b: this.sideLabel('b') };
    const options = { differencesOnly: scope === 'differences' };
    return format === 'csv' ? diffToCsv(this.diff, labels, options) : diffToMarkdown(this.diff, labels, options);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.abort();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reports.dispose();
    this.disposables.dispose();
    this.webviewPanel.dispose();
    this.host.panelDisposed(this);
  }

  // ------------------------------------------------------------------ messages

  private async handle(message: CompareWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'init', strings: compareStrings(), a: this.sideInfo('a'), b: this.sideInfo('b'), crossTenant: this.crossTenant, state: this.state });
        return;
      case 'rendered':
        this.hideEqualShown = message.report.hideEqual;
        this.reports.record(message.report);
        return;
      case 'refresh':
        await this.reload();
        return;
      case 'hideEqual':
        this.hideEqualShown = message.value;
        return;
      case 'copy': {
        const text = this.exportText(message.format, message.scope);
        if (text === undefined) return;
        await vscode.env.clipboard.writeText(text);
        vscode.window.setStatusBarMessage(
          message.format === 'csv' ? vscode.l10n.t('Copied the difference as CSV') : vscode.l10n.t('Copied the difference as Markdown'),
          2500,
        );
        return;
      }
      case 'openIdentity':
        // The page names a side, never an id: it can only open the two identities it shows.
        await vscode.commands.executeCommand(COMMAND_IDS.openIdentityDetails, { ...this.refs[message.side] });
        return;
    }
  }

  // ------------------------------------------------------------------ loading

  private async load(side: Side, signal: AbortSignal): Promise<{ loaded: LoadedSnapshot } | { problem: SideProblem }> {
    const ref = this.refs[side];
    try {
      const client = await this.host.services.tenants.getClient(ref.tenantId);
      const loaded = await loadSnapshot(client, ref.identityId, { signal, ownership: true, protected: true, sourceLookups: DEFAULT_SOURCE_LOOKUPS });
      return { loaded };
    } catch (error) {
      if (isAbortError(error)) return { problem: { kind: 'error', message: vscode.l10n.t('Cancelled.'), serverMessages: [] } };
      return { problem: toProblem(error) };
    }
  }

  private sideInfo(side: Side): CompareSideInfo {
    const ref = this.refs[side];
    return { tenantId: ref.tenantId, tenantLabel: this.host.services.tenants.get(ref.tenantId)?.label ?? ref.tenantId, identityId: ref.identityId, name: ref.name };
  }

  private sideLabel(side: Side): string {
    const info = this.sideInfo(side);
    return `${info.name} (${info.tenantLabel})`;
  }

  private setState(state: CompareState): void {
    this.state = state;
    this.post({ type: 'state', a: this.sideInfo('a'), b: this.sideInfo('b'), state });
  }

  private post(body: CompareHostMessageBody): void {
    this.rev += 1;
    if (this.disposed || !this.ready) return; // the page gets everything in `init` when it (re)starts
    void this.webviewPanel.webview.postMessage({ ...body, rev: this.rev }).then(undefined, (error: unknown) => {
      this.host.services.logger.debug(`Comparison ${this.key}: postMessage failed: ${String(error)}`);
    });
  }

  private updateTitle(): void {
    const short = (name: string, fallback: string) => {
      const clean = name.replace(TITLE_UNSAFE, '').trim() || fallback;
      return clean.length > 30 ? `${clean.slice(0, 29)}…` : clean;
    };
    this.webviewPanel.title = vscode.l10n.t('{0} ↔ {1}', short(this.refs.a.name, this.refs.a.identityId), short(this.refs.b.name, this.refs.b.identityId));
  }
}

function toProblem(error: unknown): SideProblem {
  if (isIscApiError(error)) {
    return {
      kind: error.kind === 'notFound' ? 'notFound' : 'error',
      message: error.message,
      serverMessages: [...error.serverMessages],
      status: error.status,
      trackingId: error.trackingId,
    };
  }
  return { kind: 'error', message: errorText(error) || vscode.l10n.t('Unexpected error'), serverMessages: [] };
}
