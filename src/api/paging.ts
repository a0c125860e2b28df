// Offset paging over a collection (limit max 250). Counting is requested on the first page only.
import type { Page } from './types';

export const MAX_PAGE_SIZE = 250;

export type PageFetcher<T> = (offset: number, limit: number, count: boolean, signal?: AbortSignal) => Promise<Page<T>>;

export interface PagingOptions {
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
}

export function clampPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined || !Number.isFinite(pageSize)) return MAX_PAGE_SIZE;
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(pageSize)));
}

/** Yields pages until one is shorter than the page size or, when counted, the total is reached. */
export async function* iteratePages<T>(fetchPage: PageFetcher<T>, options: PagingOptions = {}): AsyncGenerator<Page<T>> {
  const limit = clampPageSize(options.pageSize);
  const prefetch = Math.max(1, Math.floor(options.prefetch ?? 4));
  const first = await fetchPage(0, limit, options.count === true, options.signal);
  yield first;
  if (first.items.length < limit) return;
  const total = first.total;
  let offset = limit;

  if (total !== undefined && prefetch > 1) {
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
        yield { ...page, total };
        if (page.items.length < limit) return;
        fill();
      }
    } finally {
      stop.abort();
    }
  }

  for (;;) {
    // Full pages up to the counted total: done (no extra request for an empty page).
    if (total !== undefined && offset >= total) return;
    const page = await fetchPage(offset, limit, false, options.signal);
    yield total !== undefined ? { ...page, total } : page;
    if (page.items.length < limit) return;
    offset += limit;
  }
}
