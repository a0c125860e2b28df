// What an action (process, reset, synchronize) changed on one identity, from a snapshot before and one after, and
// the sum over many ("17 of 40 changed: department 9, manager 3; 4 role assignments added, 1 removed").
// No `vscode` import.
import * as l10n from '@vscode/l10n';
import type { AssignmentSide, IdentitySnapshot } from './identityDiff';
import { compareIdentities } from './identityDiff';
import { valueText } from './values';

interface ValueChange {
  before?: string;
  after?: string;
}

interface AttributeChange {
  key: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** Multi-valued attributes: the values that appeared and disappeared. */
  valuesAdded?: string[];
  valuesRemoved?: string[];
}

export interface IdentityChange {
  identityId: string;
  name: string;
  attributes: AttributeChange[];
  roleAssignmentsAdded: AssignmentSide[];
  roleAssignmentsRemoved: AssignmentSide[];
  lifecycleState?: ValueChange;
  manager?: ValueChange;
  identityStatus?: ValueChange;
  changed: boolean;
}

export interface ChangeOptions {
  /** Attribute keys that are not a change (default: VOLATILE_ATTRIBUTES). */
  ignoreAttributes?: readonly string[];
}

/** ISC stamps `lastSyncDate` on every refresh: counted as a change, every processed identity would be "changed". */
const VOLATILE_ATTRIBUTES: readonly string[] = ['lastSyncDate'];

/** Attributes that mirror a header fact: reported once, under the fact, when the fact changed. */
const MIRRORED_ATTRIBUTES: Readonly<Record<string, 'lifecycleState' | 'identityStatus'>> = {
  cloudLifecycleState: 'lifecycleState',
  cloudStatus: 'identityStatus',
};

export function summarizeChange(before: IdentitySnapshot, after: IdentitySnapshot, options: ChangeOptions = {}): IdentityChange {
  const diff = compareIdentities(before, after, { ignoreAttributes: options.ignoreAttributes ?? VOLATILE_ATTRIBUTES });
  const fact = (key: 'lifecycleState' | 'manager' | 'identityStatus'): ValueChange | undefined => {
    const found = diff.facts.find((f) => f.key === key);
    if (!found || found.status === 'equal') return undefined;
    const change: ValueChange = {};
    if (found.a !== undefined) change.before = found.a;
    if (found.b !== undefined) change.after = found.b;
    return change;
  };
  const result: IdentityChange = {
    identityId: after.identity.id || before.identity.id,
    name: after.identity.name || before.identity.name || after.identity.id || before.identity.id,
    attributes: [],
    roleAssignmentsAdded: diff.roleAssignments.filter((m) => m.match === 'onlyB').flatMap((m) => (m.b ? [m.b] : [])),
    roleAssignmentsRemoved: diff.roleAssignments.filter((m) => m.match === 'onlyA').flatMap((m) => (m.a ? [m.a] : [])),
    changed: false,
  };
  const lifecycle = fact('lifecycleState');
  const manager = fact('manager');
  const status = fact('identityStatus');
  if (lifecycle) result.lifecycleState = lifecycle;
  if (manager) result.manager = manager;
  if (status) result.identityStatus = status;
  for (const attribute of diff.attributes) {
    if (attribute.status === 'equal') continue;
    const mirrored = MIRRORED_ATTRIBUTES[attribute.key];
    if (mirrored && result[mirrored]) continue;
    const change: AttributeChange = { key: attribute.key, kind: attribute.status === 'onlyA' ? 'removed' : attribute.status === 'onlyB' ? 'added' : 'changed' };
    if (attribute.inA) change.before = attribute.a;
    if (attribute.inB) change.after = attribute.b;
    if (attribute.sets) {
      change.valuesAdded = attribute.sets.onlyB;
      change.valuesRemoved = attribute.sets.onlyA;
    }
    result.attributes.push(change);
  }
  result.changed =
    result.attributes.length > 0 || result.roleAssignmentsAdded.length > 0 || result.roleAssignmentsRemoved.length > 0 || !!lifecycle || !!manager || !!status;
  return result;
}

/** The fields an identity's change touched, as the aggregate counts them. */
function changedFields(change: IdentityChange): string[] {
  const fields: string[] = [];
  if (change.lifecycleState) fields.push(l10n.t('lifecycle state'));
  if (change.manager) fields.push(l10n.t('manager'));
  if (change.identityStatus) fields.push(l10n.t('identity status'));
  for (const attribute of change.attributes) fields.push(attribute.key);
  return fields;
}

const SHORT = 200;

function shortText(value: unknown): string {
  if (value === undefined) return l10n.t('(none)');
  const text = valueText(value);
  if (text === '') return l10n.t('(empty)');
  return text.length > SHORT ? `${text.slice(0, SHORT - 1)}…` : text;
}

