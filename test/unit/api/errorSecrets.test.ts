// No secret on an IscApiError: the cause is a small plain summary (never axios's config, headers or request body),
// and the message, server messages and body are redacted when the error is built.
import * as assert from 'assert';
import { inspect } from 'node:util';
import { IscApiError } from '../../../src/api/errors';
import { expectApiError } from './helpers';
import { sendJson, useFaultServer } from './faultServer';

describe('secrets on IscApiError', function () {
  this.timeout(20_000);
  const server = useFaultServer();

  function assertNoSecret(error: IscApiError): void {
    const text = inspect(error, { depth: 10 });
    assert.ok(!text.includes(server().clientSecret), `client secret in:\n${text}`);
    assert.ok(!text.includes(server().token), `token in:\n${text}`);
    assert.ok(!/Bearer (?!\[REDACTED\])/i.test(text), `Bearer credential in:\n${text}`);
  }

  it('a token request cut by a connection reset', async () => {
    server().onToken((req) => req.socket.destroy());
    const error = await expectApiError(server().client({ maxRetries: 0 }).verifyCredentials(), 'network');
    assertNoSecret(error);
    assert.deepStrictEqual(Object.keys(error.cause as object).sort(), ['code', 'message']);
  });

  it('a token request that timed out', async () => {
    server().onToken(() => undefined);
    assertNoSecret(await expectApiError(server().client({ timeoutMs: 200, maxRetries: 0 }).verifyCredentials(), 'network'));
  });

  it('a token request refused with 401', async () => {
    server().onToken((_req, res) => sendJson(res, 401, { error: 'invalid_client', error_description: 'Bad credentials' }));
    assertNoSecret(await expectApiError(server().client().verifyCredentials(), 'auth'));
  });

  it('an authenticated call reset after sending, timed out, or cancelled', async () => {
    const client = server().client({ timeoutMs: 200, maxRetries: 0 });
    server().onApi((req) => req.socket.destroy());
    assertNoSecret(await expectApiError(client.getIdentity('a1'), 'network'));
    server().onApi(() => undefined);
    assertNoSecret(await expectApiError(client.getIdentity('a1'), 'network'));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    assertNoSecret(await expectApiError(client.resetIdentity('a1', { signal: controller.signal }), 'aborted'));
  });

  it('keeps code and status of the underlying failure for diagnosis', async () => {
    server().onApi((req) => req.socket.destroy());
    const error = await expectApiError(server().client({ maxRetries: 0 }).resetIdentity('a1'), 'network');
    assert.match(String((error.cause as { code?: string }).code), /ECONNRESET|EPIPE/);
  });

  it('a server that echoes the token in its error text: message, server messages and body are redacted', async () => {
    server().onApi((req, res) => sendJson(res, 400, { messages: [{ text: `Token ${req.headers.authorization} is not allowed here` }], echo: String(req.headers.authorization) }));
    const error = await expectApiError(server().client().resetIdentity('a1'), 'badRequest');
    assert.strictEqual(error.message, 'Reset identity failed (400): Token Bearer [REDACTED] is not allowed here');
    assert.deepStrictEqual(error.serverMessages, ['Token Bearer [REDACTED] is not allowed here']);
    assertNoSecret(error);
  });

  it('redacts a message given to the constructor', () => {
    const error = new IscApiError({ kind: 'network', operation: 'oauth-token', message: 'failed: grant_type=client_credentials&client_secret=s3cr3t-v4lue', serverMessages: ['client_secret%3Ds3cr3t-v4lue'] });
    assert.ok(!inspect(error).includes('s3cr3t-v4lue'));
  });
});
