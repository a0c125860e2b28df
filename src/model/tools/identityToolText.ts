// What the read tools return: tenants, identity tables, one identity's header facts and attributes, role assignments
// and ownership. Everything read from ISC sits inside quoted data (see toolText.ts); ids are always shown so that the
// next call can use them. No `vscode` import.
import type { Identity, OwnershipDetails, RoleAssignment, RoleAssignmentRef } from '../../api/types';
import { identityFacts } from '../identityDisplay';
import type { TenantInfo } from '../tenant';
import { DEFAULT_LIMITS, capRows, factLines, moreLine, quotedData, tableLines, toolValue } from './toolText';
import type { Column, TextLimits } from './toolText';

/** A tenant as the tools show it: never the client id or anything secret. */
export interface ToolTenant {
  id: string;
  label: string;
  baseUrl: string;
  readOnly: boolean;
  source: TenantInfo['source'];
  /** "ok", "unknown", "missing: …", "rejected: …". */
  credentials: string;
}

/** The tenant line every result starts with. */
export function tenantLine(tenant: Pick<TenantInfo, 'id' | 'label' | 'readOnly'>): string {
  return `Tenant: ${toolValue(tenant.label, 80)} (tenant id ${toolValue(tenant.id, 40)}, ${tenant.readOnly ? 'read-only' : 'writable'}).`;
}

export function tenantListText(tenants: readonly ToolTenant[]): string {
  if (tenants.length === 0) return 'No ISC tenant is configured. The user can add one with the command "ISC: Add Tenant…".';
  const columns: Column<ToolTenant>[] = [
    { header: 'tenant id', value: (t) => t.id, max: 40 },
    { header: 'label', value: (t) => t.label, max: 80 },
    { header: 'API base URL', value: (t) => t.baseUrl, max: 120 },
    { header: 'mode', value: (t) => (t.readOnly ? 'read-only' : 'writable') },
    { header: 'source', value: (t) => t.source },
    { header: 'credentials', value: (t) => t.credentials, max: 120 },
  ];
  return [
    `${tenants.length} tenant(s). Pass the tenant id as "tenant" to the other ISC tools. A read-only tenant refuses every action.`,
    ...tableLines(columns, tenants, 50),
  ].join('\n');
}

function statusOf(identity: Identity): unknown {
  return identity.identityStatus ?? identity.attributes?.cloudStatus;
}

const IDENTITY_COLUMNS: Column<Identity>[] = [
  { header: 'id', value: (i) => i.id, max: 64 },
  { header: 'name', value: (i) => i.name, max: 80 },
  { header: 'alias', value: (i) => i.alias, max: 60 },
  { header: 'email', value: (i) => i.emailAddress ?? i.attributes?.email, max: 80 },
  { header: 'status', value: statusOf, max: 30 },
  { header: 'processing', value: (i) => i.processingState, max: 20 },
  { header: 'lifecycle', value: (i) => i.lifecycleState?.stateName ?? i.attributes?.cloudLifecycleState, max: 40 },
];

export interface IdentityListText {
  tenant: Pick<TenantInfo, 'id' | 'label' | 'readOnly'>;
  /** What was asked, in words (e.g. `filter name sw "A"`); sanitised here. */
  query: string;
  identities: readonly Identity[];
  offset: number;
  /** X-Total-Count, when ISC sent it. */
  total?: number;
  /** What the list is, e.g. "identities" or "identities needing attention". */
  noun?: string;
}

/** A page of identities: what was asked, the range and total, then the table as quoted data. */
export function identityListText(page: IdentityListText): string {
  const noun = page.noun ?? 'identities';
  const shown = page.identities.length;
  const from = page.offset + 1;
  const to = page.offset + shown;
  const lines = [tenantLine(page.tenant), `Query: ${toolValue(page.query, 400)}.`];
  if (shown === 0) {
    lines.push(page.total !== undefined && page.total > 0 ? `No ${noun} at offset ${page.offset}; ${page.total} in total.` : `No ${noun} match.`);
    return lines.join('\n');
  }
  const of = page.total !== undefined ? ` of ${page.total}` : '';
  lines.push(`Showing ${noun} ${from}–${to}${of}.`);
  const rest = page.total !== undefined ? page.total - to : undefined;
  if (rest !== undefined && rest > 0) lines.push(`${rest} more: call again with offset ${to}.`);
  else if (rest === undefined) lines.push(`There may be more: call again with offset ${to}.`);
  lines.push(quotedData(tableLines(IDENTITY_COLUMNS, page.identities, page.identities.length)));
  return lines.join('\n');
}

