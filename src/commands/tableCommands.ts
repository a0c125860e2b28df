// The identities table and the export: "Open Identities Table", "Export Identities…", the table's serializer,
// and the handle integration tests get.
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExportProgress } from '../model/export/exporter';
import { partialPathOf } from '../model/export/fileSink';
import type { InterruptedExport } from '../model/export/interrupted';
import { describeProgress } from '../model/export/interrupted';
import type { CoreServices } from '../services';
import type { ExportJob, ExportOutcome } from '../table/export/exportRunner';
import { ExportRunner } from '../table/export/exportRunner';
import { askExport, exportRequestOf } from '../table/export/exportPrompts';
import { InterruptedExportStore } from '../table/export/interruptedStore';
import { TableManager } from '../table/host/tableManager';
import type { ColumnLayout, TableQuery, TableRenderReport } from '../table/protocol';
import { TABLE_VIEW_TYPE } from '../table/protocol';
import { UserCancelledError } from '../util/cancellation';
import { COMMAND_IDS } from './commandIds';
import { resolveTenant } from './commandArgs';
import { registerCommand } from './commandWrapper';
import { savedFilterOfArg } from './savedFilterCommands';
import { viewStateOf } from '../model/savedFilters';

/** The handle tests get as `ExtensionTestHandle.table`. */
export interface IdentitiesTableApi {
  readonly viewType: string;
  isOpen(tenantId: string): boolean;
  query(tenantId: string): TableQuery | undefined;
  columns(tenantId: string): ColumnLayout[] | undefined;
  /** list-identities requests the table of `tenantId` started since it opened. */
  listRequests(tenantId: string): number;
  getReport(tenantId: string): TableRenderReport | undefined;
  /** Resolves with the first report of the table that matches `predicate` (the current one included). */
  waitForReport(tenantId: string, predicate: (report: TableRenderReport) => boolean, timeoutMs?: number): Promise<TableRenderReport>;
  /** Test hook: delivers `message` as if the table's webview posted it (same validation and handling). */
  simulateWebviewMessage(tenantId: string, message: unknown): void;
  closeAll(): void;
  exportProgress(): { id: string; progress?: ExportProgress }[];
  /** Same as Cancel in every running export's notification. */
  cancelExports(): void;
  interruptedExports(): InterruptedExport[];
}

