import * as assert from 'assert';
import type { Identity } from '../../../src/api/types';
import { IscApiError } from '../../../src/api/errors';
import { describeConnectionProblem } from '../../../src/model/connectionErrors';
import {
  displayText,
  escapeMarkdown,
  identityDescription,
  identityFacts,
  identityLabel,
  identityStatusInfo,
  roleAssignmentDescription,
} from '../../../src/model/identityDisplay';

describe('identityDisplay (labels, status, tooltips of hostile HR data)', () => {
  it('strips bidi overrides and control characters, collapses whitespace and cuts huge values', () => {
    assert.strictEqual(displayText('\u202Egnp.exe\u202C'), 'gnp.exe');
    assert.strictEqual(displayText('tab\there\nnew\u0007line'), 'tab here newline');
    const big = displayText('A'.repeat(100_000), 50);
    assert.strictEqual(big.length, 50);
    assert.ok(big.endsWith('…'));
    assert.strictEqual(displayText(null), '');
  });

  it('escapes every markdown/HTML character of data', () => {
    assert.strictEqual(escapeMarkdown('<img src=x onerror="a()">'), '\\<img src\\=x onerror\\=\\"a\\(\\)\\"\\>');
    assert.strictEqual(escapeMarkdown('[x](javascript:a) **b** &lt; $(alert)'), '\\[x\\]\\(javascript\\:a\\) \\*\\*b\\*\\* \\&lt\\; \\$\\(alert\\)');
    assert.strictEqual(escapeMarkdown('Anna Smith 42'), 'Anna Smith 42');
  });

  it('labels with the name, describes with alias else email', () => {
    const identity: Identity = { id: 'x', name: 'O"Brien \\ #1 & co', alias: '', emailAddress: 'ob@example.com' };
    assert.strictEqual(identityLabel(identity), 'O"Brien \\ #1 & co');
    assert.strictEqual(identityDescription(identity), 'ob@example.com');
    assert.strictEqual(identityDescription({ ...identity, alias: 'obrien' }), 'obrien');
    assert.strictEqual(identityLabel({ id: 'only-id', name: '' }), 'only-id');
  });

  it('classifies status: processing error first, then ISC status (open enum)', () => {
    assert.strictEqual(identityStatusInfo({ id: 'a', name: 'a', processingState: 'ERROR', identityStatus: 'LOCKED' }).state, 'processingError');
    assert.strictEqual(identityStatusInfo({ id: 'a', name: 'a', identityStatus: 'LOCKED' }).state, 'locked');
    assert.strictEqual(identityStatusInfo({ id: 'a', name: 'a', identityStatus: 'DISABLED' }).state, 'disabled');
    assert.strictEqual(identityStatusInfo({ id: 'a', name: 'a', identityStatus: 'UNREGISTERED' }).state, 'unregistered');
    assert.strictEqual(identityStatusInfo({ id: 'a', name: 'a', attributes: { cloudStatus: 'PENDING' } }).state, 'pending');
    assert.strictEqual(identityStatusInfo({ id: 'a', name: 'a', identityStatus: 'SOMETHING_NEW' }).state, 'active');
  });

  it('gives tooltip facts without empty rows', () => {
    const facts = identityFacts({ id: 'abc', name: 'n', alias: 'al', managerRef: { name: 'Boss' }, isManager: true });
    const labels = facts.map(([label]) => label);
    assert.deepStrictEqual(labels, ['ID', 'Alias', 'Status', 'Manager', 'Is a manager']);
  });

  it('shows role assignment dates as days', () => {
    assert.strictEqual(
      roleAssignmentDescription({ addedDate: '2025-07-11T18:45:37.098Z', startDate: null, removeDate: '2026-07-11T00:00:00.000Z' }),
      'added 2025-07-11 · until 2026-07-11',
    );
  });
});

describe('connectionErrors (what Add tenant says when the check fails)', () => {
  const url = 'https://acme.api.identitynow.com';
  it('wrong secret', () => {
    const error = new IscApiError({ kind: 'auth', operation: 'oauth-token', status: 401, message: 'Authentication failed (401): Bad credentials', serverMessages: ['Bad credentials'] });
    const problem = describeConnectionProblem(error, url);
    assert.strictEqual(problem.kind, 'credentials');
    assert.ok(problem.message.includes('Bad credentials'));
  });
  it('unknown host, TLS, refused, proxy', () => {
    const network = (code: string) => new IscApiError({ kind: 'network', operation: 'oauth-token', message: 'x', cause: Object.assign(new Error(code), { code }) });
    assert.strictEqual(describeConnectionProblem(network('ENOTFOUND'), url).kind, 'host');
    assert.ok(describeConnectionProblem(network('ENOTFOUND'), url).message.includes('acme.api.identitynow.com'));
    assert.strictEqual(describeConnectionProblem(network('SELF_SIGNED_CERT_IN_CHAIN'), url).kind, 'tls');
    assert.strictEqual(describeConnectionProblem(network('ECONNREFUSED'), url).kind, 'refused');
    assert.strictEqual(describeConnectionProblem(network('ECONNREFUSED'), url, true).kind, 'proxy');
    assert.strictEqual(describeConnectionProblem(new IscApiError({ kind: 'badRequest', operation: 'oauth-token', status: 407, message: 'Proxy Authentication Required' }), url).kind, 'proxy');
  });
});
