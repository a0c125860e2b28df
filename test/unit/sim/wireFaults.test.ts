// Wire-level faults seen by a raw HTTP client: trickled bodies, unanswered requests, resets and cut bodies after a
// write was applied.

import * as assert from 'node:assert/strict';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import { apiHeaders, rawRequest } from './rawHttp';
import { SimHarness } from './simTestUtils';

interface IdentityState {
  processCount: number;
  identityStatus: string;
}

describe('sim wire faults (raw HTTP)', function () {
  this.timeout(20_000);
  let h: SimHarness;
  let token: string;
  before(async () => {
    h = await SimHarness.start();
    token = await h.token();
  });
  afterEach(() => h.sim.setFaults({}));
  after(() => h.close());

  const state = async (id: string): Promise<IdentityState> => (await h.admin('GET', `/identities/${id}`)).body as IdentityState;
  const processCall = (id: string, timeoutMs?: number) =>
    rawRequest(h.sim.url, 'POST', '/v2025/identities/process', { headers: apiHeaders(token, true), body: JSON.stringify({ identityIds: [id] }), timeoutMs });
  const lastRecord = () => h.sim.requests[h.sim.requests.length - 1];

  it('trickleBodyMs: headers at once, then the body one byte per interval', async () => {
    const plain = await rawRequest(h.sim.url, 'GET', '/v2025/task-status/unknown', { headers: apiHeaders(token) });
    h.sim.setFaults({ trickleBodyMs: 20 });
    const cut = await rawRequest(h.sim.url, 'GET', '/v2025/task-status/unknown', { headers: apiHeaders(token), timeoutMs: 400 });
    assert.equal(cut.status, 404);
    assert.ok(cut.headersAtMs! < 150, `headers after ${cut.headersAtMs} ms`);
    assert.equal(cut.error, 'timeout', 'the body had not ended when the client gave up');
    assert.ok(cut.chunkSizes.every((n) => n === 1), `chunks ${cut.chunkSizes.join()}`);
    assert.ok(cut.body.length >= 3 && cut.body.length <= 20, `${cut.body.length} bytes in 400 ms`);
    assert.ok(plain.body.length > 100);
    assert.equal(lastRecord().wireFault, 'trickle');
  });

  it('trickleBodyMs: a trickled body is complete and the same bytes, only slower', async () => {
    h.sim.setFaults({ trickleBodyMs: 1 });
    const res = await rawRequest(h.sim.url, 'GET', `/v2025/identities/${FIXTURE_IDS.obrien}/ownership`, { headers: apiHeaders(token) });
    h.sim.setFaults({});
    const plain = await rawRequest(h.sim.url, 'GET', `/v2025/identities/${FIXTURE_IDS.obrien}/ownership`, { headers: apiHeaders(token) });
    assert.equal(res.complete, true);
    assert.equal(res.body.toString(), plain.body.toString());
    assert.equal(res.chunkSizes.length > 1 || res.body.length === 1, true);
  });

  it('neverAnswerRate = 1: the request is read, no response ever comes, the socket stays open; nothing is applied', async () => {
    const before = (await state(FIXTURE_IDS.manager)).processCount;
    h.sim.setFaults({ neverAnswerRate: 1 });
    const res = await processCall(FIXTURE_IDS.manager, 600);
    assert.equal(res.error, 'timeout', 'the client gave up; the server neither answered nor closed');
    assert.equal(res.status, undefined);
    assert.ok(res.durationMs >= 590);
    const record = lastRecord();
    assert.equal(record.wireFault, 'never-answer');
    assert.equal(record.status, 0);
    assert.equal(record.applied, false);
    assert.equal((await state(FIXTURE_IDS.manager)).processCount, before);
  });

  it('resetAfterApplyRate = 1: the write is applied, then the connection is reset without a response', async () => {
    const before = (await state(FIXTURE_IDS.owner)).processCount;
    h.sim.setFaults({ resetAfterApplyRate: 1 });
    const res = await processCall(FIXTURE_IDS.owner);
    assert.equal(res.status, undefined);
    assert.equal(res.error, 'ECONNRESET');
    assert.equal((await state(FIXTURE_IDS.owner)).processCount, before + 1);
    assert.equal(lastRecord().applied, true);
    assert.equal(lastRecord().wireFault, 'reset-after-apply');
  });

  it('resetAfterApplyRate = 1 leaves reads and refused writes alone', async () => {
    h.sim.setFaults({ resetAfterApplyRate: 1 });
    assert.equal((await rawRequest(h.sim.url, 'GET', `/v2025/identities/${FIXTURE_IDS.obrien}`, { headers: apiHeaders(token) })).status, 200);
    const refused = await rawRequest(h.sim.url, 'POST', '/v2025/identities/process', { headers: apiHeaders(token, true), body: '{"identityIds":[]}' });
    assert.equal(refused.status, 400);
    assert.equal(refused.complete, true);
    assert.equal(lastRecord().applied, false);
  });

  it('truncateAfterApplyRate = 1: applied, then a 2xx whose body stops before its Content-Length', async () => {
    h.sim.setFaults({ truncateAfterApplyRate: 1 });
    const processed = await processCall(FIXTURE_IDS.obrien);
    assert.equal(processed.status, 202);
    assert.equal(processed.complete, false);
    assert.equal(processed.error, 'aborted');
    assert.ok(processed.body.length < Number(processed.headers!['content-length']));
    assert.throws(() => JSON.parse(processed.body.toString()));
    // reset-identity answers 202 without a body: the cut answer still announces one.
    const reset = await rawRequest(h.sim.url, 'POST', `/v2025/identities/${FIXTURE_IDS.manager}/reset`, { headers: apiHeaders(token) });
    assert.equal(reset.status, 202);
    assert.equal(reset.error, 'aborted');
    assert.equal((await state(FIXTURE_IDS.manager)).identityStatus, 'UNREGISTERED');
    assert.equal(lastRecord().wireFault, 'truncate-after-apply');
    assert.equal(lastRecord().applied, true);
  });

  it('wire faults never touch /__sim/ or /oauth/token', async () => {
    h.sim.setFaults({ neverAnswerRate: 1, trickleBodyMs: 50 });
    const admin = await rawRequest(h.sim.url, 'GET', '/__sim/info', { timeoutMs: 1000 });
    assert.equal(admin.status, 200);
    assert.equal(admin.chunkSizes.length, 1);
    const tokenRes = await rawRequest(h.sim.url, 'POST', '/oauth/token', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: h.sim.clientId, client_secret: h.sim.clientSecret }).toString(),
      timeoutMs: 1000,
    });
    assert.equal(tokenRes.status, 200);
    assert.equal(tokenRes.complete, true);
  });
});
