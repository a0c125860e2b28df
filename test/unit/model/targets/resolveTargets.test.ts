import * as assert from 'assert';
import { FIXTURE_IDS, OBRIEN_NAME } from '../../../../sim/fixtures';
import { startSimulator } from '../../../../sim/server';
import { isAbortError } from '../../../../src/api/errors';
import { IscClient } from '../../../../src/api/iscClient';
import type { Identity } from '../../../../src/api/types';
import { parsePastedList } from '../../../../src/model/targets/listParsing';
import { identityListerFor, resolveTargets } from '../../../../src/model/targets/resolveTargets';
import type { IdentityQuery, ListIdentitiesFn } from '../../../../src/model/targets/resolveTargets';

const TENANT = 't1';
const hex = (n: number): string => `2c9180835d2e5168${n.toString(16).padStart(16, '0')}`;

function person(n: number, overrides: Partial<Identity> = {}): Identity {
  return { id: hex(n), name: `Person ${n}`, alias: `person.${n}`, emailAddress: `person.${n}@acme.example`, ...overrides };
}

const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');

/** list-identities over `identities` for the four filter shapes the resolver sends; records every query. */
function fakeList(identities: Identity[]): ListIdentitiesFn & { queries: IdentityQuery[]; maxInFlight: number } {
  let inFlight = 0;
  const fn = Object.assign(
    async (query: IdentityQuery): Promise<{ items: Identity[] }> => {
      fn.queries.push(query);
      inFlight += 1;
      fn.maxInFlight = Math.max(fn.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      const inMatch = /^id in \((.*)\)$/.exec(query.filters);
      if (inMatch) {
        const ids = [...inMatch[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => unescape(m[1]));
        return { items: identities.filter((i) => ids.includes(i.id)).slice(0, query.limit) };
      }
      const eqMatch = /^(email|alias|name) eq "((?:[^"\\]|\\.)*)"$/.exec(query.filters);
      assert.ok(eqMatch, `unexpected filter ${query.filters}`);
      const [, field, value] = eqMatch;
      const get = (i: Identity): string | null | undefined => (field === 'email' ? i.emailAddress : field === 'alias' ? i.alias : i.name);
      return { items: identities.filter((i) => get(i) === unescape(value)).slice(0, query.limit) };
    },
    { queries: [] as IdentityQuery[], maxInFlight: 0 },
  );
  return fn;
}

const ids = (refs: { identityId: string }[]): string[] => refs.map((r) => r.identityId);

