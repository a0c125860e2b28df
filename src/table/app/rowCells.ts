// The cells of one grid row: text of a loaded row (one line, through displayText; the whole value in the tooltip),
// or the placeholder, error and gap rows. Text only: textContent and title.
import type { ColumnId } from '../../model/export/columns';
import { displayText } from '../../model/identityDisplay';
import { h } from './dom';
import { t } from './strings';
import type { RowSlot } from './store';
import { cellOf } from './store';

export const CELL_TEXT = 300;

export function rowCells(slot: RowSlot, columns: readonly ColumnId[]): HTMLElement[] {
  if (slot.kind === 'row') {
    return columns.map((column, i) => {
      const raw = cellOf(slot.row, column);
      const text = displayText(raw, CELL_TEXT);
      return h('div', {
        className: 'grid-cell',
        attrs: { role: 'gridcell', 'aria-colindex': String(i + 1), 'data-column': column, title: raw.length > 30 ? raw.slice(0, 1000) : undefined },
        children: [h('span', { className: 'cell-text', text })],
      });
    });
  }
  const first = h('div', { className: 'grid-cell', attrs: { role: 'gridcell', 'aria-colindex': '1' } });
  if (slot.kind === 'placeholder') first.appendChild(h('span', { className: 'cell-text muted', text: t('rowLoading') }));
  if (slot.kind === 'gap') first.appendChild(h('span', { className: 'cell-text muted', text: '—' }));
  if (slot.kind === 'error') {
    const retry = h('button', { className: 'link-button', text: t('retry'), attrs: { type: 'button', 'data-retry': String(slot.page) } });
    first.replaceChildren(h('span', { className: 'cell-text error-text', text: `${t('rowsError', displayText(slot.message, 200))} ` }), retry);
  }
  return [first, ...columns.slice(1).map((_, i) => h('div', { className: `grid-cell${slot.kind === 'placeholder' ? ' shimmer' : ''}`, attrs: { role: 'gridcell', 'aria-colindex': String(i + 2) } }))];
}

/** What a painted row shows; a row is rebuilt when this (or the data version) changes. */
export function slotKey(slot: RowSlot): string {
  switch (slot.kind) {
    case 'row':
      return `r:${slot.row.id}`;
    case 'placeholder':
      return `p:${slot.page}`;
    case 'error':
      return `e:${slot.page}`;
    case 'gap':
      return 'g';
  }
}
