// Pure parts of the client: base URL, Retry-After and backoff, error texts, ownership shapes, response validation.
import * as assert from 'assert';
import { InvalidBaseUrlError, normalizeBaseUrl } from '../../../src/api/baseUrl';
import { IscApiError, errorFromResponse, isAbortError, isIscApiError, serverMessagesOf } from '../../../src/api/errors';
import { serializeQuery } from '../../../src/api/http';
import { parseOwnershipDetails } from '../../../src/api/ownership';
import { backoffDelay, parseRetryAfter } from '../../../src/api/retry';
import { expectIdentityList, parseTotalCount } from '../../../src/api/validate';

describe('normalizeBaseUrl', () => {
  const ok: [string, string][] = [
    ['acme', 'https://acme.api.identitynow.com'],
    ['acme.api.identitynow.com', 'https://acme.api.identitynow.com'],
    ['https://acme.api.identitynow.com/', 'https://acme.api.identitynow.com'],
    ['https://acme.api.identitynow.com/v2025', 'https://acme.api.identitynow.com'],
    ['  https://ACME.api.identitynow.com/v2025/ ', 'https://acme.api.identitynow.com'],
    ['https://isc.vanity.example/api/', 'https://isc.vanity.example/api'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/v2025', 'http://localhost:4010'],
    ['http://[::1]:4010/', 'http://[::1]:4010'],
    ['http://127.8.9.10', 'http://127.8.9.10'],
  ];
  for (const [input, expected] of ok) {
    it(`${JSON.stringify(input)} → ${expected}`, () => assert.strictEqual(normalizeBaseUrl(input), expected));
  }
  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['http://acme.api.identitynow.com', /must use https/],
    ['http://10.0.0.1:4010', /must use https/],
    ['ftp://acme.example', /must start with https/],
    ['https://user:pw@acme.example', /user name or password/],
    ['https://acme.example/?x=1', /query or fragment/],
    ['https://acme example', /spaces/],
    ['https://', /not a valid URL/],
  ];
  for (const [input, message] of bad) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => normalizeBaseUrl(input), (e: unknown) => e instanceof InvalidBaseUrlError && message.test(e.message));
    });
  }
});

describe('Retry-After and backoff', () => {
  it('parses delta-seconds, fractions and HTTP-dates', () => {
    assert.strictEqual(parseRetryAfter('10'), 10_000);
    assert.strictEqual(parseRetryAfter(' 1.5 '), 1500);
    assert.strictEqual(parseRetryAfter('0'), 0);
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.strictEqual(parseRetryAfter('Wed, 01 Jan 2025 00:00:07 GMT', now), 7000);
    assert.strictEqual(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now), 0);
    assert.strictEqual(parseRetryAfter(undefined), undefined);
    assert.strictEqual(parseRetryAfter('soon'), undefined);
    assert.strictEqual(parseRetryAfter(['3']), 3000);
  });
  it('backoff grows exponentially, is jittered and capped', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    assert.strictEqual(backoffDelay(0, policy, () => 0), 50);
    assert.strictEqual(backoffDelay(0, policy, () => 1), 100);
    assert.strictEqual(backoffDelay(2, policy, () => 1), 400);
    assert.strictEqual(backoffDelay(10, policy, () => 1), 1000);
    assert.strictEqual(backoffDelay(10, policy, () => 0), 500);
  });
});

describe('IscApiError', () => {
  it('collects ISC message texts from every known body shape', () => {
    assert.deepStrictEqual(serverMessagesOf({ detailCode: '400.1', messages: [{ locale: 'en-US', text: 'Bad filter' }, { text: 'More' }] }), ['Bad filter', 'More']);
    assert.deepStrictEqual(serverMessagesOf({ message: 'Identity cannot be deleted', associationDetails: [] }), ['Identity cannot be deleted']);
    assert.deepStrictEqual(serverMessagesOf({ error: 'invalid_client', error_description: 'Bad credentials' }), ['Bad credentials', 'invalid_client']);
    assert.deepStrictEqual(serverMessagesOf({ error: 'JWT validation failed: JWT is expired' }), ['JWT validation failed: JWT is expired']);
    assert.deepStrictEqual(serverMessagesOf({ causes: [{ text: 'cause' }] }), ['cause']);
    assert.deepStrictEqual(serverMessagesOf('Service Unavailable'), ['Service Unavailable']);
    assert.deepStrictEqual(serverMessagesOf('<html>502</html>'), []);
    assert.deepStrictEqual(serverMessagesOf(undefined), []);
  });
  it('builds a sentence with status and server text, and keeps the details', () => {
    const e = errorFromResponse('delete-identity', 400, { detailCode: '400.1 Bad Request Content', trackingId: 't1', messages: [{ text: 'Identity is protected' }] });
    assert.ok(isIscApiError(e));
    assert.strictEqual(e.message, 'Delete identity failed (400): Identity is protected');
    assert.strictEqual(e.kind, 'badRequest');
    assert.strictEqual(e.detailCode, '400.1 Bad Request Content');
    assert.strictEqual(e.trackingId, 't1');
    assert.strictEqual(errorFromResponse('get-identity', 404, undefined).message, 'Get identity failed (404): Not found');
    const kinds = [401, 403, 404, 409, 429, 500, 503].map((s) => errorFromResponse('x', s, {}).kind);
    assert.deepStrictEqual(kinds, ['auth', 'forbidden', 'notFound', 'badRequest', 'rateLimited', 'server', 'server']);
    assert.match(errorFromResponse('list-identities', 429, { message: ' Rate Limit Exceeded ' }, { retryAfterMs: 3000 }).message, /\(429\): Rate Limit Exceeded — ISC asked to wait 3 s \(rate limit\)\.$/);
  });
  it('isAbortError recognises aborted IscApiErrors and DOM aborts', () => {
    assert.ok(isAbortError(new IscApiError({ kind: 'aborted', operation: 'x', message: 'x' })));
    assert.ok(!isAbortError(new IscApiError({ kind: 'network', operation: 'x', message: 'x' })));
    assert.ok(isAbortError(new DOMException('aborted', 'AbortError')));
    assert.ok(!isAbortError(new Error('x')));
  });
});

