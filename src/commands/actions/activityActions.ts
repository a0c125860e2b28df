// "Show Activity" (the audit log, read-only) and the "Show Details" report of one run, both as virtual documents:
// VS Code shows virtual documents read-only, and nothing here can write the audit file.
import * as vscode from 'vscode';
import type { ActionRuntime } from './actionRuntime';
import type { OperationReport } from '../../model/actions/operations';
import { reportMarkdown, reportTitle } from '../../model/actions/report';

const MAX_SHOWN_BYTES = 5_000_000;
const ACTIONS_SCHEME = 'isc-identity-actions';
const AUDIT_DOCUMENT_URI = vscode.Uri.from({ scheme: ACTIONS_SCHEME, path: '/ISC activity (audit.jsonl).jsonl' });

/** The report's document; its last path segment is the title the preview tab shows ("Preview Synchronize attributes — 10:42:07"). */
function reportUri(report: OperationReport): vscode.Uri {
  return vscode.Uri.from({ scheme: ACTIONS_SCHEME, path: `/reports/${report.operationId}/${reportTitle(report).replace(/[/\\]/g, ' ')}` });
}

class ActionsDocumentProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly runtime: ActionRuntime) {}

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
      const { text, truncated, size } = await this.runtime.audit.readTail(MAX_SHOWN_BYTES);
      const problem = this.runtime.audit.writeError;
      const notes = [
        problem ? `// Note: the last append failed: ${problem instanceof Error ? problem.message : String(problem)}` : '',
        truncated ? `// Showing the last ${Math.round(MAX_SHOWN_BYTES / 1e6)} MB of ${(size / 1e6).toFixed(1)} MB; the whole log: ${this.runtime.audit.filePath}` : '',
      ].filter(Boolean);
      if (!text && notes.length === 0) return '// No identity writes recorded yet. Every reset, sync, process, invite, password reset and delete adds one line here.\n';
      return `${notes.map((n) => `${n}\n`).join('')}${text}`;
    }
    const jobMatch = /^\/jobs\/([A-Za-z0-9_-]+)\.jsonl$/.exec(uri.path);
    if (jobMatch) {
      const entries = (await this.runtime.audit.readEntries()).filter((entry) => entry.operationId === jobMatch[1] || entry.retryOf === jobMatch[1]);
      if (entries.length === 0) return '// No audit line for this job yet.\n';
      return `${entries.map((entry) => JSON.stringify(entry)).join('\n')}\n`;
    }
    const match = /^\/reports\/([0-9a-f-]{36})\/[^/]+$/.exec(uri.path);
    const report = match ? this.runtime.report(match[1]) : undefined;
    return report ? reportMarkdown(report) : '# Report not available\n\nReports are kept for this session only; see “ISC: Show Activity” for the audit log.\n';
  }
}

/** Registers the document provider and wires `runtime.showReport`; returns the "show activity" function. */
export function registerActivityDocuments(runtime: ActionRuntime): { showActivity(): Promise<vscode.TextEditor>; showJobActivity(jobId: string): Promise<vscode.TextEditor> } {
  const provider = new ActionsDocumentProvider(runtime);
  const { context } = runtime.services;
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(ACTIONS_SCHEME, provider),
    provider,
    runtime.audit.onDidAppend(() => provider.auditAppended()),
  );
  // Rendered, not as markdown source: the escapes that keep data from forming links or HTML are invisible there.
  runtime.showReport = async (report) => {
    await vscode.commands.executeCommand('markdown.showPreview', reportUri(report));
  };
  return {
    showJobActivity: async (jobId) => {
      const uri = vscode.Uri.from({ scheme: ACTIONS_SCHEME, path: `/jobs/${jobId}.jsonl` });
      provider.refresh(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      return vscode.window.showTextDocument(document, { preview: true });
    },
    showActivity: async () => {
      const same = (document: vscode.TextDocument): boolean => document.uri.toString() === AUDIT_DOCUMENT_URI.toString();
      if (vscode.workspace.textDocuments.some(same)) provider.refreshAudit(); // already loaded: bring it up to date
      const document = await vscode.workspace.openTextDocument(AUDIT_DOCUMENT_URI);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      const lastLine = document.lineCount - 1;
      editor.revealRange(new vscode.Range(lastLine, 0, lastLine, 0));
      return editor;
    },
  };
}