/** One line per change, for a job's details and the diff title; says so when nothing changed. */
export function describeChange(change: IdentityChange): string[] {
  const lines: string[] = [];
  const arrow = (label: string, value: ValueChange) => lines.push(l10n.t('{0}: {1} → {2}', label, shortText(value.before), shortText(value.after)));
  if (change.identityStatus) arrow(l10n.t('Identity status'), change.identityStatus);
  if (change.lifecycleState) arrow(l10n.t('Lifecycle state'), change.lifecycleState);
  if (change.manager) arrow(l10n.t('Manager'), change.manager);
  for (const attribute of change.attributes) {
    if (attribute.kind === 'added') lines.push(l10n.t('{0} added: {1}', attribute.key, shortText(attribute.after)));
    else if (attribute.kind === 'removed') lines.push(l10n.t('{0} removed (was {1})', attribute.key, shortText(attribute.before)));
    else if (attribute.valuesAdded || attribute.valuesRemoved) {
      const parts = [
        ...(attribute.valuesAdded ?? []).map((v) => `+${shortText(v)}`),
        ...(attribute.valuesRemoved ?? []).map((v) => `−${shortText(v)}`),
      ];
      lines.push(l10n.t('{0}: {1}', attribute.key, parts.join(', ') || l10n.t('values reordered')));
    } else lines.push(l10n.t('{0}: {1} → {2}', attribute.key, shortText(attribute.before), shortText(attribute.after)));
  }
  for (const role of change.roleAssignmentsAdded) lines.push(l10n.t('Role assignment added: {0}', role.roleName ?? role.roleId ?? role.assignmentId ?? l10n.t('(unnamed role)')));
  for (const role of change.roleAssignmentsRemoved) lines.push(l10n.t('Role assignment removed: {0}', role.roleName ?? role.roleId ?? role.assignmentId ?? l10n.t('(unnamed role)')));
  if (lines.length === 0) lines.push(l10n.t('No identity attribute changed'));
  return lines;
}

export interface ChangeAggregate {
  total: number;
  changed: number;
  unchanged: number;
  /** Identities that changed per field, most first (ties by name). */
  fields: { field: string; count: number }[];
  roleAssignmentsAdded: number;
  roleAssignmentsRemoved: number;
}

/** Sums the changes of a job; `total` counts identities whose change is not in `changes` (no snapshot) too. */
export function aggregateChanges(changes: readonly IdentityChange[], total = changes.length): ChangeAggregate {
  const counts = new Map<string, number>();
  let changed = 0;
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    if (!change.changed) continue;
    changed += 1;
    added += change.roleAssignmentsAdded.length;
    removed += change.roleAssignmentsRemoved.length;
    for (const field of new Set(changedFields(change))) counts.set(field, (counts.get(field) ?? 0) + 1);
  }
  const fields = [...counts].map(([field, count]) => ({ field, count })).sort((x, y) => y.count - x.count || (x.field < y.field ? -1 : x.field > y.field ? 1 : 0));
  return { total: Math.max(total, changes.length), changed, unchanged: changes.length - changed, fields, roleAssignmentsAdded: added, roleAssignmentsRemoved: removed };
}

/** "17 of 40 changed: department 9, manager 3; 4 role assignments added, 1 removed". */
export function formatAggregate(aggregate: ChangeAggregate, maxFields = 6): string {
  const shown = aggregate.fields.slice(0, maxFields).map((f) => `${f.field} ${f.count}`);
  if (aggregate.fields.length > maxFields) shown.push(l10n.t('{0} more', aggregate.fields.length - maxFields));
  const head =
    shown.length > 0
      ? l10n.t('{0} of {1} changed: {2}', aggregate.changed, aggregate.total, shown.join(', '))
      : l10n.t('{0} of {1} changed', aggregate.changed, aggregate.total);
  const roles = roleAssignmentsText(aggregate.roleAssignmentsAdded, aggregate.roleAssignmentsRemoved);
  return roles ? l10n.t('{0}; {1}', head, roles) : head;
}

/** "4 role assignments added, 1 removed"; undefined when none changed. */
function roleAssignmentsText(added: number, removed: number): string | undefined {
  if (added > 0 && removed > 0) {
    return added === 1 ? l10n.t('1 role assignment added, {0} removed', removed) : l10n.t('{0} role assignments added, {1} removed', added, removed);
  }
  if (added > 0) return added === 1 ? l10n.t('1 role assignment added') : l10n.t('{0} role assignments added', added);
  if (removed > 0) return removed === 1 ? l10n.t('1 role assignment removed') : l10n.t('{0} role assignments removed', removed);
  return undefined;
}