function newExportId(): string {
  return `export-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export function registerTableCommands(services: CoreServices): IdentitiesTableApi {
  const { context, tenants } = services;
  const manager = new TableManager(services, context.extensionUri);
  const store = new InterruptedExportStore(context.globalState);
  const runner = new ExportRunner(services, store);
  context.subscriptions.push(
    manager,
    vscode.window.registerWebviewPanelSerializer(TABLE_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state: unknown) => manager.restore(webviewPanel, state),
    }),
  );

  registerCommand(services, COMMAND_IDS.openIdentitiesTable, async (arg?: unknown) => {
    const tenant = await resolveTenant(services.ui, tenants, arg, vscode.l10n.t('Open the identities table of which tenant?'));
    // From a saved filter row: the table lists that saved filter; the tree keeps its own query.
    const saved = savedFilterOfArg(services, arg);
    manager.open(tenant.id, saved && viewStateOf(saved));
    return tenant.id;
  });

  registerCommand(services, COMMAND_IDS.exportIdentities, async (arg?: unknown): Promise<ExportOutcome> => {
    const resumeId = arg && typeof arg === 'object' ? (arg as { resume?: unknown }).resume : undefined;
    let job: ExportJob;
    if (typeof resumeId === 'string') {
      const entry = store.get(resumeId);
      if (!entry) throw new Error(vscode.l10n.t('That export cannot be resumed any more.'));
      if (runner.isRunning(entry.id)) throw new Error(vscode.l10n.t('That export is still running.'));
      job = resumeJob(services, entry);
    } else {
      const tenant = await resolveTenant(services.ui, tenants, arg, vscode.l10n.t('Export the identities of which tenant?'));
      const resumable = store.list(tenant.id).filter((entry) => !runner.isRunning(entry.id));
      const choice = await askExport(services, tenant, exportRequestOf(arg, tenant.id), resumable);
      if (!choice) throw new UserCancelledError();
      job =
        choice.kind === 'resume'
          ? resumeJob(services, choice.entry)
          : { id: newExportId(), tenantId: tenant.id, tenantLabel: tenant.label, target: choice.target, format: choice.format, bom: choice.bom, columns: choice.columns, query: choice.query };
    }
    const outcome = await runner.run(job);
    announce(services, outcome, store);
    return outcome;
  });

  const tableOf = (tenantId: string) => manager.get(tenantId);
  return {
    viewType: TABLE_VIEW_TYPE,
    isOpen: (tenantId) => tableOf(tenantId) !== undefined,
    query: (tenantId) => tableOf(tenantId)?.query,
    columns: (tenantId) => tableOf(tenantId)?.columns,
    listRequests: (tenantId) => tableOf(tenantId)?.loader.requests ?? 0,
    getReport: (tenantId) => tableOf(tenantId)?.lastReport,
    waitForReport: async (tenantId, predicate, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const table = tableOf(tenantId);
        if (table) return table.waitForReport(predicate, Math.max(1, deadline - Date.now()));
        if (Date.now() > deadline) throw new Error(vscode.l10n.t('No identities table is open for {0}.', tenantId));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    simulateWebviewMessage: (tenantId, message) => {
      const table = tableOf(tenantId);
      if (!table) throw new Error(vscode.l10n.t('No identities table is open for {0}.', tenantId));
      table.receive(message);
    },
    closeAll: () => manager.all().forEach((table) => table.dispose()),
    exportProgress: () => runner.progress(),
    cancelExports: () => runner.cancelAll(),
    interruptedExports: () => store.list(),
  };
}

function resumeJob(services: CoreServices, entry: InterruptedExport): ExportJob {
  const tenant = services.tenants.get(entry.tenantId);
  if (!tenant) throw new Error(vscode.l10n.t('The tenant of that export is gone.'));
  return { id: entry.id, tenantId: entry.tenantId, tenantLabel: tenant.label, target: entry.target, format: entry.format, bom: entry.bom, columns: entry.columns, query: entry.query, resume: entry };
}

/** The outcome as a notification; not awaited, so the command returns as soon as the export ended. */
function announce(services: CoreServices, outcome: ExportOutcome, store: InterruptedExportStore): void {
  const { ui } = services;
  const file = path.basename(outcome.target);
  const counts = describeProgress(outcome.written, outcome.total);
  if (outcome.status === 'completed') {
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Reveal in File Explorer');
    void ui.showMessage('info', vscode.l10n.t('Exported {0} identities to {1}.', outcome.written.toLocaleString('en-US'), file), open, reveal).then((choice) => {
      const uri = vscode.Uri.file(outcome.target);
      if (choice === open) void vscode.commands.executeCommand('vscode.open', uri);
      if (choice === reveal) void vscode.commands.executeCommand('revealFileInOS', uri);
    });
  } else if (outcome.status === 'cancelled') {
    void ui.showMessage('info', vscode.l10n.t('Export cancelled after {0} identities; the partial file was removed.', counts));
  } else if (outcome.partialPath) {
    const resume = vscode.l10n.t('Resume');
    const remove = vscode.l10n.t('Delete Partial File');
    void ui
      .showMessage('error', vscode.l10n.t('Export stopped after {0} identities: {1} The rows written so far are in {2}.', counts, outcome.message ?? '', path.basename(outcome.partialPath)), resume, remove)
      .then(async (choice) => {
        if (choice === resume) await vscode.commands.executeCommand(COMMAND_IDS.exportIdentities, { resume: outcome.id });
        if (choice === remove) {
          await fs.rm(partialPathOf(outcome.target), { force: true });
          await store.remove(outcome.id);
        }
      });
  } else {
    void ui.showMessage('error', vscode.l10n.t('Export failed: {0}', outcome.message ?? ''));
  }
}
