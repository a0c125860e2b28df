// The message protocol between the identities-table host (extension) and its webview app (browser).
// Shared by src/table/host and src/table/app: no `vscode`, no Node, no DOM. Types plus runtime guards.
import type { ColumnId, FixedColumnId } from '../model/export/columns';
import { isColumnId } from '../model/export/columns';
import type { FieldCheck, TypedParseResult } from '../model/messageChecks';
import { booleanField, enumField, idField, intField, isOneOf, isPlainObject, listField, objectField, parseTypedMessage, textField } from '../model/messageChecks';
import { hasPageStrings } from '../model/pageStrings';
import { isValidSorters } from '../model/viewState';

export const TABLE_VIEW_TYPE = 'iscExplorer.identitiesTable';

/** Rows per list-identities request and per page of the table (ISC's maximum). */
export const TABLE_PAGE_SIZE = 250;

/** Identity actions (commands `iscExplorer.<name>`), the only ones the table may run. */
export const TABLE_ACTIONS = [
  'processIdentities',
  'synchronizeAttributes',
  'resetIdentity',
  'inviteIdentities',
  'sendPasswordResetEmail',
  'deleteIdentity',
] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

export const LIMITS = {
  idLength: 128,
  /** Pages one `requestPages` may name (a viewport spans two; a few more for prefetch). */
  pagesPerRequest: 8,
  /** Highest page index (250 × 400,000 = 100 M identities). */
  maxPage: 400_000,
  /** Identities one action or copy may name. */
  selection: 10_000,
  columns: 100,
  minWidth: 40,
  maxWidth: 2000,
  reportText: 4096,
  reportRows: 100,
  quickFilter: 1024,
} as const;

type DefaultFilter = 'NONE' | 'CORRELATED_ONLY';

/** The table's own list query: starts as the tree's, changes only in the table. */
export interface TableQuery {
  filters?: string;
  sorters?: string;
  defaultFilter: DefaultFilter;
}

export interface ColumnLayout {
  id: ColumnId;
  width: number;
  visible: boolean;
}

export interface TableTenant {
  id: string;
  label: string;
  readOnly: boolean;
}

/** One identity as the app shows it: text only (the host turned every value into text). */
export interface TableRow {
  id: string;
  fields: Partial<Record<FixedColumnId, string>>;
  attributes: Record<string, string>;
}

// ---------------------------------------------------------------- page texts

/** Every text the page shows, by key; templates with `{0}`… are filled by the page. Localized by the host. */
export const TABLE_STRING_KEYS = [
  'toolbarLabel', 'tenantReadOnly', 'noFilter', 'filterLabel', 'filterTitle', 'addFilterTitle', 'allIdentities',
  'correlatedOnly', 'defaultFilterTitle', 'quickFilterPlaceholder', 'quickFilterLabel', 'columns', 'columnsTitle',
  'refresh', 'export', 'exportTitle', 'selectionLabel', 'selected', 'focusedRow', 'noSelection', 'selectAll',
  'selectAllTitle', 'clearSelection', 'clearSelectionTitle', 'actionProcess', 'actionProcessTitle',
  'actionSynchronize', 'actionSynchronizeTitle', 'actionReset', 'actionResetTitle', 'actionInvite',
  'actionInviteTitle', 'actionPasswordReset', 'actionPasswordResetTitle', 'actionDelete', 'actionDeleteTitle',
  'copyCsv', 'copyCsvTitle', 'copyTsv', 'copyTsvTitle', 'loadedOf', 'loaded', 'localShown', 'sortedLocal',
  'sortedServer', 'loadMore', 'gridLabel', 'headerTitle', 'sortHintServer', 'sortHintLocal', 'loadedRowsBadge',
  'loadedRowsBadgeTitle', 'rowLoading', 'rowsError', 'retry', 'columnName', 'columnAlias', 'columnEmail',
  'columnIdentityStatus', 'columnProcessingState', 'columnLifecycleState', 'columnManager', 'columnIsManager',
  'columnProtected', 'columnCreated', 'columnModified', 'columnLastRefresh', 'columnId',
  'saveFilter', 'saveFilterTitle',
] as const;
export type TableStrings = Record<(typeof TABLE_STRING_KEYS)[number], string>;

