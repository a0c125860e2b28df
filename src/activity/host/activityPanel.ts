// The activity view: the audit log as a table, newest first, filterable on the page. One panel per window; it
// reads the log (bounded), sends the rows as data, and answers the page's validated messages by running commands
// (open the identity, show the job, open the raw file). The page never receives HTML.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../commands/commandIds';
import type { AuditEntry, AuditLog } from '../../model/auditLog';
import { OUTCOME_LABELS, outcomeLabel } from '../../model/outcome';
import type { ItemOutcome } from '../../model/outcome';
import type { WebviewShellSpec } from '../../ui/webviewShell';
import { renderWebviewShell, webviewShellOptions } from '../../ui/webviewShell';
import type { ActivityFilter, ActivityHostMessage, ActivityRenderReport, ActivityRow, ActivityStrings } from '../protocol';
import { ACTIVITY_VIEW_TYPE, EMPTY_FILTER, parseActivityMessage } from '../protocol';
import { DisposableStore } from '../../util/disposables';

/** At most this much of the log's end is read, and at most this many rows are sent (the file has the rest). */
const MAX_READ_BYTES = 5_000_000;
const MAX_ROWS = 5_000;
const MAX_REJECTED = 20;

export interface ActivityDeps {
  audit: AuditLog;
  extensionUri: vscode.Uri;
  /** Whether a job with this id exists (refused writes leave audit lines but no job). */
  hasJob(jobId: string): boolean;
}

/** The activity page needs no images; its shell speaks the UI language. */
function activityShell(): WebviewShellSpec {
  return { bundle: 'activity', mainClass: 'app activity-app', images: false };
}

function actionLabels(): Record<string, string> {
  return {
    resetIdentity: vscode.l10n.t('Reset identity'),
    synchronizeAttributes: vscode.l10n.t('Synchronize attributes'),
    processIdentities: vscode.l10n.t('Process identities'),
    inviteIdentities: vscode.l10n.t('Invite identities'),
    inviteAllUnregistered: vscode.l10n.t('Invite all unregistered identities'),
    sendPasswordResetEmail: vscode.l10n.t('Send password-reset email'),
    deleteIdentity: vscode.l10n.t('Delete identity'),
  };
}

function strings(): ActivityStrings {
  return {
    title: vscode.l10n.t('ISC activity'),
    tenant: vscode.l10n.t('Tenant'),
    action: vscode.l10n.t('Action'),
    result: vscode.l10n.t('Result'),
    identity: vscode.l10n.t('Identity'),
    identityPlaceholder: vscode.l10n.t('Name or id'),
    all: vscode.l10n.t('All'),
    time: vscode.l10n.t('Time'),
    job: vscode.l10n.t('Job'),
    error: vscode.l10n.t('Error'),
    openLogFile: vscode.l10n.t('Open Audit Log File'),
    showing: vscode.l10n.t('Showing {0} of {1} entries'),
    empty: vscode.l10n.t('No identity writes recorded yet. Every reset, sync, process, invite, password reset and delete adds a row here.'),
    noMatch: vscode.l10n.t('No entry matches the filter.'),
    openIdentity: vscode.l10n.t('Open the identity'),
    showJob: vscode.l10n.t('Show the job'),
    noJob: vscode.l10n.t('No job: nothing was sent'),
  };
}

/** Audit lines → rows, newest first. Lines that lack a field are shown with what they have. */
function activityRows(entries: readonly AuditEntry[], hasJob: (jobId: string) => boolean): ActivityRow[] {
  const labels = actionLabels();
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return entries
    .map((entry) => {
      const outcome = text(entry.outcome);
      const time = text(entry.time);
      const date = new Date(time);
      return {
        time,
        when: Number.isNaN(date.getTime()) ? time : date.toLocaleString(),
        tenantId: text(entry.tenantId),
        tenantLabel: text(entry.tenantLabel) || text(entry.tenantId),
        action: text(entry.action),
        actionLabel: labels[text(entry.action)] ?? text(entry.action),
        identityId: text(entry.identityId),
        identityName: text(entry.identityName),
        outcome,
        outcomeLabel: outcome in OUTCOME_LABELS ? outcomeLabel(outcome as ItemOutcome) : outcome,
        jobId: entry.operationId && hasJob(entry.operationId) ? entry.operationId : null,
        iscTask: typeof entry.jobId === 'string' ? entry.jobId : null,
        httpStatus: typeof entry.httpStatus === 'number' ? entry.httpStatus : null,
        error: typeof entry.error === 'string' ? entry.error : null,
      };
    })
    .reverse()
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
}

function parseLines(text: string): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (value && typeof value === 'object' && !Array.isArray(value)) entries.push(value as AuditEntry);
    } catch {
      // a torn line (e.g. disk full) must not hide the others
    }
  }
  return entries;
}

