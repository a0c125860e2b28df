import * as assert from 'node:assert/strict';
import { FIXTURE_IDS, HOSTILE_BIG_VALUE, HOSTILE_NAME, HOSTILE_STRINGS, OBRIEN_NAME } from '../../../sim/fixtures';
import { generateIdentities } from '../../../sim/generator';
import { IdentityStore } from '../../../sim/store';

describe('sim data generation', () => {
  it('is deterministic: same seed and count → same identities, attributes and role assignments', () => {
    const a = new IdentityStore(42, 500);
    const b = new IdentityStore(42, 500);
    assert.deepEqual(a.all().map((r) => a.toDto(r)), b.all().map((r) => b.toDto(r)));
    assert.deepEqual(a.all().map((r) => a.roleAssignments(r)), b.all().map((r) => b.roleAssignments(r)));
    assert.deepEqual(a.all().map((r) => a.owned(r)), b.all().map((r) => b.owned(r)));
  });

  it('different seeds give different data but the same fixtures', () => {
    const a = generateIdentities(1, 100);
    const b = generateIdentities(2, 100);
    assert.notDeepEqual(a.map((r) => r.id), b.map((r) => r.id));
    for (const id of Object.values(FIXTURE_IDS)) {
      assert.ok(a.some((r) => r.id === id) && b.some((r) => r.id === id), id);
    }
  });

  it('the count includes the fixtures; fixtures exist even for tiny counts', () => {
    assert.equal(generateIdentities(1, 2000).length, 2000);
    const tiny = generateIdentities(1, 1);
    assert.deepEqual(tiny.map((r) => r.id).sort(), Object.values(FIXTURE_IDS).sort());
  });

  it('ids are unique 32-char lowercase hex; aliases unique', () => {
    const records = generateIdentities(5, 5000);
    assert.ok(records.every((r) => /^[0-9a-f]{32}$/.test(r.id)));
    assert.equal(new Set(records.map((r) => r.id)).size, records.length);
    assert.equal(new Set(records.map((r) => r.alias)).size, records.length);
    assert.ok(Object.values(FIXTURE_IDS).every((id) => /^[0-9a-f]{32}$/.test(id)));
  });

  it('has varied, awkward data: accents, apostrophes, quotes, CJK, null emails, ERROR states, uncorrelated, protected, owners', () => {
    const records = generateIdentities(1, 2000);
    const namesJoined = records.map((r) => r.name).join('\n');
    for (const needle of ['Zoë', 'Ødegård', "D'Angelo", 'O"Neil', '李']) assert.ok(namesJoined.includes(needle), needle);
    assert.ok(records.some((r) => r.email === null));
    assert.ok(records.some((r) => r.processingState === 'ERROR'));
    assert.ok(records.some((r) => r.processingState === null));
    assert.ok(records.some((r) => !r.correlated));
    assert.ok(records.filter((r) => r.protected).length > 1);
    assert.ok(records.filter((r) => r.owner).length > 1);
    const statuses = new Set(records.map((r) => r.identityStatus));
    for (const s of ['ACTIVE', 'UNREGISTERED', 'LOCKED', 'ERROR', 'TERMINATED']) assert.ok(statuses.has(s), s);
    const counts = records.map((r) => r.roleCount);
    assert.ok(Math.min(...counts) === 0 && Math.max(...counts) === 30);
  });

  it('managers are consistent with isManager; the manager fixture has several reports', () => {
    const records = generateIdentities(1, 2000);
    const byId = new Map(records.map((r) => [r.id, r]));
    const referenced = new Set(records.map((r) => r.managerId).filter((id): id is string => id !== null));
    for (const r of records) {
      assert.equal(r.isManager, referenced.has(r.id), `${r.id} isManager`);
      if (r.managerId) {
        assert.equal(r.managerName, byId.get(r.managerId)!.name);
        assert.notEqual(r.managerId, r.id);
      }
    }
    assert.ok(records.filter((r) => r.managerId === FIXTURE_IDS.manager).length >= 5);
  });

  it('attributes contain the documented keys, multi-valued and nested values', () => {
    const store = new IdentityStore(1, 2000);
    const dtos = store.all().map((r) => store.toDto(r));
    const keys = ['uid', 'firstname', 'lastname', 'displayName', 'department', 'jobTitle', 'location', 'city', 'country',
      'cloudLifecycleState', 'cloudStatus', 'identificationNumber', 'lastSyncDate'];
    for (const dto of dtos.slice(0, 50)) for (const k of keys) assert.ok(k in dto.attributes!, k);
    assert.ok(dtos.some((d) => Array.isArray(d.attributes!.groups)));
    assert.ok(dtos.some((d) => typeof d.attributes!.costCenter === 'object' && d.attributes!.costCenter !== null));
    assert.ok(dtos.some((d) => d.emailAddress === null && !('email' in d.attributes!)));
  });

  it('fixtures: obrien, hostile, protected, owner, manager, unregistered, manyRoles', () => {
    const store = new IdentityStore(9, 50);
    const get = (id: string) => store.get(id)!;
    assert.equal(get(FIXTURE_IDS.obrien).name, OBRIEN_NAME);
    assert.equal(OBRIEN_NAME, 'O"Brien \\ #1 & co');
    const hostile = store.toDto(get(FIXTURE_IDS.hostile));
    assert.equal(hostile.name, HOSTILE_NAME);
    const serialised = JSON.stringify(hostile);
    for (const s of HOSTILE_STRINGS) assert.ok(serialised.includes(JSON.stringify(s).slice(1, -1)), s);
    assert.ok(Object.values(hostile.attributes!).includes(HOSTILE_BIG_VALUE));
    assert.ok(HOSTILE_BIG_VALUE.length >= 100 * 1024);
    assert.deepEqual(JSON.parse(serialised), hostile, 'valid JSON round trip');
    assert.equal(get(FIXTURE_IDS.protectedIdentity).protected, true);
    assert.ok(store.owned(get(FIXTURE_IDS.owner)).length > 0);
    assert.equal(get(FIXTURE_IDS.manager).isManager, true);
    assert.equal(get(FIXTURE_IDS.unregistered).identityStatus, 'UNREGISTERED');
    assert.equal(get(FIXTURE_IDS.unregistered).registered, false);
    assert.equal(store.roleAssignments(get(FIXTURE_IDS.manyRoles)).length, 30);
  });

  it('generates 100,000 identities (timing logged, not asserted)', function () {
    this.timeout(120_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    const store = new IdentityStore(1, 100_000);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    assert.equal(store.size, 100_000);
    const page = store.all().slice(0, 250).map((r) => store.toDto(r));
    assert.equal(page.length, 250);
    console.log(`      100k identities generated in ${ms.toFixed(0)} ms (heap +${heapMb.toFixed(0)} MB, ~${Math.round((heapMb * 1e6) / 100_000)} B/identity)`);
  });
});
