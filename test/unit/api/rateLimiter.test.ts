// The sliding-window limiter on its own: window, FIFO order, abort, pause, throughput.
import * as assert from 'assert';
import { AbortedWait } from '../../../src/api/abort';
import { SlidingWindowLimiter, canonicalOrigin, sharedLimiter } from '../../../src/api/rateLimiter';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SlidingWindowLimiter', () => {
  it('grants N at once, then the next when the oldest completed request leaves the window', async () => {
    const limiter = new SlidingWindowLimiter({ requests: 3, windowMs: 200 });
    const started = performance.now();
    const permits = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    assert.ok(performance.now() - started < 150);
    let fourth = false;
    const next = limiter.acquire().then((p) => {
      fourth = true;
      return p;
    });
    await sleep(50);
    assert.strictEqual(fourth, false, 'all slots are in flight');
    const releasedAt = performance.now();
    permits.forEach((p) => p.release());
    (await next).release();
    const waited = performance.now() - releasedAt;
    assert.ok(waited >= 195 && waited < 700, `waited ${waited} ms after the release`);
  });

  it('serves waiters first in, first out', async () => {
    const limiter = new SlidingWindowLimiter({ requests: 1, windowMs: 30 });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        limiter.acquire().then((permit) => {
          order.push(i);
          permit.release();
        }),
      ),
    );
    assert.deepStrictEqual(order, [0, 1, 2, 3, 4, 5]);
  });

  it('never lets more than N requests complete within one window, and keeps up with the limit', async () => {
    const limiter = new SlidingWindowLimiter({ requests: 10, windowMs: 200 });
    const grants: number[] = [];
    const releases: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        const permit = await limiter.acquire();
        grants.push(performance.now());
        await sleep(5);
        releases.push(performance.now());
        permit.release();
      }),
    );
    const elapsed = performance.now() - started;
    grants.sort((a, b) => a - b);
    releases.sort((a, b) => a - b);
    for (let i = 10; i < grants.length; i++) {
      assert.ok(grants[i] - releases[i - 10] >= 199, `grant ${i} came ${grants[i] - releases[i - 10]} ms after release ${i - 10}`);
    }
    // 40 requests at 10 per 200 ms: 3 full windows plus latency (generous upper bound for loaded CI machines).
    assert.ok(elapsed >= 600 && elapsed < 1300, `elapsed ${elapsed} ms`);
  });

  it('an aborted waiter leaves the queue and the others are still served', async () => {
    const limiter = new SlidingWindowLimiter({ requests: 1, windowMs: 100 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const third = limiter.acquire();
    assert.strictEqual(limiter.pending, 2);
    controller.abort();
    await assert.rejects(aborted, (e: unknown) => e instanceof AbortedWait);
    assert.strictEqual(limiter.pending, 1);
    first.release();
    (await third).release();
    assert.strictEqual(limiter.pending, 0);
  });

  it('pauseFor holds every waiter (after a 429)', async () => {
    const limiter = new SlidingWindowLimiter({ requests: 100, windowMs: 1000 });
    limiter.pauseFor(150);
    const started = performance.now();
    (await limiter.acquire()).release();
    assert.ok(performance.now() - started >= 145);
    assert.strictEqual(limiter.pauseRemainingMs, 0);
  });

  it('release is idempotent', async () => {
    const limiter = new SlidingWindowLimiter({ requests: 1, windowMs: 50 });
    const permit = await limiter.acquire();
    permit.release();
    permit.release();
    const started = performance.now();
    (await limiter.acquire()).release();
    assert.ok(performance.now() - started >= 45, 'one release counts once');
  });

  it('is shared per (baseUrl, clientId) and reconfigured by an explicit limit', () => {
    const a = sharedLimiter('https://x.example', 'id-1');
    assert.strictEqual(sharedLimiter('https://X.example', 'id-1'), a);
    assert.notStrictEqual(sharedLimiter('https://x.example', 'id-2'), a);
    assert.deepStrictEqual(a.limit, { requests: 100, windowMs: 10_000 });
    sharedLimiter('https://x.example', 'id-1', { requests: 5, windowMs: 1000 });
    assert.deepStrictEqual(a.limit, { requests: 5, windowMs: 1000 });
    assert.throws(() => new SlidingWindowLimiter({ requests: 0, windowMs: 1 }), RangeError);
  });
});

describe('rate limiter keys', () => {
  it('gives two spellings of one loopback origin the same key', () => {
    assert.strictEqual(canonicalOrigin('http://localhost:4010'), canonicalOrigin('http://127.0.0.1:4010/'));
  });

  it('drops the default port and lowercases the host', () => {
    assert.strictEqual(canonicalOrigin('https://ACME.api.identitynow.com:443'), 'https://acme.api.identitynow.com');
  });

  it('keeps different client ids of one origin apart', () => {
    assert.notStrictEqual(sharedLimiter('http://localhost:4999', 'a'), sharedLimiter('http://127.0.0.1:4999', 'b'));
    assert.strictEqual(sharedLimiter('http://localhost:4999', 'a'), sharedLimiter('http://127.0.0.1:4999', 'a'));
  });
});