/** The page's check of `init.strings`: every key present, a string, capped. */
export function isTableStrings(value: unknown): value is TableStrings {
  return hasPageStrings(value, TABLE_STRING_KEYS);
}

// ---------------------------------------------------------------- host -> webview

export type HostToTableMessage =
  | { type: 'init'; strings: TableStrings; tenant: TableTenant; query: TableQuery; generation: number; columns: ColumnLayout[]; pageSize: number }
  /** The list changed (sort, filter, refresh): every loaded page is stale. `keepScroll` after a refresh. */
  | { type: 'query'; query: TableQuery; generation: number; keepScroll: boolean }
  | { type: 'page'; generation: number; page: number; rows: TableRow[]; total?: number; end: boolean }
  | { type: 'pageError'; generation: number; page: number; message: string }
  | { type: 'columns'; columns: ColumnLayout[] }
  | { type: 'tenant'; tenant: TableTenant }
  /** A line for the status bar (e.g. a long wait for the rate limit); empty clears it. */
  | { type: 'notice'; text: string };

const HOST_MESSAGE_TYPES = ['init', 'query', 'page', 'pageError', 'columns', 'tenant', 'notice'] as const;

/** Shallow check the app runs on what it receives (it renders defensively anyway). */
export function isHostToTableMessage(value: unknown): value is HostToTableMessage {
  if (!isPlainObject(value) || !isOneOf(value.type, HOST_MESSAGE_TYPES)) return false;
  switch (value.type) {
    case 'init':
      return isTableStrings(value.strings) && isPlainObject(value.tenant) && isPlainObject(value.query) && typeof value.generation === 'number' && Array.isArray(value.columns);
    case 'query':
      return isPlainObject(value.query) && typeof value.generation === 'number';
    case 'page':
      return typeof value.generation === 'number' && typeof value.page === 'number' && Array.isArray(value.rows);
    case 'pageError':
      return typeof value.generation === 'number' && typeof value.page === 'number' && typeof value.message === 'string';
    case 'columns':
      return Array.isArray(value.columns);
    case 'tenant':
      return isPlainObject(value.tenant);
    case 'notice':
      return typeof value.text === 'string';
  }
}

// ---------------------------------------------------------------- webview -> host

/** What the app reports after it painted: evidence for tests (read back from the DOM it built). */
export interface TableRenderReport {
  seq: number;
  generation: number;
  /** Rows the grid spans (the total, or what is known of it). */
  rowCount: number;
  total?: number;
  loadedRows: number;
  mode: 'server' | 'local';
  firstVisibleIndex: number;
  /** Names of the rows painted in the viewport, in order (placeholders as ""), at most 100. */
  visibleNames: string[];
  placeholders: number;
  selected: number;
  focusedIndex?: number;
  quickFilter?: string;
  /** `name`, `-alias`: the sort shown on the header; `local:` prefix when it sorts the loaded rows only. */
  sort?: string;
  columns: string[];
}

export type TableToHostMessage =
  | { type: 'ready' }
  | { type: 'requestPages'; generation: number; pages: number[] }
  | { type: 'setSort'; sorters: string | null }
  | { type: 'setDefaultFilter'; value: DefaultFilter }
  | { type: 'editFilter' }
  | { type: 'refresh' }
  | { type: 'pickColumns' }
  | { type: 'saveColumns'; columns: ColumnLayout[] }
  | { type: 'openDetails'; identityId: string }
  | { type: 'runAction'; action: TableAction; identityIds: string[] }
  | { type: 'copyRows'; format: 'csv' | 'tsv'; identityIds: string[]; columns: ColumnId[] }
  | { type: 'export' }
  /** Save the table's query (filter, sort, default filter) as a saved filter of its tenant; the tree keeps its own. */
  | { type: 'saveFilter' }
  | { type: 'rendered'; report: TableRenderReport };

