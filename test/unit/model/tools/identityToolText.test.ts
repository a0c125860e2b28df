import * as assert from 'assert';
import type { Identity, OwnershipDetails, RoleAssignment, RoleAssignmentRef } from '../../../../src/api/types';
import { actionResultText } from '../../../../src/model/tools/actionToolText';
import type { ToolActionItem } from '../../../../src/model/tools/actionToolText';
import {
  identityDetailText,
  identityListText,
  roleAssignmentRefsText,
  roleAssignmentsText,
  tenantListText,
} from '../../../../src/model/tools/identityToolText';
import { INJECTION, outsideQuotedData, quotedParts } from './toolTextHelpers';

const TENANT = { id: 'env', label: 'Acme', readOnly: false };

function identities(count: number): Identity[] {
  return Array.from({ length: count }, (_, i) => ({ id: `id${String(i).padStart(30, '0')}`, name: `Person ${i}`, processingState: i === 0 ? 'ERROR' : 'OK' }));
}

describe('identity tool texts', () => {
  it('lists tenants with id, mode and credential status but never the client id', () => {
    const text = tenantListText([{ id: 'env', label: 'Acme', baseUrl: 'https://acme.api.identitynow.com', readOnly: true, source: 'environment', credentials: 'ok' }]);
    assert.ok(text.includes('| env | Acme | https://acme.api.identitynow.com | read-only | environment | ok |'), text);
    assert.ok(!/client/i.test(text));
  });

  it('gives range, total and the next offset of a page, with every id', () => {
    const text = identityListText({ tenant: TENANT, query: 'filters (none)', identities: identities(20), offset: 40, total: 100 });
    assert.ok(text.includes('Showing identities 41–60 of 100.'), text);
    assert.ok(text.includes('40 more: call again with offset 60.'));
    for (const identity of identities(20)) assert.ok(quotedParts(text)[0].includes(identity.id));
  });

  it('says "there may be more" when ISC sent no total', () => {
    const text = identityListText({ tenant: TENANT, query: 'q', identities: identities(2), offset: 0 });
    assert.ok(text.includes('There may be more: call again with offset 2.'));
  });

  it('says when nothing matches, without a table', () => {
    const text = identityListText({ tenant: TENANT, query: 'q', identities: [], offset: 0, total: 0 });
    assert.ok(text.includes('No identities match.'));
    assert.deepStrictEqual(quotedParts(text), []);
  });

  it('caps the attributes of one identity and says how many more there are', () => {
    const attributes = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`attr${String(i).padStart(2, '0')}`, `value ${i}`]));
    const text = identityDetailText({ tenant: TENANT, identity: { id: 'x1', name: 'Ann', attributes } });
    assert.ok(text.includes('Attributes (60, first 40 by name):'));
    assert.ok(text.includes('attr39: value 39'));
    assert.ok(!text.includes('attr40'));
    assert.ok(text.includes('… 20 more'));
  });

  it('adds role assignments and ownership when given, and the error of a part that failed', () => {
    const refs: RoleAssignmentRef[] = [{ id: 'as1', role: { id: 'r1', name: 'Engineer' }, addedDate: '2025-01-02T00:00:00Z' }];
    const ownership: OwnershipDetails = { groups: [{ associationType: 'ROLE_OWNER', entities: [{ associationType: 'ROLE_OWNER', id: 'r9', name: 'Lab', type: 'ROLE' }] }], shape: 'nested', raw: {} };
    const text = identityDetailText({ tenant: TENANT, identity: { id: 'x1', name: 'Ann' }, roleAssignments: { value: refs }, ownership: { value: ownership } });
    assert.ok(text.includes('| as1 | r1 | Engineer | 2025-01-02T00:00:00Z |'), text);
    assert.ok(text.includes('| ROLE_OWNER | ROLE | r9 | Lab |'));
    const failed = identityDetailText({ tenant: TENANT, identity: { id: 'x1', name: 'Ann' }, roleAssignments: { error: 'Get role assignments failed (403): Forbidden' } });
    assert.ok(failed.includes('Role assignments: could not be read (Get role assignments failed (403): Forbidden).'));
  });

  it('quotes a role assignment, hostile comments included', () => {
    const assignment: RoleAssignment = { id: 'as1', role: { id: 'r1', name: 'Engineer' }, comments: INJECTION, assignmentSource: 'AccessRequest', accountTargets: [{ source: { id: 's1', name: 'AD' }, accountInfo: { nativeIdentity: 'CN=Ann' } }] };
    const text = roleAssignmentsText(TENANT, 'x1', [assignment]);
    assert.ok(quotedParts(text)[0].includes(`Comments: ${INJECTION}`));
    assert.ok(quotedParts(text)[0].includes('| AD (id s1) | CN=Ann | CN=Ann |'));
    assert.ok(!outsideQuotedData(text).includes('ignore previous'));
  });

  it('lists role assignment references with ids for the next call', () => {
    const text = roleAssignmentRefsText(TENANT, 'x1', [{ id: 'as1', role: { id: 'r1', name: INJECTION } }]);
    assert.ok(text.includes('| as1 | r1 |'));
    assert.ok(!outsideQuotedData(text).includes('ignore previous'));
  });
});

describe('acting tool result texts', () => {
  const item = (over: Partial<ToolActionItem>): ToolActionItem => ({ identityId: 'a1', name: 'Ann', outcome: 'done', httpStatus: 202, jobId: null, error: null, ...over });

  it('gives the counts first, then the identities not done (failed first), then the done ids', () => {
    const text = actionResultText({
      action: 'Reset identity',
      tenant: { id: 'env', label: 'Acme' },
      operationId: 'op-1',
      cancelled: false,
      items: [item({ identityId: 'd1' }), item({ identityId: 'u1', outcome: 'unknown', httpStatus: 500, error: 'boom' }), item({ identityId: 'f1', name: INJECTION, outcome: 'failed', httpStatus: 400, error: 'protected' })],
      notFound: ['n1'],
    });
    const [first] = text.split('\n');
    assert.strictEqual(first, 'Reset identity on tenant Acme (tenant id env): 1 failed, 1 outcome unknown, 1 done.');
    const data = quotedParts(text)[0];
    assert.ok(data.indexOf('| f1 |') < data.indexOf('| u1 |'), 'failed before unknown');
    assert.ok(data.includes('Done (1): d1'));
    assert.ok(data.includes('Not found in ISC, nothing sent (1): n1'));
    assert.ok(!outsideQuotedData(text).includes('ignore previous'));
  });

  it('caps the rows of identities not done', () => {
    const items = Array.from({ length: 80 }, (_, i) => item({ identityId: `f${i}`, outcome: 'failed', httpStatus: 400 }));
    const text = actionResultText({ action: 'Process identities', tenant: { id: 'env', label: 'Acme' }, operationId: 'op', cancelled: false, items }, 25);
    assert.ok(text.includes('… 55 more'));
    assert.ok(!text.includes('| f25 |'));
  });
});
