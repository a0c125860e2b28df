// Compares two identity snapshots: header facts, attributes by key, role assignments and ownership.
// Within one tenant role assignments and owned objects match by id; across tenants (sandbox vs production, where
// the same role has another id) they match by name. No `vscode` import; the compare webview bundles it too.
import * as l10n from '@vscode/l10n';
import type { Identity, OwnedObject, RoleAssignmentRef } from '../../api/types';
import type { SetComparison } from './values';
import { compareAsSets, isMultiValued, valueText, valuesEqual } from './values';

export type DiffStatus = 'equal' | 'changed' | 'onlyA' | 'onlyB';
export type MatchStatus = 'onlyA' | 'onlyB' | 'both';

/** A role assignment as a snapshot holds it: the reference, plus its source when the full assignment was read. */
export interface SnapshotAssignment extends RoleAssignmentRef {
  assignmentSource?: string;
}

export interface SnapshotOwnership {
  groups: { associationType: string; entities: OwnedObject[] }[];
}

/** What is known of one identity at one moment. */
export interface IdentitySnapshot {
  identity: Identity;
  roleAssignments: SnapshotAssignment[];
  ownership?: SnapshotOwnership;
  /** From list-identities `protected eq true`: the IdentityDto itself does not say. */
  protected?: boolean;
}

type FactKey = 'identityStatus' | 'processingState' | 'lifecycleState' | 'manager' | 'protected' | 'isManager';

export interface FactDiff {
  key: FactKey;
  label: string;
  a?: string;
  b?: string;
  status: DiffStatus;
}

export interface AttributeDiff {
  key: string;
  status: DiffStatus;
  inA: boolean;
  inB: boolean;
  a?: unknown;
  b?: unknown;
  /** Set when both values are multi-valued: which values each side has. */
  sets?: SetComparison;
}

export interface AssignmentSide {
  assignmentId?: string;
  roleId?: string;
  roleName?: string;
  source?: string;
  addedDate?: string;
  startDate?: string;
  removeDate?: string;
}

export type AssignmentField = 'source' | 'addedDate' | 'startDate' | 'removeDate';

export interface RoleAssignmentMatch {
  match: MatchStatus;
  roleName: string;
  a?: AssignmentSide;
  b?: AssignmentSide;
  /** For `both`: the fields whose values differ (a source only one side knows is not a difference). */
  differs: AssignmentField[];
}

export interface OwnershipMatch {
  match: MatchStatus;
  associationType: string;
  type: string;
  name: string;
  idA?: string;
  idB?: string;
}

interface DiffCounts {
  factsDiffering: number;
  attributes: Record<DiffStatus, number>;
  roleAssignments: Record<MatchStatus, number>;
  ownership?: Record<MatchStatus, number>;
}

export interface IdentityDiff {
  /** How role assignments and owned objects were matched. */
  matchBy: 'id' | 'name';
  facts: FactDiff[];
  /** Differences first, then equal attributes; each part by key. */
  attributes: AttributeDiff[];
  /** Only A, only B, then both; each part by role name. */
  roleAssignments: RoleAssignmentMatch[];
  /** Absent when either side's ownership is unknown. */
  ownership?: OwnershipMatch[];
  counts: DiffCounts;
}

export interface CompareOptions {
  /** The two identities live in different tenants: match roles and owned objects by name. */
  crossTenant?: boolean;
  /** Attribute keys left out of the comparison. */
  ignoreAttributes?: readonly string[];
  /** The header facts' names (English when absent). */
  factLabels?: FactLabels;
}

