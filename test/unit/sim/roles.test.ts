import * as assert from 'node:assert/strict';
import type { RoleAssignment, RoleAssignmentRef } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import { SimHarness } from './simTestUtils';

describe('sim role assignments and ownership', () => {
  let h: SimHarness;
  before(async () => (h = await SimHarness.start()));
  after(() => h.close());

  it('without roleId/roleName: RoleAssignmentRef[] (30 for manyRoles)', async () => {
    const res = await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`);
    assert.equal(res.status, 200);
    const refs = res.body as RoleAssignmentRef[];
    assert.equal(refs.length, 30);
    for (const ref of refs) {
      assert.deepEqual(Object.keys(ref).sort(), ['addedDate', 'id', 'removeDate', 'role', 'startDate']);
      assert.match(ref.id!, /^[0-9a-f]{32}$/);
      assert.equal(ref.role!.type, 'ROLE');
    }
    assert.equal(new Set(refs.map((r) => r.role!.id)).size, 30, 'distinct roles');
  });

  it('with roleId or roleName: full RoleAssignmentDto[] of that role only', async () => {
    const refs = (await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`)).body as RoleAssignmentRef[];
    const target = refs[3];
    const byId = await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`, { query: { roleId: target.role!.id! } });
    const list = byId.body as RoleAssignment[];
    assert.equal(list.length, 1);
    assert.equal(list[0].id, target.id);
    for (const k of ['assigner', 'assignmentSource', 'comments', 'assignedDimensions', 'accountTargets', 'assignmentContext', 'addedDate']) {
      assert.ok(k in list[0], k);
    }
    const byName = await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`, { query: { roleName: target.role!.name!.toUpperCase() } });
    assert.deepEqual(byName.body, list);
    const none = await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`, { query: { roleName: 'No Such Role' } });
    assert.deepEqual(none.body, []);
  });

  it('single assignment details equal the filtered list entry; unknown assignment or identity → 404', async () => {
    const refs = (await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`)).body as RoleAssignmentRef[];
    const one = await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments/${refs[0].id}`);
    assert.equal(one.status, 200);
    const filtered = await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`, { query: { roleId: refs[0].role!.id! } });
    assert.deepEqual(one.body, (filtered.body as RoleAssignment[])[0]);
    assert.equal((await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments/ffffffffffffffffffffffffffffffff`)).status, 404);
    assert.equal((await h.get(`/identities/${FIXTURE_IDS.obrien}/role-assignments/${refs[0].id}`)).status, 404);
    assert.equal((await h.get('/identities/ffffffffffffffffffffffffffffffff/role-assignments')).status, 404);
  });

  it('role assignments are stable across calls (lazy but deterministic)', async () => {
    const a = await h.get(`/identities/${FIXTURE_IDS.obrien}/role-assignments`);
    const b = await h.get(`/identities/${FIXTURE_IDS.obrien}/role-assignments`);
    assert.deepEqual(a.body, b.body);
  });

  it('ownership: nested shape by default, flat with faults.ownershipShape, empty when nothing owned', async () => {
    const nested = await h.get(`/identities/${FIXTURE_IDS.owner}/ownership`);
    assert.equal(nested.status, 200);
    const details = (nested.body as { associationDetails: { associationType: string; entities: { identityEntity: { id: string; name: string; type: string } }[] }[] })
      .associationDetails;
    assert.deepEqual(details.map((d) => d.associationType), ['ROLE_OWNER', 'SOURCE_OWNER', 'ACCESS_PROFILE_OWNER']);
    assert.deepEqual(details[0].entities[0], { identityEntity: { id: 'e7697a1e96d04db1ac7b0f4544915d2c', name: 'Engineer', type: 'ROLE' } });

    h.sim.setFaults({ ownershipShape: 'flat' });
    try {
      const flat = await h.get(`/identities/${FIXTURE_IDS.owner}/ownership`);
      const flatDetails = (flat.body as { associationDetails: { entities: unknown[] }[] }).associationDetails;
      assert.deepEqual(flatDetails[0].entities[0], { id: 'e7697a1e96d04db1ac7b0f4544915d2c', name: 'Engineer', type: 'ROLE' });
    } finally {
      h.sim.setFaults({});
    }
    const empty = await h.get(`/identities/${FIXTURE_IDS.obrien}/ownership`);
    assert.deepEqual(empty.body, { associationDetails: [] });
    assert.equal((await h.get('/identities/ffffffffffffffffffffffffffffffff/ownership')).status, 404);
  });
});
