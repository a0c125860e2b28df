// One deadline per attempt (connect + headers + body), a cap on the response size, and the limiter slot given back
// on every way out: against a bare HTTP server that trickles, hangs or floods.
import * as assert from 'assert';
import type { ErrorCause } from '../../../src/api/errors';
import { FIXTURE_IDS, expectApiError, timed } from './helpers';
import { sendJson, useFaultServer, trickle } from './faultServer';

const IDENTITY = { id: FIXTURE_IDS.obrien, name: 'obrien' };

describe('request deadline and response size', function () {
  this.timeout(20_000);
  const server = useFaultServer();

  it('ends an endless body trickled one byte every 250 ms with a timeout after the deadline', async () => {
    server().onApi((_req, res) => trickle(res, 250));
    const client = server().client({ timeoutMs: 1000, maxRetries: 0 });
    const { value: error, ms } = await timed(() => expectApiError(client.getIdentity(IDENTITY.id), 'network'));
    assert.ok(ms >= 950 && ms < 2500, `ended after ${ms} ms`);
    assert.strictEqual(error.message, 'Get identity failed: no answer within 1 s (timeout).');
    assert.strictEqual((error.cause as ErrorCause).code, 'ETIMEDOUT');
  });

  it('cuts a 66-byte body trickled at 1 byte per 50 ms at the 1 s deadline instead of after 3.3 s', async () => {
    server().onApi((_req, res) => trickle(res, 50, JSON.stringify({ ...IDENTITY, padding: 'x'.repeat(20) })));
    const client = server().client({ timeoutMs: 1000, maxRetries: 0 });
    const { ms } = await timed(() => expectApiError(client.getIdentity(IDENTITY.id), 'network'));
    assert.ok(ms < 2000, `ended after ${ms} ms`);
  });

  it('still reads a slow body that finishes within the deadline', async () => {
    server().onApi((_req, res) => trickle(res, 5, JSON.stringify(IDENTITY)));
    const client = server().client({ timeoutMs: 3000, maxRetries: 0 });
    assert.strictEqual((await client.getIdentity(IDENTITY.id)).id, IDENTITY.id);
  });

  it('refuses a body larger than maxResponseBytes with kind badResponse and the status', async () => {
    server().onApi((_req, res) => sendJson(res, 200, { ...IDENTITY, padding: 'x'.repeat(2 * 1024 * 1024) }));
    const client = server().client({ maxResponseBytes: 1024 * 1024 });
    const error = await expectApiError(client.getIdentity(IDENTITY.id), 'badResponse');
    assert.strictEqual(error.status, 200);
    assert.strictEqual(error.message, 'Get identity failed: the server sent an unexpected response (the response is larger than 1 MiB).');
    assert.strictEqual(server().received.filter((r) => r.path.startsWith('/v2025')).length, 1, 'an oversized answer is not asked for again');
  });

  it('cuts an endless chunked body at maxResponseBytes, long before the deadline', async () => {
    server().onApi((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(chunk)), 1);
      res.on('close', () => clearInterval(timer));
    });
    const client = server().client({ maxResponseBytes: 512 * 1024, timeoutMs: 10_000 });
    const { value: error, ms } = await timed(() => expectApiError(client.listIdentities(), 'badResponse'));
    assert.ok(ms < 5000, `ended after ${ms} ms`);
    assert.match(error.message, /larger than 512 KiB/);
  });

  it('gives the limiter slot back after trickled, cancelled and oversized calls', async () => {
    server().onApi((req, res) => {
      if (req.url?.includes('/big')) sendJson(res, 200, { padding: 'x'.repeat(4096) });
      else if (req.url?.includes(IDENTITY.id)) sendJson(res, 200, IDENTITY);
      else trickle(res, 50); // headers at once, then a body that never ends
    });
    const client = server().client({ timeoutMs: 300, maxResponseBytes: 1024, rateLimit: { requests: 3, windowMs: 50 } });
    const hung = Array.from({ length: 3 }, (_, i) => expectApiError(client.resetIdentity(`hung-${i}`), 'network'));
    await Promise.all(hung);
    const controller = new AbortController();
    const cancelled = Array.from({ length: 3 }, (_, i) => expectApiError(client.deleteIdentity(`hung-c${i}`, { signal: controller.signal }), 'aborted'));
    setTimeout(() => controller.abort(), 100);
    await Promise.all(cancelled);
    await Promise.all(Array.from({ length: 3 }, () => expectApiError(client.getIdentity('big'), 'badResponse')));
    assert.strictEqual(client.limiter.inFlight, 0);
    assert.strictEqual(client.limiter.pending, 0);
    const { value: identity, ms } = await timed(() => client.getIdentity(IDENTITY.id));
    assert.strictEqual(identity.id, IDENTITY.id);
    assert.ok(ms < 1000, `the next call waited ${ms} ms`);
  });
});
