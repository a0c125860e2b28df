// Lazily derived parts of an identity: the attributes map and the IdentityDto wire shape.

import type { Identity } from '../src/api/types';
import type { IdentityRecord } from './model';
import { DEPARTMENTS, GROUPS, JOB_TITLES, PLACES } from './pools';
import { isoString } from './json';
import { Rng, mixSeed } from './prng';

export function iso(ms: number): string {
  return isoString(ms);
}

/** The id of the simulated authoritative source (stable per seed). */
function authoritativeSourceId(seed: number): string {
  return new Rng(mixSeed(seed, 0x50c)).hexId();
}

/** Builds the attributes map from the record's current state plus seed-derived extras. */
function buildAttributes(seed: number, record: IdentityRecord): Record<string, unknown> {
  const built = generatedAttributes(seed, record);
  return record.attributeOverrides ? { ...built, ...record.attributeOverrides } : built;
}

function generatedAttributes(seed: number, record: IdentityRecord): Record<string, unknown> {
  if (record.fixedAttributes) {
    return {
      ...record.fixedAttributes,
      cloudStatus: record.identityStatus,
      cloudLifecycleState: record.lifecycleState,
      cloudAuthoritativeSource: authoritativeSourceId(seed),
    };
  }
  const rng = new Rng(mixSeed(seed, record.index, 0xa77));
  const place = rng.pick(PLACES);
  const attributes: Record<string, unknown> = {
    uid: record.alias,
    firstname: record.firstname,
    lastname: record.lastname,
    displayName: record.name,
    email: record.email,
    department: rng.pick(DEPARTMENTS),
    jobTitle: rng.pick(JOB_TITLES),
    location: place.location,
    city: place.city,
    country: place.country,
    cloudLifecycleState: record.lifecycleState,
    cloudStatus: record.identityStatus,
    identityState: record.lifecycleState === 'terminated' ? 'INACTIVE_LONG_TERM' : 'ACTIVE',
    internalCloudStatus: record.identityStatus,
    identificationNumber: String(10000 + record.index),
    lastSyncDate: record.lastRefresh,
  };
  if (record.correlated) attributes.cloudAuthoritativeSource = authoritativeSourceId(seed);
  if (record.email === null) delete attributes.email;
  if (rng.chance(0.3)) attributes.groups = rng.sample(GROUPS, rng.int(1, 4));
  if (rng.chance(0.2)) {
    attributes.costCenter = { code: `CC-${rng.int(1000, 9999)}`, name: rng.pick(DEPARTMENTS), shared: rng.chance(0.5) };
  }
  if (rng.chance(0.15)) attributes.phone = null;
  if (rng.chance(0.1)) attributes.startDate = iso(record.created).slice(0, 10);
  if (rng.chance(0.05)) attributes.notes = `Prefers "${record.firstname}" & writes in ${place.city}`;
  return attributes;
}

/** Where a pending lifecycle move goes (a transform on HR dates would compute it); terminated identities stay. */
const LIFECYCLE_MOVES: Readonly<Record<string, string>> = { prehire: 'active', active: 'inactive', inactive: 'active', leave: 'active' };

/** The lifecycle state a pending change moves `state` to, or the state itself when it does not move. */
export function pendingLifecycleMove(state: string | null): string | null {
  return state === null ? null : (LIFECYCLE_MOVES[state] ?? state);
}

/**
 * Every fourth generated identity carries a change its next processing applies, as transforms and rules would: the
 * job title gains "Senior", a `reviewGroup` attribute appears, a role is assigned by a rule (sim/roles.ts
 * `ruleAssignmentFor`) and the lifecycle state moves (`pendingLifecycleMove`). Fixtures never change.
 */
export function applyPendingChange(seed: number, record: IdentityRecord, now = Date.now()): boolean {
  if (record.fixedAttributes || record.index % 4 !== 3 || record.attributeOverrides) return false;
  const current = generatedAttributes(seed, record);
  record.attributeOverrides = { jobTitle: `Senior ${String(current.jobTitle)}`, reviewGroup: `${String(current.department)} reviewers` };
  record.ruleRoleAddedAt = now;
  record.lifecycleState = pendingLifecycleMove(record.lifecycleState);
  return true;
}

/** The IdentityDto wire object for a record. */
export function toIdentityDto(seed: number, record: IdentityRecord): Identity {
  return {
    id: record.id,
    name: record.name,
    created: iso(record.created),
    modified: iso(record.modified),
    alias: record.alias,
    emailAddress: record.email,
    processingState: record.processingState,
    identityStatus: record.identityStatus,
    managerRef: record.managerId ? { type: 'IDENTITY', id: record.managerId, name: record.managerName ?? '' } : null,
    isManager: record.isManager,
    lastRefresh: iso(record.lastRefresh),
    attributes: buildAttributes(seed, record),
    lifecycleState: record.lifecycleState ? { stateName: record.lifecycleState, manuallyUpdated: record.lifecycleManual } : null,
  };
}