export function compareIdentities(a: IdentitySnapshot, b: IdentitySnapshot, options: CompareOptions = {}): IdentityDiff {
  const matchBy = options.crossTenant ? 'name' : 'id';
  const attributes = compareAttributes(a.identity.attributes, b.identity.attributes, options.ignoreAttributes ?? []);
  const facts = compareFacts(a, b, matchBy, options.factLabels ?? ENGLISH_FACT_LABELS);
  const roleAssignments = matchRoleAssignments(a.roleAssignments, b.roleAssignments, matchBy);
  const ownership = a.ownership && b.ownership ? matchOwnership(a.ownership, b.ownership, matchBy) : undefined;
  const counts: DiffCounts = {
    factsDiffering: facts.filter((f) => f.status !== 'equal').length,
    attributes: countBy(attributes, (d) => d.status, { equal: 0, changed: 0, onlyA: 0, onlyB: 0 }),
    roleAssignments: countBy(roleAssignments, (m) => m.match, { onlyA: 0, onlyB: 0, both: 0 }),
  };
  if (ownership) counts.ownership = countBy(ownership, (m) => m.match, { onlyA: 0, onlyB: 0, both: 0 });
  return { matchBy, facts, attributes, roleAssignments, ownership, counts };
}

/** True when nothing at all differs (facts, attributes, role assignments, ownership). */
export function isIdenticalDiff(diff: IdentityDiff): boolean {
  const { counts } = diff;
  return (
    counts.factsDiffering === 0 &&
    counts.attributes.changed + counts.attributes.onlyA + counts.attributes.onlyB === 0 &&
    counts.roleAssignments.onlyA + counts.roleAssignments.onlyB === 0 &&
    diff.roleAssignments.every((m) => m.differs.length === 0) &&
    (counts.ownership === undefined || counts.ownership.onlyA + counts.ownership.onlyB === 0)
  );
}

// ---------------------------------------------------------------- attributes

function attributeMap(attributes: Identity['attributes']): Map<string, unknown> {
  if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) return new Map();
  return new Map(Object.entries(attributes));
}

function compareAttributes(a: Identity['attributes'], b: Identity['attributes'], ignore: readonly string[] = []): AttributeDiff[] {
  const left = attributeMap(a);
  const right = attributeMap(b);
  const ignored = new Set(ignore);
  const keys = new Set([...left.keys(), ...right.keys()]);
  const diffs: AttributeDiff[] = [];
  for (const key of keys) {
    if (ignored.has(key)) continue;
    const inA = left.has(key);
    const inB = right.has(key);
    const va = left.get(key);
    const vb = right.get(key);
    const diff: AttributeDiff = { key, inA, inB, status: !inA ? 'onlyB' : !inB ? 'onlyA' : valuesEqual(va, vb) ? 'equal' : 'changed' };
    if (inA) diff.a = va;
    if (inB) diff.b = vb;
    if (inA && inB && isMultiValued(va) && isMultiValued(vb)) diff.sets = compareAsSets(va, vb);
    diffs.push(diff);
  }
  return diffs.sort((x, y) => Number(x.status === 'equal') - Number(y.status === 'equal') || byText(x.key, y.key));
}

// ---------------------------------------------------------------- header facts

function text(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? l10n.t('Yes') : l10n.t('No');
  const result = valueText(value);
  return result === '' ? undefined : result;
}

/** The lifecycle state ISC shows: `attributes.cloudLifecycleState`, else `lifecycleState.stateName`. */
function lifecycleStateOf(identity: Identity): string | undefined {
  const fromAttributes = identity.attributes?.cloudLifecycleState;
  if (typeof fromAttributes === 'string' && fromAttributes) return fromAttributes;
  const state = identity.lifecycleState;
  return state && typeof state === 'object' && typeof state.stateName === 'string' && state.stateName ? state.stateName : undefined;
}

/** The manager as shown (name, else id) and as compared (id in one tenant, name across tenants). */
function managerOf(identity: Identity, matchBy: 'id' | 'name'): { shown?: string; key?: string } {
  const ref = identity.managerRef;
  if (!ref || typeof ref !== 'object') return {};
  const id = typeof ref.id === 'string' && ref.id ? ref.id : undefined;
  const name = typeof ref.name === 'string' && ref.name ? ref.name : undefined;
  const shown = name ?? id;
  const key = matchBy === 'id' ? (id ?? nameKey(name)) : (nameKey(name) ?? id);
  return { shown, key };
}