function attributeLines(attributes: Record<string, unknown> | undefined, limits: TextLimits): string[] {
  const entries = Object.entries(attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return ['Attributes: none.'];
  const { shown, more } = capRows(entries, limits.attributes);
  const lines = [`Attributes (${entries.length}${more ? `, first ${shown.length} by name` : ''}):`];
  for (const [key, value] of shown) lines.push(`  ${toolValue(key, 60) || '(blank name)'}: ${toolValue(value, limits.value)}`);
  const tail = moreLine(more, 'ask the user to open the details panel for all of them');
  if (tail) lines.push(tail);
  return lines;
}

const REF_COLUMNS: Column<RoleAssignmentRef>[] = [
  { header: 'assignment id', value: (r) => r.id, max: 64 },
  { header: 'role id', value: (r) => r.role?.id, max: 64 },
  { header: 'role name', value: (r) => r.role?.name, max: 80 },
  { header: 'added', value: (r) => r.addedDate, max: 30 },
  { header: 'starts', value: (r) => r.startDate, max: 30 },
  { header: 'ends', value: (r) => r.removeDate, max: 30 },
];

/** Role assignment references as table lines (inside an identity's quoted data or on their own). */
function roleAssignmentRefLines(refs: readonly RoleAssignmentRef[], limits: TextLimits = DEFAULT_LIMITS): string[] {
  if (refs.length === 0) return ['Role assignments: none.'];
  return [`Role assignments (${refs.length}):`, ...tableLines(REF_COLUMNS, refs, limits.rows, 'use the role-assignment tool with a role id or name')];
}

function ownershipLines(details: OwnershipDetails, limits: TextLimits): string[] {
  const owned = details.groups.flatMap((group) => group.entities.map((entity) => ({ ...entity, associationType: entity.associationType || group.associationType })));
  if (owned.length === 0) return [details.shape === 'unknown' ? 'Ownership: the answer had an unexpected shape.' : 'Ownership: owns nothing.'];
  const columns: Column<(typeof owned)[number]>[] = [
    { header: 'association', value: (o) => o.associationType, max: 40 },
    { header: 'type', value: (o) => o.type, max: 30 },
    { header: 'id', value: (o) => o.id, max: 64 },
    { header: 'name', value: (o) => o.name, max: 80 },
  ];
  return [`Owns (${owned.length}):`, ...tableLines(columns, owned, limits.rows)];
}

/** A part that could not be read: its error, or its value. */
export type Optional<T> = { value: T } | { error: string } | undefined;

export interface IdentityDetailText {
  tenant: Pick<TenantInfo, 'id' | 'label' | 'readOnly'>;
  identity: Identity;
  roleAssignments?: Optional<RoleAssignmentRef[]>;
  ownership?: Optional<OwnershipDetails>;
  limits?: TextLimits;
}

/** One identity: header facts, attributes, optionally role assignments and ownership, all as quoted data. */
export function identityDetailText(detail: IdentityDetailText): string {
  const limits = detail.limits ?? DEFAULT_LIMITS;
  const identity = detail.identity;
  const lines = [
    `Name: ${toolValue(identity.name, 120) || '(none)'}`,
    ...identityFacts(identity, {}, true).map(([label, value]) => `${label}: ${toolValue(value, limits.value)}`),
    ...factLines([
      ['Manager id', identity.managerRef?.id],
      ['Created', identity.created],
    ]),
    ...attributeLines(identity.attributes, limits),
  ];
  const roles = detail.roleAssignments;
  if (roles && 'value' in roles) lines.push(...roleAssignmentRefLines(roles.value, limits));
  else if (roles) lines.push(`Role assignments: could not be read (${toolValue(roles.error, 300)}).`);
  const ownership = detail.ownership;
  if (ownership && 'value' in ownership) lines.push(...ownershipLines(ownership.value, limits));
  else if (ownership) lines.push(`Ownership: could not be read (${toolValue(ownership.error, 300)}).`);
  return [tenantLine(detail.tenant), `Identity ${toolValue(identity.id, 64)}:`, quotedData(lines)].join('\n');
}

/** The role assignment references of one identity (no role filter). */
export function roleAssignmentRefsText(tenant: IdentityDetailText['tenant'], identityId: string, refs: readonly RoleAssignmentRef[]): string {
  return [
    tenantLine(tenant),
    `Role assignments of identity ${toolValue(identityId, 64)}. Pass an assignment id (or a role id or name) for the full assignment.`,
    quotedData(roleAssignmentRefLines(refs)),
  ].join('\n');
}

function assignmentLines(assignment: RoleAssignment, limits: TextLimits): string[] {
  const ref = (r: { id?: string; name?: string | null } | undefined): string | undefined =>
    r ? [toolValue(r.name, 80), r.id ? `(id ${toolValue(r.id, 64)})` : ''].filter(Boolean).join(' ') : undefined;
  const lines = factLines(
    [
      ['Assignment id', assignment.id],
      ['Role', ref(assignment.role)],
      ['Source of the assignment', assignment.assignmentSource],
      ['Assigner', ref(assignment.assigner)],
      ['Added', assignment.addedDate],
      ['Starts', assignment.startDate],
      ['Ends', assignment.removeDate],
      ['Comments', assignment.comments],
    ],
    limits.value,
  );
  const dimensions = assignment.assignedDimensions ?? [];
  if (dimensions.length) {
    const { shown, more } = capRows(dimensions, 10);
    lines.push(`Dimensions: ${shown.map((d) => ref(d)).join('; ')}${more ? `; … ${more} more` : ''}`);
  }
  const requested = assignment.assignmentContext?.requested?.contextAttributes ?? [];
  const matched = assignment.assignmentContext?.matched ?? [];
  if (requested.length) {
    const { shown, more } = capRows(requested, 10);
    lines.push(`Requested context: ${shown.map((c) => `${toolValue(c.attribute, 60)}=${toolValue(c.value, 80)}`).join('; ')}${more ? `; … ${more} more` : ''}`);
  }
  if (matched.length) {
    const { shown, more } = capRows(matched, 10);
    lines.push(`Matched roles: ${shown.map((m) => ref(m.roleRef)).join('; ')}${more ? `; … ${more} more` : ''}`);
  }
  const targets = assignment.accountTargets ?? [];
  if (targets.length) {
    const columns: Column<(typeof targets)[number]>[] = [
      { header: 'source', value: (t) => ref(t.source), max: 120 },
      { header: 'account', value: (t) => t.accountInfo?.displayName ?? t.accountInfo?.nativeIdentity, max: 80 },
      { header: 'native identity', value: (t) => t.accountInfo?.nativeIdentity, max: 80 },
    ];
    lines.push(`Account targets (${targets.length}):`, ...tableLines(columns, targets, limits.rows));
  }
  return lines;
}

/** Full role assignments (one, or those of one role). */
export function roleAssignmentsText(tenant: IdentityDetailText['tenant'], identityId: string, assignments: readonly RoleAssignment[], limits: TextLimits = DEFAULT_LIMITS): string {
  const head = [tenantLine(tenant), `Role assignment${assignments.length === 1 ? '' : 's'} of identity ${toolValue(identityId, 64)}:`];
  if (assignments.length === 0) return [...head, 'None match.'].join('\n');
  const { shown, more } = capRows(assignments, 5);
  const lines: string[] = [];
  shown.forEach((assignment, index) => {
    if (shown.length > 1) lines.push(`— assignment ${index + 1} of ${assignments.length}`);
    lines.push(...assignmentLines(assignment, limits));
  });
  const tail = moreLine(more, 'ask for one by its assignment id');
  if (tail) lines.push(tail);
  return [...head, quotedData(lines)].join('\n');
}

/** A find's query in words, for the line above the table. */
export function queryDescription(query: { filters?: string; sorters?: string; defaultFilter?: string; limit?: number; offset?: number }): string {
  return [
    `filters ${query.filters ? query.filters : '(none)'}`,
    `sorters ${query.sorters || '(ISC default order)'}`,
    `defaultFilter ${query.defaultFilter ?? 'NONE'}`,
    `limit ${query.limit ?? ''}`,
    `offset ${query.offset ?? 0}`,
  ].join('; ');
}
