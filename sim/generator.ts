// Deterministic generation of the simulated tenant's identities from (seed, count).
// Only the light per-identity fields are generated here; attributes / role assignments / ownership are derived
// lazily from (seed, index) in attributes.ts and roles.ts.

import { FIXTURE_KEYS, FIXTURE_SPECS, MANAGED_BY_MANAGER_FIXTURE } from './fixtures';
import type { FixtureKey } from './fixtures';
import type { IdentityRecord } from './model';
import { FIRST_NAMES, LAST_NAMES } from './pools';
import { Rng, mixSeed } from './prng';

/** Data time span: creation dates are spread over these dates in creation (index) order. */
const START = Date.UTC(2019, 0, 7, 8, 0, 0);
const END = Date.UTC(2025, 8, 30, 18, 0, 0);

const LIFECYCLES: readonly [string, number][] = [
  ['active', 0.75], ['inactive', 0.08], ['prehire', 0.05], ['terminated', 0.08], ['leave', 0.04],
];
const STATUSES: readonly [string, number][] = [
  ['ACTIVE', 0.55], ['REGISTERED', 0.1], ['UNREGISTERED', 0.15], ['PENDING', 0.04], ['LOCKED', 0.04],
  ['WARNING', 0.03], ['DISABLED', 0.04], ['ERROR', 0.05],
];
const ENDED_STATUSES: readonly string[] = ['TERMINATED', 'DEACTIVATED', 'DISABLED'];

function weighted(rng: Rng, table: readonly [string, number][]): string {
  let r = rng.float();
  for (const [value, weight] of table) {
    r -= weight;
    if (r < 0) return value;
  }
  return table[table.length - 1][0];
}

/** Positions (creation order) of the fixtures: spread over the first page so they are easy to find. */
function fixturePositions(total: number): Map<number, FixtureKey> {
  const positions = new Map<number, FixtureKey>();
  FIXTURE_KEYS.forEach((key, k) => positions.set(total >= 3 * FIXTURE_KEYS.length ? 3 * k + 1 : k, key));
  return positions;
}

/** All fields in one literal, in a fixed order, so every record shares one hidden class (fast at 100k+). */
function newRecord(index: number, created: number, rng: Rng): IdentityRecord {
  const modified = Math.min(END, created + Math.floor(rng.float() * (END - created)));
  return {
    index,
    id: '',
    name: '',
    firstname: '',
    lastname: '',
    alias: '',
    email: null,
    created,
    modified,
    lastRefresh: modified + rng.int(0, 3_600_000),
    identityStatus: 'ACTIVE',
    processingState: null,
    lifecycleState: 'active',
    lifecycleManual: false,
    managerId: null,
    managerName: null,
    isManager: false,
    correlated: true,
    protected: false,
    registered: true,
    invited: false,
    roleCount: 0,
    owner: false,
    fixedAttributes: undefined,
    fixedOwnership: undefined,
    ruleRoleAddedAt: undefined,
    lastSync: undefined,
    syncCount: undefined,
    processCount: undefined,
    verifications: undefined,
  };
}

function uniqueAlias(base: string, seen: Map<string, number>): string {
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}${n}`;
}

function generatedRecord(index: number, created: number, rng: Rng, aliases: Map<string, number>): IdentityRecord {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const r = newRecord(index, created, rng);
  r.alias = uniqueAlias(`${first.ascii}.${last.ascii}`.replace(/[^a-z0-9.]/g, ''), aliases);
  r.correlated = !rng.chance(0.05);
  r.lifecycleState = r.correlated ? weighted(rng, LIFECYCLES) : null;
  r.identityStatus = r.lifecycleState === 'terminated' ? rng.pick(ENDED_STATUSES) : weighted(rng, STATUSES);
  const processingRoll = rng.float();
  if (r.correlated && !rng.chance(0.08)) {
    r.email = rng.chance(0.03) ? `${r.alias.toUpperCase()}@ACME.example` : `${r.alias}@acme.example`;
  }
  r.id = rng.hexId();
  r.name = `${first.display} ${last.display}`;
  r.firstname = first.display;
  r.lastname = last.display;
  r.lifecycleManual = rng.chance(0.1);
  r.processingState = processingRoll < 0.04 ? 'ERROR' : processingRoll < 0.34 ? 'OK' : null;
  r.registered = r.identityStatus !== 'UNREGISTERED' && r.identityStatus !== 'PENDING';
  r.invited = r.identityStatus === 'PENDING';
  r.protected = rng.chance(0.01);
  r.owner = rng.chance(0.005);
  // Skewed towards few assignments; 0..30.
  r.roleCount = r.correlated ? Math.floor(rng.float() ** 2 * 31) : 0;
  return r;
}

function fixtureRecord(key: FixtureKey, index: number, created: number, rng: Rng): IdentityRecord {
  return Object.assign(newRecord(index, created, rng), FIXTURE_SPECS[key]);
}
/** Links managers and reports; isManager is true exactly for identities that some managerRef points to. */
function assignManagers(records: IdentityRecord[], fixtures: Map<FixtureKey, IdentityRecord>, rng: Rng): void {
  const isFixture = new Set<IdentityRecord>(fixtures.values());
  const managerFixture = fixtures.get('manager');
  const candidates: IdentityRecord[] = [];
  for (const record of records) if (!isFixture.has(record) && record.correlated && rng.chance(0.04)) candidates.push(record);
  const link = (record: IdentityRecord, manager: IdentityRecord): void => {
    record.managerId = manager.id;
    record.managerName = manager.name;
    manager.isManager = true;
  };
  let fixtureReports = 0;
  for (const record of records) {
    if (isFixture.has(record) || !record.correlated || rng.chance(0.12)) continue;
    if (managerFixture && (fixtureReports < 5 || rng.chance(0.005))) {
      link(record, managerFixture);
      fixtureReports++;
    } else if (candidates.length > 0) {
      const manager = rng.pick(candidates);
      if (manager !== record) link(record, manager);
    }
  }
  for (const key of MANAGED_BY_MANAGER_FIXTURE) {
    const record = fixtures.get(key);
    if (record && managerFixture) link(record, managerFixture);
  }
}

/**
 * Generates `count` identities (at least the fixtures) in creation order. Same (seed, count) → same data.
 * `count` includes the fixtures.
 */
export function generateIdentities(seed: number, count: number): IdentityRecord[] {
  const total = Math.max(Math.floor(count), FIXTURE_KEYS.length);
  const rng = new Rng(mixSeed(seed, 0x1d));
  const positions = fixturePositions(total);
  const aliases = new Map<string, number>();
  for (const key of FIXTURE_KEYS) aliases.set(FIXTURE_SPECS[key].alias, 1);
  const step = (END - START) / total;
  const records: IdentityRecord[] = new Array(total);
  const fixtures = new Map<FixtureKey, IdentityRecord>();
  for (let i = 0; i < total; i++) {
    const created = Math.floor(START + i * step + rng.float() * step * 0.9);
    const fixture = positions.get(i);
    if (fixture) {
      records[i] = fixtureRecord(fixture, i, created, rng);
      fixtures.set(fixture, records[i]);
    } else {
      records[i] = generatedRecord(i, created, rng, aliases);
    }
  }
  assignManagers(records, fixtures, new Rng(mixSeed(seed, 0x3a)));
  return records;
}
