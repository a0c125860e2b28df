import * as assert from 'assert';
import { IscApiError } from '../../../src/api/errors';
import { ABORTED, loadSection, rawJsonDocument, rawOf, toErrorInfo, toOwnershipView } from '../../../src/webview/host/panelData';

describe('panel data mapping', () => {
  it('maps a result, a 404, an abort and other failures', async () => {
    assert.deepStrictEqual(await loadSection(async () => 5, (n) => n * 2), { status: 'ready', value: 10 });
    const notFound = new IscApiError({ kind: 'notFound', operation: 'get-identity', status: 404, message: 'Get identity failed (404)', serverMessages: ['The identity was not found'] });
    assert.deepStrictEqual(await loadSection(() => Promise.reject(notFound)), { status: 'notFound', message: 'The identity was not found' });
    const aborted = new IscApiError({ kind: 'aborted', operation: 'get-identity', message: 'cancelled' });
    assert.strictEqual(await loadSection(() => Promise.reject(aborted)), ABORTED);
    const server = new IscApiError({ kind: 'server', operation: 'get-identity', status: 500, message: 'Get identity failed (500): boom', serverMessages: ['boom'], trackingId: 't-1' });
    const result = await loadSection(() => Promise.reject(server));
    assert.ok(result !== ABORTED && result.status === 'error');
    assert.deepStrictEqual(result.error, { kind: 'server', status: 500, message: 'Get identity failed (500): boom', serverMessages: ['boom'], trackingId: 't-1', detailCode: undefined });
    assert.deepStrictEqual(toErrorInfo(new Error('plain')), { kind: 'unexpected', message: 'plain', serverMessages: [] });
  });

  it('drops the raw body from the ownership view and tolerates odd groups', () => {
    const view = toOwnershipView({
      shape: 'nested',
      raw: { big: 'x' },
      groups: [{ associationType: 'ROLE_OWNER', entities: [{ associationType: 'ROLE_OWNER', id: '1', name: 'R', type: 'ROLE' }] }, { associationType: 'X', entities: null as never }],
    });
    assert.deepStrictEqual(view, {
      shape: 'nested',
      groups: [
        { associationType: 'ROLE_OWNER', entities: [{ associationType: 'ROLE_OWNER', id: '1', name: 'R', type: 'ROLE' }] },
        { associationType: 'X', entities: [] },
      ],
    });
    assert.ok(!('raw' in view));
  });

  it('builds the raw JSON document from what the sections hold', () => {
    const text = rawJsonDocument({
      tenantLabel: 'env',
      identityId: 'abc',
      identity: rawOf({ status: 'ready', value: { id: 'abc', name: '<b>' } }),
      roleAssignments: rawOf({ status: 'loading' }),
      ownership: rawOf({ status: 'ready', value: { groups: [], shape: 'empty' } }, { associationDetails: [] }),
      selectedAssignment: undefined,
    });
    const doc = JSON.parse(text) as Record<string, unknown>;
    assert.deepStrictEqual(doc.identity, { id: 'abc', name: '<b>' });
    assert.strictEqual(doc.roleAssignments, null);
    assert.deepStrictEqual(doc.ownership, { associationDetails: [] });
    assert.ok(!('selectedRoleAssignment' in doc));
  });
});
