// Long rate-limit waits are announced (onWait), every wait ends when the caller cancels, and a Retry-After past the
// policy's maximum fails at once with how long ISC asked to wait.
import * as assert from 'assert';
import { writeMayHaveActed } from '../../../src/api/errors';
import { SlidingWindowLimiter } from '../../../src/api/rateLimiter';
import type { RateLimitWait } from '../../../src/api/types';
import { expectApiError, timed } from './helpers';
import { sendJson, useFaultServer } from './faultServer';
import type { FaultServer } from './faultServer';

const IDENTITY = { id: 'a1', name: 'Anna' };
const SYNC_JOB = { id: 'job-1', status: 'QUEUED', payload: { type: 'SYNCHRONIZE_IDENTITY_ATTRIBUTES', dataJson: '{}' } };

/** Answers the first `count` API requests with 429 and `Retry-After: retryAfter`, then `answer` (a list: `[]`). */
function limitedThen(server: FaultServer, count: number, retryAfter: string, answer: unknown): void {
  let left = count;
  server.onApi((req, res) => {
    if (left-- > 0) sendJson(res, 429, { message: ' Rate Limit Exceeded ' }, { 'Retry-After': retryAfter });
    else sendJson(res, 200, req.url?.startsWith('/v2025/identities?') ? [] : answer);
  });
}

