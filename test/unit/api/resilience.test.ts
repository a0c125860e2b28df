// 429 / Retry-After, 5xx and network retries, timeouts, abort, chunked processing, malformed responses.
import * as assert from 'assert';
import * as net from 'net';
import type { Simulator } from '../../../sim/server';
import { IscClient } from '../../../src/api/iscClient';
import { isAbortError } from '../../../src/api/errors';
import type { RequestInfo } from '../../../src/api/http';
import { FIXTURE_IDS, apiRequests, clientFor, expectApiError, lastSeq, startSim, timed } from './helpers';

const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 100 };

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('IscClient resilience (simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: IscClient;

  before(async () => {
    sim = await startSim();
    client = clientFor(sim, { retry: FAST_RETRY });
    await client.verifyCredentials();
  });
  afterEach(() => sim.setFaults({}));
  after(async () => {
    client.dispose();
    await sim.close();
  });

  describe('429', () => {
    it('waits Retry-After and tries again; the shared limiter holds other callers too', async () => {
      const since = lastSeq(sim);
      sim.setFaults({ failNext: { status: 429, count: 1, pathIncludes: '/v2025/' } }); // Retry-After: 1
      const first = client.getIdentity(FIXTURE_IDS.obrien);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const other = clientFor(sim); // same (baseUrl, clientId): same limiter
      assert.strictEqual(other.limiter, client.limiter);
      const { ms } = await timed(() => Promise.all([first, other.getIdentity(FIXTURE_IDS.manager)]));
      other.dispose();
      assert.ok(ms >= 850, `waited ${ms} ms`);
      const api = apiRequests(sim, since);
      assert.deepStrictEqual(api.map((r) => r.status), [429, 200, 200], 'the second caller did not run into the 429 window');
    });

    it('also retries a POST after 429', async () => {
      const since = lastSeq(sim);
      sim.setFaults({ failNext: { status: 429, count: 1, methods: ['POST'] } });
      await client.resetIdentity(FIXTURE_IDS.manager);
      assert.deepStrictEqual(apiRequests(sim, since).map((r) => r.status), [429, 202]);
    });

    it('gives up after the bounded number of 429 retries: kind rateLimited with retryAfterMs', async () => {
      const limited = clientFor(sim, { retry: { max429Retries: 1 } });
      try {
        const since = lastSeq(sim);
        sim.setFaults({ failNext: { status: 429, count: 5, pathIncludes: '/v2025/' } });
        const error = await expectApiError(limited.getIdentity(FIXTURE_IDS.obrien), 'rateLimited');
        assert.strictEqual(error.status, 429);
        assert.strictEqual(error.retryAfterMs, 1000);
        assert.match(error.message, /^Get identity failed \(429\): Rate Limit Exceeded/);
        assert.strictEqual(apiRequests(sim, since).length, 2);
      } finally {
        limited.dispose();
      }
    });

    it('stays under a tiny server limit: no 429 when the client knows the limit', async () => {
      const small = await startSim({ rateLimit: { requests: 5, windowMs: 500 } });
      const tiny = clientFor(small, { rateLimit: { requests: 5, windowMs: 500 } });
      try {
        await tiny.verifyCredentials();
        await new Promise((resolve) => setTimeout(resolve, 500));
        const since = lastSeq(small);
        const { ms } = await timed(() => Promise.all(Array.from({ length: 12 }, () => tiny.getIdentity(FIXTURE_IDS.obrien))));
        const api = apiRequests(small, since);
        assert.strictEqual(api.filter((r) => r.status === 429).length, 0);
        assert.strictEqual(api.length, 12);
        assert.ok(ms >= 1000 && ms < 5000, `12 requests at 5 per 500 ms took ${ms} ms`);
      } finally {
        tiny.dispose();
        await small.close();
      }
    });

    it('recovers from server 429s when the client-side limit is too generous', async () => {
      const small = await startSim({ rateLimit: { requests: 5, windowMs: 500 } });
      const eager = clientFor(small); // 10 000 per s client-side
      try {
        const since = lastSeq(small);
        const results = await Promise.all(Array.from({ length: 8 }, () => eager.getIdentity(FIXTURE_IDS.obrien)));
        assert.strictEqual(results.length, 8);
        const api = apiRequests(small, since);
        assert.ok(api.some((r) => r.status === 429));
        assert.strictEqual(api.filter((r) => r.status === 200).length, 8);
      } finally {
        eager.dispose();
        await small.close();
      }
    });
  });

  describe('5xx and network errors', () => {
    it('retries a GET after 5xx (jittered backoff) and succeeds', async () => {
      const since = lastSeq(sim);
      sim.setFaults({ failNext: { status: 503, count: 2, methods: ['GET'], pathIncludes: '/v2025/' } });
      const identity = await client.getIdentity(FIXTURE_IDS.obrien);
      assert.strictEqual(identity.id, FIXTURE_IDS.obrien);
      assert.deepStrictEqual(apiRequests(sim, since).map((r) => r.status), [503, 503, 200]);
    });

    it('a GET gives up after maxRetries: kind server with the message', async () => {
      const twice = clientFor(sim, { maxRetries: 2, retry: FAST_RETRY });
      try {
        const since = lastSeq(sim);
        sim.setFaults({ failNext: { status: 500, count: 10, methods: ['GET'], pathIncludes: '/v2025/' } });
        const error = await expectApiError(twice.getIdentity(FIXTURE_IDS.obrien), 'server');
        assert.strictEqual(error.status, 500);
        assert.match(error.message, /^Get identity failed \(500\): Injected failure/);
        assert.strictEqual(apiRequests(sim, since).length, 3);
      } finally {
        twice.dispose();
      }
    });

    it('never retries a POST or DELETE after 5xx (the server may have acted)', async () => {
      const since = lastSeq(sim);
      sim.setFaults({ failNext: { status: 500, count: 1, methods: ['POST'], pathIncludes: '/reset' } });
      await expectApiError(client.resetIdentity(FIXTURE_IDS.manager), 'server');
      sim.setFaults({ failNext: { status: 502, count: 1, methods: ['DELETE'], pathIncludes: '/v2025/' } });
      await expectApiError(client.deleteIdentity('ffffffffffffffffffffffffffffffff'), 'server');
      assert.deepStrictEqual(apiRequests(sim, since).map((r) => `${r.method} ${r.status}`), ['POST 500', 'DELETE 502']);
    });

    it('a timeout: GET retried, POST not', async () => {
      const infos: RequestInfo[] = [];
      const impatient = clientFor(sim, { timeoutMs: 150, maxRetries: 1, retry: FAST_RETRY, onRequest: (i) => infos.push(i) });
      try {
        await impatient.verifyCredentials();
        sim.setFaults({ latencyMs: 400 });
        const getError = await expectApiError(impatient.getIdentity(FIXTURE_IDS.obrien), 'network');
        assert.match(getError.message, /^Get identity failed: no answer within 0.15 s; gave up after 2 attempts in 0.\d+ s\.$/);
        const postError = await expectApiError(impatient.resetIdentity(FIXTURE_IDS.manager), 'network');
        assert.strictEqual(postError.message, 'Reset identity failed: no answer within 0.15 s (timeout).');
        const attempts = infos.filter((i) => i.url.includes('/v2025/')).map((i) => `${i.method} ${i.attempt} ${i.status ?? '-'}`);
        assert.deepStrictEqual(attempts, ['GET 1 -', 'GET 2 -', 'POST 1 -']);
      } finally {
        impatient.dispose();
      }
    });

    it('connection refused: retried for GET and (never sent) POST, then kind network', async () => {
      const infos: RequestInfo[] = [];
      const port = await closedPort();
      const nowhere = new IscClient({ baseUrl: `http://127.0.0.1:${port}`, clientId: 'x', clientSecret: 'y', maxRetries: 2, retry: FAST_RETRY, onRequest: (i) => infos.push(i) });
      try {
        const error = await expectApiError(nowhere.verifyCredentials(), 'network');
        assert.match(error.message, /ECONNREFUSED/);
        assert.strictEqual(infos.length, 3);
      } finally {
        nowhere.dispose();
      }
    });
  });

  describe('abort', () => {
    it('an already aborted signal: kind aborted, nothing sent', async () => {
      const since = lastSeq(sim);
      const error = await expectApiError(client.getIdentity(FIXTURE_IDS.obrien, { signal: AbortSignal.abort() }), 'aborted');
      assert.ok(isAbortError(error));
      assert.strictEqual(apiRequests(sim, since).length, 0);
    });

    it('cancels the in-flight HTTP request', async () => {
      sim.setFaults({ latencyMs: 3000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const { value: error, ms } = await timed(() => expectApiError(client.getIdentity(FIXTURE_IDS.obrien, { signal: controller.signal }), 'aborted'));
      assert.ok(ms < 2000, `aborted after ${ms} ms`);
      assert.match(error.message, /^Get identity was cancelled/);
    });

    it('does not spend a rate-limit slot on the token request', async () => {
      const own = await startSim();
      const tight = clientFor(own, { rateLimit: { requests: 1, windowMs: 60_000 } });
      try {
        // Token + first call with one slot a minute: only possible when the token request takes none.
        const { ms } = await timed(() => tight.getIdentity(FIXTURE_IDS.obrien));
        assert.ok(ms < 5000, `answered after ${ms} ms`);
        assert.strictEqual(tight.tokenRequestCount, 1);
      } finally {
        tight.dispose();
        await own.close();
      }
    });

    it('cancels waiting in the rate limiter', async () => {
      const own = await startSim();
      const slow = clientFor(own, { rateLimit: { requests: 1, windowMs: 60_000 } });
      try {
        await slow.getIdentity(FIXTURE_IDS.obrien); // takes the only slot (the token request takes none)
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 150);
        const since = lastSeq(own);
        const { ms } = await timed(() => expectApiError(slow.getIdentity(FIXTURE_IDS.obrien, { signal: controller.signal }), 'aborted'));
        assert.ok(ms < 2000, `aborted after ${ms} ms`);
        assert.strictEqual(slow.limiter.pending, 0);
        assert.strictEqual(apiRequests(own, since).length, 0);
      } finally {
        slow.dispose();
        await own.close();
      }
    });

    it('cancels a backoff sleep', async () => {
      const patient = clientFor(sim, { retry: { baseDelayMs: 5000, maxDelayMs: 5000 } });
      try {
        sim.setFaults({ failNext: { status: 503, count: 5, methods: ['GET'], pathIncludes: '/v2025/' } });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        const { ms } = await timed(() => expectApiError(patient.getIdentity(FIXTURE_IDS.obrien, { signal: controller.signal }), 'aborted'));
        assert.ok(ms < 3000, `aborted after ${ms} ms`);
      } finally {
        patient.dispose();
      }
    });

    it('aborts a chunked processIdentities as a whole', async () => {
      sim.setFaults({ latencyMs: 2000 });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const ids = Array.from({ length: 600 }, (_, i) => i.toString(16).padStart(32, '0'));
      await expectApiError(client.processIdentities(ids, { signal: controller.signal }), 'aborted');
    });
  });

  describe('start-identity-processing chunks', () => {
    const ids = Array.from({ length: 600 }, (_, i) => `a${i.toString(16).padStart(31, '0')}`);

    it('600 ids → 3 requests of 250/250/100, every id exactly once, results in order', async () => {
      const since = lastSeq(sim);
      const results = await client.processIdentities(ids);
      assert.deepStrictEqual(results.map((r) => r.ids.length), [250, 250, 100]);
      assert.deepStrictEqual(results.flatMap((r) => r.ids), ids);
      assert.ok(results.every((r) => r.task?.id && !r.error));
      const requests = apiRequests(sim, since);
      const sent = requests.map((r) => (r.body as { identityIds: string[] }).identityIds);
      assert.deepStrictEqual(sent.map((s) => s.length).sort((a, b) => b - a), [250, 250, 100]);
      assert.deepStrictEqual(sent.flat().sort(), [...ids].sort());
    });

    it('a failed chunk is reported in its result, not thrown, and not retried', async () => {
      const since = lastSeq(sim);
      sim.setFaults({ failNext: { status: 500, count: 1, methods: ['POST'], pathIncludes: '/process' } });
      const results = await client.processIdentities(ids);
      const failed = results.filter((r) => r.error);
      assert.strictEqual(failed.length, 1);
      assert.strictEqual(failed[0].error?.kind, 'server');
      assert.strictEqual(results.filter((r) => r.task).length, 2);
      assert.strictEqual(apiRequests(sim, since).length, 3);
    });
  });

  describe('bad responses', () => {
    it('malformed JSON → kind badResponse with a clear message', async () => {
      sim.setFaults({ malformedRate: 1 });
      const error = await expectApiError(client.getIdentity(FIXTURE_IDS.obrien), 'badResponse');
      assert.match(error.message, /^Get identity failed: the server sent an unexpected response \(malformed JSON/);
      const listError = await expectApiError(client.listIdentities({ limit: 3 }), 'badResponse');
      assert.strictEqual(listError.operation, 'list-identities');
    });
  });

  it('reports every attempt through onRequest', async () => {
    const infos: RequestInfo[] = [];
    const observed = clientFor(sim, { onRequest: (i) => infos.push(i), retry: FAST_RETRY });
    try {
      sim.setFaults({ failNext: { status: 500, count: 1, methods: ['GET'], pathIncludes: '/v2025/' } });
      await observed.getIdentity(FIXTURE_IDS.obrien);
      const calls = infos.filter((i) => i.url.includes('/v2025/'));
      assert.deepStrictEqual(calls.map((i) => [i.method, i.status, i.attempt]), [['GET', 500, 1], ['GET', 200, 2]]);
      assert.ok(calls[0].url.startsWith(`${sim.url}/v2025/identities/`));
      assert.ok(calls.every((i) => i.ms >= 0));
    } finally {
      observed.dispose();
    }
  });
});
