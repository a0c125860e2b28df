// The five outcomes of a bulk item: unknown when the server may have acted, failed only when it certainly did not,
// a paused run while the tenant is unreachable, and Check… verdicts from what ISC reports.
import * as assert from 'assert';
import { IscApiError, writeMayHaveActed } from '../../../src/api/errors';
import type { IscClient } from '../../../src/api/iscClient';
import type { Identity } from '../../../src/api/types';
import { runBulk } from '../../../src/model/bulkRunner';
import { executeOperation, inviteOperation, resetOperation } from '../../../src/model/actions/operations';
import { canCheckOutcome, checkOutcomes } from '../../../src/model/actions/outcomeChecks';
import type { IdentityRef } from '../../../src/model/identityRef';
import { countsText } from '../../../src/model/actions/report';

const refs = (n: number): IdentityRef[] => Array.from({ length: n }, (_, i) => ({ tenantId: 't', identityId: `id${i}`, name: `Name ${i}` }));
const tenant = { id: 't', label: 'Acme', clientId: 'client-1' };
const apiError = (init: Partial<ConstructorParameters<typeof IscApiError>[0]>): IscApiError =>
  new IscApiError({ kind: 'server', operation: 'reset-identity', message: 'boom', ...init });

describe('item outcomes', () => {
  it('marks an item unknown when the caller says the server may have acted', async () => {
    const summary = await runBulk({
      items: [1, 2, 3],
      concurrency: 1,
      mayHaveActed: (error) => (error as Error).message === 'maybe',
      worker: async ([n]) => {
        if (n === 2) throw new Error('maybe');
        if (n === 3) throw new Error('no');
        return n;
      },
    });
    assert.deepStrictEqual(summary.results.map((r) => r.outcome), ['done', 'unknown', 'failed']);
    assert.deepStrictEqual(summary.counts, { done: 1, failed: 1, unknown: 1, skipped: 0, cancelled: 0 });
  });

  it('reports a 5xx, a reset after sending and an unreadable 2xx on a write as outcome unknown, and a 4xx or refused connection as failed', async () => {
    const errors: Record<string, IscApiError> = {
      id0: apiError({ kind: 'server', status: 502, requestSent: true }),
      id1: apiError({ kind: 'network', message: 'reset', requestSent: true }),
      id2: apiError({ kind: 'badResponse', status: 202, requestSent: true }),
      id3: apiError({ kind: 'badRequest', status: 400, requestSent: true }),
      id4: apiError({ kind: 'network', message: 'refused', requestSent: false }),
      id5: apiError({ kind: 'rateLimited', status: 429, requestSent: true }),
    };
    const client = {
      resetIdentity: async (id: string) => {
        if (errors[id]) throw errors[id];
      },
    } as unknown as IscClient;
    const report = await executeOperation(resetOperation(), refs(7), { client, tenant, maxOutageMs: 0 });
    assert.deepStrictEqual(report.items.map((i) => i.outcome), ['unknown', 'unknown', 'unknown', 'failed', 'failed', 'failed', 'done']);
    assert.match(report.items[0].error ?? '', /may have carried it out/);
    assert.strictEqual(report.items[0].httpStatus, 502);
    assert.ok(report.items.every((i) => typeof i.sentAt === 'number'), 'every sent item knows when it was sent');
  });

  it('agrees with writeMayHaveActed on which failures are unknown', () => {
    assert.strictEqual(writeMayHaveActed(apiError({ kind: 'server', status: 500 })), true);
    assert.strictEqual(writeMayHaveActed(apiError({ kind: 'network', requestSent: false })), false);
  });

  it('pauses the whole run while the tenant is unreachable and sends every item once it answers', async () => {
    let down = true;
    const sent: string[] = [];
    const client = {
      resetIdentity: async (id: string) => {
        if (down) throw apiError({ kind: 'network', message: 'refused', requestSent: false });
        sent.push(id);
      },
      listIdentities: async () => {
        if (down) throw apiError({ kind: 'network', message: 'refused', requestSent: false });
        return { items: [], total: 0 };
      },
    } as unknown as IscClient;
    setTimeout(() => (down = false), 150);
    const pauses: boolean[] = [];
    const report = await executeOperation({ ...resetOperation(), concurrency: 3 }, refs(9), {
      client,
      tenant,
      onOutage: (state) => pauses.push(state.paused),
    });
    assert.deepStrictEqual(report.counts, { done: 9, failed: 0, unknown: 0, skipped: 0, cancelled: 0 });
    assert.deepStrictEqual([...sent].sort(), refs(9).map((r) => r.identityId).sort(), 'each identity sent exactly once');
    assert.deepStrictEqual(pauses, [true, false]);
    assert.ok(report.pausedMs > 0);
  });

  it('gives up after the outage bound and reports the rest failed as never sent', async () => {
    const client = {
      resetIdentity: async () => {
        throw apiError({ kind: 'network', message: 'refused', requestSent: false });
      },
      listIdentities: async () => {
        throw apiError({ kind: 'network', message: 'refused', requestSent: false });
      },
    } as unknown as IscClient;
    const report = await executeOperation(resetOperation(), refs(20), { client, tenant, maxOutageMs: 200 });
    assert.strictEqual(report.counts.failed, 20);
    assert.match(report.items[19].error ?? '', /Not sent: ISC was unreachable/);
  });

  it('counts the five outcomes separately in the summary text', () => {
    assert.strictEqual(countsText({ done: 3, failed: 2, unknown: 1, skipped: 4, cancelled: 5 }), '3 done, 2 failed, 1 outcome unknown, 4 skipped, 5 cancelled');
  });
});

