// The questions of "Export Identities…": which filter, which columns, which format, which file. Whatever the
// request already names (the table passes its query and columns; tests and scripts pass everything) is not asked.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { validateFilterExpression } from '../../api/filterValidation';
import type { ColumnId } from '../../model/export/columns';
import { DEFAULT_TABLE_COLUMNS, FIXED_COLUMNS, attributeColumn, columnLabel, isAttributeKey, isColumnId } from '../../model/export/columns';
import type { ExportQuery, InterruptedExport } from '../../model/export/interrupted';
import { describeProgress } from '../../model/export/interrupted';
import type { ExportFormat } from '../../model/export/records';
import { isValidSorters } from '../../model/viewState';
import type { TenantInfo } from '../../model/tenant';
import type { CoreServices } from '../../services';
import { attributeKeysOf } from '../host/rows';
import type { UserInput } from '../../ui/userInput';

/** What the export command accepts as its argument (all optional but the tenant). */
export interface ExportRequest {
  tenantId: string;
  query?: ExportQuery;
  columns?: ColumnId[];
  format?: ExportFormat;
  bom?: boolean;
  /** Absolute path of the file: given, no save dialog is shown and nothing is asked. */
  target?: string;
  /** Id of an interrupted export to resume. */
  resume?: string;
}

export type ExportChoice =
  | { kind: 'new'; query: ExportQuery; columns: ColumnId[]; format: ExportFormat; bom: boolean; target: string }
  | { kind: 'resume'; entry: InterruptedExport };

const DEFAULT_EXPORT_COLUMNS: readonly ColumnId[] = ['id', ...DEFAULT_TABLE_COLUMNS];

/** The request in the command's argument, checked field by field (anything malformed is left out). */
export function exportRequestOf(arg: unknown, tenantId: string): ExportRequest {
  const r = arg && typeof arg === 'object' ? (arg as Record<string, unknown>) : {};
  const request: ExportRequest = { tenantId };
  const q = r.query && typeof r.query === 'object' ? (r.query as Record<string, unknown>) : undefined;
  if (q) {
    const filters = typeof q.filters === 'string' && q.filters.trim() ? q.filters.trim() : undefined;
    const problem = filters ? validateFilterExpression(filters) : undefined;
    if (problem) throw new Error(problem);
    const sorters = typeof q.sorters === 'string' && isValidSorters(q.sorters) ? q.sorters : undefined;
    request.query = { filters, sorters, defaultFilter: q.defaultFilter === 'CORRELATED_ONLY' ? 'CORRELATED_ONLY' : 'NONE' };
  }
  if (Array.isArray(r.columns)) {
    const columns = [...new Set(r.columns.filter(isColumnId))];
    if (columns.length > 0) request.columns = columns;
  }
  if (r.format === 'csv' || r.format === 'jsonl') request.format = r.format;
  if (typeof r.bom === 'boolean') request.bom = r.bom;
  if (typeof r.target === 'string' && path.isAbsolute(r.target)) request.target = r.target;
  if (typeof r.resume === 'string') request.resume = r.resume;
  return request;
}

export async function askExport(services: CoreServices, tenant: TenantInfo, request: ExportRequest, interrupted: InterruptedExport[]): Promise<ExportChoice | undefined> {
  const treeQuery = services.viewStates.get(tenant.id);
  const current: ExportQuery = request.query ?? { filters: treeQuery.filters, sorters: treeQuery.sorters, defaultFilter: treeQuery.defaultFilter };
  if (request.target) {
    return { kind: 'new', query: current, columns: request.columns ?? [...DEFAULT_EXPORT_COLUMNS], format: request.format ?? 'csv', bom: request.bom ?? false, target: request.target };
  }
  if (interrupted.length > 0 && !request.query) {
    const resume = await pickResume(services.ui, interrupted);
    if (resume === undefined) return undefined;
    if (resume !== 'new') return { kind: 'resume', entry: resume };
  }
  const query = await pickQuery(services.ui, tenant, current, request.query !== undefined);
  if (!query) return undefined;
  const columns = await pickColumns(services, tenant, query, request.columns ?? [...DEFAULT_EXPORT_COLUMNS]);
  if (!columns) return undefined;
  const format = request.format ? { format: request.format, bom: request.bom ?? false } : await pickFormat(services.ui);
  if (!format) return undefined;
  const target = await pickTarget(services.ui, tenant, format.format);
  if (!target) return undefined;
  return { kind: 'new', query, columns, ...format, target };
}

async function pickResume(ui: UserInput, interrupted: InterruptedExport[]): Promise<InterruptedExport | 'new' | undefined> {
  const items = [
    { label: vscode.l10n.t('$(export) Start a new export'), entry: 'new' as const },
    ...interrupted.map((entry) => ({
      label: vscode.l10n.t('$(debug-continue) Resume {0}', path.basename(entry.target)),
      description: describeProgress(entry.checkpoint.written, entry.checkpoint.total),
      detail: `${entry.target} · ${new Date(entry.updatedAt).toLocaleString()}${entry.reason ? ` · ${entry.reason}` : ''}`,
      entry,
    })),
  ];
  const picked = await ui.showQuickPick(items, { title: vscode.l10n.t('Export identities'), placeHolder: vscode.l10n.t('An earlier export stopped before the end') });
  return picked?.entry;
}

