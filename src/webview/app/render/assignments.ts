// Role assignments: a table of references; selecting a row (click, Enter, Space) loads its details.
import type { RoleAssignmentRef } from '../../../api/types';
import { cell, dateValue, h, str, textValue } from '../dom';
import type { AppContext } from '../model';
import { t, tCount } from '../strings';
import { errorState, loadingState, notFoundState, refreshingBadge, sectionHeading } from './states';

let renderedCount = 0;

export function assignmentCount(): number {
  return renderedCount;
}

export function renderAssignments(root: HTMLElement, ctx: AppContext): void {
  const { model } = ctx;
  const section = model.assignments;
  const list = section.shown;
  const retry = () => ctx.post({ type: 'retry', section: 'assignments' });
  const count = list ? h('span', { className: 'badge', text: String(list.length) }) : undefined;
  const heading = sectionHeading(t('assignmentsHeading'), h('span', { className: 'heading-extra', children: [count, section.data.status === 'loading' && list ? refreshingBadge() : undefined] }));
  renderedCount = 0;
  if (section.data.status === 'error') {
    root.replaceChildren(heading, errorState(t('assignmentsError'), section.data.error, retry));
    return;
  }
  if (section.data.status === 'notFound') {
    root.replaceChildren(heading, notFoundState(t('assignmentsNotFound'), section.data.message, retry));
    return;
  }
  if (!list) {
    root.replaceChildren(heading, loadingState(t('loadingAssignments')));
    return;
  }
  if (list.length === 0) {
    root.replaceChildren(heading, h('p', { className: 'state-message', text: t('noAssignments') }));
    return;
  }
  const body = h('tbody');
  const table = h('table', {
    className: 'data-table selectable-table',
    attrs: { role: 'grid', 'aria-readonly': 'true', 'aria-label': tCount(list.length, 'assignmentsTableOne', 'assignmentsTableMany') },
    children: [
      h('thead', {
        children: [
          h('tr', {
            children: [t('columnRole'), t('columnAdded'), t('columnStart'), t('columnRemove')].map((label) => h('th', { text: label, attrs: { scope: 'col' } })),
          }),
        ],
      }),
      body,
    ],
  });
  const selected = ctx.ui.selectedAssignmentId;
  for (const ref of list) body.appendChild(assignmentRow(ref, ref.id !== undefined && ref.id === selected, ctx));
  renderedCount = list.length;
  root.replaceChildren(heading, h('div', { className: 'table-scroll', children: [table] }));
}

function assignmentRow(ref: RoleAssignmentRef, selected: boolean, ctx: AppContext): HTMLTableRowElement {
  const id = str(ref.id);
  const roleName = str(ref.role?.name) || str(ref.role?.id) || id || t('unnamedRole');
  const row = h('tr', {
    className: `selectable${selected ? ' selected' : ''}`,
    attrs: { tabindex: '0', 'aria-selected': String(selected), 'data-assignment-id': id, title: id ? t('assignmentTitle', id) : undefined },
    children: [cell(textValue(roleName, { limit: 300 })), cell(dateValue(ref.addedDate)), cell(dateValue(ref.startDate)), cell(dateValue(ref.removeDate))],
  });
  if (!id) return row;
  const select = () => {
    if (ctx.ui.selectedAssignmentId === id && ctx.model.assignment?.data.status === 'ready') return;
    ctx.ui.selectedAssignmentId = id;
    ctx.saveUi();
    markSelected(row);
    ctx.post({ type: 'selectAssignment', assignmentId: id });
  };
  row.addEventListener('click', (event) => {
    // Let the user select text in a cell without re-selecting the row.
    if (window.getSelection()?.toString()) return;
    if ((event.target as HTMLElement | null)?.closest('button')) return;
    select();
  });
  row.addEventListener('keydown', (event) => {
    if (event.target !== row) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
      next?.focus();
    }
  });
  return row;
}

function markSelected(row: HTMLTableRowElement): void {
  for (const other of Array.from(row.parentElement?.children ?? [])) {
    other.classList.remove('selected');
    other.setAttribute('aria-selected', 'false');
  }
  row.classList.add('selected');
  row.setAttribute('aria-selected', 'true');
}
