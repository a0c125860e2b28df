// The grid's header row: one column header per visible column with its sort state, a resize handle (mouse drag,
// or Alt+←/→ on the header), reordering (drag and drop, or Ctrl+Shift+←/→), all saved per tenant by the host.
import type { ColumnId } from '../../model/export/columns';
import { isColumnId, serverSortField } from '../../model/export/columns';
import type { ColumnLayout } from '../protocol';
import { LIMITS } from '../protocol';
import { h, icon } from './dom';
import { columnText, t } from './strings';

export interface SortState {
  column: ColumnId;
  descending: boolean;
  /** Sorted here over the loaded rows, not by the server. */
  local: boolean;
}

export interface HeaderCallbacks {
  sortBy(column: ColumnId): void;
  /** Live while dragging a width; `done` once it is let go (then the layout is saved). */
  resize(column: ColumnId, width: number, done: boolean): void;
  move(column: ColumnId, toIndex: number): void;
}

const RESIZE_STEP = 16;

export function renderHeader(row: HTMLElement, columns: ColumnLayout[], sort: SortState | undefined, callbacks: HeaderCallbacks): void {
  const visible = columns.filter((c) => c.visible);
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.column : undefined;
  row.replaceChildren(...visible.map((column, index) => headerCell(column, index, sort, callbacks)));
  if (focused) row.querySelector<HTMLElement>(`button[data-column="${CSS.escape(focused)}"]`)?.focus();
}

function headerCell(column: ColumnLayout, index: number, sort: SortState | undefined, callbacks: HeaderCallbacks): HTMLElement {
  const sorted = sort?.column === column.id ? sort : undefined;
  const serverSortable = serverSortField(column.id) !== undefined;
  const label = columnText(column.id);
  const sortHint = serverSortable ? t('sortHintServer') : t('sortHintLocal');
  const button = h('button', {
    className: 'header-button',
    attrs: {
      type: 'button',
      'data-column': column.id,
      title: t('headerTitle', label, sortHint),
    },
    children: [
      h('span', { className: 'header-label', text: label }),
      sorted ? icon(sorted.descending ? 'arrow-down' : 'arrow-up') : null,
      sorted?.local ? h('span', { className: 'header-badge', text: t('loadedRowsBadge'), attrs: { title: t('loadedRowsBadgeTitle') } }) : null,
    ],
  });
  button.addEventListener('click', () => callbacks.sortBy(column.id));
  button.addEventListener('keydown', (event) => {
    if (event.altKey && !event.ctrlKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      const width = clampWidth(column.width + (event.key === 'ArrowRight' ? RESIZE_STEP : -RESIZE_STEP));
      callbacks.resize(column.id, width, true);
    } else if (event.ctrlKey && event.shiftKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      callbacks.move(column.id, index + (event.key === 'ArrowRight' ? 1 : -1));
    }
  });

  const handle = h('div', { className: 'resize-handle', attrs: { 'aria-hidden': 'true', 'data-column': column.id } });
  handle.addEventListener('pointerdown', (event) => startResize(event, handle, column, callbacks));
  handle.addEventListener('click', (event) => event.stopPropagation());

  const cell = h('div', {
    className: `header-cell${sorted ? ' sorted' : ''}`,
    attrs: {
      role: 'columnheader',
      'aria-sort': sorted ? (sorted.descending ? 'descending' : 'ascending') : 'none',
      'aria-colindex': String(index + 1),
      draggable: 'true',
      'data-column': column.id,
    },
    children: [button, handle],
  });
  cell.addEventListener('dragstart', (event) => {
    event.dataTransfer?.setData('text/x-isc-column', column.id);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  });
  cell.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('text/x-isc-column')) event.preventDefault();
  });
  cell.addEventListener('drop', (event) => {
    const dragged = event.dataTransfer?.getData('text/x-isc-column');
    if (!dragged || !isColumnId(dragged) || dragged === column.id) return;
    event.preventDefault();
    callbacks.move(dragged, index);
  });
  return cell;
}

function startResize(event: PointerEvent, handle: HTMLElement, column: ColumnLayout, callbacks: HeaderCallbacks): void {
  event.preventDefault();
  event.stopPropagation();
  const startX = event.clientX;
  const startWidth = column.width;
  let width = startWidth;
  handle.setPointerCapture(event.pointerId);
  const onMove = (e: PointerEvent): void => {
    width = clampWidth(startWidth + e.clientX - startX);
    callbacks.resize(column.id, width, false);
  };
  const onUp = (): void => {
    handle.removeEventListener('pointermove', onMove);
    handle.removeEventListener('pointerup', onUp);
    handle.removeEventListener('pointercancel', onUp);
    callbacks.resize(column.id, width, true);
  };
  handle.addEventListener('pointermove', onMove);
  handle.addEventListener('pointerup', onUp);
  handle.addEventListener('pointercancel', onUp);
}

function clampWidth(width: number): number {
  return Math.max(LIMITS.minWidth, Math.min(LIMITS.maxWidth, Math.round(width)));
}
