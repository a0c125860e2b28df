// Filter builder: escaping, allowed fields/operators, validation; and that nasty names reach the simulator intact.
import * as assert from 'assert';
import type { Simulator } from '../../../sim/server';
import { FILTER_FIELDS, FilterBuildError, SORTABLE_FIELDS, and, eq, inList, not, or, quoteFilterString, sorter, sw } from '../../../src/api/filters';
import { validateFilterExpression } from '../../../src/api/filterValidation';
import type { IscClient } from '../../../src/api/iscClient';
import { FIXTURE_IDS, HOSTILE_NAME, OBRIEN_NAME, apiRequests, clientFor, lastSeq, startSim, wireTap } from './helpers';
import type { WireTap } from './helpers';

describe('filter builder', () => {
  it('quotes strings escaping \\ and "', () => {
    assert.strictEqual(quoteFilterString('plain'), '"plain"');
    assert.strictEqual(quoteFilterString(OBRIEN_NAME), '"O\\"Brien \\\\ #1 & co"');
    assert.strictEqual(quoteFilterString('\\"'), '"\\\\\\""');
  });
  it('builds eq / sw / in and combinations', () => {
    assert.strictEqual(eq('name', OBRIEN_NAME), 'name eq "O\\"Brien \\\\ #1 & co"');
    assert.strictEqual(eq('correlated', false), 'correlated eq false');
    assert.strictEqual(sw('email', 'a+b@'), 'email sw "a+b@"');
    assert.strictEqual(inList('id', ['a', 'b"']), 'id in ("a","b\\"")');
    assert.strictEqual(and(sw('name', 'A'), eq('protected', true)), '(name sw "A") and (protected eq true)');
    assert.strictEqual(or(eq('alias', 'x'), '', eq('alias', 'y')), '(alias eq "x") or (alias eq "y")');
    assert.strictEqual(and(eq('alias', 'x')), 'alias eq "x"');
    assert.strictEqual(not(eq('cloudStatus', 'ACTIVE')), 'not (cloudStatus eq "ACTIVE")');
    assert.strictEqual(sorter('name', true), '-name');
    assert.deepStrictEqual([...SORTABLE_FIELDS], ['name', 'alias', 'cloudStatus']);
    assert.strictEqual(FILTER_FIELDS.length, 10);
  });
  it('refuses operators and value types the API does not allow', () => {
    assert.throws(() => sw('cloudStatus', 'A'), FilterBuildError);
    assert.throws(() => inList('name', ['a']), FilterBuildError);
    assert.throws(() => inList('id', []), FilterBuildError);
    assert.throws(() => eq('protected', 'true'), FilterBuildError);
    assert.throws(() => eq('name', true), FilterBuildError);
    assert.throws(() => eq('department' as never, 'x'), FilterBuildError);
  });
  it('validateFilterExpression accepts built expressions and explains mistakes', () => {
    for (const expr of [eq('name', OBRIEN_NAME), and(sw('name', 'A'), not(eq('correlated', true))), inList('id', ['a', 'b']), 'name sw "x" or alias eq "y" and protected eq false']) {
      assert.strictEqual(validateFilterExpression(expr), undefined, expr);
    }
    const bad: [string, RegExp][] = [
      ['', /empty/],
      ['department eq "x"', /"department" cannot be filtered on/],
      ['cloudStatus sw "A"', /does not support "sw"/],
      ['name eq "unterminated', /unterminated string/],
      ['name eq "a\\b"', /invalid escape/],
      ['protected eq "true"', /true or false/],
      ['name eq x', /double-quoted/],
      ['(name eq "a"', /expected "\)"/],
      ['name eq "a" extra', /unexpected "extra"/],
    ];
    for (const [expr, message] of bad) assert.match(validateFilterExpression(expr) ?? '', message, expr);
  });
});

describe('filter escaping against the simulator', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let tap: WireTap;
  let client: IscClient;
  let tappedClient: IscClient;

  before(async () => {
    sim = await startSim();
    tap = await wireTap(sim);
    client = clientFor(sim);
    tappedClient = clientFor(sim, { baseUrl: tap.url });
  });
  after(async () => {
    client.dispose();
    tappedClient.dispose();
    await tap.close();
    await sim.close();
  });

  const existing: [string, string][] = [
    ['O"Brien fixture', FIXTURE_IDS.obrien],
    ['hostile fixture', FIXTURE_IDS.hostile],
  ];
  for (const [label, id] of existing) {
    it(`finds the ${label} by name eq and by name sw`, async () => {
      const { name } = await client.getIdentity(id);
      const byEq = await client.listIdentities({ filters: eq('name', name) });
      assert.deepStrictEqual(byEq.items.map((i) => i.id), [id]);
      const bySw = await client.listIdentities({ filters: sw('name', name.slice(0, Math.max(1, name.length - 2))) });
      assert.ok(bySw.items.some((i) => i.id === id));
    });
  }

  const nasty = [OBRIEN_NAME, HOSTILE_NAME, 'a+b c', '100% & more', 'semi;colon=1?x#y', 'back\\\\slash\\', '"quoted"', "D'Arcy", 'tab\there', 'ünï 😈 ✓', '(x) or name eq "y"'];
  it('every nasty value reaches the server exactly as built (eq and sw), none rejected', async () => {
    for (const value of nasty) {
      for (const filters of [eq('name', value), sw('name', value), and(sw('alias', value), eq('correlated', true))]) {
        const since = lastSeq(sim);
        await client.listIdentities({ filters, limit: 5 });
        const [request] = apiRequests(sim, since);
        assert.strictEqual(request.status, 200, `${filters} → ${request.status}`);
        assert.strictEqual(request.query.filters, filters);
      }
    }
  });

  it('puts a strictly percent-encoded query and the expected headers on the wire', async () => {
    tap.heads.length = 0;
    const page = await tappedClient.listIdentities({ filters: eq('name', OBRIEN_NAME), sorters: '-name', limit: 10 });
    assert.deepStrictEqual(page.items.map((i) => i.id), [FIXTURE_IDS.obrien]);
    const head = tap.heads.find((h) => h.startsWith('GET /v2025/identities?'));
    assert.ok(head, tap.heads.join('\n---\n'));
    const [requestLine, ...headerLines] = head.split('\r\n');
    assert.strictEqual(
      requestLine,
      'GET /v2025/identities?filters=name%20eq%20%22O%5C%22Brien%20%5C%5C%20%231%20%26%20co%22&sorters=-name&defaultFilter=NONE&limit=10&offset=0 HTTP/1.1',
    );
    const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    assert.strictEqual(headers.get('x-sailpoint-experimental'), 'true');
    assert.strictEqual(headers.get('accept'), 'application/json');
    assert.match(headers.get('user-agent') ?? '', /^isc-identity-explorer\/\d+\.\d+\.\d+$/);
    assert.match(headers.get('authorization') ?? '', /^Bearer \S+$/);
    const tokenHead = tap.heads.find((h) => h.startsWith('POST /oauth/token'));
    assert.ok(tokenHead && /\r\ncontent-type: application\/x-www-form-urlencoded/i.test(tokenHead));
    assert.ok(!/\r\nauthorization:/i.test(tokenHead ?? ''), 'no Authorization header on the token request');
  });
});
