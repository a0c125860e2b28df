import * as assert from 'node:assert/strict';
import type { Identity } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import { SimHarness, errorText, names } from './simTestUtils';

const lower = (s: string): string => s.toLowerCase();

function isSorted(values: string[], descending = false): boolean {
  for (let i = 1; i < values.length; i++) {
    const a = lower(values[i - 1]);
    const b = lower(values[i]);
    if (descending ? a < b : a > b) return false;
  }
  return true;
}

describe('sim list-identities', () => {
  let h: SimHarness;
  before(async () => (h = await SimHarness.start({ identities: 600, seed: 7 })));
  after(() => h.close());

  const all = async (query: Record<string, string | number | boolean>): Promise<Identity[]> => {
    const out: Identity[] = [];
    for (let offset = 0; ; offset += 250) {
      const res = await h.get('/identities', { query: { ...query, offset, limit: 250 } });
      assert.equal(res.status, 200, res.text);
      const page = res.body as Identity[];
      out.push(...page);
      if (page.length < 250) return out;
    }
  };

  it('defaults: limit 250, CORRELATED_ONLY, creation order', async () => {
    const res = await h.get('/identities');
    assert.equal(res.status, 200);
    const page = res.body as Identity[];
    assert.equal(page.length, 250);
    assert.equal(res.headers.get('x-total-count'), null);
    const created = page.map((i) => i.created!);
    assert.deepEqual([...created].sort(), created, 'creation order');
    assert.ok(page.every((i) => i.attributes?.cloudAuthoritativeSource !== undefined), 'only correlated identities');
  });

  it('defaultFilter NONE includes uncorrelated identities; invalid value → 400', async () => {
    const correlated = await h.get('/identities', { query: { count: true, limit: 1 } });
    const none = await h.get('/identities', { query: { count: true, limit: 1, defaultFilter: 'NONE' } });
    assert.equal(Number(none.headers.get('x-total-count')), 600);
    assert.ok(Number(correlated.headers.get('x-total-count')) < 600);
    const uncorrelated = await h.get('/identities', { query: { count: true, defaultFilter: 'NONE', filters: 'correlated eq false' } });
    assert.equal(Number(uncorrelated.headers.get('x-total-count')) + Number(correlated.headers.get('x-total-count')), 600);
    const onlyCorrelated = await h.get('/identities', { query: { filters: 'correlated eq false' } });
    assert.deepEqual(onlyCorrelated.body, []);
    const bad = await h.get('/identities', { query: { defaultFilter: 'ALL' } });
    assert.equal(bad.status, 400);
    assert.match(errorText(bad), /defaultFilter/);
  });

  it('paging with offset/limit covers every identity exactly once; count sets X-Total-Count', async () => {
    const everyone = await all({ defaultFilter: 'NONE' });
    assert.equal(everyone.length, 600);
    assert.equal(new Set(everyone.map((i) => i.id)).size, 600);
    const res = await h.get('/identities', { query: { defaultFilter: 'NONE', offset: 590, limit: 50, count: true } });
    assert.equal((res.body as Identity[]).length, 10);
    assert.equal(res.headers.get('x-total-count'), '600');
    const beyond = await h.get('/identities', { query: { offset: 10000 } });
    assert.deepEqual(beyond.body, []);
    const zero = await h.get('/identities', { query: { limit: 0, count: true } });
    assert.deepEqual(zero.body, []);
    assert.ok(Number(zero.headers.get('x-total-count')) > 0);
  });

  for (const [query, reason] of [
    [{ limit: 251 }, /at most 250/],
    [{ limit: -1 }, /non-negative integer/],
    [{ limit: 'abc' }, /non-negative integer/],
    [{ offset: -5 }, /non-negative integer/],
    [{ count: 'yes' }, /true or false/],
    [{ sorters: 'created' }, /sorting is not supported for field 'created'/],
    [{ sorters: 'name,' }, /empty sorter/],
    [{ sorters: '+name' }, /sorting is not supported/],
  ] as [Record<string, string | number>, RegExp][]) {
    it(`400 for ${JSON.stringify(query)}`, async () => {
      const res = await h.get('/identities', { query });
      assert.equal(res.status, 400);
      assert.match(errorText(res), reason);
    });
  }

  it('sorts by name ascending and descending (case-insensitive), across pages', async () => {
    const asc = (await all({ sorters: 'name', defaultFilter: 'NONE' })).map((i) => i.name);
    assert.ok(isSorted(asc));
    const desc = (await all({ sorters: '-name', defaultFilter: 'NONE' })).map((i) => i.name);
    assert.ok(isSorted(desc, true));
    assert.equal(asc.length, 600);
  });

  it('sorts by cloudStatus then -alias', async () => {
    const list = await all({ sorters: 'cloudStatus,-alias', defaultFilter: 'NONE' });
    const statuses = list.map((i) => i.identityStatus!);
    assert.ok(isSorted(statuses));
    for (let i = 1; i < list.length; i++) {
      if (list[i].identityStatus === list[i - 1].identityStatus) assert.ok(lower(list[i - 1].alias!) >= lower(list[i].alias!));
    }
  });

  it('filters combine with sorters and paging', async () => {
    const res = await h.get('/identities', { query: { filters: 'name sw "z"', sorters: 'alias', count: true, limit: 5 } });
    assert.equal(res.status, 200);
    const page = res.body as Identity[];
    assert.ok(page.length <= 5);
    assert.ok(page.every((i) => i.name.toLowerCase().startsWith('z')));
    assert.ok(isSorted(page.map((i) => i.alias!)));
    assert.ok(Number(res.headers.get('x-total-count')) >= page.length);
  });

  it('fixtures are listed, sorted and filtered like other identities', async () => {
    const everyone = await all({ sorters: 'name', defaultFilter: 'NONE' });
    const ids = everyone.map((i) => i.id);
    for (const id of Object.values(FIXTURE_IDS)) assert.ok(ids.includes(id), id);
    const byAlias = await h.get('/identities', { query: { filters: 'alias eq "rolf.manyroles"' } });
    assert.deepEqual(names(byAlias), ['Rolf Many-Roles']);
    const protectedOnes = await h.get('/identities', { query: { filters: 'protected eq true', defaultFilter: 'NONE' } });
    assert.ok((protectedOnes.body as Identity[]).some((i) => i.id === FIXTURE_IDS.protectedIdentity));
    const unregistered = await h.get('/identities', { query: { filters: 'cloudStatus eq "UNREGISTERED"' } });
    assert.ok((unregistered.body as Identity[]).some((i) => i.id === FIXTURE_IDS.unregistered));
  });

  it('email and processingState filters', async () => {
    const res = await h.get('/identities', { query: { filters: 'email sw "olivia.owner@"' } });
    assert.deepEqual((res.body as Identity[]).map((i) => i.id), [FIXTURE_IDS.owner]);
    const errors = await h.get('/identities', { query: { filters: 'processingState eq "ERROR"', defaultFilter: 'NONE', count: true } });
    assert.ok(Number(errors.headers.get('x-total-count')) > 0);
    assert.ok((errors.body as Identity[]).every((i) => i.processingState === 'ERROR'));
  });

  it('get-identity returns the same object as the list; unknown id → 404 ErrorResponseDto', async () => {
    const listed = (await h.get('/identities', { query: { filters: `id eq "${FIXTURE_IDS.manager}"` } })).body as Identity[];
    const single = await h.get(`/identities/${FIXTURE_IDS.manager}`);
    assert.equal(single.status, 200);
    assert.deepEqual(single.body, listed[0]);
    const missing = await h.get('/identities/ffffffffffffffffffffffffffffffff');
    assert.equal(missing.status, 404);
    assert.equal((missing.body as { detailCode: string }).detailCode, '404 Not found');
    assert.match(errorText(missing), /ffffffffffffffffffffffffffffffff/);
  });
});
