// Streaming export of a tenant's identities: pages are fetched in order (a few ahead once the total is known, so
// the run is bound by the rate limit, not by latency), each page is written as soon as it is its turn, and only those
// few pages are ever held. After every page a checkpoint says where a resumed run continues. No `vscode`.
import type { Identity, Page } from '../../api/types';
import type { ColumnId } from './columns';
import type { ExportFormat } from './records';
import { delimitedText, headerRecord, pageText } from './records';

export type ExportPageFetcher = (offset: number, limit: number, count: boolean, signal: AbortSignal) => Promise<Page<Identity>>;

/** Where the bytes go. `bytes` counts what was written, the resume point of the file. */
export interface ExportSink {
  write(text: string): Promise<void>;
  readonly bytes: number;
}

/** Where an interrupted export stands after its last complete page. */
export interface ExportCheckpoint {
  /** list-identities offset of the next page. */
  nextOffset: number;
  /** Identities written so far. */
  written: number;
  /** Bytes of the file after the last complete page. */
  bytes: number;
  total?: number;
  /** Ids of the last page written: a resumed run skips them if the list shifted. */
  lastPageIds: string[];
}

export interface ExportProgress {
  written: number;
  total?: number;
  pages: number;
  bytes: number;
  elapsedMs: number;
  /** Identities per second over this run. */
  ratePerSecond: number;
  /** Estimated time to go, when the total is known. */
  remainingMs?: number;
}

export interface ExportOptions {
  columns: readonly ColumnId[];
  format: ExportFormat;
  /** CSV only: a UTF-8 byte order mark first, so that Excel reads the file as UTF-8. */
  bom?: boolean;
  /** Identities per request, 1..250 (default 250). */
  pageSize?: number;
  /** Pages requested ahead of the one being written, once the total is known (default 3; 1 = one at a time). */
  prefetch?: number;
  signal?: AbortSignal;
  /** Continue an interrupted export: the sink already holds `bytes` bytes (header included). */
  resume?: ExportCheckpoint;
  onProgress?(progress: ExportProgress): void;
  /** Called after each page is written (awaited: a persisted checkpoint never runs ahead of the file). */
  onCheckpoint?(checkpoint: ExportCheckpoint): void | Promise<void>;
  now?(): number;
}

export interface ExportResult {
  written: number;
  total?: number;
  pages: number;
  bytes: number;
  /** Identities seen on the page before as well (the list shifted while paging): written once. */
  duplicatesSkipped: number;
  elapsedMs: number;
}

const MAX_PAGE_SIZE = 250;

function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.min(max, Math.floor(value)));
}

/** Stops the pages still in flight when the export ends early (failure, cancel). */
function linkedController(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller;
}

export async function exportIdentities(fetchPage: ExportPageFetcher, sink: ExportSink, options: ExportOptions): Promise<ExportResult> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const limit = clamp(options.pageSize, 1, MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const prefetch = clamp(options.prefetch, 1, 16, 3);
  const controller = linkedController(options.signal);
  const signal = controller.signal;
  const resume = options.resume;

  let written = resume?.written ?? 0;
  const writtenBefore = written;
  let pages = 0;
  let duplicatesSkipped = 0;
  let previousIds = new Set<string>(resume?.lastPageIds ?? []);
  let total = resume?.total;

  if (!resume) {
    if (options.format === 'csv') {
      await sink.write(`${options.bom ? '\uFEFF' : ''}${delimitedText([headerRecord(options.columns)])}`);
    }
  }

  const progress = (): void => {
    const elapsedMs = Math.max(1, now() - started);
    const ratePerSecond = ((written - writtenBefore) * 1000) / elapsedMs;
    const remaining = total !== undefined ? Math.max(0, total - written) : undefined;
    options.onProgress?.({
      written,
      total,
      pages,
      bytes: sink.bytes,
      elapsedMs,
      ratePerSecond,
      remainingMs: remaining !== undefined && ratePerSecond > 0 ? (remaining * 1000) / ratePerSecond : undefined,
    });
  };

  /** Writes one page; returns whether the enumeration is complete. */
  const writePage = async (page: Page<Identity>): Promise<boolean> => {
    const received = Array.isArray(page.items) ? page.items : [];
    const fresh: Identity[] = [];
    const ids = new Set<string>();
    for (const identity of received) {
      if (!identity || typeof identity.id !== 'string' || !identity.id || ids.has(identity.id)) continue;
      ids.add(identity.id);
      if (previousIds.has(identity.id)) {
        duplicatesSkipped++;
        continue;
      }
      fresh.push(identity);
    }
    if (fresh.length > 0) await sink.write(pageText(fresh, options.columns, options.format));
    written += fresh.length;
    pages++;
    // Kept: this page's ids only, so that memory does not grow with the export.
    previousIds = ids;
    if (typeof page.total === 'number' && Number.isFinite(page.total)) total = page.total;
    // A count below what was written is wrong: stop trusting it rather than stopping at it.
    if (total !== undefined && written > total) total = undefined;
    await options.onCheckpoint?.({ nextOffset: page.offset + limit, written, bytes: sink.bytes, total, lastPageIds: [...ids] });
    progress();
    // An empty page ends the list; so does reaching the count exactly, or a short page once the count is reached.
    // A short page alone does not (ISC can return 246 of 250 while more follow).
    const reachedCount = total !== undefined && written >= total;
    return received.length === 0 || (reachedCount && (received.length < limit || written === total));
  };

  const fetchAt = (offset: number, count: boolean): Promise<Page<Identity>> => {
    const promise = fetchPage(offset, limit, count, signal).then((page) => ({ ...page, offset }));
    promise.catch(() => undefined); // observed when its turn comes; a page abandoned on failure must not go unhandled
    return promise;
  };

  try {
    let offset = resume?.nextOffset ?? 0;
    // The first request of a run asks for the total: it drives prefetching and the progress figures.
    let done = await writePage(await fetchAt(offset, true));
    offset += limit;
    const ahead: { offset: number; page: Promise<Page<Identity>> }[] = [];
    // With a known total, keep `prefetch` pages in flight up to it; past it (or without a total) one at a time,
    // and only once the pages before are written (`onePastTheEnd`).
    const topUp = (onePastTheEnd: boolean): void => {
      const knownTotal = total;
      const wanted = knownTotal !== undefined ? prefetch : 1;
      while (ahead.length < wanted && (knownTotal === undefined ? onePastTheEnd : offset < knownTotal || (onePastTheEnd && ahead.length === 0))) {
        ahead.push({ offset, page: fetchAt(offset, false) });
        offset += limit;
      }
    };
    while (!done) {
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      topUp(true);
      const next = ahead.shift();
      if (!next) break;
      // The page after the ahead ones is asked for now, not after this one is written: requests keep the rate
      // limit's pace while the file is written, instead of the writer's.
      topUp(false);
      done = await writePage(await next.page);
    }
  } finally {
    controller.abort();
  }
  return { written, total, pages, bytes: sink.bytes, duplicatesSkipped, elapsedMs: now() - started };
}
