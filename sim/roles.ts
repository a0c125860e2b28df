// Role catalog, role assignments and owned objects, all derived deterministically from (seed, identity index).

import type { BaseReference, RoleAssignment, RoleAssignmentRef } from '../src/api/types';
import { iso } from './attributes';
import type { IdentityRecord, OwnedEntity } from './model';
import {
  ACCESS_PROFILE_NAMES, ASSIGNMENT_COMMENTS, ASSIGNMENT_SOURCES, DEPARTMENTS, PLACES, ROLE_NAMES, SOURCE_NAMES,
} from './pools';
import { Rng, mixSeed } from './prng';

interface CatalogEntry {
  id: string;
  name: string;
}

export interface Catalog {
  roles: CatalogEntry[];
  sources: CatalogEntry[];
  accessProfiles: CatalogEntry[];
}

const DAY = 86_400_000;
const OWNER_TYPES: readonly [string, string][] = [
  ['ROLE_OWNER', 'ROLE'], ['SOURCE_OWNER', 'SOURCE'], ['ACCESS_PROFILE_OWNER', 'ACCESS_PROFILE'],
  ['ENTITLEMENT_OWNER', 'ENTITLEMENT'], ['GOVERNANCE_GROUP_OWNER', 'GOVERNANCE_GROUP'], ['CAMPAIGN_OWNER', 'CAMPAIGN'],
];

export function buildCatalog(seed: number): Catalog {
  const rng = new Rng(mixSeed(seed, 0xc0de));
  const entries = (names: readonly string[]): CatalogEntry[] => names.map((name) => ({ id: rng.hexId(), name }));
  const catalog = { roles: entries(ROLE_NAMES), sources: entries(SOURCE_NAMES), accessProfiles: entries(ACCESS_PROFILE_NAMES) };
  // Match the ids used in examples.json for the first role / source / access profile.
  catalog.roles[0].id = 'e7697a1e96d04db1ac7b0f4544915d2c';
  catalog.sources[0].id = '5c71ff71195b4794a0b87e7cf36fb017';
  catalog.accessProfiles[0].id = '4f1baca895fa45ebada410ab40744330';
  return catalog;
}

function ref(type: string, entry: CatalogEntry): BaseReference {
  return { type, id: entry.id, name: entry.name };
}

