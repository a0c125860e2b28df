// The virtual grid: only the rows in (and near) the viewport exist in the DOM, positioned by
// @tanstack/virtual-core; rows of pages not loaded yet are placeholders and their pages are asked for. One tab stop
// (role="grid", aria-activedescendant on the focused row), keyboard first, selection by identity id.
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import type { ColumnId } from '../../model/export/columns';
import { displayText } from '../../model/identityDisplay';
import type { ColumnLayout, TableRow } from '../protocol';
import { h } from './dom';
import type { HeaderCallbacks, SortState } from './header';
import { renderHeader } from './header';
import type { RowStore } from './store';
import { CELL_TEXT, rowCells, slotKey } from './rowCells';

const ROW_HEIGHT = 24;
const HEADER_HEIGHT = 28;
const OVERSCAN = 12;

export interface GridCallbacks extends HeaderCallbacks {
  /** The pages the viewport spans, in server mode (the caller asks the host for the missing ones). */
  viewportPages(pages: number[]): void;
  openDetails(row: TableRow): void;
  retryPage(page: number): void;
  copy(format: 'csv' | 'tsv'): void;
  selectionChanged(): void;
  painted(): void;
}

export class Grid {
  readonly element: HTMLDivElement;
  readonly selection = new Set<string>();
  focusIndex = 0;
  private anchor: number | undefined;
  private columns: ColumnLayout[] = [];
  private sort: SortState | undefined;
  private readonly headerRow: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly rows = new Map<number, HTMLDivElement>();
  private readonly virtualizer: Virtualizer<HTMLDivElement, HTMLDivElement>;
  private frame = 0;
  private version = 0;

  constructor(
    private readonly store: RowStore,
    private readonly callbacks: GridCallbacks,
  ) {
    this.headerRow = h('div', { className: 'grid-header-row', attrs: { role: 'row', 'aria-rowindex': '1' } });
    this.body = h('div', { className: 'grid-body', attrs: { role: 'rowgroup' } });
    this.element = h('div', {
      className: 'grid',
      attrs: { role: 'grid', tabindex: '0', 'aria-multiselectable': 'true', id: 'identities-grid' },
      children: [h('div', { className: 'grid-header', attrs: { role: 'rowgroup' }, children: [this.headerRow] }), this.body],
    });
    this.virtualizer = new Virtualizer<HTMLDivElement, HTMLDivElement>({
      count: 0,
      getScrollElement: () => this.element,
      estimateSize: () => ROW_HEIGHT,
      overscan: OVERSCAN,
      scrollMargin: HEADER_HEIGHT,
      observeElementRect,
      observeElementOffset,
      scrollToFn: elementScroll,
      onChange: () => this.schedule(),
    });
    this.element.addEventListener('keydown', (event) => this.onKey(event));
    this.body.addEventListener('click', (event) => this.onClick(event));
    this.body.addEventListener('dblclick', (event) => this.onDoubleClick(event));
  }

  /** Call once the element is in the document. */
  mount(): void {
    this.virtualizer._didMount();
    this.update();
  }

  setColumns(columns: ColumnLayout[]): void {
    this.columns = columns.map((c) => ({ ...c }));
    this.applyWidths();
    this.paintHeader();
    this.invalidate();
  }

  get visibleColumns(): ColumnId[] {
    return this.columns.filter((c) => c.visible).map((c) => c.id);
  }

  get layout(): ColumnLayout[] {
    return this.columns.map((c) => ({ ...c }));
  }

  /** Live width while dragging (no repaint of rows: they share the CSS template). */
  setWidth(column: ColumnId, width: number): void {
    const entry = this.columns.find((c) => c.id === column);
    if (!entry) return;
    entry.width = width;
    this.applyWidths();
  }

  setSort(sort: SortState | undefined): void {
    this.sort = sort;
    this.paintHeader();
  }

  /** Data changed (pages, filter, sort): repaint every row on the next frame. */
  invalidate(): void {
    this.version++;
    this.schedule();
  }

  scrollToTop(): void {
    this.focusIndex = 0;
    this.anchor = undefined;
    this.virtualizer.scrollToOffset(0);
    this.invalidate();
  }

  /** Scrolls so that row `index` is the first shown (a restored view), and focuses it. */
  scrollToIndex(index: number): void {
    this.update(); // the row count first: an index past the old count would be cut to it
    this.focusIndex = index;
    this.virtualizer.scrollToIndex(index, { align: 'start' });
    this.schedule();
  }

  /** Row indexes of the viewport (without overscan). */
  viewportRange(): { first: number; last: number } {
    // Scroll coordinates: the sticky header covers the first HEADER_HEIGHT pixels of the viewport.
    const top = this.element.scrollTop + HEADER_HEIGHT;
    const bottom = this.element.scrollTop + this.element.clientHeight;
    const items = this.virtualizer.getVirtualItems().filter((item) => item.end > top + 1 && item.start < bottom - 1);
    return { first: items[0]?.index ?? 0, last: items[items.length - 1]?.index ?? -1 };
  }

