// What the table app knows of the rows: the pages the host sent (a bounded number of them), the total, and the
// view the grid paints — every row of the list by position (pages not loaded as placeholders), or, with a quick
// filter or a sort on a column the server cannot sort, the loaded rows only, filtered and sorted here.
import type { ColumnId } from '../../model/export/columns';
import { attributeKeyOf } from '../../model/export/columns';
import type { TableRow } from '../protocol';

export type LocalSort = { column: ColumnId; descending: boolean };

export type RowSlot = { kind: 'row'; row: TableRow } | { kind: 'placeholder'; page: number } | { kind: 'error'; page: number; message: string } | { kind: 'gap' };

export function cellOf(row: TableRow, column: ColumnId): string {
  const key = attributeKeyOf(column);
  if (key !== undefined) return row.attributes[key] ?? '';
  return row.fields[column as keyof TableRow['fields']] ?? '';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export class RowStore {
  generation = 0;
  pageSize = 250;
  total: number | undefined;
  /** Rows in the list when an end page arrived without a total. */
  private endRow: number | undefined;
  private readonly pages = new Map<number, TableRow[]>();
  private readonly errors = new Map<number, string>();
  private highestPage = -1;
  quickFilter = '';
  localSort: LocalSort | undefined;
  /** Columns the quick filter searches (the visible ones). */
  searchColumns: ColumnId[] = [];
  private localView: TableRow[] | undefined;
  private readonly searchText = new WeakMap<TableRow, { key: string; text: string }>();
  private searchKey = '';

  constructor(private readonly maxPages = 40) {}

  reset(generation: number): void {
    this.generation = generation;
    this.total = undefined;
    this.endRow = undefined;
    this.pages.clear();
    this.errors.clear();
    this.highestPage = -1;
    this.localView = undefined;
  }

  get mode(): 'server' | 'local' {
    return this.quickFilter.trim() !== '' || this.localSort !== undefined ? 'local' : 'server';
  }

  get loadedRowCount(): number {
    let n = 0;
    for (const rows of this.pages.values()) n += rows.length;
    return n;
  }

  hasPage(page: number): boolean {
    return this.pages.has(page) || this.errors.has(page);
  }

  applyPage(page: number, rows: TableRow[], total: number | undefined, end: boolean): void {
    this.pages.set(page, rows);
    this.errors.delete(page);
    this.highestPage = Math.max(this.highestPage, page);
    if (total !== undefined) this.total = total;
    if (end && this.total === undefined) {
      const endRow = page * this.pageSize + rows.length;
      this.endRow = this.endRow === undefined ? endRow : Math.min(this.endRow, endRow);
    }
    this.localView = undefined;
  }

  applyError(page: number, message: string): void {
    this.errors.set(page, message);
  }

  clearError(page: number): void {
    this.errors.delete(page);
  }

  /** Rows the grid spans in server mode: the total, else what is known plus one page still to come. */
  serverRowCount(): number {
    if (this.total !== undefined) return this.total;
    if (this.endRow !== undefined) return this.endRow;
    return (this.highestPage + 2) * this.pageSize;
  }

  rowCount(): number {
    return this.mode === 'local' ? this.view().length : this.serverRowCount();
  }

  slotAt(index: number): RowSlot {
    if (this.mode === 'local') {
      const row = this.view()[index];
      return row ? { kind: 'row', row } : { kind: 'gap' };
    }
    const page = Math.floor(index / this.pageSize);
    const rows = this.pages.get(page);
    if (rows) {
      const row = rows[index - page * this.pageSize];
      return row ? { kind: 'row', row } : { kind: 'gap' };
    }
    const message = this.errors.get(page);
    return message !== undefined ? { kind: 'error', page, message } : { kind: 'placeholder', page };
  }

  /** Every loaded row in list order. */
  loadedRows(): TableRow[] {
    const out: TableRow[] = [];
    for (const page of [...this.pages.keys()].sort((a, b) => a - b)) out.push(...(this.pages.get(page) ?? []));
    return out;
  }

  /** The first page not loaded yet (what "Load more rows" fetches in local mode), undefined at the end. */
  nextMissingPage(): number | undefined {
    const limit = Math.ceil(this.serverRowCount() / this.pageSize);
    for (let page = 0; page < limit; page++) if (!this.pages.has(page)) return page;
    return undefined;
  }

  /** Drops the pages farthest from `keep` once more than `maxPages` are held (server mode only). */
  evictAround(keepFrom: number, keepTo: number): void {
    if (this.pages.size <= this.maxPages || this.mode === 'local') return;
    const distance = (page: number) => (page < keepFrom ? keepFrom - page : page > keepTo ? page - keepTo : 0);
    const byDistance = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const page of byDistance) {
      if (this.pages.size <= this.maxPages || distance(page) === 0) break;
      this.pages.delete(page);
    }
    this.localView = undefined;
  }

  invalidateView(): void {
    this.localView = undefined;
  }

  /** Loaded rows matching the quick filter, sorted by the local sort (computed once per change). */
  view(): TableRow[] {
    if (this.localView) return this.localView;
    const needle = this.quickFilter.trim().toLowerCase();
    this.searchKey = this.searchColumns.join('\n');
    let rows = this.loadedRows();
    if (needle) rows = rows.filter((row) => this.textOf(row).includes(needle));
    const sort = this.localSort;
    if (sort) {
      const sign = sort.descending ? -1 : 1;
      rows = rows
        .map((row) => ({ row, text: cellOf(row, sort.column) }))
        .sort((a, b) => (a.text === '' ? (b.text === '' ? 0 : 1) : b.text === '' ? -1 : sign * collator.compare(a.text, b.text)))
        .map((entry) => entry.row);
    }
    this.localView = rows;
    return rows;
  }

  private textOf(row: TableRow): string {
    const cached = this.searchText.get(row);
    if (cached && cached.key === this.searchKey) return cached.text;
    const text = this.searchColumns.map((column) => cellOf(row, column)).join('\u0001').toLowerCase();
    this.searchText.set(row, { key: this.searchKey, text });
    return text;
  }
}
