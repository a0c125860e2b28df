import * as assert from 'assert';
import type { Identity, ListIdentitiesQuery, Page } from '../../../src/api/types';
import { IdentityPager, clampPageSize } from '../../../src/model/identityPager';
import type { IdentityQuery } from '../../../src/model/identityPager';

const ALL: Identity[] = Array.from({ length: 1000 }, (_, i) => ({ id: `id${String(i).padStart(4, '0')}`, name: `Person ${i}` }));

interface Call {
  query: ListIdentitiesQuery;
  signal: AbortSignal;
  resolve: () => void;
}

/** A fake server over `data`; with `manual` each request waits until released. */
function fakeServer(data: Identity[] = ALL, options: { manual?: boolean; fail?: (q: ListIdentitiesQuery) => Error | undefined } = {}) {
  const calls: Call[] = [];
  const fetch = (query: ListIdentitiesQuery, signal: AbortSignal): Promise<Page<Identity>> =>
    new Promise((resolve, reject) => {
      const respond = (): void => {
        if (signal.aborted) return reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        const failure = options.fail?.(query);
        if (failure) return reject(failure);
        const offset = query.offset ?? 0;
        const limit = query.limit ?? 250;
        resolve({ items: data.slice(offset, offset + limit), offset, limit, total: query.count ? data.length : undefined });
      };
      calls.push({ query, signal, resolve: respond });
      if (!options.manual) setImmediate(respond);
    });
  return { calls, fetch };
}

const QUERY: IdentityQuery = { defaultFilter: 'NONE' };

