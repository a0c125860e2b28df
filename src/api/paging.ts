// Offset paging over a collection (limit max 250). Counting is requested on the first page only.
import * as l10n from '@vscode/l10n';
import type { Page } from './types';

export const MAX_PAGE_SIZE = 250;

export type PageFetcher<T> = (offset: number, limit: number, count: boolean, signal?: AbortSignal) => Promise<Page<T>>;

export interface PagingOptions<T = unknown> {
  /** Items per request, 1..250 (default 250). */
  pageSize?: number;
  /** Ask the server for X-Total-Count on the first page. */
  count?: boolean;
  /**
   * Pages fetched ahead in parallel once the total is known (count asked), so a long enumeration is bounded by the
   * rate limit rather than by latency. Pages are still yielded in order. Default 4; 1 disables prefetching.
   */
  prefetch?: number;
  signal?: AbortSignal;
  /** The record's id: lets the pager detect a server that ignores `offset` (every record of a page seen before). */
  idOf?: (item: T) => string;
}

export function clampPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined || !Number.isFinite(pageSize)) return MAX_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(pageSize)));
}

/**
 * Yields pages until the server answers an empty page. A short page is no end (ISC can return 246 of 250 while more
 * follow) and X-Total-Count is used for prefetching and progress only, never as the only stop: a count that is too
 * low must not truncate the enumeration. `offset` advances by the page size asked for, since it counts records of the
 * server's result set. A page whose records were all seen already (a server that ignores `offset`) stops with an
 * error instead of looping for ever. The price is at most one extra (empty) request at the end.
 */
export async function* iteratePages<T>(fetchPage: PageFetcher<T>, options: PagingOptions<T> = {}): AsyncGenerator<Page<T>> {
  const limit = clampPageSize(options.pageSize);
  const prefetch = Math.max(1, Math.floor(options.prefetch ?? 4));
  const { idOf } = options;
  const seen = new Set<string>();
  const check = (page: Page<T>): void => {
    if (!idOf || page.items.length === 0) return;
    let fresh = 0;
    for (const item of page.items) {
      const id = idOf(item);
      if (!seen.has(id)) {
        seen.add(id);
        fresh++;
      }
    }
    if (fresh === 0 && page.offset > 0) throw new RepeatedPageError(page.offset, seen.size);
  };
  const first = await fetchPage(0, limit, options.count === true, options.signal);
  check(first);
  yield first;
  if (first.items.length === 0) return;
  const total = first.total;
  let offset = limit;

  if (total !== undefined && prefetch > 1 && offset < total) {
    // Our own controller stops pages still in flight when the consumer breaks out of the loop.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    const ahead: Promise<Page<T>>[] = [];
    let nextOffset = offset;
    const fill = (): void => {
      while (ahead.length < prefetch && nextOffset < total) {
        const promise = fetchPage(nextOffset, limit, false, signal);
        promise.catch(() => undefined); // observed below; avoid unhandled rejections of abandoned pages
        ahead.push(promise);
        nextOffset += limit;
      }
    };
    try {
      fill();
      while (ahead.length > 0) {
        const page = await (ahead.shift() as Promise<Page<T>>);
        offset = page.offset + limit;
        check(page);
        yield { ...page, total };
        if (page.items.length === 0) return;
        fill();
      }
    } finally {
      stop.abort();
    }
  }

  for (;;) {
    const page = await fetchPage(offset, limit, false, options.signal);
    check(page);
    yield total !== undefined ? { ...page, total } : page;
    if (page.items.length === 0) return;
    offset += limit;
  }
}

/** The server answered a page of records that were all seen already: it ignores `offset`. */
export class RepeatedPageError extends Error {
  constructor(
    readonly offset: number,
    readonly seenCount: number,
  ) {
    super(
      l10n.t('the server returned the same records again at offset {0} (it seems to ignore paging); stopped after {1} distinct records instead of looping', offset, seenCount),
    );
    this.name = 'RepeatedPageError';
  }
}
