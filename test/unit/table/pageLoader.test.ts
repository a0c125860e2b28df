import * as assert from 'assert';
import type { Identity, Page } from '../../../src/api/types';
import type { PageOutcome } from '../../../src/table/host/pageLoader';
import { PageLoader } from '../../../src/table/host/pageLoader';

interface Call {
  offset: number;
  count: boolean;
  signal: AbortSignal;
  respond(): void;
}

function fakeList(size: number, options: { manual?: boolean } = {}) {
  const calls: Call[] = [];
  const fetch = (offset: number, limit: number, count: boolean, signal: AbortSignal): Promise<Page<Identity>> =>
    new Promise((resolve, reject) => {
      const respond = (): void => {
        if (signal.aborted) return reject(new Error('aborted'));
        const items: Identity[] = [];
        for (let n = offset; n < Math.min(size, offset + limit); n++) items.push({ id: `id${n}`, name: `P${n}` });
        resolve({ items, offset, limit, total: count ? size : undefined });
      };
      calls.push({ offset, count, signal, respond });
      if (!options.manual) setImmediate(respond);
    });
  return { calls, fetch };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10));

describe('table PageLoader', () => {
  it('fetches only the pages asked for: a jump to row 40,000 loads that page and its neighbour', async () => {
    const list = fakeList(50_000);
    const outcomes: PageOutcome[] = [];
    const loader = new PageLoader(list.fetch, (o) => outcomes.push(o), { pageSize: 250 });
    loader.want([0]);
    await settle();
    loader.want([160, 161]);
    await settle();
    assert.deepStrictEqual(list.calls.map((c) => c.offset), [0, 40_000, 40_250]);
    assert.deepStrictEqual(list.calls.map((c) => c.count), [true, false, false], 'the total is asked once');
    assert.strictEqual(loader.knownTotal, 50_000);
    assert.strictEqual(loader.identity('id40100')?.name, 'P40100');
  });

  it('delivers a loaded page again without a request', async () => {
    const list = fakeList(1000);
    const outcomes: PageOutcome[] = [];
    const loader = new PageLoader(list.fetch, (o) => outcomes.push(o), { pageSize: 250 });
    loader.want([1]);
    await settle();
    loader.want([1]);
    assert.strictEqual(list.calls.length, 1);
    assert.strictEqual(outcomes.length, 2);
  });

  it('keeps two requests in flight and drops queued pages the viewport no longer wants', async () => {
    const list = fakeList(50_000, { manual: true });
    const loader = new PageLoader(list.fetch, () => undefined, { pageSize: 250, concurrency: 2 });
    loader.want([10, 11, 12, 13]);
    assert.strictEqual(list.calls.length, 2);
    loader.want([100]);
    list.calls.forEach((c) => c.respond());
    await settle();
    assert.deepStrictEqual(list.calls.map((c) => c.offset), [2500, 2750, 25_000]);
  });

  it('answers pages past the end without asking, and keeps a bounded number of pages', async () => {
    const list = fakeList(600);
    const outcomes: PageOutcome[] = [];
    const loader = new PageLoader(list.fetch, (o) => outcomes.push(o), { pageSize: 250, maxCachedPages: 4 });
    loader.want([0]);
    await settle();
    loader.want([5]);
    assert.strictEqual(list.calls.length, 1);
    assert.deepStrictEqual(outcomes[1], { page: 5, identities: [], total: 600, end: true });

    const big = fakeList(100_000);
    const bounded = new PageLoader(big.fetch, () => undefined, { pageSize: 250, maxCachedPages: 4 });
    for (let page = 0; page < 10; page++) {
      bounded.want([page]);
      await settle();
    }
    assert.strictEqual([...bounded.loadedIdentities()].length, 4 * 250);
    assert.strictEqual(bounded.identity('id0'), undefined, 'the oldest page was let go');
    assert.ok(bounded.identity('id2400'));
  });

  it('aborts the requests in flight on reset and delivers nothing of them', async () => {
    const list = fakeList(1000, { manual: true });
    const outcomes: PageOutcome[] = [];
    const loader = new PageLoader(list.fetch, (o) => outcomes.push(o), { pageSize: 250 });
    loader.want([0]);
    loader.reset();
    assert.ok(list.calls[0].signal.aborted);
    list.calls[0].respond();
    await settle();
    assert.deepStrictEqual(outcomes, []);
  });

  it('reports a failed page as an error outcome', async () => {
    const outcomes: PageOutcome[] = [];
    const loader = new PageLoader(() => Promise.reject(new Error('boom')), (o) => outcomes.push(o), { pageSize: 250 });
    loader.want([3]);
    await settle();
    assert.strictEqual(outcomes.length, 1);
    assert.ok('error' in outcomes[0]);
  });
});
