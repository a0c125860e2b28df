// Paging state of one tenant's identity list: one page at a time, single-flight loads, dedupe by id, total from the
// first page's X-Total-Count, cancellation on reset. No `vscode` import (unit-tested in plain Node).
import * as l10n from '@vscode/l10n';
import type { Identity, ListIdentitiesQuery, Page } from '../api/types';
import { badResponseError } from '../api/errors';

/** What the user chose for a tenant's list: server-side filter, sort and ISC's default filter. */
export interface IdentityQuery {
  filters?: string;
  sorters?: string;
  defaultFilter: 'NONE' | 'CORRELATED_ONLY';
}

/** Fetches one page; it may return each identity as a smaller item (the tree keeps IdentityRow, identityRow.ts). */
export type FetchIdentityPage<Item = Identity> = (query: ListIdentitiesQuery, signal: AbortSignal) => Promise<Page<Item>>;

export interface PagerSnapshot<Item = Identity> {
  readonly items: readonly Item[];
  /** X-Total-Count of the first page (adjusted for removals); undefined when the server did not send it. */
  readonly total: number | undefined;
  readonly firstPageLoaded: boolean;
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly error: unknown;
}

const MAX_PAGE_SIZE = 250;

export function clampPageSize(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, n));
}

/** Pages of identities, each kept as the `Item` the fetch function returns (the whole Identity unless it projects). */
export class IdentityPager<Item extends { readonly id: string } = Identity> {
  private items: Item[] = [];
  private readonly indexById = new Map<string, number>();
  private nextOffset = 0;
  private total: number | undefined;
  private exhausted = false;
  private firstPageLoaded = false;
  private error: unknown;
  private inflight: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private generation = 0;
  /** Requests started (diagnostics and tests). */
  requestCount = 0;

  constructor(
    private readonly fetchPage: FetchIdentityPage<Item>,
    private readonly pageSize: () => number,
    private query: IdentityQuery,
  ) {}

  get currentQuery(): IdentityQuery {
    return this.query;
  }

  snapshot(): PagerSnapshot<Item> {
    return {
      items: this.items,
      total: this.total,
      firstPageLoaded: this.firstPageLoaded,
      hasMore: this.firstPageLoaded && !this.exhausted,
      loading: this.inflight !== undefined,
      error: this.error,
    };
  }

  get(identityId: string): Item | undefined {
    const at = this.indexById.get(identityId);
    return at === undefined ? undefined : this.items[at];
  }

  /**
   * Loads the first page unless it is loaded or failed; callers during a load share it. Resolves (never rejects) once
   * the current generation settled; a failure is kept in `snapshot().error`.
   */
  async ensureFirstPage(): Promise<void> {
    // A reset while waiting starts a new generation: wait for that one instead of returning an empty list.
    for (let attempt = 0; attempt < 5 && !this.firstPageLoaded && this.error === undefined; attempt++) {
      await this.load();
    }
  }

  /** Loads the next page (or the first one); a load in flight is shared, never repeated. */
  loadMore(): Promise<void> {
    if (this.firstPageLoaded && this.exhausted) return Promise.resolve();
    return this.load();
  }

  /** Forgets the failure and loads again what failed (first page or next page). */
  retry(): Promise<void> {
    this.error = undefined;
    return this.firstPageLoaded ? this.loadMore() : this.ensureFirstPage();
  }

  /** Drops everything (aborting a load in flight); the next ensureFirstPage starts again from offset 0. */
  reset(query?: IdentityQuery): void {
    this.controller?.abort();
    this.controller = undefined;
    this.inflight = undefined;
    this.generation++;
    if (query) this.query = query;
    this.items = [];
    this.indexById.clear();
    this.nextOffset = 0;
    this.total = undefined;
    this.exhausted = false;
    this.firstPageLoaded = false;
    this.error = undefined;
  }

  /** Replaces the data of a loaded identity (e.g. after a write); returns whether it was loaded. */
  update(identity: Item): boolean {
    const at = this.indexById.get(identity.id);
    if (at === undefined) return false;
    this.items[at] = identity;
    return true;
  }

  /** Removes deleted identities; offsets and total shift so that the next page neither skips nor repeats. */
  remove(identityIds: readonly string[]): number {
    const gone = new Set(identityIds.filter((id) => this.indexById.has(id)));
    if (gone.size === 0) return 0;
    this.items = this.items.filter((identity) => !gone.has(identity.id));
    this.reindex();
    this.nextOffset = Math.max(0, this.nextOffset - gone.size);
    if (this.total !== undefined) this.total = Math.max(this.items.length, this.total - gone.size);
    return gone.size;
  }

  dispose(): void {
    this.reset();
  }

  private load(): Promise<void> {
    if (this.inflight) return this.inflight;
    const generation = this.generation;
    const controller = new AbortController();
    const first = !this.firstPageLoaded;
    const offset = this.nextOffset;
    const limit = clampPageSize(this.pageSize());
    const query: ListIdentitiesQuery = { defaultFilter: this.query.defaultFilter, limit, offset };
    if (this.query.filters) query.filters = this.query.filters;
    if (this.query.sorters) query.sorters = this.query.sorters;
    if (first) query.count = true; // X-Total-Count costs the server: ask on the first page only.
    this.error = undefined;
    this.controller = controller;
    this.requestCount++;
    const run = (async () => {
      try {
        const page = await this.fetchPage(query, controller.signal);
        if (generation === this.generation) this.applyPage(page, offset, limit, first);
      } catch (error) {
        if (generation === this.generation) this.error = error;
      } finally {
        if (generation === this.generation) {
          this.inflight = undefined;
          this.controller = undefined;
        }
      }
    })();
    this.inflight = run;
    return run;
  }

  private applyPage(page: Page<Item>, offset: number, limit: number, first: boolean): void {
    const received = Array.isArray(page.items) ? page.items : [];
    let fresh = 0;
    for (const identity of received) {
      if (!identity || typeof identity.id !== 'string' || !identity.id) continue;
      const at = this.indexById.get(identity.id);
      if (at !== undefined) {
        this.items[at] = identity; // seen on an earlier page (the list shifted): keep one row, newest data
        continue;
      }
      fresh++;
      this.indexById.set(identity.id, this.items.length);
      this.items.push(identity);
    }
    this.firstPageLoaded = true;
    // `offset` counts records of the server's result set: advance by what was asked for, not by what came back.
    this.nextOffset = offset + limit;
    if (first && typeof page.total === 'number' && Number.isFinite(page.total)) this.total = page.total;
    if (received.length > 0 && fresh === 0 && !first) {
      this.exhausted = true;
      this.error = badResponseError(
        'list-identities',
        l10n.t('the server returned the same identities again at offset {0} (it seems to ignore paging); showing the {1} loaded', offset, this.items.length),
      );
      return;
    }
    // A count lower than what has been loaded is wrong: stop showing it rather than stopping at it.
    if (this.total !== undefined && this.items.length > this.total) this.total = undefined;
    // An empty page ends the list; so does reaching the count exactly, or a short page once the count is reached.
    // A short page alone does not (ISC can return 246 of 250 while more follow), and a count that was too low has
    // been dropped above, so it never cuts the list short.
    const reachedCount = this.total !== undefined && this.items.length >= this.total;
    this.exhausted = received.length === 0 || (reachedCount && (received.length < limit || this.items.length === this.total));
  }

  private reindex(): void {
    this.indexById.clear();
    this.items.forEach((identity, index) => this.indexById.set(identity.id, index));
  }
}
