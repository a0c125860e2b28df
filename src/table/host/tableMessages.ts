// What the host does with each (already validated) message from an identities table's webview.
import * as vscode from 'vscode';
import { validateFilterExpression } from '../../api/filterValidation';
import { COMMAND_IDS } from '../../commands/commandIds';
import type { ColumnId } from '../../model/export/columns';
import { FIXED_COLUMNS, attributeColumn, attributeKeyOf, columnLabel, isAttributeKey } from '../../model/export/columns';
import type { IdentityRef } from '../../model/identityRef';
import type { CoreServices } from '../../services';
import { csvRecord, delimitedText, headerRecord } from '../../model/export/records';
import { savedFilterLabel } from '../../model/savedFilters';
import { saveQueryAsFilter } from '../../ui/savedFilterPrompts';
import { isCancellation } from '../../util/cancellation';
import type { ColumnLayout, TableAction, TableQuery, TableRenderReport, TableToHostMessage } from '../protocol';
import { TABLE_ACTIONS } from '../protocol';
import { defaultWidth } from './columnStore';
import { attributeKeysOf } from './rows';
import type { PageLoader } from './pageLoader';

/** What the message handling reads and asks of a table panel (the panel module imports this one, never the reverse). */
export interface MessageTable {
  readonly host: { readonly services: CoreServices };
  readonly tenantId: string;
  readonly label: string;
  readonly query: TableQuery;
  readonly columns: ColumnLayout[];
  readonly loader: Pick<PageLoader, 'identity' | 'loadedIdentities'>;
  sendInit(): void;
  setQuery(query: TableQuery, keepScroll?: boolean): void;
  wantPages(generation: number, pages: readonly number[]): void;
  setColumns(columns: ColumnLayout[], echo: boolean): Promise<void>;
  recordReport(report: TableRenderReport): void;
}

export async function handleTableMessage(panel: MessageTable, message: TableToHostMessage): Promise<void> {
  switch (message.type) {
    case 'ready':
      panel.sendInit();
      return;
    case 'rendered':
      panel.recordReport(message.report);
      return;
    case 'requestPages':
      panel.wantPages(message.generation, message.pages);
      return;
    case 'setSort':
      panel.setQuery({ ...panel.query, sorters: message.sorters ?? undefined });
      return;
    case 'setDefaultFilter':
      panel.setQuery({ ...panel.query, defaultFilter: message.value });
      return;
    case 'refresh':
      panel.setQuery(panel.query, true);
      return;
    case 'editFilter':
      return editFilter(panel);
    case 'pickColumns':
      return pickColumns(panel);
    case 'saveColumns':
      return panel.setColumns(message.columns, false);
    case 'openDetails': {
      const ref = refOf(panel, message.identityId);
      if (!ref) return ignored(panel, 'details of an identity the table does not show');
      await vscode.commands.executeCommand(COMMAND_IDS.openIdentityDetails, ref);
      return;
    }
    case 'runAction':
      return runAction(panel, message.action, message.identityIds);
    case 'copyRows':
      return copyRows(panel, message.format, message.identityIds, message.columns);
    case 'saveFilter':
      return saveFilter(panel);
    case 'export':
      await vscode.commands.executeCommand(COMMAND_IDS.exportIdentities, {
        tenantId: panel.tenantId,
        query: panel.query,
        columns: panel.columns.filter((c) => c.visible).map((c) => c.id),
      });
      return;
  }
}

/** The table's query becomes a saved filter of its tenant, asked and checked as the Save Filter… command does. */
async function saveFilter(panel: MessageTable): Promise<void> {
  const { ui, tenants, savedFilters, logger } = panel.host.services;
  const tenant = tenants.get(panel.tenantId);
  if (!tenant) return ignored(panel, 'saving the filter of a tenant that was removed');
  try {
    const saved = await saveQueryAsFilter(ui, savedFilters, tenant, panel.query);
    logger.info(`Identities table ${panel.tenantId}: saved its query as a saved filter.`);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Saved the filter "{0}" of {1}', savedFilterLabel(saved), tenant.label), 3000);
  } catch (error) {
    if (isCancellation(error)) return;
    void ui.showMessage('error', error instanceof Error ? error.message : String(error));
  }
}

function ignored(panel: MessageTable, what: string): void {
  panel.host.services.logger.warn(`Identities table ${panel.tenantId}: ignored ${what}.`);
}

/** Only identities the table loaded can be named by the webview; their names come from the API, not from it. */
function refOf(panel: MessageTable, identityId: string): IdentityRef | undefined {
  const identity = panel.loader.identity(identityId);
  if (!identity) return undefined;
  return { tenantId: panel.tenantId, identityId, name: typeof identity.name === 'string' && identity.name ? identity.name : identityId };
}

const ACTION_COMMANDS: Record<TableAction, string> = {
  processIdentities: COMMAND_IDS.processIdentities,
  synchronizeAttributes: COMMAND_IDS.synchronizeAttributes,
  resetIdentity: COMMAND_IDS.resetIdentity,
  inviteIdentities: COMMAND_IDS.inviteIdentities,
  sendPasswordResetEmail: COMMAND_IDS.sendPasswordResetEmail,
  deleteIdentity: COMMAND_IDS.deleteIdentity,
};

