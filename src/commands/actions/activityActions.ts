// "Show Activity" (the audit log as a table: src/activity), "Open Audit Log File" (the raw JSONL) and the "Show
// Details" report of one run; the documents are virtual: VS Code shows them read-only, and nothing here can write
// the audit file.
import * as vscode from 'vscode';
import { ActivityViews } from '../../activity/host/activityPanel';
import type { ActivityPanel } from '../../activity/host/activityPanel';
import { registerCommand } from '../commandWrapper';
import { COMMAND_IDS } from '../commandIds';
import type { AuditLog } from '../../model/auditLog';
import type { ExtensionServices } from '../../services';
import type { JobsContext } from './jobFollowUps';
import type { OperationReport } from '../../model/actions/operations';
import { reportMarkdown, reportTitle } from '../../model/actions/report';

const MAX_SHOWN_BYTES = 5_000_000;
const ACTIONS_SCHEME = 'isc-identity-actions';
const AUDIT_DOCUMENT_URI = vscode.Uri.from({ scheme: ACTIONS_SCHEME, path: '/audit.jsonl' });

/** The report's document; its last path segment is the title the preview tab shows ("Preview Synchronize attributes — 10:42:07"). */
function reportUri(report: OperationReport): vscode.Uri {
  return vscode.Uri.from({ scheme: ACTIONS_SCHEME, path: `/reports/${report.operationId}/${reportTitle(report).replace(/[/\\]/g, ' ')}` });
}

class ActionsDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly audit: AuditLog,
    private readonly reportOf: (operationId: string) => OperationReport | undefined,
  ) {}

  private timer: NodeJS.Timeout | undefined;

  refreshAudit(): void {
    this.changed.fire(AUDIT_DOCUMENT_URI);
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** After appends: refresh an audit document that is on screen, at most every 500 ms (bulk runs append a lot). */
  auditAppended(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const shown = vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === AUDIT_DOCUMENT_URI.toString());
      if (shown) this.refreshAudit();
    }, 500);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (uri.path === AUDIT_DOCUMENT_URI.path) {
      const { text, truncated, size } = await this.audit.readTail(MAX_SHOWN_BYTES);
      const problem = this.audit.writeError;
      const notes = [
        problem ? `// Note: the last append failed: ${problem instanceof Error ? problem.message : String(problem)}` : '',
        truncated ? `// Showing the last ${Math.round(MAX_SHOWN_BYTES / 1e6)} MB of ${(size / 1e6).toFixed(1)} MB; the whole log: ${this.audit.filePath}` : '',
      ].filter(Boolean);
      if (!text && notes.length === 0) return '// No identity writes recorded yet. Every reset, sync, process, invite, password reset and delete adds one line here.\n';
      return `${notes.map((n) => `${n}\n`).join('')}${text}`;
    }
    const jobMatch = /^\/jobs\/([A-Za-z0-9_-]+)\.jsonl$/.exec(uri.path);
    if (jobMatch) {
      const entries = (await this.audit.readEntries()).filter((entry) => entry.operationId === jobMatch[1] || entry.retryOf === jobMatch[1]);
      if (entries.length === 0) return '// No audit line for this job yet.\n';
      return `${entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`;
    }
    const match = /^\/reports\/([0-9a-f-]{36})\/[^/]+$/.exec(uri.path);
    const report = match ? this.reportOf(match[1]) : undefined;
    return report ? reportMarkdown(report) : '# Report not available\n\nReports are kept for this session only; see “ISC: Show Activity” for the audit log.\n';
  }
}

export interface ActivityDocuments {
  /** The activity table (one panel per window). */
  showActivity(): Promise<ActivityPanel>;
  /** The raw audit file, read-only, as it is on disk (oldest first). */
  openAuditLogFile(): Promise<vscode.TextEditor>;
  showJobActivity(jobId: string): Promise<vscode.TextEditor>;
  /** "Show Details" of a run: its report, rendered. */
  showReport(report: OperationReport): Promise<void>;
}

/** Registers the document provider, the activity view and "Open Audit Log File"; `reportOf` finds a run's report. */
export function registerActivityDocuments(
  services: ExtensionServices,
  audit: AuditLog,
  jobs: JobsContext,
  reportOf: (operationId: string) => OperationReport | undefined,
): ActivityDocuments {
  const provider = new ActionsDocumentProvider(audit, reportOf);
  const { context } = services;
  const views = new ActivityViews({ audit, extensionUri: context.extensionUri, hasJob: (jobId) => jobs.store.get(jobId) !== undefined });
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(ACTIONS_SCHEME, provider),
    provider,
    views,
    audit.onDidAppend(() => provider.auditAppended()),
  );
  const documents: ActivityDocuments = {
    // Rendered, not as markdown source: the escapes that keep data from forming links or HTML are invisible there.
    showReport: async (report) => {
      await vscode.commands.executeCommand('markdown.showPreview', reportUri(report));
    },
    showJobActivity: async (jobId) => {
      const uri = vscode.Uri.from({ scheme: ACTIONS_SCHEME, path: `/jobs/${jobId}.jsonl` });
      provider.refresh(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      return vscode.window.showTextDocument(document, { preview: true });
    },
    showActivity: async () => {
      await jobs.ready; // job links need the jobs of earlier sessions
      return views.show();
    },
    openAuditLogFile: async () => {
      const same = (document: vscode.TextDocument): boolean => document.uri.toString() === AUDIT_DOCUMENT_URI.toString();
      if (vscode.workspace.textDocuments.some(same)) provider.refreshAudit(); // already loaded: bring it up to date
      const document = await vscode.workspace.openTextDocument(AUDIT_DOCUMENT_URI);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      const lastLine = document.lineCount - 1;
      editor.revealRange(new vscode.Range(lastLine, 0, lastLine, 0));
      return editor;
    },
  };
  registerCommand(services, COMMAND_IDS.openAuditLogFile, async () => {
    await documents.openAuditLogFile();
  });
  return documents;
}
