import * as assert from 'node:assert/strict';
import type { Identity, IdentitySyncJob, TaskResultResponse, TaskStatus } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import { SimHarness, errorText } from './simTestUtils';

interface AdminState {
  identityStatus: string;
  registered: boolean;
  invited: boolean;
  modified: string;
  lastRefresh: string;
  syncCount: number;
  processCount: number;
  verifications: { via: string; sourceName: string | null }[];
}

describe('sim state-changing operations', () => {
  let h: SimHarness;
  let plain: Identity[];
  before(async () => {
    h = await SimHarness.start({ identities: 400, seed: 11, syncCooldownMs: 1500 });
    const res = await h.get('/identities', { query: { filters: 'protected eq false', limit: 250 } });
    const fixtureIds = new Set<string>(Object.values(FIXTURE_IDS));
    plain = (res.body as Identity[]).filter((i) => !fixtureIds.has(i.id) && !h.sim.store.owned(h.sim.store.get(i.id)!).length);
  });
  after(() => h.close());

  const state = async (id: string): Promise<AdminState> => (await h.admin('GET', `/identities/${id}`)).body as AdminState;

  describe('experimental header', () => {
    const experimentalCalls: [string, string, unknown][] = [
      ['POST', `/identities/${FIXTURE_IDS.obrien}/synchronize-attributes`, undefined],
      ['POST', '/identities/invite', { ids: [FIXTURE_IDS.unregistered] }],
      ['POST', `/identities/${FIXTURE_IDS.obrien}/verification/account/send`, { via: 'EMAIL_WORK' }],
      ['POST', '/identities/process', { identityIds: [FIXTURE_IDS.obrien] }],
    ];
    for (const [method, path, body] of experimentalCalls) {
      it(`${path.replace(/[0-9a-f]{32}/, ':id')} without X-SailPoint-Experimental → 400`, async () => {
        const res = await h.call(method, path, { body, experimental: false });
        assert.equal(res.status, 400);
        assert.match(errorText(res), /X-SailPoint-Experimental: true/);
      });
    }
    it('the other operations work without the header', async () => {
      assert.equal((await h.get(`/identities/${FIXTURE_IDS.obrien}`, { experimental: false })).status, 200);
      assert.equal((await h.get(`/identities/${FIXTURE_IDS.obrien}/role-assignments`, { experimental: false })).status, 200);
      assert.equal((await h.get(`/identities/${FIXTURE_IDS.owner}/ownership`, { experimental: false })).status, 200);
    });
    it('the request log records whether the header was sent', () => {
      const records = h.sim.requests.filter((r) => r.path.startsWith('/v2025'));
      assert.ok(records.some((r) => r.experimental) && records.some((r) => !r.experimental));
    });
  });

  describe('delete-identity', () => {
    it('deletes: 204, then 404 and gone from lists', async () => {
      const victim = plain[0];
      const res = await h.call('DELETE', `/identities/${victim.id}`);
      assert.equal(res.status, 204);
      assert.equal(res.text, '');
      assert.equal((await h.get(`/identities/${victim.id}`)).status, 404);
      assert.equal((await h.call('DELETE', `/identities/${victim.id}`)).status, 404);
      const listed = await h.get('/identities', { query: { filters: `id eq "${victim.id}"`, defaultFilter: 'NONE' } });
      assert.deepEqual(listed.body, []);
      assert.equal((await h.admin('GET', `/identities/${victim.id}`)).status, 404);
    });
    it('protected identity → 400 {message}', async () => {
      const res = await h.call('DELETE', `/identities/${FIXTURE_IDS.protectedIdentity}`);
      assert.equal(res.status, 400);
      assert.match((res.body as { message: string }).message, /protected/);
      assert.equal((await h.get(`/identities/${FIXTURE_IDS.protectedIdentity}`)).status, 200);
    });
    it('owner → 400 {message, associationDetails}', async () => {
      const res = await h.call('DELETE', `/identities/${FIXTURE_IDS.owner}`);
      assert.equal(res.status, 400);
      const body = res.body as { message: string; associationDetails: { associationType: string; entities: unknown[] }[] };
      assert.match(body.message, /owner/);
      assert.ok(body.associationDetails.some((d) => d.associationType === 'ROLE_OWNER' && d.entities.length > 0));
    });
  });

  describe('reset-identity', () => {
    it('202 with no body; identity becomes UNREGISTERED, registered false, modified updated', async () => {
      const target = plain.slice(5).find((i) => i.identityStatus !== 'UNREGISTERED')!;
      const before = Date.now();
      const res = await h.post(`/identities/${target.id}/reset`);
      assert.equal(res.status, 202);
      assert.equal(res.text, '');
      const after = (await h.get(`/identities/${target.id}`)).body as Identity;
      assert.equal(after.identityStatus, 'UNREGISTERED');
      assert.equal(after.attributes!.cloudStatus, 'UNREGISTERED');
      assert.ok(Date.parse(after.modified!) >= before - 5);
      const internal = await state(target.id);
      assert.equal(internal.registered, false);
      const filtered = await h.get('/identities', { query: { filters: `id eq "${target.id}" and cloudStatus eq "UNREGISTERED"` } });
      assert.equal((filtered.body as Identity[]).length, 1);
    });
    it('unknown id → 404', async () => {
      assert.equal((await h.post('/identities/0000000000000000000000000000dead/reset')).status, 404);
    });
  });

  describe('synchronize-attributes', () => {
    it('202 IdentitySyncJob QUEUED; lastRefresh updated; second call within the cooldown → 429 with Retry-After', async () => {
      const target = plain[1];
      const before = Date.now();
      const res = await h.post(`/identities/${target.id}/synchronize-attributes`);
      assert.equal(res.status, 202);
      const job = res.body as IdentitySyncJob;
      assert.equal(job.status, 'QUEUED');
      assert.equal(job.payload.type, 'SYNCHRONIZE_IDENTITY_ATTRIBUTES');
      assert.deepEqual(JSON.parse(job.payload.dataJson), { identityId: target.id });
      const after = (await h.get(`/identities/${target.id}`)).body as Identity;
      assert.ok(Date.parse(after.lastRefresh!) >= before - 5);
      const again = await h.post(`/identities/${target.id}/synchronize-attributes`);
      assert.equal(again.status, 429);
      assert.equal(again.headers.get('retry-after'), '2');
      assert.match((again.body as { message: string }).message, /once per 2 seconds/);
      // Another identity is not affected.
      assert.equal((await h.post(`/identities/${plain[2].id}/synchronize-attributes`)).status, 202);
      await new Promise((r) => setTimeout(r, 1600));
      assert.equal((await h.post(`/identities/${target.id}/synchronize-attributes`)).status, 202);
      assert.equal((await state(target.id)).syncCount, 2);
    });
    it('unknown id → 404', async () => {
      assert.equal((await h.post('/identities/0000000000000000000000000000dead/synchronize-attributes')).status, 404);
    });
  });

  describe('start-identity-processing', () => {
    it('202 TaskResultResponse; updates lastRefresh of known ids, ignores unknown ones', async () => {
      const ids = [plain[3].id, plain[4].id, 'unknown-id'];
      const before = Date.now();
      const res = await h.post('/identities/process', { identityIds: ids });
      assert.equal(res.status, 202);
      const task = res.body as TaskResultResponse;
      assert.equal(task.type, 'TASK_RESULT');
      assert.equal(task.name, null);
      assert.ok(task.id);
      for (const id of ids.slice(0, 2)) {
        const s = await state(id);
        assert.equal(s.processCount, 1);
        assert.ok(Date.parse(s.lastRefresh) >= before - 5);
      }
    });
    for (const [label, body, reason] of [
      ['empty list', { identityIds: [] }, /at least 1/],
      ['251 ids', { identityIds: Array.from({ length: 251 }, (_v, i) => `id${i}`) }, /at most 250/],
      ['no identityIds', { ids: ['x'] }, /identityIds/],
      ['non-string ids', { identityIds: [1] }, /strings/],
      ['invalid JSON', '{"identityIds": [', /not valid JSON/],
      ['missing body', undefined, /required/],
    ] as [string, unknown, RegExp][]) {
      it(`${label} → 400`, async () => {
        const res = await h.post('/identities/process', body);
        assert.equal(res.status, 400);
        assert.match(errorText(res), reason);
      });
    }
    it('accepts exactly 250 ids', async () => {
      const res = await h.post('/identities/process', { identityIds: Array.from({ length: 250 }, (_v, i) => `id${i}`) });
      assert.equal(res.status, 202);
    });
  });

  describe('start-identities-invite', () => {
    it('invites the unregistered identities among ids: 202 TaskStatus, invited recorded', async () => {
      const registered = plain.slice(10).find((i) => i.identityStatus === 'ACTIVE' && i.id !== plain[5].id)!;
      const res = await h.post('/identities/invite', { ids: [FIXTURE_IDS.unregistered, registered.id, 'nope'] });
      assert.equal(res.status, 202);
      const task = res.body as TaskStatus;
      assert.equal(task.type, 'QUARTZ');
      assert.equal(task.uniqueName, 'Identity Invitation');
      assert.deepEqual(task.attributes, { identityCount: 1 });
      for (const k of ['id', 'type', 'uniqueName', 'description', 'parentName', 'attributes', 'created', 'modified', 'launched', 'launcher',
        'completed', 'completionStatus', 'messages', 'progress', 'percentComplete', 'returns']) {
        assert.ok(k in task, k);
      }
      assert.equal((await state(FIXTURE_IDS.unregistered)).invited, true);
      assert.equal((await state(registered.id)).invited, false);
    });
    it('uninvited: true invites every unregistered identity not yet invited', async () => {
      const res = await h.post('/identities/invite', { uninvited: true });
      assert.equal(res.status, 202);
      const first = (res.body as TaskStatus).attributes.identityCount as number;
      assert.ok(first > 0);
      const again = await h.post('/identities/invite', { uninvited: true });
      assert.equal((again.body as TaskStatus).attributes.identityCount, 0);
    });
    it('neither ids nor uninvited → 400; wrong types → 400', async () => {
      assert.equal((await h.post('/identities/invite', {})).status, 400);
      assert.equal((await h.post('/identities/invite', { ids: [] })).status, 400);
      assert.equal((await h.post('/identities/invite', { ids: 'x' })).status, 400);
      assert.equal((await h.post('/identities/invite', { uninvited: 'yes' })).status, 400);
    });
  });

  describe('send-identity-verification-account-token', () => {
    it('200 (as the spec documents) and recorded', async () => {
      const res = await h.post(`/identities/${FIXTURE_IDS.obrien}/verification/account/send`, { sourceName: 'Active Directory', via: 'LINK_WORK' });
      assert.equal(res.status, 200);
      assert.equal(res.text, '');
      const s = await state(FIXTURE_IDS.obrien);
      assert.deepEqual(s.verifications.map((v) => [v.via, v.sourceName]), [['LINK_WORK', 'Active Directory']]);
    });
    it('invalid via → 400; unknown id → 404', async () => {
      const bad = await h.post(`/identities/${FIXTURE_IDS.obrien}/verification/account/send`, { via: 'SMS' });
      assert.equal(bad.status, 400);
      assert.match(errorText(bad), /via/);
      assert.equal((await h.post(`/identities/${FIXTURE_IDS.obrien}/verification/account/send`, {})).status, 400);
      assert.equal((await h.post('/identities/0000000000000000000000000000dead/verification/account/send', { via: 'EMAIL_WORK' })).status, 404);
    });
  });
});
