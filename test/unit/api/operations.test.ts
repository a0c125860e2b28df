// The eleven operations of IscClient, each against the simulator over real HTTP: request shape (from the
// simulator's request log) and typed response.
import * as assert from 'assert';
import type { Simulator } from '../../../sim/server';
import type { IscClient } from '../../../src/api/iscClient';
import { eq, sw } from '../../../src/api/filters';
import type { Identity } from '../../../src/api/types';
import { FIXTURE_IDS, OBRIEN_NAME, adminGet, apiRequests, clientFor, expectApiError, lastSeq, startSim } from './helpers';

function assertIdentity(identity: Identity): void {
  assert.strictEqual(typeof identity.id, 'string');
  assert.strictEqual(typeof identity.name, 'string');
}

describe('IscClient operations (simulator)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: IscClient;

  before(async () => {
    sim = await startSim();
    client = clientFor(sim);
  });
  after(async () => {
    client.dispose();
    await sim.close();
  });

  describe('list-identities', () => {
    it('sends defaultFilter=NONE, limit and offset by default and returns typed identities', async () => {
      const since = lastSeq(sim);
      const page = await client.listIdentities({ limit: 5 });
      assert.strictEqual(page.items.length, 5);
      assert.strictEqual(page.offset, 0);
      assert.strictEqual(page.limit, 5);
      assert.strictEqual(page.total, undefined);
      page.items.forEach(assertIdentity);
      const [request] = apiRequests(sim, since);
      assert.deepStrictEqual(request.query, { defaultFilter: 'NONE', limit: '5', offset: '0' });
      assert.strictEqual(request.experimental, true);
    });

    it('passes filters, sorters, defaultFilter, count and offset; total from X-Total-Count', async () => {
      const since = lastSeq(sim);
      const page = await client.listIdentities({ filters: sw('name', 'A'), sorters: '-name', defaultFilter: 'CORRELATED_ONLY', count: true, limit: 10, offset: 2 });
      const [request] = apiRequests(sim, since);
      assert.deepStrictEqual(request.query, {
        filters: 'name sw "A"',
        sorters: '-name',
        defaultFilter: 'CORRELATED_ONLY',
        count: 'true',
        limit: '10',
        offset: '2',
      });
      assert.ok(typeof page.total === 'number' && page.total > 0);
      const names = page.items.map((i) => i.name);
      assert.ok(names.every((n) => n.startsWith('A')), names.join());
      const ascending = await client.listIdentities({ filters: sw('name', 'A'), sorters: 'name', defaultFilter: 'CORRELATED_ONLY', limit: 10, offset: 2 });
      assert.notDeepStrictEqual(ascending.items.map((i) => i.name), names, 'sorters reach the server');
    });

    it('clamps limit to 250', async () => {
      const since = lastSeq(sim);
      const page = await client.listIdentities({ limit: 1000 });
      assert.strictEqual(page.limit, 250);
      assert.strictEqual(page.items.length, 250);
      assert.strictEqual(apiRequests(sim, since)[0].query.limit, '250');
    });

    it('rejects an unsupported filter with kind badRequest and the server message', async () => {
      const error = await expectApiError(client.listIdentities({ filters: 'department eq "x"' }), 'badRequest');
      assert.strictEqual(error.status, 400);
      assert.strictEqual(error.operation, 'list-identities');
      assert.ok(error.serverMessages.length > 0);
      assert.match(error.message, /^List identities failed \(400\): /);
    });
  });

  describe('iterateIdentities', () => {
    it('yields every identity once in pages of 250, counting on the first request only', async () => {
      const since = lastSeq(sim);
      const ids = new Set<string>();
      let pages = 0;
      for await (const page of client.iterateIdentities({})) {
        pages++;
        assert.strictEqual(page.total, 2000);
        page.items.forEach((i) => ids.add(i.id));
      }
      assert.strictEqual(ids.size, 2000);
      assert.strictEqual(pages, 9, 'eight full pages, then the empty page that ends the enumeration');
      const requests = apiRequests(sim, since);
      assert.strictEqual(requests.length, 9, 'one trailing empty page: the count alone never ends an enumeration');
      assert.strictEqual(requests.filter((r) => r.query.count === 'true').length, 1);
      assert.strictEqual(requests[0].query.count, 'true');
      assert.deepStrictEqual(requests.map((r) => Number(r.query.offset)).sort((a, b) => a - b), [0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
    });

    it('without count fetches sequentially until an empty page; pageSize is capped at 250', async () => {
      const since = lastSeq(sim);
      let items = 0;
      for await (const page of client.iterateIdentities({ count: false, pageSize: 900 })) {
        assert.strictEqual(page.limit, 250);
        assert.strictEqual(page.total, undefined);
        items += page.items.length;
      }
      assert.strictEqual(items, 2000);
      const requests = apiRequests(sim, since);
      assert.strictEqual(requests.length, 9, '8 full pages + 1 short (empty) page');
      assert.ok(requests.every((r) => r.query.count === undefined));
    });

    it('stops early when the consumer breaks out', async () => {
      const since = lastSeq(sim);
      for await (const page of client.iterateIdentities({ pageSize: 10, prefetch: 3 })) {
        assert.strictEqual(page.items.length, 10);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(apiRequests(sim, since).length <= 4);
    });
  });

  describe('get-identity', () => {
    it('returns the identity', async () => {
      const identity = await client.getIdentity(FIXTURE_IDS.obrien);
      assertIdentity(identity);
      assert.strictEqual(identity.id, FIXTURE_IDS.obrien);
      assert.strictEqual(identity.name, OBRIEN_NAME);
    });
    it('maps 404 to kind notFound with ISC message text', async () => {
      const error = await expectApiError(client.getIdentity('ffffffffffffffffffffffffffffffff'), 'notFound');
      assert.strictEqual(error.status, 404);
      assert.match(error.message, /^Get identity failed \(404\): The server did not find/);
      assert.ok(error.trackingId);
    });
  });

  describe('delete-identity', () => {
    it('deletes an identity (204) that afterwards is gone', async () => {
      const page = await client.listIdentities({ filters: eq('protected', false), limit: 50, offset: 100 });
      let victim: Identity | undefined;
      for (const identity of page.items) {
        if ((Object.values(FIXTURE_IDS) as string[]).includes(identity.id)) continue;
        const ownership = await client.getOwnershipDetails(identity.id);
        if (ownership.shape === 'empty') {
          victim = identity;
          break;
        }
      }
      assert.ok(victim, 'found a deletable identity');
      const since = lastSeq(sim);
      await client.deleteIdentity(victim.id);
      const [request] = apiRequests(sim, since);
      assert.strictEqual(request.method, 'DELETE');
      assert.strictEqual(request.status, 204);
      await expectApiError(client.getIdentity(victim.id), 'notFound');
    });
    it('a protected identity: kind badRequest with the server message in a sentence', async () => {
      const error = await expectApiError(client.deleteIdentity(FIXTURE_IDS.protectedIdentity), 'badRequest');
      assert.match(error.message, /^Delete identity failed \(400\): Identity is protected/);
      assert.strictEqual(error.operation, 'delete-identity');
    });
    it('an owner: the IdentityAssociationDetails message and body are kept', async () => {
      const error = await expectApiError(client.deleteIdentity(FIXTURE_IDS.owner), 'badRequest');
      assert.match(error.message, /owner of following resources/);
      assert.ok(Array.isArray((error.body as { associationDetails?: unknown[] }).associationDetails));
    });
  });

  describe('get-identity-ownership-details', () => {
    it('parses the nested shape', async () => {
      const details = await client.getOwnershipDetails(FIXTURE_IDS.owner);
      assert.strictEqual(details.shape, 'nested');
      const types = details.groups.map((g) => g.associationType);
      assert.deepStrictEqual(types, ['ROLE_OWNER', 'SOURCE_OWNER', 'ACCESS_PROFILE_OWNER']);
      const role = details.groups[0].entities[0];
      assert.deepStrictEqual(role, { associationType: 'ROLE_OWNER', id: 'e7697a1e96d04db1ac7b0f4544915d2c', name: 'Engineer', type: 'ROLE' });
    });
    it('parses the flat shape to the same groups', async () => {
      const nested = await client.getOwnershipDetails(FIXTURE_IDS.owner);
      sim.setFaults({ ownershipShape: 'flat' });
      try {
        const flat = await client.getOwnershipDetails(FIXTURE_IDS.owner);
        assert.strictEqual(flat.shape, 'flat');
        assert.deepStrictEqual(flat.groups, nested.groups);
      } finally {
        sim.setFaults({});
      }
    });
    it('an identity owning nothing: shape empty', async () => {
      const details = await client.getOwnershipDetails(FIXTURE_IDS.obrien);
      assert.strictEqual(details.shape, 'empty');
      assert.deepStrictEqual(details.groups, []);
    });
  });

  describe('get-role-assignments / get-role-assignment', () => {
    it('returns references without filters', async () => {
      const refs = await client.getRoleAssignmentRefs(FIXTURE_IDS.manyRoles);
      assert.strictEqual(refs.length, 30);
      for (const ref of refs) {
        assert.strictEqual(typeof ref.id, 'string');
        assert.strictEqual(typeof ref.role?.id, 'string');
        assert.strictEqual((ref as Record<string, unknown>).assignmentSource, undefined, 'a reference, not a full assignment');
      }
    });
    it('returns full assignments with roleId or roleName', async () => {
      const [ref] = await client.getRoleAssignmentRefs(FIXTURE_IDS.manyRoles);
      const since = lastSeq(sim);
      const byId = await client.findRoleAssignments(FIXTURE_IDS.manyRoles, { roleId: ref.role?.id });
      assert.ok(byId.length >= 1);
      assert.ok(byId.every((a) => a.role?.id === ref.role?.id));
      assert.ok('assignmentSource' in byId[0] || 'accountTargets' in byId[0], 'full RoleAssignmentDto');
      assert.deepStrictEqual(apiRequests(sim, since)[0].query, { roleId: ref.role?.id });
      const byName = await client.findRoleAssignments(FIXTURE_IDS.manyRoles, { roleName: ref.role?.name ?? '' });
      assert.ok(byName.some((a) => a.id === byId[0].id));
      await expectApiError(client.findRoleAssignments(FIXTURE_IDS.manyRoles, {}), 'badRequest');
    });
    it('get-role-assignment returns one full assignment', async () => {
      const [ref] = await client.getRoleAssignmentRefs(FIXTURE_IDS.manyRoles);
      const assignment = await client.getRoleAssignment(FIXTURE_IDS.manyRoles, ref.id as string);
      assert.strictEqual(assignment.id, ref.id);
      assert.strictEqual(assignment.role?.id, ref.role?.id);
      await expectApiError(client.getRoleAssignment(FIXTURE_IDS.manyRoles, 'nope'), 'notFound');
    });
  });

  describe('reset-identity', () => {
    it('POSTs /identities/{real id}/reset (202) and the identity is unregistered', async () => {
      const id = FIXTURE_IDS.manager;
      const since = lastSeq(sim);
      await client.resetIdentity(id);
      const [request] = apiRequests(sim, since);
      assert.strictEqual(request.method, 'POST');
      assert.strictEqual(request.path, `/v2025/identities/${id}/reset`);
      assert.strictEqual(request.status, 202);
      const state = await adminGet<{ registered: boolean }>(sim, `/__sim/identities/${id}`);
      assert.strictEqual(state.registered, false);
    });
  });

  describe('send-identity-verification-account-token', () => {
    it('sends {sourceName, via} (200)', async () => {
      const since = lastSeq(sim);
      await client.sendVerificationAccountToken(FIXTURE_IDS.obrien, { via: 'EMAIL_WORK', sourceName: 'Active Directory' });
      const [request] = apiRequests(sim, since);
      assert.strictEqual(request.path, `/v2025/identities/${FIXTURE_IDS.obrien}/verification/account/send`);
      assert.deepStrictEqual(request.body, { via: 'EMAIL_WORK', sourceName: 'Active Directory' });
      assert.strictEqual(request.status, 200);
      const state = await adminGet<{ verifications: { via: string }[] }>(sim, `/__sim/identities/${FIXTURE_IDS.obrien}`);
      assert.strictEqual(state.verifications.at(-1)?.via, 'EMAIL_WORK');
    });
    it('an unknown via value is passed through (open enum) and the 400 explained', async () => {
      const error = await expectApiError(client.sendVerificationAccountToken(FIXTURE_IDS.obrien, { via: 'CARRIER_PIGEON' }), 'badRequest');
      assert.match(error.message, /via/);
    });
  });

  describe('start-identities-invite', () => {
    it('invites by ids and returns a TaskStatus', async () => {
      const since = lastSeq(sim);
      const task = await client.inviteIdentities({ ids: [FIXTURE_IDS.unregistered] });
      assert.strictEqual(typeof task.id, 'string');
      assert.strictEqual(task.attributes.identityCount, 1);
      assert.deepStrictEqual(apiRequests(sim, since)[0].body, { ids: [FIXTURE_IDS.unregistered] });
    });
    it('invites every uninvited identity', async () => {
      const since = lastSeq(sim);
      const task = await client.inviteIdentities({ uninvited: true });
      assert.strictEqual(typeof task.id, 'string');
      assert.deepStrictEqual(apiRequests(sim, since)[0].body, { uninvited: true });
    });
  });

  describe('start-identity-processing', () => {
    it('returns one TaskResultResponse per chunk', async () => {
      const results = await client.processIdentities([FIXTURE_IDS.obrien, FIXTURE_IDS.manager]);
      assert.strictEqual(results.length, 1);
      assert.deepStrictEqual(results[0].ids, [FIXTURE_IDS.obrien, FIXTURE_IDS.manager]);
      assert.strictEqual(results[0].task?.type, 'TASK_RESULT');
      assert.strictEqual(results[0].error, undefined);
    });
    it('sends nothing for an empty list', async () => {
      const since = lastSeq(sim);
      assert.deepStrictEqual(await client.processIdentities([]), []);
      assert.strictEqual(apiRequests(sim, since).length, 0);
    });
  });

  describe('synchronize-attributes-for-identity', () => {
    it('returns an IdentitySyncJob (202)', async () => {
      const job = await client.synchronizeAttributes(FIXTURE_IDS.obrien);
      assert.strictEqual(typeof job.id, 'string');
      assert.strictEqual(job.status, 'QUEUED');
      assert.strictEqual(typeof job.payload.type, 'string');
    });
  });

  describe('every operation', () => {
    it('sent X-SailPoint-Experimental: true on every call (mocha runs this suite last)', () => {
      const requests = apiRequests(sim);
      assert.ok(requests.length > 20);
      assert.ok(requests.every((r) => r.experimental), 'every request carried the header');
      const operations = new Set(requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{32}/g, ':id')}`));
      assert.ok(operations.size >= 11, [...operations].join(', '));
    });
  });
});
