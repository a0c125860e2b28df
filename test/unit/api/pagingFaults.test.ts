// Enumeration against servers that page badly: short pages, a lying X-Total-Count, an ignored offset.
import * as assert from 'assert';
import { RepeatedPageError, iteratePages } from '../../../src/api/paging';
import type { PageFetcher } from '../../../src/api/paging';
import type { Page } from '../../../src/api/types';
import { IdentityPager } from '../../../src/model/identityPager';
import type { Identity, ListIdentitiesQuery } from '../../../src/api/types';

interface Row {
  id: string;
}
const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: `r${i}` }));

interface Quirks {
  /** Records left out of the end of every full page (ISC's 246 of 250). */
  drop?: number;
  /** X-Total-Count reports this instead of the truth. */
  total?: number;
  ignoreOffset?: boolean;
}

function quirkyFetcher(data: Row[], quirks: Quirks, offsets: number[]): PageFetcher<Row> {
  return async (offset, limit, count) => {
    offsets.push(offset);
    const from = quirks.ignoreOffset ? 0 : offset;
    let items = data.slice(from, from + limit);
    if (quirks.drop && items.length === limit) items = items.slice(0, limit - quirks.drop);
    const page: Page<Row> = { items, offset, limit };
    if (count) page.total = quirks.total ?? data.length;
    return page;
  };
}

async function collect(fetcher: PageFetcher<Row>, options: Parameters<typeof iteratePages<Row>>[1]): Promise<Row[]> {
  const out: Row[] = [];
  for await (const page of iteratePages(fetcher, options)) out.push(...page.items);
  return out;
}

describe('iteratePages against a badly paging server', () => {
  it('goes on after a page shorter than the limit and advances offset by the limit', async () => {
    const offsets: number[] = [];
    const got = await collect(quirkyFetcher(rows(1000), { drop: 4 }, offsets), { pageSize: 250, count: false });
    assert.strictEqual(got.length, 1000 - 4 * 4, 'every record the server returned (each full page lacked 4)');
    assert.deepStrictEqual(offsets, [0, 250, 500, 750, 1000]);
  });

  it('does not stop at an X-Total-Count lower than the truth', async () => {
    const offsets: number[] = [];
    const got = await collect(quirkyFetcher(rows(1000), { total: 100 }, offsets), { pageSize: 250, count: true, idOf: (r) => r.id });
    assert.strictEqual(new Set(got.map((r) => r.id)).size, 1000);
  });

  it('ends on an empty page when X-Total-Count is higher than the truth', async () => {
    const offsets: number[] = [];
    const got = await collect(quirkyFetcher(rows(300), { total: 5000 }, offsets), { pageSize: 250, count: true, prefetch: 1 });
    assert.strictEqual(got.length, 300);
    assert.deepStrictEqual(offsets, [0, 250, 500]);
  });

  it('stops with RepeatedPageError when the server ignores offset', async () => {
    const offsets: number[] = [];
    await assert.rejects(
      collect(quirkyFetcher(rows(1000), { ignoreOffset: true }, offsets), { pageSize: 250, count: true, idOf: (r) => r.id }),
      (error: unknown) => error instanceof RepeatedPageError && /ignore paging/.test(error.message),
    );
    assert.ok(offsets.length <= 6, `gave up quickly (${offsets.length} requests)`);
  });
});

function pagerOver(data: Identity[], quirks: Quirks): { pager: IdentityPager; offsets: number[] } {
  const offsets: number[] = [];
  const fetch = async (query: ListIdentitiesQuery): Promise<Page<Identity>> => {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 250;
    offsets.push(offset);
    const from = quirks.ignoreOffset ? 0 : offset;
    let items = data.slice(from, from + limit);
    if (quirks.drop && items.length === limit) items = items.slice(0, limit - quirks.drop);
    return { items, offset, limit, total: query.count ? (quirks.total ?? data.length) : undefined };
  };
  return { pager: new IdentityPager(fetch, () => 250, { defaultFilter: 'NONE' }), offsets };
}
const people = (n: number): Identity[] => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `Person ${i}` }));

describe('IdentityPager against a badly paging server', () => {
  it('offers more after a short first page while the count says more exist', async () => {
    const { pager } = pagerOver(people(1000), { drop: 4 });
    await pager.ensureFirstPage();
    assert.strictEqual(pager.snapshot().items.length, 246);
    assert.strictEqual(pager.snapshot().hasMore, true);
  });

  it('asks the next page at offset 250 after a short page of 246', async () => {
    const { pager, offsets } = pagerOver(people(1000), { drop: 4 });
    await pager.ensureFirstPage();
    await pager.loadMore();
    assert.deepStrictEqual(offsets, [0, 250]);
  });

  it('keeps offering more when X-Total-Count is lower than what was loaded', async () => {
    const { pager } = pagerOver(people(1000), { total: 100 });
    await pager.ensureFirstPage();
    assert.strictEqual(pager.snapshot().hasMore, true);
    while (pager.snapshot().hasMore) await pager.loadMore();
    assert.strictEqual(pager.snapshot().items.length, 1000);
  });

  it('stops with an error naming the problem when the server ignores offset', async () => {
    const { pager, offsets } = pagerOver(people(1000), { ignoreOffset: true });
    await pager.ensureFirstPage();
    await pager.loadMore();
    const snap = pager.snapshot();
    assert.strictEqual(snap.hasMore, false);
    assert.match(String((snap.error as Error | undefined)?.message), /ignore paging/);
    assert.strictEqual(offsets.length, 2);
  });
});
