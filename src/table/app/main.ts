// Entry point of the identities table webview (browser code: no `vscode`, no Node). Receives pages from the
// host, paints the virtual grid, asks for the pages the viewport needs, and reports what it painted.
import type { ColumnId } from '../../model/export/columns';
import { serverSortField } from '../../model/export/columns';
import type { ColumnLayout, HostToTableMessage, TableQuery, TableRenderReport, TableRow } from '../protocol';
import { LIMITS, isHostToTableMessage } from '../protocol';
import { Grid } from './grid';
import type { SortState } from './header';
import { RowStore } from './store';
import { columnText, setTableStrings, t } from './strings';
import { Toolbar } from './toolbar';
import { createTableApi } from './vscodeApi';

const api = createTableApi();
const store = new RowStore();
let query: TableQuery = { defaultFilter: 'NONE' };
let notice = '';
let started = false;
let tenantId = '';
const saved = api.getState();

const SORT_FIELD_COLUMN: Record<string, ColumnId> = { name: 'name', alias: 'alias', cloudStatus: 'identityStatus' };

/** The server's sort as the header shows it (the first sorter). */
function serverSort(): SortState | undefined {
  const first = query.sorters?.split(',')[0];
  if (!first) return undefined;
  const descending = first.startsWith('-');
  const column = SORT_FIELD_COLUMN[descending ? first.slice(1) : first];
  return column ? { column, descending, local: false } : undefined;
}

function sortState(): SortState | undefined {
  return store.localSort ? { ...store.localSort, local: true } : serverSort();
}

// ------------------------------------------------------------------ page requests

let wantedPages: number[] = [];
let asked = new Set<number>();
let requestTimer: number | undefined;
let requestPendingSince = 0;

/**
 * Asks the host for the viewport's missing pages once scrolling settles (80 ms), or at least every 250 ms while it
 * goes on: a jump far down asks for the pages it landed on, not for those it flew past.
 */
function viewportPages(pages: number[]): void {
  wantedPages = pages;
  const now = performance.now();
  if (requestTimer !== undefined) {
    if (now - requestPendingSince >= 250) return; // waited long enough: let the pending request go
    window.clearTimeout(requestTimer);
  } else {
    requestPendingSince = now;
  }
  requestTimer = window.setTimeout(sendPageRequest, 80);
}

function sendPageRequest(): void {
  requestTimer = undefined;
  const missing = wantedPages.filter((page) => !store.hasPage(page)).slice(0, LIMITS.pagesPerRequest);
  if (missing.length === 0 || missing.every((page) => asked.has(page))) return;
  asked = new Set(missing);
  api.post({ type: 'requestPages', generation: store.generation, pages: missing });
}

function resetRequests(): void {
  asked = new Set();
  wantedPages = [];
}

// ------------------------------------------------------------------ the page

/** Built when init brings the texts (its buttons are labelled at construction). */
let toolbar: Toolbar | undefined;

const createToolbar = (): Toolbar => new Toolbar({
  editFilter: () => api.post({ type: 'editFilter' }),
  toggleDefaultFilter: () => api.post({ type: 'setDefaultFilter', value: query.defaultFilter === 'NONE' ? 'CORRELATED_ONLY' : 'NONE' }),
  quickFilter: (text) => {
    store.quickFilter = text;
    store.invalidateView();
    grid.scrollToTop();
    updateChrome();
  },
  pickColumns: () => api.post({ type: 'pickColumns' }),
  refresh: () => api.post({ type: 'refresh' }),
  exportRows: () => api.post({ type: 'export' }),
  saveFilter: () => api.post({ type: 'saveFilter' }),
  runAction: (action) => {
    const ids = grid.targetRows().map((row) => row.id).slice(0, LIMITS.selection);
    if (ids.length > 0) api.post({ type: 'runAction', action, identityIds: ids });
  },
  copy: (format) => copyRows(format),
  selectAll: () => grid.selectAll(),
  clearSelection: () => grid.clearSelection(),
  loadMore: () => {
    const page = store.nextMissingPage();
    if (page !== undefined) api.post({ type: 'requestPages', generation: store.generation, pages: [page] });
  },
});