type TableMessageType = TableToHostMessage['type'];

export type TableParseResult = TypedParseResult<TableToHostMessage>;

const identityIdField = idField(LIMITS.idLength);

const columnField: FieldCheck = (v) => (isColumnId(v) ? undefined : 'not a column');

const sortersField: FieldCheck = (v) => (v === null || (typeof v === 'string' && v.length <= 64 && isValidSorters(v)) ? undefined : 'not a sorter');

const layoutField = objectField({ id: columnField, width: intField(LIMITS.minWidth, LIMITS.maxWidth), visible: booleanField() }, ['id', 'width', 'visible']);

const layoutListField: FieldCheck = (v) => {
  const problem = listField(LIMITS.columns, layoutField)(v);
  if (problem) return problem;
  const ids = (v as { id: string }[]).map((c) => c.id);
  return new Set(ids).size === ids.length ? undefined : 'repeated columns';
};

const REPORT_FIELDS: Record<keyof TableRenderReport, FieldCheck> = {
  seq: intField(0, 1e9),
  generation: intField(0, 1e9),
  rowCount: intField(0, 1e9),
  total: intField(0, 1e9, true),
  loadedRows: intField(0, 1e9),
  mode: enumField(['server', 'local']),
  firstVisibleIndex: intField(0, 1e9),
  visibleNames: listField(LIMITS.reportRows, textField(LIMITS.reportText)),
  placeholders: intField(0, 1e6),
  selected: intField(0, 1e9),
  focusedIndex: intField(0, 1e9, true),
  quickFilter: textField(LIMITS.quickFilter, true),
  sort: textField(80, true),
  columns: listField(LIMITS.columns, textField(140)),
};
const REPORT_REQUIRED: readonly (keyof TableRenderReport)[] = ['seq', 'generation', 'rowCount', 'loadedRows', 'mode', 'firstVisibleIndex', 'visibleNames', 'placeholders', 'selected', 'columns'];

const reportField = objectField(REPORT_FIELDS, REPORT_REQUIRED);

/** Allowed fields per message type; every listed field is required, no other field is allowed. */
const MESSAGE_FIELDS: Record<TableMessageType, Record<string, FieldCheck>> = {
  ready: {},
  editFilter: {},
  refresh: {},
  pickColumns: {},
  export: {},
  saveFilter: {},
  requestPages: { generation: intField(0, 1e9), pages: listField(LIMITS.pagesPerRequest, intField(0, LIMITS.maxPage), true) },
  setSort: { sorters: sortersField },
  setDefaultFilter: { value: enumField(['NONE', 'CORRELATED_ONLY']) },
  saveColumns: { columns: layoutListField },
  openDetails: { identityId: identityIdField },
  runAction: { action: enumField(TABLE_ACTIONS), identityIds: listField(LIMITS.selection, identityIdField, true) },
  copyRows: { format: enumField(['csv', 'tsv']), identityIds: listField(LIMITS.selection, identityIdField, true), columns: listField(LIMITS.columns, columnField, true) },
  rendered: { report: reportField },
};

/**
 * Validates a message from the webview. Anything unexpected — not an object, unknown type, missing or extra fields,
 * wrong types, oversized lists or strings — is rejected with a reason (the host logs it and ignores it).
 */
export function parseTableMessage(value: unknown): TableParseResult {
  return parseTypedMessage<TableToHostMessage>(value, MESSAGE_FIELDS);
}

// ---------------------------------------------------------------- persisted webview state

/** What the app keeps with setState; the serializer reopens the table of this tenant after a window reload. */
export interface TablePersistedState {
  tenantId: string;
}

export function parseTablePersistedState(value: unknown): TablePersistedState | undefined {
  if (!isPlainObject(value)) return undefined;
  if (typeof value.tenantId !== 'string' || value.tenantId.length === 0 || value.tenantId.length > 256) return undefined;
  return { tenantId: value.tenantId };
}