  /** Names shown in the viewport, read back from the painted cells ("" for placeholders). */
  viewportNames(max: number): { names: string[]; placeholders: number } {
    const { first, last } = this.viewportRange();
    const names: string[] = [];
    let placeholders = 0;
    for (let index = first; index <= last && names.length < max; index++) {
      const element = this.rows.get(index);
      const slot = this.store.slotAt(index);
      if (slot.kind !== 'row') placeholders++;
      const cell = element?.querySelector<HTMLElement>('[data-column="name"] .cell-text');
      names.push(slot.kind === 'row' ? (cell?.textContent ?? displayText(slot.row.fields.name ?? '', CELL_TEXT)) : '');
    }
    return { names, placeholders };
  }

  /** Selected rows that are loaded, in view order. */
  selectedRows(): TableRow[] {
    if (this.selection.size === 0) return [];
    return this.store.loadedRows().filter((row) => this.selection.has(row.id));
  }

  /** What actions act on: the selection, else the focused row. */
  targetRows(): TableRow[] {
    const selected = this.selectedRows();
    if (selected.length > 0) return selected;
    const slot = this.store.slotAt(this.focusIndex);
    return slot.kind === 'row' ? [slot.row] : [];
  }

  selectAll(): void {
    const rows = this.store.mode === 'local' ? this.store.view() : this.store.loadedRows();
    for (const row of rows) this.selection.add(row.id);
    this.selectionChanged();
  }

  clearSelection(): void {
    this.selection.clear();
    this.anchor = undefined;
    this.selectionChanged();
  }