describe('rate-limit waits', function () {
  this.timeout(20_000);

  describe('SlidingWindowLimiter pause listeners', () => {
    it('tells a waiting caller when a pause starts, and again only when it grows by a second or more', async () => {
      const limiter = new SlidingWindowLimiter({ requests: 1, windowMs: 10 });
      const told: number[] = [];
      const held = await limiter.acquire();
      const controller = new AbortController();
      const waiting = limiter.acquire(controller.signal, (ms) => told.push(ms));
      limiter.pauseFor(3000);
      limiter.pauseFor(3500);
      limiter.pauseFor(5000);
      controller.abort();
      await assert.rejects(waiting);
      held.release();
      assert.strictEqual(told.length, 2, told.join());
      assert.ok(told[0] > 2900 && told[0] <= 3000 && told[1] > 4900 && told[1] <= 5000, told.join());
    });

    it('tells a caller that arrives during a pause at once', async () => {
      const limiter = new SlidingWindowLimiter({ requests: 5, windowMs: 10 });
      limiter.pauseFor(4000);
      const told: number[] = [];
      const controller = new AbortController();
      const waiting = limiter.acquire(controller.signal, (ms) => told.push(ms));
      assert.strictEqual(told.length, 1);
      controller.abort();
      await assert.rejects(waiting);
    });
  });

  describe('over HTTP', () => {
    const server = useFaultServer();
    let waits: RateLimitWait[];

    beforeEach(() => {
      waits = [];
    });

    const apiCalls = (): number => server().received.filter((r) => r.path.startsWith('/v2025')).length;

    it('announces a 429 wait longer than 2 s to the caller and to others the pause holds back', async () => {
      limitedThen(server(), 1, '2.5', IDENTITY);
      const client = server().client({ onWait: (wait) => waits.push(wait) });
      const before = Date.now();
      const first = timed(() => client.getIdentity(IDENTITY.id));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [{ ms }] = await Promise.all([first, client.listIdentities()]);
      assert.ok(ms >= 2400, `answered after ${ms} ms`);
      assert.deepStrictEqual(waits.map((w) => w.operation), ['get-identity', 'list-identities']);
      const [wait, other] = waits;
      assert.strictEqual(wait.reason, 'rateLimit');
      assert.ok(wait.waitMs > 2000 && wait.waitMs <= 2500, `waitMs ${wait.waitMs}`);
      assert.ok(Math.abs(wait.resumesAt - (before + 2500)) < 500, `resumesAt ${wait.resumesAt - before} ms after the start`);
      assert.ok(Math.abs(other.resumesAt - wait.resumesAt) < 100, 'both resume when the pause ends');
    });

    it('stays quiet about a short wait', async () => {
      limitedThen(server(), 1, '0.5', IDENTITY);
      await server().client({ onWait: (wait) => waits.push(wait) }).getIdentity(IDENTITY.id);
      assert.deepStrictEqual(waits, []);
    });

    it('announces the wait of a per-identity 429 (synchronize-attributes) too', async () => {
      limitedThen(server(), 1, '2.2', SYNC_JOB);
      await server().client({ onWait: (wait) => waits.push(wait) }).synchronizeAttributes('a1');
      assert.deepStrictEqual(waits.map((w) => w.operation), ['synchronize-attributes-for-identity']);
    });

    for (const [name, call] of [
      ['the shared pause after a 429', 'get'],
      ['the own wait of a per-identity 429', 'sync'],
    ] as const) {
      it(`ends ${name} at once when the caller cancels, as not sent`, async () => {
        limitedThen(server(), 1, '30', call === 'get' ? IDENTITY : SYNC_JOB);
        const client = server().client({ onWait: (wait) => waits.push(wait) });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 200);
        const promise = call === 'get' ? client.getIdentity('a1', { signal: controller.signal }) : client.synchronizeAttributes('a1', { signal: controller.signal });
        const { value: error, ms } = await timed(() => expectApiError(promise, 'aborted'));
        assert.ok(ms < 1000, `cancelled after ${ms} ms`);
        assert.strictEqual(waits.length, 1);
        assert.strictEqual(error.requestSent, false, 'the request after the 429 was not sent');
        assert.strictEqual(writeMayHaveActed(error), false);
      });
    }

    it('fails at once when ISC asks to wait longer than maxRetryAfterMs, and says how long', async () => {
      limitedThen(server(), 5, '300', IDENTITY);
      const client = server().client({ onWait: (wait) => waits.push(wait) });
      const { value: error, ms } = await timed(() => expectApiError(client.getIdentity('a1'), 'rateLimited'));
      assert.ok(ms < 1000, `failed after ${ms} ms`);
      assert.strictEqual(error.message, 'Get identity failed (429): Rate Limit Exceeded — ISC asked to wait 5 min (rate limit).');
      assert.strictEqual(error.retryAfterMs, 300_000);
      assert.strictEqual(error.status, 429);
      assert.deepStrictEqual(waits, []);
    });

    it('then holds the client id back: later calls fail at once without being sent', async () => {
      limitedThen(server(), 5, '1200', IDENTITY);
      const client = server().client();
      await expectApiError(client.getIdentity('a1'), 'rateLimited');
      const sent = apiCalls();
      const error = await expectApiError(client.resetIdentity('a1'), 'rateLimited');
      assert.match(error.message, /^Reset identity was not sent: ISC asked to wait 20 min \(rate limit\)\.$/);
      assert.strictEqual(error.requestSent, false);
      assert.strictEqual(writeMayHaveActed(error), false);
      assert.strictEqual(apiCalls(), sent);
    });

    it('a caller already waiting for a slot fails at once when a long pause begins', async () => {
      server().onApi((_req, res) => void setTimeout(() => sendJson(res, 429, { message: 'Rate Limit Exceeded' }, { 'Retry-After': '600' }), 200));
      const client = server().client({ rateLimit: { requests: 1, windowMs: 5000 } });
      const first = expectApiError(client.getIdentity('a1'), 'rateLimited');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { value: queued, ms } = await timed(() => expectApiError(client.getIdentity('a2'), 'rateLimited'));
      await first;
      assert.ok(ms < 1000, `failed after ${ms} ms`);
      assert.strictEqual(queued.message, 'Get identity was not sent: ISC asked to wait 10 min (rate limit).');
      assert.strictEqual(apiCalls(), 1);
      assert.strictEqual(client.limiter.pending, 0);
    });

    it('waits for a Retry-After up to maxRetryAfterMs', async () => {
      limitedThen(server(), 2, '0.4', IDENTITY);
      const client = server().client({ retry: { maxRetryAfterMs: 500 } });
      assert.strictEqual((await client.getIdentity('a1')).id, IDENTITY.id);
      assert.strictEqual(apiCalls(), 3);
    });
  });
});