/** ISC's odd computedDate format, e.g. "Wed Feb 14 10:58:42". */
function computedDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 19)}`;
}

function assignmentContext(rng: Rng, source: string, role: CatalogEntry, added: number): RoleAssignment['assignmentContext'] {
  if (source === 'ROLE_MEMBERSHIP') {
    return {
      requested: { contextAttributes: [] },
      matched: [{
        roleRef: ref('ROLE', role),
        matchedAttributes: [{ attribute: 'department', value: rng.pick(DEPARTMENTS), derived: false }],
      }],
      computedDate: computedDate(added),
    };
  }
  if (source === 'ACCESS_REQUEST' && rng.chance(0.5)) {
    return {
      requested: {
        contextAttributes: [{ attribute: 'location', value: rng.sample(PLACES, 2).map((p) => p.city), derived: rng.chance(0.3) }],
      },
      matched: [],
      computedDate: computedDate(added),
    };
  }
  return null;
}

/** All role assignments (full RoleAssignmentDto objects) of an identity, in a stable order; the rule's one last. */
export function roleAssignmentsFor(seed: number, catalog: Catalog, record: IdentityRecord): RoleAssignment[] {
  const generated = generatedAssignments(seed, catalog, record);
  const fromRule = ruleAssignmentFor(seed, catalog, record, generated);
  return fromRule ? [...generated, fromRule] : generated;
}

/**
 * The role a rule assigned when processing applied the identity's pending change (sim/attributes.ts): a catalog role
 * the identity did not hold (the catalog has more roles than an identity gets), matched on the new job title.
 */
function ruleAssignmentFor(seed: number, catalog: Catalog, record: IdentityRecord, held: readonly RoleAssignment[]): RoleAssignment | undefined {
  if (record.ruleRoleAddedAt === undefined) return undefined;
  const heldIds = new Set(held.map((assignment) => assignment.role?.id));
  const free = catalog.roles.filter((role) => !heldIds.has(role.id));
  if (free.length === 0) return undefined;
  const rng = new Rng(mixSeed(seed, record.index, 0x5e1e));
  const role = rng.pick(free);
  return {
    id: rng.hexId(),
    role: ref('ROLE', role),
    comments: null,
    assignmentSource: 'ROLE_MEMBERSHIP',
    assigner: { type: 'UNKNOWN', id: 'SYSTEM', name: null },
    assignedDimensions: [],
    assignmentContext: {
      requested: { contextAttributes: [] },
      matched: [{ roleRef: ref('ROLE', role), matchedAttributes: [{ attribute: 'jobTitle', value: String(record.attributeOverrides?.jobTitle ?? ''), derived: false }] }],
      computedDate: computedDate(record.ruleRoleAddedAt),
    },
    accountTargets: [],
    startDate: null,
    removeDate: null,
    addedDate: iso(record.ruleRoleAddedAt),
  };
}

function generatedAssignments(seed: number, catalog: Catalog, record: IdentityRecord): RoleAssignment[] {
  if (record.roleCount <= 0) return [];
  const rng = new Rng(mixSeed(seed, record.index, 0x201e));
  const roles = rng.sample(catalog.roles, record.roleCount);
  const span = Math.max(DAY, record.lastRefresh - record.created);
  return roles.map((role) => {
    const added = record.created + Math.floor(rng.float() * span);
    const source = rng.pick(ASSIGNMENT_SOURCES);
    const assigner: RoleAssignment['assigner'] = record.managerId && source !== 'ROLE_MEMBERSHIP'
      ? { type: 'IDENTITY', id: record.managerId, name: record.managerName }
      : { type: 'UNKNOWN', id: 'SYSTEM', name: null };
    const targets = rng.int(0, 2);
    return {
      id: rng.hexId(),
      role: ref('ROLE', role),
      comments: rng.chance(0.5) ? rng.pick(ASSIGNMENT_COMMENTS) : null,
      assignmentSource: source,
      assigner,
      assignedDimensions: rng.chance(0.2)
        ? [{ type: 'DIMENSION', id: rng.hexId(), name: `${role.name} – ${rng.pick(PLACES).city}` }]
        : [],
      assignmentContext: assignmentContext(rng, source, role, added),
      accountTargets: Array.from({ length: targets }, () => {
        const src = rng.pick(catalog.sources);
        return {
          source: ref('SOURCE', src),
          accountInfo: {
            nativeIdentity: `CN=${record.name},OU=Demo,DC=acme,DC=example`,
            displayName: record.name,
            uuid: `{${rng.uuid()}}`,
          },
          role: ref('ACCESS_PROFILE', rng.pick(catalog.accessProfiles)),
        };
      }),
      startDate: rng.chance(0.1) ? iso(added + rng.int(1, 30) * DAY) : null,
      removeDate: rng.chance(0.15) ? iso(Date.UTC(2026, rng.int(0, 11), rng.int(1, 28))) : null,
      addedDate: iso(added),
    };
  });
}

export function toRoleAssignmentRef(assignment: RoleAssignment): RoleAssignmentRef {
  return {
    id: assignment.id,
    role: assignment.role,
    addedDate: assignment.addedDate,
    startDate: assignment.startDate ?? null,
    removeDate: assignment.removeDate ?? null,
  };
}

/** Objects the identity owns (empty for non-owners). */
export function ownedEntitiesFor(seed: number, catalog: Catalog, record: IdentityRecord): OwnedEntity[] {
  if (record.fixedOwnership) return record.fixedOwnership;
  if (!record.owner) return [];
  const rng = new Rng(mixSeed(seed, record.index, 0x0e));
  const result: OwnedEntity[] = [];
  for (const [associationType, type] of rng.sample(OWNER_TYPES, rng.int(1, 3))) {
    const pool = type === 'ROLE' ? catalog.roles : type === 'SOURCE' ? catalog.sources : catalog.accessProfiles;
    for (const entry of rng.sample(pool, rng.int(1, 3))) {
      const name = type === 'ROLE' || type === 'SOURCE' || type === 'ACCESS_PROFILE' ? entry.name : `${entry.name} (${type.toLowerCase()})`;
      result.push({ associationType, id: type === 'ROLE' || type === 'SOURCE' ? entry.id : rng.hexId(), name, type });
    }
  }
  return result;
}

/** Groups owned entities by association type, keeping first-seen order. */
function groupOwned(entities: OwnedEntity[]): { associationType: string; entities: OwnedEntity[] }[] {
  const groups = new Map<string, OwnedEntity[]>();
  for (const entity of entities) {
    const list = groups.get(entity.associationType) ?? [];
    list.push(entity);
    groups.set(entity.associationType, list);
  }
  return [...groups].map(([associationType, list]) => ({ associationType, entities: list }));
}

/** The ownership body in the documented ('nested') or the live, issue-39 ('flat') shape. */
export function ownershipBody(entities: OwnedEntity[], shape: 'nested' | 'flat'): { associationDetails: unknown[] } {
  return {
    associationDetails: groupOwned(entities).map((group) => ({
      associationType: group.associationType,
      entities: group.entities.map((e) =>
        shape === 'flat' ? { id: e.id, name: e.name, type: e.type } : { identityEntity: { id: e.id, name: e.name, type: e.type } },
      ),
    })),
  };
}
