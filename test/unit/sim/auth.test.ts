import * as assert from 'node:assert/strict';
import { RateLimiter } from '../../../sim/rateLimiter';
import { SimHarness } from './simTestUtils';

describe('sim token endpoint and bearer auth', () => {
  let h: SimHarness;
  before(async () => (h = await SimHarness.start({ extraClients: [{ clientId: 'ro-client', clientSecret: 'ro-secret', readOnly: true }] })));
  after(() => h.close());

  it('issues a bearer token for client_credentials', async () => {
    const res = await h.tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: h.sim.clientId, client_secret: h.sim.clientSecret }));
    assert.equal(res.status, 200);
    const body = res.body as { access_token: string; token_type: string; expires_in: number };
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 749);
    assert.match(body.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('accepts HTTP Basic client authentication and query parameters', async () => {
    const basic = Buffer.from(`${h.sim.clientId}:${h.sim.clientSecret}`).toString('base64');
    const res = await fetch(`${h.sim.url}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    assert.equal(res.status, 200);
    const q = new URLSearchParams({ grant_type: 'client_credentials', client_id: h.sim.clientId, client_secret: h.sim.clientSecret });
    assert.equal((await fetch(`${h.sim.url}/oauth/token?${q}`, { method: 'POST' })).status, 200);
  });

  for (const [label, form, status, error] of [
    ['wrong secret', { grant_type: 'client_credentials', client_id: 'sim-demo-client', client_secret: 'nope' }, 401, 'invalid_client'],
    ['unknown client', { grant_type: 'client_credentials', client_id: 'who', client_secret: 'x' }, 401, 'invalid_client'],
    ['missing grant_type', { client_id: 'sim-demo-client', client_secret: 'x' }, 400, 'invalid_request'],
    ['unsupported grant', { grant_type: 'password', client_id: 'sim-demo-client', client_secret: 'x' }, 400, 'unsupported_grant_type'],
  ] as [string, Record<string, string>, number, string][]) {
    it(`${label} → ${status} ${error}`, async () => {
      const res = await h.tokenRequest(new URLSearchParams(form));
      assert.equal(res.status, status);
      const body = res.body as { error: string; error_description: string };
      assert.equal(body.error, error);
      assert.ok(body.error_description.length > 0);
    });
  }

  it('401 ListIdentities401Response for missing, unknown and expired tokens', async () => {
    const missing = await h.get('/identities', { token: null });
    assert.equal(missing.status, 401);
    assert.equal(typeof (missing.body as { error: string }).error, 'string');
    const unknown = await h.get('/identities', { token: 'not-a-token' });
    assert.equal(unknown.status, 401);
    const token = await h.token();
    assert.equal((await h.get('/identities', { token, query: { limit: 1 } })).status, 200);
    h.sim.expireTokens();
    const expired = await h.get('/identities', { token });
    assert.equal(expired.status, 401);
    assert.match((expired.body as { error: string }).error, /expired/);
  });

  it('tokens expire after tokenLifetimeSec', async () => {
    const short = await SimHarness.start({ tokenLifetimeSec: 1 });
    try {
      const token = await short.token();
      assert.equal((await short.get('/identities', { token, query: { limit: 1 } })).status, 200);
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await short.get('/identities', { token, query: { limit: 1 } })).status, 401);
    } finally {
      await short.close();
    }
  });

  it('a readOnly client can read but gets 403 on writes', async () => {
    const token = await h.token('ro-client', 'ro-secret');
    assert.equal((await h.get('/identities', { token, query: { limit: 1 } })).status, 200);
    const res = await h.post('/identities/process', { identityIds: ['x'] }, { token });
    assert.equal(res.status, 403);
    assert.equal((res.body as { detailCode: string }).detailCode, '403 Forbidden');
  });

  it('unknown paths under /v2025 → 404; wrong method → 405', async () => {
    assert.equal((await h.get('/accounts')).status, 404);
    assert.equal((await h.call('PUT', '/identities')).status, 405);
  });
});

describe('sim rate limit', () => {
  it('sliding window per client id: 429 with integer Retry-After and ListIdentities429Response; token endpoint not counted', async () => {
    const h = await SimHarness.start({ rateLimit: { requests: 5, windowMs: 2000 } });
    try {
      const token = await h.token();
      for (let i = 0; i < 5; i++) assert.equal((await h.get('/identities', { token, query: { limit: 1 } })).status, 200);
      // Token requests do not count against the API limit.
      await h.token();
      const limited = await h.get('/identities', { token, query: { limit: 1 } });
      assert.equal(limited.status, 429);
      assert.equal(typeof (limited.body as { message: string }).message, 'string');
      const retryAfter = limited.headers.get('retry-after');
      assert.match(retryAfter ?? '', /^\d+$/);
      assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 2);
      // After waiting Retry-After seconds the client is admitted again.
      await new Promise((r) => setTimeout(r, Number(retryAfter) * 1000));
      assert.equal((await h.get('/identities', { token, query: { limit: 1 } })).status, 200);
    } finally {
      await h.close();
    }
  });

  it('RateLimiter: rejected requests do not count; windows are per key', () => {
    const limiter = new RateLimiter({ requests: 2, windowMs: 1000 });
    assert.ok(limiter.tryAcquire('a', 0).ok);
    assert.ok(limiter.tryAcquire('a', 100).ok);
    const denied = limiter.tryAcquire('a', 200);
    assert.deepEqual(denied, { ok: false, retryAfterMs: 800 });
    assert.ok(limiter.tryAcquire('b', 200).ok, 'other key');
    assert.deepEqual(limiter.tryAcquire('a', 999), { ok: false, retryAfterMs: 1 });
    assert.ok(limiter.tryAcquire('a', 1000).ok, 'first slot freed');
    assert.ok(!limiter.tryAcquire('a', 1050).ok);
    assert.ok(limiter.tryAcquire('a', 1100).ok);
  });
});