/** The names of the header facts, as the page and its copies show them; the host passes localized ones. */
export type FactLabels = Record<FactKey, string>;

export const ENGLISH_FACT_LABELS: FactLabels = {
  identityStatus: 'Identity status',
  processingState: 'Processing state',
  lifecycleState: 'Lifecycle state',
  manager: 'Manager',
  protected: 'Protected',
  isManager: 'Is manager',
};

function compareFacts(a: IdentitySnapshot, b: IdentitySnapshot, matchBy: 'id' | 'name', labels: FactLabels): FactDiff[] {
  const fact = (key: FactKey, va: string | undefined, vb: string | undefined, ka = va, kb = vb): FactDiff => {
    const status: DiffStatus = ka === kb ? 'equal' : ka === undefined ? 'onlyB' : kb === undefined ? 'onlyA' : 'changed';
    const diff: FactDiff = { key, label: labels[key], status };
    if (va !== undefined) diff.a = va;
    if (vb !== undefined) diff.b = vb;
    return diff;
  };
  const ma = managerOf(a.identity, matchBy);
  const mb = managerOf(b.identity, matchBy);
  return [
    fact('identityStatus', text(a.identity.identityStatus), text(b.identity.identityStatus)),
    fact('processingState', text(a.identity.processingState), text(b.identity.processingState)),
    fact('lifecycleState', lifecycleStateOf(a.identity), lifecycleStateOf(b.identity)),
    fact('manager', ma.shown, mb.shown, ma.key, mb.key),
    fact('protected', text(a.protected), text(b.protected)),
    fact('isManager', text(a.identity.isManager), text(b.identity.isManager)),
  ];
}

// ---------------------------------------------------------------- role assignments

