// Role assignments (only A, only B, both — with source and dates) and owned objects of the two identities.
import type { AssignmentField, AssignmentSide, MatchStatus, OwnershipMatch, RoleAssignmentMatch } from '../../../model/compare/identityDiff';
import { cell, dateValue, h, textValue } from '../../../webview/app/dom';
import { icon, matchBadge, matchText } from '../icons';
import type { CompareContext } from '../model';
import type { CompareStringKey } from '../strings';
import { t, tCount } from '../strings';

function heading(text: string, extra?: Node): HTMLElement {
  return h('div', { className: 'section-heading', children: [h('h2', { text, attrs: { tabindex: '-1' } }), extra] });
}

function headerRow(labels: string[]): HTMLTableSectionElement {
  return h('thead', { children: [h('tr', { children: labels.map((label) => h('th', { text: label, attrs: { scope: 'col' } })) })] });
}

const GROUPS: { match: MatchStatus; title: CompareStringKey; tableLabel: CompareStringKey }[] = [
  { match: 'onlyA', title: 'onlyInA', tableLabel: 'rolesTableOnlyA' },
  { match: 'onlyB', title: 'onlyInB', tableLabel: 'rolesTableOnlyB' },
  { match: 'both', title: 'inBoth', tableLabel: 'rolesTableBoth' },
];

export function renderRoles(root: HTMLElement, ctx: CompareContext): void {
  const shown = ctx.model.shown;
  if (!shown) {
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  root.hidden = false;
  const matches = shown.diff.roleAssignments;
  const byName = shown.diff.matchBy === 'name';
  const intro = h('p', { className: 'muted small', text: byName ? t('matchedByName') : t('matchedById') });
  const parts: HTMLElement[] = [heading(t('rolesHeading'), h('span', { className: 'badge', text: String(matches.length) })), intro];
  for (const group of GROUPS) {
    const items = matches.filter((m) => m.match === group.match);
    const title = h('h3', { className: `group-heading group-${group.match}`, children: [matchBadge(group.match), ` ${t(group.title)} `, h('span', { className: 'muted small', text: `(${items.length})` })] });
    if (items.length === 0) {
      parts.push(h('div', { className: 'role-group', attrs: { id: `roles-${group.match}` }, children: [title, h('p', { className: 'state-message', text: t('noneInGroup') })] }));
      continue;
    }
    const body = h('tbody');
    for (const item of items) body.appendChild(group.match === 'both' ? bothRow(item) : singleRow(item));
    const table = h('table', { className: 'data-table roles-table', attrs: { 'aria-label': t(group.tableLabel) }, children: [headerRow([t('columnRole'), t('columnSource'), t('columnAdded'), t('columnStart'), t('columnRemove')]), body] });
    parts.push(h('div', { className: 'role-group', attrs: { id: `roles-${group.match}` }, children: [title, h('div', { className: 'table-scroll', children: [table] })] }));
  }
  root.replaceChildren(...parts);
}

function text(value: string | undefined, fallback = '—'): HTMLElement {
  return value ? textValue(value, { limit: 200 }) : h('span', { className: 'value muted', text: fallback });
}

function singleRow(match: RoleAssignmentMatch): HTMLTableRowElement {
  const side = (match.a ?? match.b) as AssignmentSide;
  return h('tr', {
    attrs: { 'data-match': match.match, title: side.assignmentId ? t('assignmentTitle', side.assignmentId) : undefined },
    children: [
      cell(text(match.roleName)),
      cell(text(side.source, t('notRead'))),
      cell(dateValue(side.addedDate)),
      cell(dateValue(side.startDate)),
      cell(dateValue(side.removeDate)),
    ],
  });
}

/** A paired assignment: one value where both sides agree, "A: … / B: …" where they differ. */
function bothRow(match: RoleAssignmentMatch): HTMLTableRowElement {
  const a = match.a as AssignmentSide;
  const b = match.b as AssignmentSide;
  const pair = (field: AssignmentField, render: (side: AssignmentSide) => HTMLElement) => {
    if (!match.differs.includes(field)) return cell(render(a[field] !== undefined ? a : b));
    return cell(
      h('div', {
        className: 'pair-differs',
        children: [
          h('div', { children: [h('span', { className: 'side-tag', text: t('sideA') }), render(a)] }),
          h('div', { children: [h('span', { className: 'side-tag', text: t('sideB') }), render(b)] }),
        ],
      }),
      'cell-differs',
    );
  };
  return h('tr', {
    className: match.differs.length > 0 ? 'row-changed' : undefined,
    attrs: { 'data-match': 'both', 'data-differs': match.differs.join(' ') || undefined },
    children: [
      cell(h('span', { children: [text(match.roleName), match.differs.length > 0 ? h('span', { className: 'muted small', children: [' ', icon('diff-modified'), ` ${t('fieldsDiffer', match.differs.length)}`] }) : undefined] })),
      pair('source', (s) => text(s.source, t('notRead'))),
      pair('addedDate', (s) => dateValue(s.addedDate)),
      pair('startDate', (s) => dateValue(s.startDate)),
      pair('removeDate', (s) => dateValue(s.removeDate)),
    ],
  });
}

export function renderOwnership(root: HTMLElement, ctx: CompareContext): void {
  const shown = ctx.model.shown;
  if (!shown) {
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  root.hidden = false;
  const owned = shown.diff.ownership;
  const title = heading(t('ownershipHeading'), owned ? h('span', { className: 'badge', text: String(owned.length) }) : undefined);
  if (!owned) {
    root.replaceChildren(title, h('p', { className: 'state-message', text: t('ownershipUnreadable') }));
    return;
  }
  if (owned.length === 0) {
    root.replaceChildren(title, h('p', { className: 'state-message', children: [icon('pass'), ` ${t('ownsNothing')}`] }));
    return;
  }
  const body = h('tbody');
  for (const item of owned) body.appendChild(ownershipRow(item));
  const table = h('table', { className: 'data-table ownership-table', attrs: { 'aria-label': tCount(owned.length, 'ownedTableOne', 'ownedTableMany') }, children: [headerRow(['', t('columnOwnerOf'), t('columnType'), t('columnName')]), body] });
  root.replaceChildren(title, h('div', { className: 'table-scroll', children: [table] }));
}

function ownershipRow(item: OwnershipMatch): HTMLTableRowElement {
  return h('tr', {
    attrs: { 'data-match': item.match, title: matchText(item.match) },
    children: [cell(matchBadge(item.match), 'status-cell'), cell(text(item.associationType)), cell(text(item.type)), cell(text(item.name))],
  });
}
