// Random-access pages of one table query: the app names the pages its viewport needs, the loader fetches only
// those (a jump to row 40,000 fetches that page and its neighbour, never the pages before), two at a time within
// the client's rate limit, keeps a bounded number of them, and asks the total once. No `vscode` import.
import type { Identity, Page } from '../../api/types';

export type TablePageFetcher = (offset: number, limit: number, count: boolean, signal: AbortSignal) => Promise<Page<Identity>>;

export type PageOutcome =
  | { page: number; identities: readonly Identity[]; total?: number; end: boolean }
  | { page: number; error: unknown };

export interface PageLoaderOptions {
  pageSize: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Pages kept; the least recently wanted go first. */
  maxCachedPages?: number;
}

export class PageLoader {
  private readonly cache = new Map<number, readonly Identity[]>();
  private readonly byId = new Map<string, Identity>();
  private readonly inflight = new Map<number, AbortController>();
  private queue: number[] = [];
  private wanted = new Set<number>();
  private total: number | undefined;
  /** First page known to lie past the end (an empty page came back). */
  private endPage: number | undefined;
  private disposed = false;
  private readonly pageSize: number;
  private readonly concurrency: number;
  private readonly maxCachedPages: number;
  /** list-identities requests started (tests, diagnostics). */
  requests = 0;

  constructor(
    private readonly fetchPage: TablePageFetcher,
    private readonly deliver: (outcome: PageOutcome) => void,
    options: PageLoaderOptions,
  ) {
    this.pageSize = options.pageSize;
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.maxCachedPages = Math.max(4, options.maxCachedPages ?? 40);
  }

  get knownTotal(): number | undefined {
    return this.total;
  }

  get busy(): boolean {
    return this.inflight.size > 0 || this.queue.length > 0;
  }

  /** A loaded identity by id (actions, copy and details take only identities the table shows). */
  identity(identityId: string): Identity | undefined {
    return this.byId.get(identityId);
  }

  /** Identities of the pages kept, page by page (for the column picker's attribute keys). */
  *loadedIdentities(): IterableIterator<Identity> {
    for (const identities of this.cache.values()) yield* identities;
  }

  /**
   * The pages the viewport needs now, most important first. Loaded ones are delivered at once; the others are
   * queued, and queued pages no longer wanted are dropped (a fast scroll does not leave a trail of requests).
   */
  want(pages: readonly number[]): void {
    if (this.disposed) return;
    this.wanted = new Set(pages);
    const missing: number[] = [];
    for (const page of pages) {
      const cached = this.cache.get(page);
      if (cached) {
        this.touch(page, cached);
        this.deliver({ page, identities: cached, total: this.total, end: this.isEnd(page, cached.length) });
      } else if (this.pastEnd(page)) {
        this.deliver({ page, identities: [], total: this.total, end: true });
      } else if (!this.inflight.has(page)) {
        missing.push(page);
      }
    }
    this.queue = missing;
    this.pump();
  }

  /** Drops every page and aborts the requests in flight (the query changed). */
  reset(): void {
    for (const controller of this.inflight.values()) controller.abort();
    this.inflight.clear();
    this.queue = [];
    this.wanted.clear();
    this.cache.clear();
    this.byId.clear();
    this.total = undefined;
    this.endPage = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
  }

  private pump(): void {
    while (!this.disposed && this.inflight.size < this.concurrency && this.queue.length > 0) {
      const page = this.queue.shift() as number;
      if (this.cache.has(page) || this.inflight.has(page)) continue;
      void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    const controller = new AbortController();
    this.inflight.set(page, controller);
    this.requests++;
    const offset = page * this.pageSize;
    // X-Total-Count costs the server: ask until one answer had it, then never again for this query.
    const count = this.total === undefined;
    try {
      const result = await this.fetchPage(offset, this.pageSize, count, controller.signal);
      if (controller.signal.aborted) return;
      const identities = (Array.isArray(result.items) ? result.items : []).filter((i) => i && typeof i.id === 'string' && i.id !== '');
      if (typeof result.total === 'number' && Number.isFinite(result.total) && result.total >= 0) this.total = result.total;
      if (identities.length === 0 && (this.endPage === undefined || page < this.endPage)) this.endPage = page;
      this.store(page, identities);
      this.deliver({ page, identities, total: this.total, end: this.isEnd(page, identities.length) });
    } catch (error) {
      if (!controller.signal.aborted) this.deliver({ page, error });
    } finally {
      if (this.inflight.get(page) === controller) this.inflight.delete(page);
      this.pump();
    }
  }

  private isEnd(page: number, received: number): boolean {
    if (received === 0) return true;
    return this.total !== undefined && page * this.pageSize + received >= this.total;
  }

  private pastEnd(page: number): boolean {
    if (this.endPage !== undefined && page >= this.endPage) return true;
    return this.total !== undefined && page * this.pageSize >= this.total && this.total > 0;
  }

  private store(page: number, identities: readonly Identity[]): void {
    this.touch(page, identities);
    for (const identity of identities) this.byId.set(identity.id, identity);
    // Least recently wanted first (Map order), never a page the viewport wants now.
    for (const old of this.cache.keys()) {
      if (this.cache.size <= this.maxCachedPages) break;
      if (this.wanted.has(old) || old === page) continue;
      this.evict(old);
    }
  }

  private touch(page: number, identities: readonly Identity[]): void {
    this.cache.delete(page);
    this.cache.set(page, identities);
  }

  private evict(page: number): void {
    for (const identity of this.cache.get(page) ?? []) {
      if (this.byId.get(identity.id) === identity) this.byId.delete(identity.id);
    }
    this.cache.delete(page);
  }
}
