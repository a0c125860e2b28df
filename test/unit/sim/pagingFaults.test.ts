// Paging faults of list-identities: short pages while more follow, a lying X-Total-Count, an ignored offset.

import * as assert from 'node:assert/strict';
import type { Identity } from '../../../src/api/types';
import { SimHarness } from './simTestUtils';

describe('sim paging faults', () => {
  let h: SimHarness;
  let truth: string[];
  before(async () => {
    h = await SimHarness.start({ identities: 300 });
    truth = ((await h.get('/identities', { query: { limit: 250, sorters: 'name' } })).body as Identity[]).map((i) => i.id);
    truth.push(...((await h.get('/identities', { query: { limit: 250, offset: 250, sorters: 'name' } })).body as Identity[]).map((i) => i.id));
  });
  afterEach(() => h.sim.setFaults({}));
  after(() => h.close());

  const ids = async (query: Record<string, string | number | boolean>): Promise<string[]> =>
    ((await h.get('/identities', { query: { sorters: 'name', ...query } })).body as Identity[]).map((i) => i.id);

  it('shortPageDrop: a page with more after it holds n fewer than limit; the dropped records are skipped, offset counts them', async () => {
    h.sim.setFaults({ shortPageDrop: 4 });
    assert.deepEqual(await ids({ limit: 10 }), truth.slice(0, 6));
    assert.deepEqual(await ids({ limit: 10, offset: 10 }), truth.slice(10, 16));
    assert.deepEqual(await ids({ limit: 10, offset: 12 }), truth.slice(12, 18), 'offset counts records of the result set');
  });

  it('shortPageDrop: the last page is whole and a page with more after it is never empty', async () => {
    h.sim.setFaults({ shortPageDrop: 4 });
    const lastOffset = truth.length - 7;
    assert.deepEqual(await ids({ limit: 10, offset: lastOffset }), truth.slice(lastOffset));
    h.sim.setFaults({ shortPageDrop: 50 });
    assert.deepEqual(await ids({ limit: 10 }), truth.slice(0, 1));
  });

  it('shortPageDrop also applies to a first page without count (no early-stop scan)', async () => {
    h.sim.setFaults({ shortPageDrop: 3 });
    assert.equal((await ids({ limit: 5, filters: 'name sw "a"' })).length, 2);
  });

  it('totalCountOverride: X-Total-Count reports n whatever the truth', async () => {
    h.sim.setFaults({ totalCountOverride: 100 });
    const res = await h.get('/identities', { query: { count: true, limit: 250 } });
    assert.equal(res.headers.get('x-total-count'), '100');
    assert.equal((res.body as Identity[]).length, 250);
  });

  it('ignoreOffset: every list request is served from offset 0', async () => {
    h.sim.setFaults({ ignoreOffset: true });
    assert.deepEqual(await ids({ limit: 5, offset: 50 }), truth.slice(0, 5));
    assert.deepEqual(await ids({ limit: 5, offset: 250 }), truth.slice(0, 5));
    assert.equal((await h.get('/identities', { query: { offset: 'x' } })).status, 400, 'offset is still validated');
  });
});