const grid: Grid = new Grid(store, {
  sortBy: (column) => sortBy(column),
  resize: (column, width, done) => {
    grid.setWidth(column, width);
    if (done) saveColumns(grid.layout);
  },
  move: (column, toIndex) => moveColumn(column, toIndex),
  viewportPages,
  openDetails: (row) => api.post({ type: 'openDetails', identityId: row.id }),
  retryPage: (page) => {
    store.clearError(page);
    asked.delete(page);
    api.post({ type: 'requestPages', generation: store.generation, pages: [page] });
    grid.invalidate();
  },
  copy: (format) => copyRows(format),
  selectionChanged: () => updateChrome(),
  painted: () => {
    const { first, last } = grid.viewportRange();
    store.evictAround(Math.floor(first / store.pageSize) - 1, Math.floor(last / store.pageSize) + 1);
    scheduleReport();
  },
});

function copyRows(format: 'csv' | 'tsv'): void {
  const ids = grid.targetRows().map((row: TableRow) => row.id).slice(0, LIMITS.selection);
  if (ids.length > 0) api.post({ type: 'copyRows', format, identityIds: ids, columns: grid.visibleColumns });
}

function sortBy(column: ColumnId): void {
  const field = serverSortField(column);
  if (field) {
    const current = serverSort();
    store.localSort = undefined;
    const sorters = current?.column !== column ? field : current.descending ? null : `-${field}`;
    api.post({ type: 'setSort', sorters });
    return;
  }
  const local = store.localSort;
  store.localSort = local?.column !== column ? { column, descending: false } : local.descending ? undefined : { column, descending: true };
  store.invalidateView();
  grid.setSort(sortState());
  grid.scrollToTop();
  updateChrome();
}

/** Moves a visible column to another visible position; hidden columns keep their order after the visible ones. */
function moveColumn(column: ColumnId, toVisibleIndex: number): void {
  const layout = grid.layout;
  const order = layout.filter((c) => c.visible).map((c) => c.id);
  const from = order.indexOf(column);
  if (from < 0 || toVisibleIndex < 0 || toVisibleIndex >= order.length || toVisibleIndex === from) return;
  order.splice(from, 1);
  order.splice(toVisibleIndex, 0, column);
  const byId = new Map(layout.map((c) => [c.id, c]));
  const next = [...order.map((id) => byId.get(id)).filter((c): c is ColumnLayout => c !== undefined), ...layout.filter((c) => !c.visible)];
  applyColumns(next);
  saveColumns(next);
}

function saveColumns(columns: ColumnLayout[]): void {
  api.post({ type: 'saveColumns', columns });
}

function applyColumns(columns: ColumnLayout[]): void {
  grid.setColumns(columns);
  store.searchColumns = grid.visibleColumns;
  store.invalidateView();
}

function updateChrome(): void {
  if (!toolbar) return;
  toolbar.setSelection(grid.selection.size, grid.targetRows().length);
  const sort = sortState();
  toolbar.setStatus({
    loaded: store.loadedRowCount,
    total: store.total,
    rowCount: store.rowCount(),
    mode: store.mode,
    matches: store.mode === 'local' ? store.view().length : store.loadedRowCount,
    sortText: sort ? t(sort.local ? 'sortedLocal' : 'sortedServer', columnText(sort.column), sort.descending ? '↓' : '↑') : undefined,
    notice,
    moreToLoad: store.nextMissingPage() !== undefined,
  });
}

// ------------------------------------------------------------------ render reports

let seq = 0;
let reportTimer: number | undefined;
let lastReportKey = '';

function scheduleReport(): void {
  if (reportTimer !== undefined) return;
  reportTimer = window.setTimeout(() => {
    reportTimer = undefined;
    postReport();
  }, 100);
}