async function pickQuery(ui: UserInput, tenant: TenantInfo, current: ExportQuery, fromTable: boolean): Promise<ExportQuery | undefined> {
  type Item = vscode.QuickPickItem & { choice: 'current' | 'none' | 'typed' };
  const items: Item[] = [];
  if (current.filters) {
    items.push({ label: fromTable ? vscode.l10n.t('The table\'s filter') : vscode.l10n.t('The current filter'), description: current.filters.replace(/\$\(/g, '\\$('), choice: 'current' });
  }
  items.push({ label: vscode.l10n.t('All identities (no filter)'), description: current.defaultFilter === 'CORRELATED_ONLY' ? vscode.l10n.t('correlated only') : undefined, choice: 'none' });
  items.push({ label: vscode.l10n.t('Type a filter…'), choice: 'typed' });
  const picked = await ui.showQuickPick(items, { title: vscode.l10n.t('Export identities of {0}: which identities?', tenant.label) });
  if (!picked) return undefined;
  if (picked.choice === 'current') return current;
  if (picked.choice === 'none') return { ...current, filters: undefined };
  const typed = await ui.showInputBox({
    title: vscode.l10n.t('Filter of the export'),
    prompt: vscode.l10n.t('A list-identities filter, e.g. processingState eq "ERROR" or name sw "Jo"'),
    value: current.filters ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? validateFilterExpression(text.trim()) : vscode.l10n.t('Type a filter, or go back and choose "All identities"')),
  });
  return typed === undefined ? undefined : { ...current, filters: typed.trim() };
}

async function pickColumns(services: CoreServices, tenant: TenantInfo, query: ExportQuery, preset: ColumnId[]): Promise<ColumnId[] | undefined> {
  const chosen = new Set(preset);
  // One small request shows which attribute keys this tenant's identities carry.
  let sampleKeys: string[] = [];
  try {
    const client = await services.tenants.getClient(tenant.id);
    const sample = await client.listIdentities({ filters: query.filters, defaultFilter: query.defaultFilter, limit: 50 });
    sampleKeys = attributeKeysOf(sample.items);
  } catch (error) {
    services.logger.debug(`Export: no attribute sample (${String(error)}).`);
  }
  const attributeIds = [...new Set([...preset.filter((c) => c.startsWith('attr:')), ...sampleKeys.map(attributeColumn)])];
  type Item = vscode.QuickPickItem & { column?: ColumnId; typed?: boolean };
  const items: Item[] = [
    { label: vscode.l10n.t('Identity fields'), kind: vscode.QuickPickItemKind.Separator },
    ...FIXED_COLUMNS.map((c) => ({ label: c.label, column: c.id, picked: chosen.has(c.id) })),
    { label: vscode.l10n.t('Attributes'), kind: vscode.QuickPickItemKind.Separator },
    ...attributeIds.map((id) => ({ label: columnLabel(id), column: id, picked: chosen.has(id) })),
    { label: vscode.l10n.t('$(add) Other attribute keys…'), typed: true },
  ];
  const picked = await services.ui.showQuickPickMany(items, { title: vscode.l10n.t('Columns of the export'), matchOnDescription: true });
  if (!picked) return undefined;
  const columns = picked.filter((i) => i.column).map((i) => i.column as ColumnId);
  if (picked.some((i) => i.typed)) {
    const typed = await services.ui.showInputBox({
      title: vscode.l10n.t('Attribute keys to export'),
      prompt: vscode.l10n.t('Attribute keys separated by commas (e.g. department, costCenter)'),
      validateInput: (text) => {
        const bad = text.split(',').map((k) => k.trim()).filter(Boolean).find((k) => !isAttributeKey(k));
        return bad ? vscode.l10n.t('"{0}" is not an attribute key', bad.slice(0, 60)) : undefined;
      },
    });
    if (typed === undefined) return undefined;
    for (const key of typed.split(',').map((k) => k.trim()).filter(Boolean)) columns.push(attributeColumn(key));
  }
  const distinct = [...new Set(columns)];
  return distinct.length > 0 ? distinct : undefined;
}

async function pickFormat(ui: UserInput): Promise<{ format: ExportFormat; bom: boolean } | undefined> {
  const items = [
    { label: 'CSV', description: vscode.l10n.t('RFC 4180, UTF-8'), format: 'csv' as const, bom: false },
    { label: vscode.l10n.t('CSV for Excel'), description: vscode.l10n.t('UTF-8 with a byte order mark'), format: 'csv' as const, bom: true },
    { label: 'JSON Lines', description: vscode.l10n.t('one JSON object per identity'), format: 'jsonl' as const, bom: false },
  ];
  const picked = await ui.showQuickPick(items, { title: vscode.l10n.t('Format of the export'), placeHolder: vscode.l10n.t('Cells that a spreadsheet would run as formulas are prefixed with \' in CSV') });
  return picked && { format: picked.format, bom: picked.bom };
}

function fileSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'tenant';
}

async function pickTarget(ui: UserInput, tenant: TenantInfo, format: ExportFormat): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const extension = format === 'csv' ? 'csv' : 'jsonl';
  const name = `identities-${fileSlug(tenant.label)}-${new Date().toISOString().slice(0, 10)}.${extension}`;
  const uri = await ui.showSaveDialog({
    title: vscode.l10n.t('Export identities to'),
    defaultUri: vscode.Uri.file(path.join(folder, name)),
    filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl', 'ndjson'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!uri) return undefined;
  if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Exports are written to local files only.'));
  return uri.fsPath;
}