async function runAction(panel: MessageTable, action: TableAction, identityIds: readonly string[]): Promise<void> {
  // The validator limited `action` to the list; check again right where the command id is chosen.
  if (!(TABLE_ACTIONS as readonly string[]).includes(action)) return;
  const refs = identityIds.map((id) => refOf(panel, id)).filter((ref): ref is IdentityRef => ref !== undefined);
  if (refs.length < identityIds.length) ignored(panel, `${identityIds.length - refs.length} selected identities that are no longer loaded`);
  if (refs.length === 0) {
    void panel.host.services.ui.showMessage('warning', vscode.l10n.t('The selected identities are no longer loaded; scroll to them or refresh the table.'));
    return;
  }
  panel.host.services.logger.info(`Identities table ${panel.tenantId}: running ${ACTION_COMMANDS[action]} on ${refs.length} identities.`);
  // The same command as the tree's and the palette's, so the same guard (read-only, confirmation, audit) applies.
  await vscode.commands.executeCommand(ACTION_COMMANDS[action], refs[0], refs);
}

async function copyRows(panel: MessageTable, format: 'csv' | 'tsv', identityIds: readonly string[], columns: readonly ColumnId[]): Promise<void> {
  const identities = identityIds.map((id) => panel.loader.identity(id)).filter((identity) => identity !== undefined);
  if (identities.length === 0 || columns.length === 0) return;
  const text = delimitedText([headerRecord(columns), ...identities.map((identity) => csvRecord(identity, columns))], { delimiter: format === 'tsv' ? '\t' : ',' });
  await vscode.env.clipboard.writeText(text);
  const missing = identityIds.length - identities.length;
  vscode.window.setStatusBarMessage(
    missing > 0
      ? vscode.l10n.t('Copied {0} rows as {1} ({2} no longer loaded)', identities.length, format.toUpperCase(), missing)
      : vscode.l10n.t('Copied {0} rows as {1}', identities.length, format.toUpperCase()),
    3000,
  );
}

async function editFilter(panel: MessageTable): Promise<void> {
  const query = panel.query;
  const typed = await panel.host.services.ui.showInputBox({
    title: vscode.l10n.t('Filter the identities table of {0}', panel.label),
    prompt: vscode.l10n.t('A list-identities filter, e.g. name sw "Jo" and correlated eq true. Empty: no filter. The tree keeps its own filter.'),
    value: query.filters ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? validateFilterExpression(text.trim()) : undefined),
  });
  if (typed === undefined) return;
  panel.setQuery({ ...query, filters: typed.trim() || undefined });
}

interface ColumnItem extends vscode.QuickPickItem {
  column?: ColumnId;
  addTyped?: boolean;
}

/** Fixed columns, then the attribute keys of the loaded rows, then "type a key": picked = visible. */
async function pickColumns(panel: MessageTable): Promise<void> {
  const layout = panel.columns;
  const visible = new Set(layout.filter((c) => c.visible).map((c) => c.id));
  const known = new Set<ColumnId>(layout.map((c) => c.id));
  const attributeIds: ColumnId[] = attributeKeysOf(panel.loader.loadedIdentities()).map(attributeColumn);
  for (const c of layout) if (attributeKeyOf(c.id) !== undefined && !attributeIds.includes(c.id)) attributeIds.unshift(c.id);
  const items: ColumnItem[] = [
    { label: vscode.l10n.t('Identity fields'), kind: vscode.QuickPickItemKind.Separator },
    ...FIXED_COLUMNS.map((c) => ({ label: c.label, description: c.serverSort ? vscode.l10n.t('sortable on the server') : undefined, column: c.id, picked: visible.has(c.id) })),
    { label: vscode.l10n.t('Attributes'), kind: vscode.QuickPickItemKind.Separator },
    ...attributeIds.map((id) => ({ label: columnLabel(id), description: known.has(id) ? undefined : vscode.l10n.t('seen in the loaded rows'), column: id, picked: visible.has(id) })),
    { label: vscode.l10n.t('$(add) Another attribute key…'), addTyped: true },
  ];
  const picked = await panel.host.services.ui.showQuickPickMany(items, {
    title: vscode.l10n.t('Columns of the identities table of {0}', panel.label),
    placeHolder: vscode.l10n.t('Choose the columns to show; order and width are changed in the table header'),
    matchOnDescription: true,
  });
  if (!picked) return;
  const chosen = new Set(picked.filter((i) => i.column).map((i) => i.column as ColumnId));
  if (picked.some((i) => i.addTyped)) {
    const typed = await panel.host.services.ui.showInputBox({
      title: vscode.l10n.t('Attribute keys to add as columns'),
      prompt: vscode.l10n.t('One or more attribute keys, separated by commas (e.g. department, costCenter)'),
      validateInput: (text) => {
        const bad = splitKeys(text).find((key) => !isAttributeKey(key));
        return bad ? vscode.l10n.t('"{0}" is not an attribute key', bad.slice(0, 60)) : undefined;
      },
    });
    for (const key of splitKeys(typed ?? '')) chosen.add(attributeColumn(key));
  }
  if (chosen.size === 0) return;
  const next: ColumnLayout[] = layout.map((c) => ({ ...c, visible: chosen.has(c.id) }));
  for (const id of chosen) if (!known.has(id)) next.push({ id, width: defaultWidth(id), visible: true });
  await panel.setColumns(next, true);
}

function splitKeys(text: string): string[] {
  return text.split(',').map((key) => key.trim()).filter(Boolean);
}