function postReport(): void {
  const { names, placeholders } = grid.viewportNames(LIMITS.reportRows);
  const sort = sortState();
  const body: Omit<TableRenderReport, 'seq'> = {
    generation: store.generation,
    rowCount: store.rowCount(),
    total: store.total,
    loadedRows: store.loadedRowCount,
    mode: store.mode,
    firstVisibleIndex: grid.viewportRange().first,
    visibleNames: names.map((name) => name.slice(0, LIMITS.reportText)),
    placeholders,
    selected: grid.selection.size,
    focusedIndex: grid.focusIndex,
    quickFilter: store.quickFilter || undefined,
    sort: sort ? `${sort.local ? 'local:' : ''}${sort.descending ? '-' : ''}${sort.column}` : undefined,
    columns: grid.visibleColumns,
  };
  const key = JSON.stringify(body);
  if (key === lastReportKey) return;
  lastReportKey = key;
  if (tenantId) api.setState({ tenantId, firstRow: body.firstVisibleIndex, quickFilter: store.quickFilter || undefined });
  seq += 1;
  api.post({ type: 'rendered', report: { seq, ...body } });
}

// ------------------------------------------------------------------ messages

function start(): void {
  if (started) return;
  started = true;
  toolbar = createToolbar();
  grid.element.setAttribute('aria-label', t('gridLabel'));
  const root = document.getElementById('app') ?? document.body;
  root.replaceChildren(toolbar.element, toolbar.selectionBar, toolbar.status, grid.element);
  grid.mount();
}

/** After a hide/show or a reload: the same tenant's quick filter and scroll position come back. */
function restoreView(id: string): void {
  const same = tenantId === '' && saved?.tenantId === id;
  tenantId = id;
  api.setState({ tenantId: id });
  if (same && typeof saved.quickFilter === 'string' && saved.quickFilter.length <= LIMITS.quickFilter) {
    if (toolbar) toolbar.quickFilterInput.value = saved.quickFilter;
    store.quickFilter = saved.quickFilter;
    store.invalidateView();
  }
  grid.invalidate();
  const firstRow = same ? saved.firstRow : undefined;
  // The grid spans the total only once the first page told it: scroll then.
  if (typeof firstRow === 'number' && Number.isInteger(firstRow) && firstRow > 0 && store.mode === 'server') pendingScrollRow = firstRow;
}

let pendingScrollRow: number | undefined;

function apply(message: HostToTableMessage): void {
  switch (message.type) {
    case 'init':
      setTableStrings(message.strings);
      start();
      query = message.query;
      store.pageSize = message.pageSize;
      store.reset(message.generation);
      resetRequests();
      applyColumns(message.columns);
      toolbar?.setTenant(message.tenant);
      toolbar?.setQuery(query);
      grid.setSort(sortState());
      restoreView(message.tenant.id);
      grid.element.focus({ preventScroll: true });
      break;
    case 'query':
      query = message.query;
      store.reset(message.generation);
      resetRequests();
      if (!message.keepScroll) pendingScrollRow = undefined;
      toolbar?.setQuery(query);
      grid.setSort(sortState());
      // A refresh keeps what the person selected; another query (sort, filter) lists other rows.
      if (message.keepScroll) {
        grid.invalidate();
      } else {
        grid.clearSelection();
        grid.scrollToTop();
      }
      break;
    case 'page':
      if (message.generation !== store.generation) return;
      store.applyPage(message.page, message.rows, message.total, message.end);
      asked.delete(message.page);
      grid.invalidate();
      if (pendingScrollRow !== undefined && store.total !== undefined) {
        grid.scrollToIndex(Math.min(pendingScrollRow, store.total - 1));
        pendingScrollRow = undefined;
      }
      break;
    case 'pageError':
      if (message.generation !== store.generation) return;
      store.applyError(message.page, message.message);
      asked.delete(message.page);
      grid.invalidate();
      break;
    case 'columns':
      applyColumns(message.columns);
      break;
    case 'tenant':
      toolbar?.setTenant(message.tenant);
      break;
    case 'notice':
      notice = message.text;
      break;
  }
  updateChrome();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (!isHostToTableMessage(event.data)) {
    console.warn('Identities table: ignored an unexpected message.');
    return;
  }
  try {
    apply(event.data);
  } catch (error) {
    console.error('Identities table: applying a message failed', error);
  }
});

api.post({ type: 'ready' });
