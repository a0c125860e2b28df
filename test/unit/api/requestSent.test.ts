// requestSent on every failure, and what writeMayHaveActed makes of it: false only when the request certainly never
// reached the server, true once it may have.
import * as assert from 'assert';
import * as net from 'node:net';
import { IscClient } from '../../../src/api/iscClient';
import { writeMayHaveActed } from '../../../src/api/errors';
import type { IscApiError, IscErrorKind } from '../../../src/api/errors';
import { expectApiError } from './helpers';
import { sendJson, useFaultServer } from './faultServer';
import type { FaultServer } from './faultServer';

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function assertOutcome(error: IscApiError, requestSent: boolean, mayHaveActed: boolean): void {
  assert.strictEqual(error.requestSent, requestSent, `requestSent of "${error.message}"`);
  assert.strictEqual(writeMayHaveActed(error), mayHaveActed, `writeMayHaveActed of "${error.message}"`);
}

describe('requestSent and writeMayHaveActed', function () {
  this.timeout(20_000);
  const server = useFaultServer();

  describe('never sent', () => {
    it('a refused connection', async () => {
      const client = new IscClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, clientId: 'x', clientSecret: 'refused-secret', maxRetries: 0 });
      try {
        assertOutcome(await expectApiError(client.verifyCredentials(), 'network'), false, false);
      } finally {
        client.dispose();
      }
    });

    it('a host name that does not resolve, for the token request and for the write that waited for it', async () => {
      const client = new IscClient({ baseUrl: 'https://no-such-tenant.invalid', clientId: 'x', clientSecret: 'dns-secret', maxRetries: 0 });
      try {
        const tokenError = await expectApiError(client.verifyCredentials(), 'network');
        assert.match(tokenError.message, /ENOTFOUND|EAI_AGAIN/);
        assert.strictEqual(tokenError.requestSent, false);
        assertOutcome(await expectApiError(client.resetIdentity('a1'), 'network'), false, false);
      } finally {
        client.dispose();
      }
    });

    it('a write cancelled before sending', async () => {
      const client = server().client();
      assertOutcome(await expectApiError(client.resetIdentity('a1', { signal: AbortSignal.abort() }), 'aborted'), false, false);
    });

    it('a write cancelled while waiting for its token', async () => {
      server().onToken(() => undefined); // the token request never answers
      const client = server().client();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      assertOutcome(await expectApiError(client.deleteIdentity('a1', { signal: controller.signal }), 'aborted'), false, false);
    });

    it('a write cancelled while waiting for a rate-limit slot', async () => {
      server().onApi((_req, res) => sendJson(res, 202, {}));
      const client = server().client({ rateLimit: { requests: 1, windowMs: 60_000 } });
      await client.resetIdentity('a1'); // takes the only slot of the minute
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      assertOutcome(await expectApiError(client.resetIdentity('a2', { signal: controller.signal }), 'aborted'), false, false);
    });

    it('a write whose token request failed with 5xx', async () => {
      server().onToken((_req, res) => sendJson(res, 503, { message: 'down' }));
      const client = server().client({ maxRetries: 0 });
      const error = await expectApiError(client.resetIdentity('a1'), 'server');
      assert.strictEqual(error.operation, 'oauth-token');
      assertOutcome(error, false, false);
      assert.strictEqual(server().received.filter((r) => r.path.startsWith('/v2025')).length, 0);
    });
  });

  describe('sent', () => {
    const cases: [string, (server: FaultServer) => void, IscErrorKind, boolean][] = [
      ['a timeout after sending', (s) => s.onApi(() => undefined), 'network', true],
      ['a connection reset after the request arrived', (s) => s.onApi((req) => req.socket.destroy()), 'network', true],
      ['a 5xx answer', (s) => s.onApi((_req, res) => sendJson(res, 500, { message: 'boom' })), 'server', true],
      ['a 4xx answer (ISC did not act)', (s) => s.onApi((_req, res) => sendJson(res, 400, { message: 'no' })), 'badRequest', false],
      ['a 429 answer past the retries (ISC did not act)', (s) => s.onApi((_req, res) => sendJson(res, 429, { message: 'slow down' }, { 'Retry-After': '0' })), 'rateLimited', false],
      [
        'a 2xx with malformed JSON',
        (s) => s.onApi((_req, res) => {
          res.writeHead(202, { 'Content-Type': 'application/json' });
          res.end('{"id": "task-1", ');
        }),
        'badResponse',
        true,
      ],
      [
        'a 2xx whose body breaks off',
        (s) => s.onApi((req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
          res.write('{"id": "tas');
          setTimeout(() => req.socket.destroy(), 20);
        }),
        'badResponse',
        true,
      ],
    ];

    for (const [name, arrange, kind, mayHaveActed] of cases) {
      it(`${name}: requestSent, ${mayHaveActed ? 'may have acted' : 'did not act'}`, async () => {
        arrange(server());
        const client = server().client({ timeoutMs: 300, retry: { max429Retries: 0 } });
        const error = await expectApiError(client.inviteIdentities({ ids: ['a1'] }), kind);
        assertOutcome(error, true, mayHaveActed);
        if (kind === 'badResponse') assert.ok(error.status !== undefined && error.status >= 200 && error.status < 300, `status ${error.status}`);
        assert.strictEqual(server().received.filter((r) => r.path === '/v2025/identities/invite').length, 1, 'the write was sent once');
      });
    }

    it('keeps the status of a 2xx whose body could not be read', async () => {
      server().onApi((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('not json');
      });
      const error = await expectApiError(server().client().deleteIdentity('a1'), 'badResponse');
      assert.strictEqual(error.status, 200);
      assertOutcome(error, true, true);
    });

    it('a write cancelled after it was sent', async () => {
      server().onApi(() => undefined);
      const client = server().client();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      assertOutcome(await expectApiError(client.resetIdentity('a1', { signal: controller.signal }), 'aborted'), true, true);
    });
  });
});
