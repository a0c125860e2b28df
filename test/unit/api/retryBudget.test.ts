// Retries of idempotent requests stay within one total budget, and the error says how long the client tried.
import * as assert from 'assert';
import * as net from 'node:net';
import { IscClient } from '../../../src/api/iscClient';
import { DEFAULT_RETRY_POLICY, RetryBudget } from '../../../src/api/retry';
import { expectApiError, timed } from './helpers';
import { sendJson, useFaultServer } from './faultServer';

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('retry budget', function () {
  this.timeout(20_000);

  describe('RetryBudget', () => {
    it('defaults to 45 s in total', () => {
      assert.strictEqual(DEFAULT_RETRY_POLICY.retryBudgetMs, 45_000);
    });

    it('with a 30 s deadline allows one full attempt and a second cut to the remaining 14.7 s', () => {
      const budget = new RetryBudget(45_000, 30_000);
      assert.strictEqual(budget.nextDeadlineMs(), 30_000);
      budget.record(30_000);
      assert.strictEqual(budget.allowsRetryAfter(300), true);
      budget.record(300);
      assert.strictEqual(budget.nextDeadlineMs(), 14_700);
      budget.record(14_700);
      assert.strictEqual(budget.allowsRetryAfter(300), false);
    });

    it('makes no retry when less than a useful attempt would be left', () => {
      const budget = new RetryBudget(45_000, 30_000);
      budget.record(43_900);
      assert.strictEqual(budget.allowsRetryAfter(200), false, '0.9 s left after the backoff is less than the 1 s an attempt needs');
    });
  });

  describe('over HTTP', () => {
    const server = useFaultServer();

    const apiCalls = (): number => server().received.filter((r) => r.path.startsWith('/v2025')).length;

    it('a GET that never answers ends within the budget, and the error says how many attempts in how long', async () => {
      server().onApi(() => undefined); // never answered
      const client = server().client({ timeoutMs: 200, retry: { retryBudgetMs: 500 } });
      const { value: error, ms } = await timed(() => expectApiError(client.getIdentity('x'), 'network'));
      assert.ok(ms < 800, `gave up after ${ms} ms`);
      assert.match(error.message, /^Get identity failed: no answer within 0\.2 s; gave up after [23] attempts in 0\.[45]\d? s\.$/);
      assert.ok(apiCalls() >= 2 && apiCalls() <= 3, `${apiCalls()} attempts`);
      assert.strictEqual(error.requestSent, true);
    });

    it('stops retrying slow 5xx answers at the budget as well', async () => {
      server().onApi((_req, res) => void setTimeout(() => sendJson(res, 503, { message: 'busy' }), 150));
      const client = server().client({ timeoutMs: 1000, retry: { retryBudgetMs: 450 } });
      const { value: error, ms } = await timed(() => expectApiError(client.getIdentity('x'), 'server'));
      assert.strictEqual(error.status, 503);
      assert.strictEqual(apiCalls(), 2, 'the third attempt would not fit');
      assert.ok(ms < 700, `gave up after ${ms} ms`);
    });

    it('keeps maxRetries as the bound when the budget is generous', async () => {
      server().onApi((_req, res) => sendJson(res, 500, { message: 'boom' }));
      const client = server().client({ maxRetries: 2, retry: { retryBudgetMs: 60_000 } });
      await expectApiError(client.getIdentity('x'), 'server');
      assert.strictEqual(apiCalls(), 3);
    });

    it('says how often a refused connection was tried', async () => {
      const port = await closedPort();
      const nowhere = new IscClient({ baseUrl: `http://127.0.0.1:${port}`, clientId: 'x', clientSecret: 'refused-secret', maxRetries: 2, retry: { baseDelayMs: 5, maxDelayMs: 10 } });
      try {
        const error = await expectApiError(nowhere.verifyCredentials(), 'network');
        assert.match(error.message, /^Authentication failed: the connection was refused \(ECONNREFUSED\): .*; gave up after 3 attempts in [\d.]+ s$/);
      } finally {
        nowhere.dispose();
      }
    });
  });
});