describe('parseOwnershipDetails', () => {
  const role = { id: 'r1', name: 'Engineer', type: 'ROLE' };
  const source = { id: 's1', name: 'AD', type: 'SOURCE' };
  const expected = [
    { associationType: 'ROLE_OWNER', entities: [{ associationType: 'ROLE_OWNER', ...role }] },
    { associationType: 'SOURCE_OWNER', entities: [{ associationType: 'SOURCE_OWNER', ...source }] },
  ];
  it('nested (documented schema)', () => {
    const raw = {
      associationDetails: [
        { associationType: 'ROLE_OWNER', entities: [{ identityEntity: role }] },
        { associationType: 'SOURCE_OWNER', entities: [{ identityEntity: source }] },
      ],
    };
    assert.deepStrictEqual(parseOwnershipDetails(raw), { groups: expected, shape: 'nested', raw });
  });
  it('flat entities in an array of groups', () => {
    const raw = { associationDetails: [{ associationType: 'ROLE_OWNER', entities: [role] }, { associationType: 'SOURCE_OWNER', entities: [source] }] };
    assert.deepStrictEqual(parseOwnershipDetails(raw).groups, expected);
    assert.strictEqual(parseOwnershipDetails(raw).shape, 'flat');
  });
  it('flat: associationDetails as one object (upstream example)', () => {
    const raw = { associationDetails: { associationType: 'ROLE_OWNER', entities: [role] } };
    assert.deepStrictEqual(parseOwnershipDetails(raw).groups, [expected[0]]);
    assert.strictEqual(parseOwnershipDetails(raw).shape, 'flat');
  });
  it('flat: entries that are entities themselves', () => {
    const raw = { associationDetails: [{ associationType: 'ROLE_OWNER', ...role }, { associationType: 'SOURCE_OWNER', ...source }] };
    assert.deepStrictEqual(parseOwnershipDetails(raw).groups, expected);
    assert.strictEqual(parseOwnershipDetails(raw).shape, 'flat');
  });
  it('empty', () => {
    for (const raw of [{ associationDetails: [] }, {}, undefined, null, { associationDetails: [{ associationType: 'ROLE_OWNER', entities: [] }] }]) {
      assert.deepStrictEqual(parseOwnershipDetails(raw).shape, 'empty', JSON.stringify(raw));
    }
  });
  it('never throws on unexpected shapes: unknown', () => {
    const weird: unknown[] = ['text', 42, [], { associationDetails: 'x' }, { associationDetails: [1, 'a'] }, { other: 1 }, { associationDetails: [{ entities: [{ foo: 1 }] }] }];
    for (const raw of weird) {
      const parsed = parseOwnershipDetails(raw);
      assert.strictEqual(parsed.shape, 'unknown', JSON.stringify(raw));
      assert.deepStrictEqual(parsed.groups, []);
      assert.strictEqual(parsed.raw, raw);
    }
  });
});

describe('response validation and query encoding', () => {
  it('a list must be an array of objects with id and name', () => {
    assert.deepStrictEqual(expectIdentityList('list-identities', [{ id: 'a', name: 'A' }]), [{ id: 'a', name: 'A' }]);
    assert.throws(() => expectIdentityList('list-identities', { items: [] }), (e: unknown) => e instanceof IscApiError && e.kind === 'badResponse' && /expected an array of identities but got an object/.test(e.message));
    assert.throws(() => expectIdentityList('list-identities', [{ id: 'a' }]), /item 0: identity a has no "name"/);
    assert.throws(() => expectIdentityList('list-identities', [null]), /item 0: expected an identity object but got null/);
  });
  it('X-Total-Count must be a non-negative integer', () => {
    assert.strictEqual(parseTotalCount('42'), 42);
    assert.strictEqual(parseTotalCount('-1'), undefined);
    assert.strictEqual(parseTotalCount(undefined), undefined);
  });
  it('query strings are strictly percent-encoded', () => {
    assert.strictEqual(serializeQuery({ filters: 'name eq "O\\"Brien \\\\ #1 & co+x"', count: true, skip: undefined }), 'filters=name%20eq%20%22O%5C%22Brien%20%5C%5C%20%231%20%26%20co%2Bx%22&count=true');
  });
});
