// Escalating Retry-After (ISC's back-off tiers) and outages (connections refused for N seconds).

import * as assert from 'node:assert/strict';
import { BackoffTracker, iscBackoffConfig } from '../../../sim/backoff';
import { startSimulator } from '../../../sim/server';
import { apiHeaders, rawRequest } from './rawHttp';
import { SimHarness } from './simTestUtils';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sim back-off tiers (BackoffTracker)', () => {
  const config = iscBackoffConfig();
  const t0 = 1_000_000_000;
  const s = 1000;

  it('3 violated intervals within 120 s → 60 s; the next trigger → 300 s; tiers stop at 1,200 s', () => {
    const tracker = new BackoffTracker();
    assert.equal(tracker.violation('c', config, 10 * s, t0), undefined);
    assert.equal(tracker.violation('c', config, 10 * s, t0 + 1 * s), undefined, 'same interval counts once');
    assert.equal(tracker.violation('c', config, 10 * s, t0 + 10 * s), undefined);
    assert.equal(tracker.violation('c', config, 10 * s, t0 + 20 * s), 60 * s);
    assert.equal(tracker.remaining('c', t0 + 50 * s), 30 * s);
    const tiers: (number | undefined)[] = [];
    let now = t0 + 100 * s;
    for (let trigger = 0; trigger < 4; trigger++) {
      let last: number | undefined;
      for (let i = 0; i < 3; i++, now += 10 * s) last = tracker.violation('c', config, 10 * s, now);
      tiers.push(last);
      now += last ?? 0;
    }
    assert.deepEqual(tiers, [300 * s, 600 * s, 1200 * s, 1200 * s]);
    assert.equal(tracker.remaining('other', t0), undefined, 'per client id');
  });

  it('violations spread over more than 120 s never trigger; a tier is forgotten an hour after its back-off ended', () => {
    const tracker = new BackoffTracker();
    for (const at of [0, 70, 140, 210]) assert.equal(tracker.violation('c', config, 10 * s, t0 + at * s), undefined, `at ${at} s`);
    const first = [400, 410, 420].map((at) => tracker.violation('c', config, 10 * s, t0 + at * s))[2];
    assert.equal(first, 60 * s);
    const later = t0 + 480 * s + 3601 * s;
    const again = [0, 10, 20].map((d) => tracker.violation('c', config, 10 * s, later + d * s))[2];
    assert.equal(again, 60 * s, 'back to tier 1');
  });
});

describe('sim escalatingRetryAfter fault (wire level, time scaled by 0.01)', function () {
  this.timeout(15_000);
  let h: SimHarness;
  let token: string;
  before(async () => {
    h = await SimHarness.start({ rateLimit: { requests: 1, windowMs: 100 }, escalationTimeScale: 0.01, faults: { escalatingRetryAfter: true } });
    token = await h.token();
  });
  after(() => h.close());

  const call = () => rawRequest(h.sim.url, 'GET', '/v2025/identities?limit=1', { headers: apiHeaders(token) });
  /** Two calls back to back in a fresh rate-limit interval: the second one violates the limit. */
  async function violate(): Promise<{ status?: number; retryAfter?: string }> {
    await sleep(110);
    await call();
    const res = await call();
    return { status: res.status, retryAfter: res.headers?.['retry-after'] as string | undefined };
  }

  it('tier 1 after 3 violated intervals (back-off outlasts the rate-limit window), tier 2 after 3 more', async () => {
    assert.deepEqual(await violate(), { status: 429, retryAfter: '1' });
    await violate();
    const tier1 = await violate();
    assert.deepEqual(tier1, { status: 429, retryAfter: '1' }, 'tier 1: 60 s × 0.01 = 0.6 s');
    await sleep(200);
    const during = await call();
    assert.equal(during.status, 429, 'still backed off although the 100 ms window has passed');
    await sleep(500);
    assert.equal((await call()).status, 200, 'back-off over');
    await violate();
    await violate();
    assert.deepEqual(await violate(), { status: 429, retryAfter: '3' }, 'tier 2: 300 s × 0.01 = 3 s');
  });

  it('without the fault a violation never backs off', async () => {
    h.sim.setFaults({});
    for (let i = 0; i < 4; i++) await violate();
    await sleep(110);
    assert.equal((await call()).status, 200);
  });
});

describe('sim outageSeconds fault', function () {
  this.timeout(15_000);

  it('POST /__sim/faults answers first, then connections are refused, then the same port listens again', async () => {
    const h = await SimHarness.start();
    try {
      const token = await h.token();
      const set = await rawRequest(h.sim.url, 'POST', '/__sim/faults', { headers: { 'Content-Type': 'application/json' }, body: '{"outageSeconds":0.6}' });
      assert.equal(set.status, 200);
      assert.deepEqual(JSON.parse(set.body.toString()), { outageSeconds: 0.6 });
      await sleep(50);
      assert.equal((await rawRequest(h.sim.url, 'GET', '/v2025/identities?limit=1', { headers: apiHeaders(token) })).error, 'ECONNREFUSED');
      assert.equal((await rawRequest(h.sim.url, 'GET', '/__sim/info')).error, 'ECONNREFUSED', 'admin is unreachable too');
      await sleep(700);
      const after = await rawRequest(h.sim.url, 'GET', '/v2025/identities?limit=1', { headers: apiHeaders(token) });
      assert.equal(after.status, 200);
      assert.deepEqual((await h.admin('GET', '/faults')).body, {}, 'the outage is over and forgotten');
    } finally {
      await h.close();
    }
  });

  it('an open keep-alive connection is closed when the outage starts', async () => {
    const sim = await startSimulator({ port: 0, identities: 50, rateLimit: false });
    try {
      const { Agent, request } = await import('node:http');
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const closed = new Promise<void>((resolve) => {
        const req = request(`${sim.url}/__sim/info`, { agent }, (res) => {
          res.resume();
          res.on('end', () => {
            req.socket?.once('close', () => resolve());
            sim.setFaults({ outageSeconds: 5 });
          });
        });
        req.end();
      });
      await closed;
      agent.destroy();
    } finally {
      await sim.close();
    }
  });

  it('setFaults({}) ends an outage early; close() during an outage resolves', async () => {
    const sim = await startSimulator({ port: 0, identities: 50, rateLimit: false });
    sim.setFaults({ outageSeconds: 60 });
    assert.equal((await rawRequest(sim.url, 'GET', '/__sim/info')).error, 'ECONNREFUSED');
    sim.setFaults({});
    let info = await rawRequest(sim.url, 'GET', '/__sim/info');
    for (let i = 0; i < 20 && info.status !== 200; i++) {
      await sleep(25);
      info = await rawRequest(sim.url, 'GET', '/__sim/info');
    }
    assert.equal(info.status, 200);
    sim.setFaults({ outageSeconds: 60 });
    await sim.close();
  });
});