  private update(): void {
    const count = this.store.rowCount();
    if (this.virtualizer.options.count !== count) this.virtualizer.setOptions({ ...this.virtualizer.options, count });
    this.virtualizer._willUpdate();
    this.paint();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  private paint(): void {
    const count = this.virtualizer.options.count;
    this.focusIndex = Math.max(0, Math.min(this.focusIndex, count - 1));
    this.element.setAttribute('aria-rowcount', String(count + 1));
    this.body.style.height = `${this.virtualizer.getTotalSize()}px`;
    const items = this.virtualizer.getVirtualItems();
    const keep = new Set<number>();
    for (const item of items) {
      keep.add(item.index);
      let element = this.rows.get(item.index);
      if (!element) {
        element = h('div', { className: 'grid-row', attrs: { role: 'row' } });
        this.rows.set(item.index, element);
        this.body.appendChild(element);
      }
      this.fillRow(element, item.index);
      element.style.transform = `translateY(${item.start - HEADER_HEIGHT}px)`;
    }
    for (const [index, element] of this.rows) {
      if (!keep.has(index)) {
        element.remove();
        this.rows.delete(index);
      }
    }
    const focused = this.rows.get(this.focusIndex);
    if (focused) this.element.setAttribute('aria-activedescendant', focused.id);
    else this.element.removeAttribute('aria-activedescendant');
    if (this.store.mode === 'server' && items.length > 0) {
      const firstPage = Math.floor(items[0].index / this.store.pageSize);
      const lastPage = Math.floor(items[items.length - 1].index / this.store.pageSize);
      const pages: number[] = [];
      for (let page = firstPage; page <= lastPage; page++) pages.push(page);
      this.callbacks.viewportPages(pages);
    } else if (this.store.mode === 'local' && !this.store.hasPage(0)) {
      // A quick filter restored before anything loaded: the loaded rows it filters start with the first page.
      this.callbacks.viewportPages([0]);
    }
    this.callbacks.painted();
  }

  private fillRow(element: HTMLDivElement, index: number): void {
    const slot = this.store.slotAt(index);
    const key = `${this.version}|${index}|${slotKey(slot)}`;
    if (element.dataset.key !== key) {
      element.dataset.key = key;
      element.id = `row-${index}`;
      element.setAttribute('aria-rowindex', String(index + 2));
      element.dataset.index = String(index);
      element.className = `grid-row ${slot.kind}`;
      element.replaceChildren(...rowCells(slot, this.visibleColumns));
      if (slot.kind === 'row') element.dataset.id = slot.row.id;
      else delete element.dataset.id;
    }
    const selected = slot.kind === 'row' && this.selection.has(slot.row.id);
    element.setAttribute('aria-selected', String(selected));
    element.classList.toggle('selected', selected);
    element.classList.toggle('focused', index === this.focusIndex);
    element.classList.toggle('odd', index % 2 === 1);
  }

  private applyWidths(): void {
    const widths = this.columns.filter((c) => c.visible).map((c) => `${c.width}px`);
    const total = this.columns.filter((c) => c.visible).reduce((sum, c) => sum + c.width, 0);
    this.element.style.setProperty('--grid-columns', widths.join(' '));
    this.element.style.setProperty('--grid-width', `${total}px`);
    this.element.setAttribute('aria-colcount', String(widths.length));
  }

  private paintHeader(): void {
    renderHeader(this.headerRow, this.columns, this.sort, this.callbacks);
  }

  private selectionChanged(): void {
    this.schedule();
    this.callbacks.selectionChanged();
  }

  // ------------------------------------------------------------------ input

  private moveFocus(index: number, extend: boolean): void {
    const count = this.virtualizer.options.count;
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, index));
    if (extend) {
      this.anchor ??= this.focusIndex;
      this.selectRange(this.anchor, next);
    } else {
      this.anchor = undefined;
    }
    this.focusIndex = next;
    this.virtualizer.scrollToIndex(next, { align: 'auto' });
    this.schedule();
  }

  private selectRange(from: number, to: number): void {
    this.selection.clear();
    const [start, end] = from <= to ? [from, to] : [to, from];
    for (let index = start; index <= end; index++) {
      const slot = this.store.slotAt(index);
      if (slot.kind === 'row') this.selection.add(slot.row.id);
    }
    this.selectionChanged();
  }

  private toggle(index: number): void {
    const slot = this.store.slotAt(index);
    if (slot.kind !== 'row') return;
    if (this.selection.has(slot.row.id)) this.selection.delete(slot.row.id);
    else this.selection.add(slot.row.id);
    this.anchor = index;
    this.selectionChanged();
  }

  private pageRows(): number {
    return Math.max(1, Math.floor((this.element.clientHeight - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  }

  private onKey(event: KeyboardEvent): void {
    if (event.target !== this.element) return; // keys of the header buttons and of a Retry button are theirs
    const mod = event.ctrlKey || event.metaKey;
    const handled = (): void => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return this.moveFocus(this.focusIndex + 1, event.shiftKey);
      case 'ArrowUp':
        handled();
        return this.moveFocus(this.focusIndex - 1, event.shiftKey);
      case 'PageDown':
        handled();
        return this.moveFocus(this.focusIndex + this.pageRows(), event.shiftKey);
      case 'PageUp':
        handled();
        return this.moveFocus(this.focusIndex - this.pageRows(), event.shiftKey);
      case 'Home':
        handled();
        return this.moveFocus(0, event.shiftKey);
      case 'End':
        handled();
        return this.moveFocus(this.virtualizer.options.count - 1, event.shiftKey);
      case ' ':
        handled();
        if (event.shiftKey && this.anchor !== undefined) return this.selectRange(this.anchor, this.focusIndex);
        return this.toggle(this.focusIndex);
      case 'Enter': {
        handled();
        const slot = this.store.slotAt(this.focusIndex);
        if (slot.kind === 'row') this.callbacks.openDetails(slot.row);
        if (slot.kind === 'error') this.callbacks.retryPage(slot.page);
        return;
      }
      case 'Escape':
        if (this.selection.size > 0) {
          handled();
          this.clearSelection();
        }
        return;
    }
    if (mod && (event.key === 'a' || event.key === 'A')) {
      handled();
      this.selectAll();
    } else if (mod && (event.key === 'c' || event.key === 'C')) {
      handled();
      this.callbacks.copy(event.shiftKey ? 'csv' : 'tsv');
    }
  }

  private indexOf(event: MouseEvent): number | undefined {
    const row = (event.target as HTMLElement | null)?.closest<HTMLElement>('.grid-row');
    const index = row?.dataset.index;
    return index === undefined ? undefined : Number(index);
  }

  private onClick(event: MouseEvent): void {
    const retry = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-retry]');
    if (retry) {
      this.callbacks.retryPage(Number(retry.dataset.retry));
      return;
    }
    const index = this.indexOf(event);
    if (index === undefined) return;
    if (event.shiftKey) {
      this.selectRange(this.anchor ?? this.focusIndex, index);
    } else if (event.ctrlKey || event.metaKey) {
      this.toggle(index);
    } else {
      this.selection.clear();
      const slot = this.store.slotAt(index);
      if (slot.kind === 'row') this.selection.add(slot.row.id);
      this.anchor = index;
      this.selectionChanged();
    }
    this.focusIndex = index;
    this.element.focus({ preventScroll: true });
    this.schedule();
  }

  private onDoubleClick(event: MouseEvent): void {
    const index = this.indexOf(event);
    if (index === undefined) return;
    const slot = this.store.slotAt(index);
    if (slot.kind === 'row') this.callbacks.openDetails(slot.row);
  }
}