export class ActivityPanel implements vscode.Disposable {
  /** Rows of the last `show` message (tests compare them with what the page reports). */
  rows: ActivityRow[] = [];
  /** The page's latest paint report. */
  lastRender: ActivityRenderReport | undefined;
  readonly rejected: string[] = [];
  private readonly renderListeners = new Set<(report: ActivityRenderReport) => void>();
  private readonly disposables = new DisposableStore();
  private pendingFilter: ActivityFilter | undefined;
  private ready = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: ActivityDeps,
    readonly webviewPanel: vscode.WebviewPanel,
    private readonly onDisposed: () => void,
  ) {
    const webview = webviewPanel.webview;
    const shell = activityShell();
    webview.options = webviewShellOptions(deps.extensionUri, shell);
    webview.html = renderWebviewShell(webview, deps.extensionUri, shell);
    this.disposables.addAll(
      webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      deps.audit.onDidAppend(() => this.scheduleRefresh()),
      webviewPanel.onDidChangeViewState(() => {
        if (webviewPanel.visible) this.scheduleRefresh();
      }),
      webviewPanel.onDidDispose(() => this.dispose()),
    );
  }

  /** Brings the panel up, optionally with a filter set (the page keeps the person's last filter otherwise). */
  reveal(filter?: Partial<ActivityFilter>): void {
    if (filter) this.setFilter({ ...EMPTY_FILTER, ...filter });
    this.webviewPanel.reveal();
  }

  setFilter(filter: ActivityFilter): void {
    if (this.ready) void this.post({ type: 'filter', filter });
    else this.pendingFilter = filter;
  }

  /** Resolves with the next paint report that satisfies `accept` (tests). */
  nextRender(accept: (report: ActivityRenderReport) => boolean = () => true, timeoutMs = 15_000): Promise<ActivityRenderReport> {
    if (this.lastRender && accept(this.lastRender)) return Promise.resolve(this.lastRender);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.renderListeners.delete(listener);
        reject(new Error(`activity view: no matching paint within ${timeoutMs} ms (last: ${JSON.stringify(this.lastRender)})`));
      }, timeoutMs);
      const listener = (report: ActivityRenderReport): void => {
        if (!accept(report)) return;
        clearTimeout(timer);
        this.renderListeners.delete(listener);
        resolve(report);
      };
      this.renderListeners.add(listener);
    });
  }

  /** A page message, validated; the webview's listener and tests both come here. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseActivityMessage(raw);
    if ('error' in parsed) {
      this.rejected.push(parsed.error);
      if (this.rejected.length > MAX_REJECTED) this.rejected.shift();
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        if (this.pendingFilter) await this.post({ type: 'filter', filter: this.pendingFilter });
        this.pendingFilter = undefined;
        return;
      case 'rendered':
        this.lastRender = message.report;
        for (const listener of [...this.renderListeners]) listener(message.report);
        return;
      case 'openIdentity':
        await vscode.commands.executeCommand(COMMAND_IDS.openIdentityDetails, { tenantId: message.tenantId, identityId: message.identityId, name: message.name });
        return;
      case 'showJob':
        await vscode.commands.executeCommand(COMMAND_IDS.showJob, message.jobId);
        return;
      case 'openLogFile':
        await vscode.commands.executeCommand(COMMAND_IDS.openAuditLogFile);
        return;
    }
  }

  /** Re-reads the log and sends the rows. */
  async refresh(): Promise<void> {
    const { text, truncated, size } = await this.deps.audit.readTail(MAX_READ_BYTES);
    const all = activityRows(parseLines(text), (id) => this.deps.hasJob(id));
    this.rows = all.slice(0, MAX_ROWS);
    const notes: string[] = [];
    const problem = this.deps.audit.writeError;
    if (problem) notes.push(vscode.l10n.t('The last write to the audit log failed: {0}', problem instanceof Error ? problem.message : String(problem)));
    if (truncated || all.length > this.rows.length) {
      notes.push(vscode.l10n.t('Showing the newest {0} entries of a {1} MB log; “Open Audit Log File” shows all of it.', this.rows.length.toLocaleString(), (size / 1e6).toFixed(1)));
    }
    await this.post({ type: 'show', strings: strings(), rows: this.rows, notes });
  }

  /** After appends: refresh a visible panel at most every 500 ms (bulk runs append a lot). */
  private scheduleRefresh(): void {
    if (this.timer || !this.ready) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.webviewPanel.visible) void this.refresh();
    }, 500);
  }

  private async post(message: ActivityHostMessage): Promise<void> {
    await this.webviewPanel.webview.postMessage(message);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.dispose();
    this.renderListeners.clear();
    this.onDisposed();
  }
}

/** One activity panel per window. */
export class ActivityViews implements vscode.Disposable {
  private panel: ActivityPanel | undefined;

  constructor(private readonly deps: ActivityDeps) {}

  get current(): ActivityPanel | undefined {
    return this.panel;
  }

  show(filter?: Partial<ActivityFilter>): ActivityPanel {
    if (!this.panel) {
      const webviewPanel = vscode.window.createWebviewPanel(ACTIVITY_VIEW_TYPE, vscode.l10n.t('ISC Activity'), vscode.ViewColumn.Active, { retainContextWhenHidden: false });
      this.panel = new ActivityPanel(this.deps, webviewPanel, () => (this.panel = undefined));
      if (filter) this.panel.setFilter({ ...EMPTY_FILTER, ...filter });
      return this.panel;
    }
    this.panel.reveal(filter);
    void this.panel.refresh();
    return this.panel;
  }

  dispose(): void {
    this.panel?.webviewPanel.dispose();
  }
}
