// Tokens: client-credentials request, caching, expiry, one refresh after 401, single flight, wrong secret, redaction.
import * as assert from 'assert';
import type { Simulator } from '../../../sim/server';
import { IscClient } from '../../../src/api/iscClient';
import type { CachedToken, TokenCache } from '../../../src/api/iscClient';
import { InvalidBaseUrlError } from '../../../src/api/baseUrl';
import { FIXTURE_IDS, apiRequests, capturingLogger, clientFor, expectApiError, lastSeq, startSim, tokenRequests } from './helpers';

class MemoryTokenCache implements TokenCache {
  value: CachedToken | undefined;
  sets: (CachedToken | undefined)[] = [];
  async get(): Promise<CachedToken | undefined> {
    return this.value;
  }
  async set(token: CachedToken | undefined): Promise<void> {
    this.value = token;
    this.sets.push(token);
  }
}

describe('IscClient authentication (simulator)', function () {
  this.timeout(20_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSim({ tokenLifetimeSec: 3 });
  });
  after(async () => {
    await sim.close();
  });

  it('requests a client-credentials token as a form POST to {baseUrl}/oauth/token', async () => {
    const client = clientFor(sim);
    try {
      const since = lastSeq(sim);
      await client.verifyCredentials();
      const [request] = tokenRequests(sim, since);
      assert.strictEqual(request.method, 'POST');
      assert.strictEqual(request.status, 200);
      assert.deepStrictEqual(request.body, { grant_type: 'client_credentials', client_id: sim.clientId, client_secret: '***' });
    } finally {
      client.dispose();
    }
  });

  it('single flight: 20 concurrent calls without a token make exactly one token request', async () => {
    const client = clientFor(sim);
    try {
      const since = lastSeq(sim);
      const identities = await Promise.all(Array.from({ length: 20 }, () => client.getIdentity(FIXTURE_IDS.obrien)));
      assert.strictEqual(identities.length, 20);
      assert.strictEqual(tokenRequests(sim, since).length, 1);
      assert.strictEqual(apiRequests(sim, since).length, 20);
      assert.strictEqual(client.tokenRequestCount, 1);
    } finally {
      client.dispose();
    }
  });

  it('reuses the token, and refreshes it shortly before expiry without a 401', async () => {
    const client = clientFor(sim); // simulator tokens live 3 s: refresh margin 10 % = 0.3 s
    try {
      const since = lastSeq(sim);
      await client.getIdentity(FIXTURE_IDS.obrien);
      await client.getIdentity(FIXTURE_IDS.obrien);
      assert.strictEqual(tokenRequests(sim, since).length, 1);
      await new Promise((resolve) => setTimeout(resolve, 2800));
      await client.getIdentity(FIXTURE_IDS.obrien);
      assert.strictEqual(tokenRequests(sim, since).length, 2, 'proactive refresh');
      assert.strictEqual(apiRequests(sim, since).filter((r) => r.status === 401).length, 0);
    } finally {
      client.dispose();
    }
  });

  it('a 401 (token revoked/expired server-side) causes exactly one refresh, even for 20 concurrent calls', async () => {
    const client = clientFor(sim);
    try {
      await client.verifyCredentials();
      sim.expireTokens();
      const since = lastSeq(sim);
      await Promise.all(Array.from({ length: 20 }, () => client.getIdentity(FIXTURE_IDS.obrien)));
      assert.strictEqual(tokenRequests(sim, since).length, 1);
      const api = apiRequests(sim, since);
      assert.strictEqual(api.filter((r) => r.status === 401).length, 20);
      assert.strictEqual(api.filter((r) => r.status === 200).length, 20);
    } finally {
      client.dispose();
    }
  });

  it('a second 401 after the refresh is final: kind auth with the server message', async () => {
    const client = clientFor(sim);
    try {
      await client.verifyCredentials();
      const since = lastSeq(sim);
      sim.setFaults({ failNext: { status: 401, count: 5, pathIncludes: '/v2025/' } });
      const error = await expectApiError(client.getIdentity(FIXTURE_IDS.obrien), 'auth');
      assert.strictEqual(error.status, 401);
      assert.match(error.message, /^Get identity failed \(401\): JWT validation failed: JWT is expired/);
      assert.strictEqual(tokenRequests(sim, since).length, 1, 'exactly one refresh');
      assert.strictEqual(apiRequests(sim, since).length, 2);
    } finally {
      sim.setFaults({});
      client.dispose();
    }
  });

  it('a wrong secret: kind auth with the token endpoint message, for verifyCredentials and for calls', async () => {
    const client = clientFor(sim, { clientSecret: 'not-the-secret' });
    try {
      const error = await expectApiError(client.verifyCredentials(), 'auth');
      assert.strictEqual(error.status, 401);
      assert.ok(error.serverMessages.includes('Bad credentials'), error.serverMessages.join());
      assert.match(error.message, /^Authentication failed \(401\): .*Bad credentials/);
      const since = lastSeq(sim);
      await expectApiError(client.listIdentities({ limit: 1 }), 'auth');
      assert.strictEqual(apiRequests(sim, since).length, 0, 'no API call without a token');
      assert.strictEqual(tokenRequests(sim, since).length, 1, 'token 401 is not retried');
    } finally {
      client.dispose();
    }
  });

  it('uses and fills a TokenCache', async () => {
    const cache = new MemoryTokenCache();
    const first = clientFor(sim, { tokenCache: cache });
    const since = lastSeq(sim);
    await first.getIdentity(FIXTURE_IDS.obrien);
    first.dispose();
    assert.ok(cache.value?.token);
    assert.ok(cache.value.expiresAt > Date.now());
    const second = clientFor(sim, { tokenCache: cache });
    try {
      await Promise.all(Array.from({ length: 5 }, () => second.getIdentity(FIXTURE_IDS.obrien)));
      assert.strictEqual(tokenRequests(sim, since).length, 1, 'the second client used the cached token');
      sim.expireTokens();
      await second.getIdentity(FIXTURE_IDS.obrien);
      assert.strictEqual(tokenRequests(sim, since).length, 2);
      assert.ok(cache.sets.includes(undefined), 'the rejected token was dropped from the cache');
      assert.strictEqual(cache.sets.filter(Boolean).length, 2);
    } finally {
      second.dispose();
    }
  });

  it('never logs the client secret or a token', async () => {
    const logger = capturingLogger();
    const cache = new MemoryTokenCache();
    const client = clientFor(sim, { logger, tokenCache: cache, clientSecret: sim.clientSecret });
    try {
      await client.getIdentity(FIXTURE_IDS.obrien);
      const firstToken = cache.value?.token as string;
      sim.expireTokens();
      await client.listIdentities({ limit: 2 });
      await expectApiError(client.getIdentity('ffffffffffffffffffffffffffffffff'), 'notFound');
      const secondToken = cache.value?.token as string;
      assert.notStrictEqual(firstToken, secondToken);
      assert.ok(logger.lines.length >= 5, logger.lines.join('\n'));
      assert.ok(logger.lines.some((l) => l.includes('/oauth/token')));
      for (const line of logger.lines) {
        assert.ok(!line.includes(sim.clientSecret), `secret in: ${line}`);
        assert.ok(!line.includes(firstToken) && !line.includes(secondToken), `token in: ${line}`);
        assert.ok(!/authorization|bearer/i.test(line), `auth header in: ${line}`);
      }
      // One debug line per request with method, path, status, ms and retry count.
      const text = logger.lines.join('\n');
      assert.match(text, /^debug GET \/v2025\/identities\?defaultFilter=NONE&limit=2&offset=0 → 401 \d+ ms \(retry 0, List identities\)$/m);
      assert.match(text, /^debug GET \/v2025\/identities\?defaultFilter=NONE&limit=2&offset=0 → 200 \d+ ms \(retry 1, List identities\)$/m);
      assert.match(text, /^debug GET \/v2025\/identities\/f{32} → 404 \d+ ms \(retry 0, Get identity\)$/m);
    } finally {
      client.dispose();
    }
  });
});

describe('IscClient base URL', () => {
  it('rejects a non-https base URL (except loopback) with a clear message', () => {
    assert.throws(
      () => new IscClient({ baseUrl: 'http://acme.api.identitynow.com', clientId: 'a', clientSecret: 'b' }),
      (e: unknown) => e instanceof InvalidBaseUrlError && /https/.test(e.message),
    );
    const client = new IscClient({ baseUrl: 'acme', clientId: 'a', clientSecret: 'b' });
    assert.strictEqual(client.baseUrl, 'https://acme.api.identitynow.com');
    client.dispose();
  });
});