describe('outcome checks', () => {
  const identity = (id: string, fields: Partial<Identity>): Identity => ({ id, name: id, ...fields }) as Identity;

  it('confirms a delete when the identity is gone and denies it when it still exists', async () => {
    const client = {
      getIdentity: async (id: string) => {
        if (id === 'id0') throw new IscApiError({ kind: 'notFound', status: 404, operation: 'get-identity', message: 'gone' });
        return identity(id, {});
      },
    } as unknown as IscClient;
    const checks = await checkOutcomes('deleteIdentity', client, refs(2).map((ref) => ({ ref, sentAt: Date.now() })));
    assert.deepStrictEqual(checks.map((c) => c.verdict), ['happened', 'notHappened']);
  });

  it('confirms a reset when the identity is unregistered', async () => {
    const client = { getIdentity: async (id: string) => identity(id, { identityStatus: id === 'id0' ? 'UNREGISTERED' : 'ACTIVE' }) } as unknown as IscClient;
    const checks = await checkOutcomes('resetIdentity', client, refs(2).map((ref) => ({ ref, sentAt: Date.now() })));
    assert.deepStrictEqual(checks.map((c) => c.verdict), ['happened', 'notHappened']);
  });

  it('confirms a process or synchronize when lastRefresh is later than the send', async () => {
    const sentAt = Date.parse('2026-12-03T10:00:00Z');
    const client = {
      getIdentity: async (id: string) =>
        identity(id, { lastRefresh: id === 'id0' ? '2026-12-03T10:00:03Z' : '2026-12-03T09:00:00Z', modified: '2026-12-03T09:00:00Z' }),
    } as unknown as IscClient;
    const checks = await checkOutcomes('processIdentities', client, refs(2).map((ref) => ({ ref, sentAt })));
    assert.deepStrictEqual(checks.map((c) => c.verdict), ['happened', 'notHappened']);
  });

  it('calls invitations and password-reset emails uncheckable without asking ISC', async () => {
    let calls = 0;
    const client = { getIdentity: async () => ++calls } as unknown as IscClient;
    const checks = await checkOutcomes('sendPasswordResetEmail', client, refs(2).map((ref) => ({ ref, sentAt: 0 })));
    assert.deepStrictEqual(checks.map((c) => c.verdict), ['uncheckable', 'uncheckable']);
    assert.strictEqual(calls, 0);
    assert.strictEqual(canCheckOutcome(inviteOperation().kind), false);
  });

  it('keeps an item unknown when the check itself fails', async () => {
    const client = { getIdentity: async () => { throw apiError({ kind: 'server', status: 503, operation: 'get-identity' }); } } as unknown as IscClient;
    const checks = await checkOutcomes('resetIdentity', client, refs(1).map((ref) => ({ ref, sentAt: 0 })));
    assert.strictEqual(checks[0].verdict, 'checkFailed');
  });
});
