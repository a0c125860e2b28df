// A comparison or a set of changes as Markdown (to paste into a ticket) or CSV (to open in a spreadsheet).
// Identity data is hostile: Markdown cells are escaped so data renders as text, CSV cells that a spreadsheet would
// run as a formula get a leading `'`. No `vscode` import.
import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from '../csvSafety';
import type { AssignmentSide, DiffStatus, IdentityDiff, MatchStatus } from './identityDiff';
import type { ChangeAggregate, IdentityChange } from './changeSummary';
import { describeChange, formatAggregate } from './changeSummary';
import { valueText } from './values';

export interface SideLabels {
  a: string;
  b: string;
}

export interface ExportOptions {
  /** Leave out what is equal (the "hide equal" view). */
  differencesOnly?: boolean;
}

// ---------------------------------------------------------------- cells

// eslint-disable-next-line no-control-regex -- control, bidi and other invisible characters are what is removed.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;
const MARKDOWN_CELL_MAX = 1000;

/** One Markdown table cell: one line, invisible characters removed, every character with Markdown/HTML meaning escaped. */
export function markdownCell(value: unknown): string {
  const raw = value === undefined ? '' : valueText(value);
  let text = raw.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  if (text.length > MARKDOWN_CELL_MAX) text = `${text.slice(0, MARKDOWN_CELL_MAX - 1)}…`;
  return text.replace(/[\\`*_[\]<>|~&#$!]/g, '\\$&');
}

/** Excel's limit for one cell is 32,767 characters. */
const CSV_CELL_MAX = 32_000;

/** One CSV cell: cut to what a spreadsheet holds, and neutralised when it would start a formula. */
export function csvCell(value: unknown): string {
  let text = value === undefined ? '' : valueText(value);
  if (text.length > CSV_CELL_MAX) text = `${text.slice(0, CSV_CELL_MAX - 1)}…`;
  return neutralizeFormula(text);
}

function csv(header: string[], rows: unknown[][], bom: boolean): string {
  return stringify([header, ...rows].map((row) => row.map(csvCell)), { bom, record_delimiter: 'windows' });
}

function table(header: string[], rows: unknown[][]): string[] {
  return [`| ${header.map(markdownCell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`)];
}

const STATUS_TEXT: Record<DiffStatus, string> = { equal: 'equal', changed: 'differs', onlyA: 'only A', onlyB: 'only B' };
const MATCH_TEXT: Record<MatchStatus, string> = { onlyA: 'only A', onlyB: 'only B', both: 'both' };

function dates(side: AssignmentSide | undefined): string {
  if (!side) return '';
  const parts = [side.addedDate ? `added ${side.addedDate}` : '', side.startDate ? `start ${side.startDate}` : '', side.removeDate ? `remove ${side.removeDate}` : ''];
  return parts.filter(Boolean).join(', ');
}

// ---------------------------------------------------------------- a comparison of two identities

function diffRows(diff: IdentityDiff, options: ExportOptions): { section: string; item: string; status: string; a: unknown; b: unknown }[] {
  const only = options.differencesOnly === true;
  const rows: { section: string; item: string; status: string; a: unknown; b: unknown }[] = [];
  for (const fact of diff.facts) {
    if (only && fact.status === 'equal') continue;
    rows.push({ section: 'fact', item: fact.label, status: STATUS_TEXT[fact.status], a: fact.a, b: fact.b });
  }
  for (const attribute of diff.attributes) {
    if (only && attribute.status === 'equal') continue;
    rows.push({ section: 'attribute', item: attribute.key, status: STATUS_TEXT[attribute.status], a: attribute.a, b: attribute.b });
  }
  for (const role of diff.roleAssignments) {
    if (only && role.match === 'both' && role.differs.length === 0) continue;
    const status = role.match === 'both' && role.differs.length > 0 ? `both (${role.differs.join(', ')} differ)` : MATCH_TEXT[role.match];
    const side = (s: AssignmentSide | undefined) => (s ? [s.source ? `source ${s.source}` : '', dates(s)].filter(Boolean).join('; ') || 'assigned' : undefined);
    rows.push({ section: 'role assignment', item: role.roleName, status, a: side(role.a), b: side(role.b) });
  }
  for (const owned of diff.ownership ?? []) {
    if (only && owned.match === 'both') continue;
    const label = `${owned.associationType}: ${owned.name}`;
    rows.push({ section: 'ownership', item: label, status: MATCH_TEXT[owned.match], a: owned.idA, b: owned.idB });
  }
  return rows;
}

export function diffToCsv(diff: IdentityDiff, labels: SideLabels, options: ExportOptions & { bom?: boolean } = {}): string {
  const rows = diffRows(diff, options).map((r) => [r.section, r.item, r.status, r.a, r.b]);
  return csv(['section', 'item', 'status', labels.a, labels.b], rows, options.bom === true);
}

export function diffToMarkdown(diff: IdentityDiff, labels: SideLabels, options: ExportOptions = {}): string {
  const rows = diffRows(diff, options);
  const { counts } = diff;
  const differing = counts.attributes.changed + counts.attributes.onlyA + counts.attributes.onlyB;
  const lines = [
    `**A:** ${markdownCell(labels.a)}  `,
    `**B:** ${markdownCell(labels.b)}`,
    '',
    `${counts.factsDiffering} header facts differ; ${differing} of ${diff.attributes.length} attributes differ; role assignments: ` +
      `${counts.roleAssignments.onlyA} only A, ${counts.roleAssignments.onlyB} only B, ${counts.roleAssignments.both} both` +
      (diff.matchBy === 'name' ? ' (matched by role name: different tenants)' : '') +
      '.',
  ];
  const sections: [string, string][] = [
    ['fact', 'Header facts'],
    ['attribute', 'Attributes'],
    ['role assignment', 'Role assignments'],
    ['ownership', 'Ownership'],
  ];
  for (const [section, title] of sections) {
    const part = rows.filter((r) => r.section === section);
    if (part.length === 0) continue;
    lines.push('', `### ${title}`, '', ...table([section === 'fact' ? 'Fact' : section === 'attribute' ? 'Attribute' : section === 'ownership' ? 'Owned object' : 'Role', 'Status', 'A', 'B'], part.map((r) => [r.item, r.status, r.a, r.b])));
  }
  if (rows.length === 0) lines.push('', 'No difference.');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- changes of many identities (before / after)

function changeRows(change: IdentityChange): unknown[][] {
  const rows: unknown[][] = [];
  const row = (kind: string, field: string, before: unknown, after: unknown) => rows.push([change.identityId, change.name, kind, field, before, after]);
  if (change.identityStatus) row('identity status', 'identityStatus', change.identityStatus.before, change.identityStatus.after);
  if (change.lifecycleState) row('lifecycle state', 'lifecycleState', change.lifecycleState.before, change.lifecycleState.after);
  if (change.manager) row('manager', 'manager', change.manager.before, change.manager.after);
  for (const attribute of change.attributes) row(`attribute ${attribute.kind}`, attribute.key, attribute.before, attribute.after);
  for (const role of change.roleAssignmentsAdded) row('role assignment added', role.roleName ?? role.roleId ?? '', undefined, role.assignmentId);
  for (const role of change.roleAssignmentsRemoved) row('role assignment removed', role.roleName ?? role.roleId ?? '', role.assignmentId, undefined);
  if (rows.length === 0) row('no change', '', undefined, undefined);
  return rows;
}

/** One row per changed field of every identity; an identity without change gets one "no change" row. */
export function changesToCsv(changes: readonly IdentityChange[], options: { bom?: boolean } = {}): string {
  return csv(['identityId', 'name', 'change', 'field', 'before', 'after'], changes.flatMap(changeRows), options.bom === true);
}

/** The aggregate line, then each changed identity with its changes; unchanged identities are counted, not listed. */
export function changesToMarkdown(changes: readonly IdentityChange[], aggregate: ChangeAggregate): string {
  const lines = [markdownCell(formatAggregate(aggregate))];
  for (const change of changes) {
    if (!change.changed) continue;
    lines.push('', `**${markdownCell(change.name)}** (${markdownCell(change.identityId)})`, ...describeChange(change).map((line) => `- ${markdownCell(line)}`));
  }
  if (aggregate.unchanged > 0) lines.push('', `${aggregate.unchanged} without change.`);
  return `${lines.join('\n')}\n`;
}