describe('resolveTargets', () => {
  it('looks ids up in chunks of at most 50 with id in (…)', async () => {
    const people = Array.from({ length: 120 }, (_, n) => person(n));
    const list = fakeList(people);
    const result = await resolveTargets(parsePastedList(people.map((p) => p.id).join('\n')), { tenantId: TENANT, list });
    assert.deepStrictEqual(list.queries.map((q) => q.limit), [50, 50, 20]);
    assert.ok(list.queries.every((q) => q.filters.startsWith('id in (')));
    assert.deepStrictEqual(ids(result.resolved), people.map((p) => p.id));
    assert.strictEqual(result.requests, 3);
  });

  it('reports ids that are not in the tenant as unresolved, with their lines', async () => {
    const list = fakeList([person(1)]);
    const result = await resolveTargets(parsePastedList(`${hex(1)}\n\n${hex(9)}`), { tenantId: TENANT, list });
    assert.deepStrictEqual(ids(result.resolved), [hex(1)]);
    assert.deepStrictEqual(result.unresolved, [{ value: hex(9), line: 3 }]);
  });

  it('finds emails by email eq, and reports one that matches two identities as ambiguous', async () => {
    const list = fakeList([person(1), person(2, { emailAddress: 'shared@acme.example' }), person(3, { emailAddress: 'shared@acme.example' })]);
    const result = await resolveTargets(parsePastedList('person.1@acme.example\nshared@acme.example\nnobody@acme.example'), { tenantId: TENANT, list });
    assert.deepStrictEqual(list.queries.map((q) => q.filters).sort(), [
      'email eq "nobody@acme.example"',
      'email eq "person.1@acme.example"',
      'email eq "shared@acme.example"',
    ]);
    assert.deepStrictEqual(ids(result.resolved), [hex(1)]);
    assert.deepStrictEqual(result.ambiguous.map((a) => [a.value, a.line, ids(a.matches)]), [['shared@acme.example', 2, [hex(2), hex(3)]]]);
    assert.deepStrictEqual(result.unresolved, [{ value: 'nobody@acme.example', line: 3 }]);
  });

  it('tries alias first and name only when no alias matched', async () => {
    const list = fakeList([person(1), person(2, { name: 'Jo Smith' })]);
    const result = await resolveTargets(parsePastedList('person.1\nJo Smith'), { tenantId: TENANT, list, concurrency: 1 });
    assert.deepStrictEqual(list.queries.map((q) => q.filters), ['alias eq "person.1"', 'alias eq "Jo Smith"', 'name eq "Jo Smith"']);
    assert.deepStrictEqual(ids(result.resolved), [hex(1), hex(2)]);
  });

  it('reports a name shared by several identities as ambiguous, keeping at most maxMatches', async () => {
    const list = fakeList([1, 2, 3, 4].map((n) => person(n, { name: 'Alex Kim' })));
    const result = await resolveTargets(parsePastedList('Alex Kim'), { tenantId: TENANT, list, maxMatches: 3 });
    assert.deepStrictEqual(result.ambiguous.map((a) => ids(a.matches)), [[hex(1), hex(2), hex(3)]]);
    assert.deepStrictEqual(result.resolved, []);
  });

  it('escapes quotes and backslashes in the filter values', async () => {
    const list = fakeList([person(1, { alias: 'x', name: 'O"Brien \\ #1' })]);
    const result = await resolveTargets(parsePastedList('O"Brien \\ #1'), { tenantId: TENANT, list });
    assert.deepStrictEqual(list.queries.map((q) => q.filters), ['alias eq "O\\"Brien \\\\ #1"', 'name eq "O\\"Brien \\\\ #1"']);
    assert.deepStrictEqual(ids(result.resolved), [hex(1)]);
  });

  it('collapses values that name the same identity, keeping the first and listing the others', async () => {
    const list = fakeList([person(1)]);
    const result = await resolveTargets(parsePastedList(`person.1@acme.example\n${hex(1)}\nperson.1`), { tenantId: TENANT, list });
    assert.deepStrictEqual(ids(result.resolved), [hex(1)]);
    assert.deepStrictEqual(result.duplicates.map((d) => [d.value, d.line]), [[hex(1), 2], ['person.1', 3]]);
  });

  it('reports progress up to the number of values and keeps at most `concurrency` requests in flight', async () => {
    const people = Array.from({ length: 30 }, (_, n) => person(n));
    const list = fakeList(people);
    const progress: [number, number][] = [];
    await resolveTargets(parsePastedList(people.map((p) => p.alias).join('\n')), { tenantId: TENANT, list, concurrency: 3, onProgress: (d, t) => progress.push([d, t]) });
    assert.strictEqual(list.maxInFlight, 3);
    assert.deepStrictEqual(progress[progress.length - 1], [30, 30]);
    assert.ok(progress.every(([d], i) => i === 0 || d > progress[i - 1][0]));
  });

  it('stops with an abort error when cancelled, sending nothing more', async () => {
    const people = Array.from({ length: 40 }, (_, n) => person(n));
    const list = fakeList(people);
    const controller = new AbortController();
    const run = resolveTargets(parsePastedList(people.map((p) => p.alias).join('\n')), {
      tenantId: TENANT,
      list,
      signal: controller.signal,
      concurrency: 2,
      onProgress: (done) => done >= 4 && controller.abort(),
    });
    await assert.rejects(run, (error: unknown) => isAbortError(error));
    const sent = list.queries.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(list.queries.length, sent);
    assert.ok(sent < 40, `${sent} requests`);
  });

  it('fails with the error of a failed lookup rather than calling the value unresolved', async () => {
    const failing: ListIdentitiesFn = async () => {
      throw new Error('List identities failed: 500');
    };
    await assert.rejects(resolveTargets(parsePastedList('someone'), { tenantId: TENANT, list: failing }), /500/);
  });

  it('resolves ids, emails, aliases and names against the simulator', async function () {
    this.timeout(20_000);
    const sim = await startSimulator({ port: 0, identities: 300, seed: 3, rateLimit: false });
    const client = new IscClient({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, rateLimit: { requests: 10_000, windowMs: 1000 } });
    try {
      const text = [FIXTURE_IDS.owner, 'maja.manager@acme.example', 'ulla.unregistered', OBRIEN_NAME, 'ffffffffffffffffffffffffffffffff', 'no such person', FIXTURE_IDS.owner.toUpperCase()].join('\n');
      const result = await resolveTargets(parsePastedList(text), { tenantId: 'sim', list: identityListerFor(client) });
      assert.deepStrictEqual(ids(result.resolved), [FIXTURE_IDS.owner, FIXTURE_IDS.manager, FIXTURE_IDS.unregistered, FIXTURE_IDS.obrien]);
      assert.strictEqual(result.resolved[3].name, OBRIEN_NAME);
      assert.deepStrictEqual(result.unresolved.map((u) => u.line), [5, 6]);
      assert.deepStrictEqual(result.ambiguous, []);
    } finally {
      client.dispose();
      await sim.close();
    }
  });
});
