import * as assert from 'node:assert/strict';
import type { Identity } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import type { SimRequestRecord } from '../../../sim/server';
import { SimHarness } from './simTestUtils';

describe('sim fault injection, request log and admin endpoints', () => {
  let h: SimHarness;
  before(async () => (h = await SimHarness.start()));
  afterEach(() => h.sim.setFaults({}));
  after(() => h.close());

  it('failNext: the next N matching requests fail, then normal service resumes', async () => {
    await h.token();
    h.sim.setFaults({ failNext: { status: 503, count: 2, methods: ['GET'], pathIncludes: '/identities' } });
    const post = await h.post('/identities/process', { identityIds: ['x'] });
    assert.equal(post.status, 202, 'method does not match');
    assert.equal((await h.get('/identities', { query: { limit: 1 } })).status, 503);
    const second = await h.get(`/identities/${FIXTURE_IDS.obrien}`);
    assert.equal(second.status, 503);
    assert.equal((second.body as { detailCode: string }).detailCode, '503 Service Unavailable');
    assert.equal((await h.get(`/identities/${FIXTURE_IDS.obrien}`)).status, 200);
  });

  it('failNext 429 carries Retry-After; 401 looks like an expired token', async () => {
    h.sim.setFaults({ failNext: { status: 429, count: 1 } });
    const limited = await h.get('/identities', { query: { limit: 1 } });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    const token = await h.token();
    h.sim.setFaults({ failNext: { status: 401, count: 1 } });
    const unauthorized = await h.get('/identities', { token, query: { limit: 1 } });
    assert.equal(unauthorized.status, 401);
    assert.match((unauthorized.body as { error: string }).error, /expired/);
  });

  it('failNext applies to /oauth/token only when pathIncludes matches it', async () => {
    h.sim.setFaults({ failNext: { status: 500, count: 1 } });
    await h.token();
    assert.equal((await h.get('/identities', { query: { limit: 1 } })).status, 500, 'consumed by the API call, not the token call');
    h.sim.setFaults({ failNext: { status: 500, count: 1, pathIncludes: '/oauth/token' } });
    await assert.rejects(h.token(), /token request failed: 500/);
    await h.token();
  });

  it('rate5xx / rate429 = 1 fail every API request, never the token endpoint', async () => {
    h.sim.setFaults({ rate5xx: 1 });
    assert.equal((await h.get('/identities', { query: { limit: 1 } })).status, 500);
    await h.token();
    h.sim.setFaults({ rate429: 1 });
    const res = await h.get('/identities', { query: { limit: 1 } });
    assert.equal(res.status, 429);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
  });

  it('random faults are partial at rates between 0 and 1', async () => {
    h.sim.setFaults({ rate5xx: 0.5 });
    const statuses = [];
    for (let i = 0; i < 40; i++) statuses.push((await h.get(`/identities/${FIXTURE_IDS.obrien}`)).status);
    assert.ok(statuses.includes(500) && statuses.includes(200));
  });

  it('malformedRate = 1: 200 with an invalid JSON body', async () => {
    h.sim.setFaults({ malformedRate: 1 });
    const res = await h.get('/identities', { query: { limit: 2 } });
    assert.equal(res.status, 200);
    assert.throws(() => JSON.parse(res.text));
  });

  it('latencyMs delays responses', async () => {
    h.sim.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await h.get(`/identities/${FIXTURE_IDS.obrien}`);
    assert.ok(Date.now() - started >= 140);
  });

  it('faults never apply to /__sim/ admin endpoints', async () => {
    h.sim.setFaults({ rate5xx: 1, failNext: { status: 500, count: 5 } });
    assert.equal((await h.admin('GET', '/requests?since=0')).status, 200);
    assert.equal((await h.admin('GET', `/identities/${FIXTURE_IDS.obrien}`)).status, 200);
  });

  it('POST /__sim/faults sets and {} clears faults', async () => {
    const set = await h.admin('POST', '/faults', { rate5xx: 1 });
    assert.deepEqual(set.body, { rate5xx: 1 });
    assert.equal((await h.get('/identities', { query: { limit: 1 } })).status, 500);
    await h.admin('POST', '/faults', {});
    assert.equal((await h.get('/identities', { query: { limit: 1 } })).status, 200);
    assert.equal((await h.admin('POST', '/faults', [1])).status, 400);
  });

  it('request log: seq increases, since filters, secrets are masked, DELETE clears; admin calls are not logged', async () => {
    const last = h.sim.requests[h.sim.requests.length - 1]?.seq ?? 0;
    await h.token();
    await h.get('/identities', { query: { limit: 1, filters: 'name sw "a"' } });
    await h.post('/identities/process', { identityIds: [FIXTURE_IDS.obrien] });
    const res = await h.admin('GET', `/requests?since=${last}`);
    const records = res.body as SimRequestRecord[];
    assert.deepEqual(records.map((r) => `${r.method} ${r.path} ${r.status}`), [
      'POST /oauth/token 200', 'GET /v2025/identities 200', 'POST /v2025/identities/process 202',
    ]);
    assert.ok(records.every((r, i) => i === 0 || r.seq === records[i - 1].seq + 1));
    assert.deepEqual(records[1].query, { limit: '1', filters: 'name sw "a"' });
    assert.equal(records[1].clientId, h.sim.clientId);
    assert.equal((records[0].body as Record<string, string>).client_secret, '***');
    assert.deepEqual(records[2].body, { identityIds: [FIXTURE_IDS.obrien] });
    assert.equal(records[2].experimental, true);
    assert.equal((await h.admin('DELETE', '/requests')).status, 204);
    assert.equal(h.sim.requests.length, 0);
    await h.get(`/identities/${FIXTURE_IDS.obrien}`);
    assert.equal(h.sim.requests[0].seq, records[2].seq + 1, 'seq keeps increasing after a clear');
  });

  it('GET /__sim/identities/:id reports internal flags; POST /__sim/reset restores the seeded data', async () => {
    const res = await h.admin('GET', `/identities/${FIXTURE_IDS.protectedIdentity}`);
    const s = res.body as Record<string, unknown>;
    assert.equal(s.protected, true);
    assert.equal(s.registered, true);
    assert.equal(s.invited, false);
    assert.equal(typeof s.lastRefresh, 'string');
    const victim = ((await h.get('/identities', { query: { limit: 30 } })).body as Identity[]).find(
      (i) => !(Object.values(FIXTURE_IDS) as string[]).includes(i.id) && !h.sim.store.get(i.id)!.protected && !h.sim.store.owned(h.sim.store.get(i.id)!).length,
    )!;
    assert.equal((await h.call('DELETE', `/identities/${victim.id}`)).status, 204);
    assert.equal((await h.admin('GET', `/identities/${victim.id}`)).status, 404);
    assert.equal((await h.admin('POST', '/reset')).status, 200);
    assert.deepEqual((await h.get(`/identities/${victim.id}`)).body, victim);
    assert.equal((await h.admin('GET', '/nope')).status, 404);
  });

  it('POST /__sim/expire-tokens makes issued tokens fail with 401', async () => {
    const token = await h.token();
    assert.equal((await h.admin('POST', '/expire-tokens')).status, 200);
    assert.equal((await h.get('/identities', { token })).status, 401);
  });
});
