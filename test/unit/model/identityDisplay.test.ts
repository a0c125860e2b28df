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
  attributeDate,
  formatDate,
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

  it('shows role assignment dates as local days (a date-only value as the day it names)', () => {
    const added = new Date('2025-07-11T18:45:37.098Z');
    const removed = new Date('2026-07-11T00:00:00.000Z');
    const localDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    assert.strictEqual(
      roleAssignmentDescription({ addedDate: added.toISOString(), startDate: null, removeDate: removed.toISOString() }),
      `added ${localDay(added)} · until ${localDay(removed)}`,
    );
    assert.strictEqual(roleAssignmentDescription({ startDate: '2026-01-31' }), 'from 2026-01-31');
  });

  it('names the status in the Status fact ("ERROR", not "Status ERROR") and keeps both errors apart', () => {
    const status = (identity: Identity) => identityFacts(identity).find(([label]) => label === 'Status')?.[1];
    assert.strictEqual(status({ id: 'a', name: 'a', identityStatus: 'ERROR' }), 'ERROR');
    assert.strictEqual(status({ id: 'a', name: 'a', identityStatus: 'LOCKED', processingState: 'ERROR' }), 'LOCKED');
    const both = identityStatusInfo({ id: 'a', name: 'a', identityStatus: 'ERROR', processingState: 'ERROR' });
    assert.strictEqual(both.state, 'processingError');
    assert.strictEqual(both.statusState, 'error', 'the identity status stays known beside the processing error');
    assert.strictEqual(identityStatusInfo({ id: 'a', name: 'a', identityStatus: 'ERROR' }).state, 'error');
  });

  it('writes dates as local time without milliseconds, with how long ago', () => {
    const now = Date.parse('2025-10-04T12:00:00Z');
    const date = formatDate('2025-10-02T08:14:51.123Z', { locale: 'en-US', now });
    assert.ok(date);
    assert.strictEqual(date.text, new Date('2025-10-02T08:14:51.123Z').toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'medium' }));
    assert.doesNotMatch(date.text, /\.123|T08|Z/);
    assert.strictEqual(date.relative, '2 days ago');
    assert.strictEqual(formatDate('2025-10-03T12:00:00Z', { locale: 'en-US', now })?.relative, 'yesterday');
    assert.strictEqual(formatDate('2026-01-04T12:00:00Z', { locale: 'en-US', now })?.relative, 'in 3 months');
    assert.strictEqual(formatDate('2025-10-04T11:59:58Z', { locale: 'en-US', now })?.relative, 'now');
    assert.strictEqual(formatDate('2026-01-31', { locale: 'en-US', now })?.text, 'Jan 31, 2026', 'a date-only value stays its day');
    assert.strictEqual(formatDate('not a date'), undefined);
    assert.strictEqual(formatDate('12/03/2025'), undefined, 'ambiguous day/month orders are not guessed');
    assert.ok(formatDate('2025-10-02T08:14:51Z', { locale: 'xx-not-a-locale!!' }), 'an unknown locale falls back');
  });

  it('words how long ago a date is in the locale it is given (the pages pass VS Code\'s display language)', () => {
    const now = Date.parse('2025-10-04T12:00:00Z');
    assert.strictEqual(formatDate('2025-10-02T08:14:51Z', { locale: 'en-US', now })?.relative, '2 days ago');
    assert.strictEqual(formatDate('2025-10-01T08:14:51Z', { locale: 'de', now })?.relative, new Intl.RelativeTimeFormat('de', { numeric: 'auto' }).format(-3, 'day'));
    assert.notStrictEqual(formatDate('2025-10-01T08:14:51Z', { locale: 'de', now })?.relative, '3 days ago');
  });

  it('reads epoch attributes (seconds or milliseconds) of known date attributes as dates', () => {
    assert.strictEqual(attributeDate('lastSyncDate', 1759392891207)?.time, 1759392891207);
    assert.strictEqual(attributeDate('LASTSYNCDATE', '1759392891207')?.time, 1759392891207);
    assert.strictEqual(attributeDate('lastSyncDate', 1759392891)?.time, 1759392891000, 'seconds');
    assert.strictEqual(attributeDate('identificationNumber', 1759392891207), undefined, 'only known date attributes');
    assert.strictEqual(attributeDate('lastSyncDate', 42), undefined, 'not a plausible date');
    assert.strictEqual(attributeDate('startDate', '2020-01-07')?.dateOnly, true);
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