function nameKey(name: string | null | undefined): string | undefined {
  if (typeof name !== 'string') return undefined;
  const key = name.normalize('NFC').trim().toLowerCase();
  return key === '' ? undefined : key;
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function assignmentSide(ref: SnapshotAssignment): AssignmentSide {
  const side: AssignmentSide = {};
  const set = <K extends keyof AssignmentSide>(key: K, value: unknown) => {
    const v = optional(value);
    if (v !== undefined) side[key] = v;
  };
  set('assignmentId', ref.id);
  set('roleId', ref.role?.id);
  set('roleName', ref.role?.name);
  set('source', ref.assignmentSource);
  set('addedDate', ref.addedDate);
  set('startDate', ref.startDate);
  set('removeDate', ref.removeDate);
  return side;
}

function roleLabel(side: AssignmentSide | undefined): string {
  return side?.roleName ?? side?.roleId ?? side?.assignmentId ?? l10n.t('(unnamed role)');
}

/**
 * Pairs the role assignments of A and B: by role id (one tenant) or role name (across tenants), falling back to the
 * other when the preferred one is missing. The same role assigned twice (e.g. per dimension) pairs in order.
 */
export function matchRoleAssignments(a: readonly SnapshotAssignment[], b: readonly SnapshotAssignment[], matchBy: 'id' | 'name'): RoleAssignmentMatch[] {
  const keyOf = (side: AssignmentSide, index: number, origin: string): string => {
    const id = side.roleId ? `id:${side.roleId}` : undefined;
    const name = nameKey(side.roleName);
    const byName = name ? `name:${name}` : undefined;
    return (matchBy === 'id' ? (id ?? byName) : (byName ?? id)) ?? `unmatched:${origin}:${index}`;
  };
  const pairs = pairByKey(
    a.map((ref) => assignmentSide(ref)),
    b.map((ref) => assignmentSide(ref)),
    keyOf,
  );
  const matches = pairs.map(({ a: sa, b: sb }): RoleAssignmentMatch => {
    const match: MatchStatus = sa && sb ? 'both' : sa ? 'onlyA' : 'onlyB';
    const result: RoleAssignmentMatch = { match, roleName: roleLabel(sa ?? sb), differs: sa && sb ? assignmentDifferences(sa, sb) : [] };
    if (sa) result.a = sa;
    if (sb) result.b = sb;
    return result;
  });
  const order: Record<MatchStatus, number> = { onlyA: 0, onlyB: 1, both: 2 };
  return matches.sort((x, y) => order[x.match] - order[y.match] || byText(x.roleName, y.roleName));
}

function assignmentDifferences(a: AssignmentSide, b: AssignmentSide): AssignmentField[] {
  const fields: AssignmentField[] = [];
  if (a.source !== undefined && b.source !== undefined && a.source !== b.source) fields.push('source');
  for (const field of ['addedDate', 'startDate', 'removeDate'] as const) {
    if (a[field] !== b[field]) fields.push(field);
  }
  return fields;
}

// ---------------------------------------------------------------- ownership

export function matchOwnership(a: SnapshotOwnership, b: SnapshotOwnership, matchBy: 'id' | 'name'): OwnershipMatch[] {
  const flatten = (ownership: SnapshotOwnership): OwnedObject[] =>
    (Array.isArray(ownership.groups) ? ownership.groups : []).flatMap((group) =>
      (Array.isArray(group?.entities) ? group.entities : [])
        .filter((entity) => entity && typeof entity === 'object')
        .map((entity) => ({ ...entity, associationType: String(entity.associationType || group.associationType || '') })),
    );
  const keyOf = (entity: OwnedObject, index: number, origin: string): string => {
    const id = optional(entity.id);
    const name = nameKey(entity.name);
    const byId = id ? `${entity.associationType}|id:${id}` : undefined;
    const byName = name ? `${entity.associationType}|${String(entity.type ?? '')}|name:${name}` : undefined;
    return (matchBy === 'id' ? (byId ?? byName) : (byName ?? byId)) ?? `unmatched:${origin}:${index}`;
  };
  const matches = pairByKey(flatten(a), flatten(b), keyOf).map(({ a: ea, b: eb }): OwnershipMatch => {
    const entity = (ea ?? eb) as OwnedObject;
    const result: OwnershipMatch = {
      match: ea && eb ? 'both' : ea ? 'onlyA' : 'onlyB',
      associationType: String(entity.associationType || ''),
      type: String(entity.type ?? ''),
      name: optional(entity.name) ?? optional(entity.id) ?? '(unnamed)',
    };
    if (ea && optional(ea.id)) result.idA = ea.id;
    if (eb && optional(eb.id)) result.idB = eb.id;
    return result;
  });
  const order: Record<MatchStatus, number> = { onlyA: 0, onlyB: 1, both: 2 };
  return matches.sort((x, y) => order[x.match] - order[y.match] || byText(x.associationType, y.associationType) || byText(x.name, y.name));
}

// ---------------------------------------------------------------- helpers

/** Pairs items with equal keys (repeats in order); what is left over stays unpaired. */
function pairByKey<T>(a: readonly T[], b: readonly T[], keyOf: (item: T, index: number, origin: 'a' | 'b') => string): { a?: T; b?: T }[] {
  const waiting = new Map<string, T[]>();
  b.forEach((item, index) => {
    const key = keyOf(item, index, 'b');
    const list = waiting.get(key);
    if (list) list.push(item);
    else waiting.set(key, [item]);
  });
  const pairs: { a?: T; b?: T }[] = [];
  a.forEach((item, index) => {
    const partner = waiting.get(keyOf(item, index, 'a'))?.shift();
    pairs.push(partner === undefined ? { a: item } : { a: item, b: partner });
  });
  for (const rest of waiting.values()) for (const item of rest) pairs.push({ b: item });
  return pairs;
}

function countBy<T, K extends string>(items: readonly T[], keyOf: (item: T) => K, start: Record<K, number>): Record<K, number> {
  const counts = { ...start };
  for (const item of items) counts[keyOf(item)] += 1;
  return counts;
}

function byText(x: string, y: string): number {
  return x.localeCompare(y, 'en', { sensitivity: 'base' }) || (x < y ? -1 : x > y ? 1 : 0);
}
