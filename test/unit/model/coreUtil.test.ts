import * as assert from 'assert';
import { IscApiError } from '../../../src/api/errors';
import { parseBooleanFlag, readEnvironmentTenant, tenantLabelFor } from '../../../src/auth/environmentTenant';
import { LatestOnly, UserCancelledError, isCancellation, orCancel } from '../../../src/util/cancellation';
import { DisposableStore } from '../../../src/util/disposables';

describe('environment tenant (ISC_BASE_URL, ISC_CLIENT_ID, ISC_CLIENT_SECRET, ISC_READ_ONLY)', () => {
  it('needs all three variables and normalises the URL', () => {
    assert.deepStrictEqual(readEnvironmentTenant({}), {});
    assert.deepStrictEqual(readEnvironmentTenant({ ISC_BASE_URL: 'acme', ISC_CLIENT_ID: 'id' }), {});
    const { tenant } = readEnvironmentTenant({ ISC_BASE_URL: 'acme', ISC_CLIENT_ID: ' id ', ISC_CLIENT_SECRET: 's' });
    assert.deepStrictEqual(tenant, { baseUrl: 'https://acme.api.identitynow.com', clientId: 'id', clientSecret: 's', readOnly: undefined });
    assert.strictEqual(readEnvironmentTenant({ ISC_BASE_URL: 'http://127.0.0.1:4010/v2025', ISC_CLIENT_ID: 'i', ISC_CLIENT_SECRET: 's', ISC_READ_ONLY: 'false' }).tenant?.readOnly, false);
    assert.match(readEnvironmentTenant({ ISC_BASE_URL: 'http://acme.example', ISC_CLIENT_ID: 'i', ISC_CLIENT_SECRET: 's' }).problem ?? '', /https/);
  });

  it('reads boolean flags and labels tenants', () => {
    assert.strictEqual(parseBooleanFlag('No'), false);
    assert.strictEqual(parseBooleanFlag('1'), true);
    assert.strictEqual(parseBooleanFlag('maybe'), undefined);
    assert.strictEqual(tenantLabelFor('https://acme.api.identitynow.com'), 'acme');
    assert.strictEqual(tenantLabelFor('http://127.0.0.1:4010'), '127.0.0.1:4010');
  });
});

describe('cancellation and disposables', () => {
  it('tells cancellations from failures', () => {
    assert.ok(isCancellation(new UserCancelledError()));
    assert.ok(isCancellation(Object.assign(new Error('x'), { name: 'Canceled' })));
    assert.ok(isCancellation(new IscApiError({ kind: 'aborted', operation: 'list-identities', message: 'cancelled' })));
    assert.ok(!isCancellation(new IscApiError({ kind: 'server', operation: 'list-identities', message: 'boom' })));
    assert.throws(() => orCancel(undefined), UserCancelledError);
    assert.strictEqual(orCancel(''), '');
  });

  it('LatestOnly aborts the previous signal', () => {
    const latest = new LatestOnly();
    const first = latest.next();
    const second = latest.next();
    assert.ok(first.aborted);
    assert.ok(!second.aborted);
    latest.cancel();
    assert.ok(second.aborted);
  });

  it('DisposableStore disposes once, in reverse order, despite failures', () => {
    const order: number[] = [];
    const store = new DisposableStore();
    store.add({ dispose: () => order.push(1) });
    store.add({ dispose: () => { throw new Error('x'); } });
    store.add({ dispose: () => order.push(3) });
    store.dispose();
    store.dispose();
    assert.deepStrictEqual(order, [3, 1]);
    store.add({ dispose: () => order.push(4) });
    assert.deepStrictEqual(order, [3, 1, 4], 'added after dispose: disposed at once');
  });

  it('DisposableStore.addAll collects several disposables like add, one by one', () => {
    const order: number[] = [];
    const store = new DisposableStore();
    store.addAll({ dispose: () => order.push(1) }, { dispose: () => order.push(2) });
    store.dispose();
    assert.deepStrictEqual(order, [2, 1]);
  });
});