describe('IdentityPager', () => {
  it('loads one page at a time, asks the count on the first page only, and reports loaded/total', async () => {
    const server = fakeServer();
    const pager = new IdentityPager(server.fetch, () => 250, QUERY);
    await pager.ensureFirstPage();
    let snap = pager.snapshot();
    assert.strictEqual(snap.items.length, 250);
    assert.strictEqual(snap.total, 1000);
    assert.strictEqual(snap.hasMore, true);
    assert.strictEqual(server.calls[0].query.count, true);
    assert.strictEqual(server.calls[0].query.defaultFilter, 'NONE');
    while (pager.snapshot().hasMore) await pager.loadMore();
    snap = pager.snapshot();
    assert.strictEqual(snap.items.length, 1000);
    assert.strictEqual(new Set(snap.items.map((i) => i.id)).size, 1000);
    assert.deepStrictEqual(server.calls.map((c) => c.query.offset), [0, 250, 500, 750]);
    assert.deepStrictEqual(server.calls.map((c) => c.query.count), [true, undefined, undefined, undefined]);
    assert.strictEqual(snap.hasMore, false);
  });

  it('shares a load in flight between concurrent expands and load-mores (no page fetched twice)', async () => {
    const server = fakeServer(ALL, { manual: true });
    const pager = new IdentityPager(server.fetch, () => 100, QUERY);
    const first = [pager.ensureFirstPage(), pager.ensureFirstPage(), pager.loadMore()];
    assert.strictEqual(server.calls.length, 1);
    server.calls[0].resolve();
    await Promise.all(first);
    const more = [pager.loadMore(), pager.loadMore(), pager.loadMore()];
    assert.strictEqual(server.calls.length, 2);
    server.calls[1].resolve();
    await Promise.all(more);
    assert.strictEqual(pager.snapshot().items.length, 200);
    assert.deepStrictEqual(server.calls.map((c) => c.query.offset), [0, 100]);
  });

  it('drops duplicates when the list shifted between pages', async () => {
    // Page 2 repeats the last two rows of page 1 (an identity was created in between).
    const data = [...ALL.slice(0, 10), ...ALL.slice(8, 20)];
    const server = fakeServer(data);
    const pager = new IdentityPager(server.fetch, () => 10, QUERY);
    await pager.ensureFirstPage();
    while (pager.snapshot().hasMore) await pager.loadMore();
    const ids = pager.snapshot().items.map((i) => i.id);
    assert.strictEqual(ids.length, 20);
    assert.strictEqual(new Set(ids).size, 20);
  });

  it('reset aborts the load in flight and ignores its late answer', async () => {
    const server = fakeServer(ALL, { manual: true });
    const pager = new IdentityPager(server.fetch, () => 50, QUERY);
    const waiting = pager.ensureFirstPage();
    pager.reset({ defaultFilter: 'NONE', filters: 'name sw "P"' });
    assert.strictEqual(server.calls[0].signal.aborted, true);
    server.calls[0].resolve();
    // ensureFirstPage keeps waiting for the new generation's first page.
    await new Promise((r) => setImmediate(r));
    assert.strictEqual(server.calls.length, 2);
    assert.strictEqual(server.calls[1].query.filters, 'name sw "P"');
    server.calls[1].resolve();
    await waiting;
    assert.strictEqual(pager.snapshot().items.length, 50);
    assert.strictEqual(pager.snapshot().error, undefined);
  });

  it('keeps a failure for an error row, and retry loads the failed page again', async () => {
    let failOnce = true;
    const server = fakeServer(ALL, {
      fail: (q) => {
        if (q.offset === 250 && failOnce) {
          failOnce = false;
          return new Error('boom');
        }
        return undefined;
      },
    });
    const pager = new IdentityPager(server.fetch, () => 250, QUERY);
    await pager.ensureFirstPage();
    await pager.loadMore();
    assert.strictEqual((pager.snapshot().error as Error).message, 'boom');
    assert.strictEqual(pager.snapshot().items.length, 250);
    await pager.retry();
    assert.strictEqual(pager.snapshot().error, undefined);
    assert.strictEqual(pager.snapshot().items.length, 500);
  });

  it('remove shifts offset and total so the next page neither skips nor repeats', async () => {
    const data = [...ALL.slice(0, 30)];
    const server = fakeServer(data);
    const pager = new IdentityPager(server.fetch, () => 10, QUERY);
    await pager.ensureFirstPage();
    // Delete two loaded identities on the "server" and tell the pager.
    data.splice(data.findIndex((i) => i.id === 'id0003'), 1);
    data.splice(data.findIndex((i) => i.id === 'id0007'), 1);
    assert.strictEqual(pager.remove(['id0003', 'id0007', 'unknown']), 2);
    assert.strictEqual(pager.snapshot().total, 28);
    while (pager.snapshot().hasMore) await pager.loadMore();
    const ids = pager.snapshot().items.map((i) => i.id);
    assert.strictEqual(ids.length, 28);
    assert.deepStrictEqual(ids, data.map((i) => i.id));
  });

  it('without X-Total-Count, a short page ends the list', async () => {
    const fetch = async (q: ListIdentitiesQuery): Promise<Page<Identity>> => ({ items: ALL.slice(q.offset ?? 0, Math.min(25, (q.offset ?? 0) + (q.limit ?? 0))), offset: q.offset ?? 0, limit: q.limit ?? 0 });
    const pager = new IdentityPager(fetch, () => 10, QUERY);
    await pager.ensureFirstPage();
    while (pager.snapshot().hasMore) await pager.loadMore();
    assert.strictEqual(pager.snapshot().items.length, 25);
    assert.strictEqual(pager.snapshot().total, undefined);
  });

  it('sends filter, sort and defaultFilter and clamps the page size to 1..250', async () => {
    const server = fakeServer();
    const pager = new IdentityPager(server.fetch, () => 9999, { filters: 'name sw "A"', sorters: '-name', defaultFilter: 'CORRELATED_ONLY' });
    await pager.ensureFirstPage();
    assert.deepStrictEqual(server.calls[0].query, { defaultFilter: 'CORRELATED_ONLY', limit: 250, offset: 0, filters: 'name sw "A"', sorters: '-name', count: true });
    assert.strictEqual(clampPageSize(0), 1);
    assert.strictEqual(clampPageSize(NaN), 250);
    assert.strictEqual(clampPageSize(17.9), 17);
  });
});
