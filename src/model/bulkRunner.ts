// Runs one operation over many items with bounded concurrency. No `vscode` import.
// Guarantees: every item ends in exactly one result; cancellation stops new work (items not started end `cancelled`);
// a failed item is never re-sent automatically unless the caller's `retryDelayMs` says the failure is safe to repeat.

export type BulkItemStatus = 'ok' | 'failed' | 'cancelled' | 'skipped';

export interface BulkItemResult<T, R> {
  item: T;
  /** Position of the item in the input list. */
  index: number;
  status: BulkItemStatus;
  value?: R;
  error?: unknown;
  /** Attempts made (0 when never started). */
  attempts: number;
}

interface BulkCounts {
  ok: number;
  failed: number;
  cancelled: number;
  skipped: number;
}

export interface BulkSummary<T, R> {
  /** One result per input item, in input order. */
  results: BulkItemResult<T, R>[];
  counts: BulkCounts;
  /** True when the signal fired before every item had started. */
  cancelled: boolean;
  startedAt: number;
  durationMs: number;
  /** Worker calls made (a batch counts once per attempt). */
  calls: number;
}

/** A skip: the worker decided not to send anything for these items. Throw it from a worker. */
export class BulkSkip extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BulkSkip';
  }
}

export interface BulkRunOptions<T, R> {
  items: readonly T[];
  /** Maximum concurrent worker calls (>= 1). */
  concurrency: number;
  /** Items handed to one worker call (default 1). All items of a batch share its outcome. */
  batchSize?: number;
  worker: (batch: readonly T[], signal: AbortSignal) => Promise<R>;
  signal?: AbortSignal;
  /**
   * Called after a failed attempt; a number means "safe to send again after that many ms" (e.g. a 429 the server did
   * not act on). Undefined (the default) means the failure is final. At most `maxAttempts` attempts per batch.
   */
  retryDelayMs?: (error: unknown, attempt: number) => number | undefined;
  maxAttempts?: number;
  /** Tells whether an error means the work was aborted (then the items end `cancelled`, not `failed`). */
  isAbort?: (error: unknown) => boolean;
  /** Called once per item as soon as its final result is known. */
  onResult?: (result: BulkItemResult<T, R>, done: number, total: number) => void;
}

function emptyCounts(): BulkCounts {
  return { ok: 0, failed: 0, cancelled: 0, skipped: 0 };
}

function countResults(results: readonly { status: BulkItemStatus }[]): BulkCounts {
  const counts = emptyCounts();
  for (const result of results) counts[result.status] += 1;
  return counts;
}

function defaultIsAbort(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { name?: unknown }).name === 'AbortError';
}

/** Resolves after `ms`, or rejects with an AbortError when `signal` fires first. */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abortError = (): Error => Object.assign(new Error('Aborted'), { name: 'AbortError' });
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function runBulk<T, R>(options: BulkRunOptions<T, R>): Promise<BulkSummary<T, R>> {
  const startedAt = Date.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 1);
  const isAbort = options.isAbort ?? defaultIsAbort;
  const total = options.items.length;
  const results: (BulkItemResult<T, R> | undefined)[] = new Array(total).fill(undefined);
  const batches: number[][] = [];
  for (let start = 0; start < total; start += batchSize) {
    batches.push(Array.from({ length: Math.min(batchSize, total - start) }, (_, i) => start + i));
  }

  // An internal controller so that a caller's signal and the end of the run both stop waiting workers.
  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort();
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  let done = 0;
  let calls = 0;
  let next = 0;
  const settle = (indices: number[], status: BulkItemStatus, attempts: number, value?: R, error?: unknown): void => {
    for (const index of indices) {
      if (results[index]) continue; // exactly one result per item
      const result: BulkItemResult<T, R> = { item: options.items[index], index, status, attempts };
      if (value !== undefined) result.value = value;
      if (error !== undefined) result.error = error;
      results[index] = result;
      done += 1;
      try {
        options.onResult?.(result, done, total);
      } catch {
        // A failing observer must not break the run.
      }
    }
  };

  const runBatch = async (indices: number[]): Promise<void> => {
    const batch = indices.map((index) => options.items[index]);
    for (let attempt = 1; ; attempt++) {
      if (controller.signal.aborted) {
        settle(indices, 'cancelled', attempt - 1);
        return;
      }
      calls += 1;
      try {
        const value = await options.worker(batch, controller.signal);
        settle(indices, 'ok', attempt, value);
        return;
      } catch (error) {
        if (error instanceof BulkSkip) {
          settle(indices, 'skipped', attempt, undefined, error);
          return;
        }
        if (isAbort(error)) {
          settle(indices, 'cancelled', attempt, undefined, error);
          return;
        }
        const delay = attempt < maxAttempts ? options.retryDelayMs?.(error, attempt) : undefined;
        if (delay === undefined) {
          settle(indices, 'failed', attempt, undefined, error);
          return;
        }
        try {
          await abortableDelay(delay, controller.signal);
        } catch {
          settle(indices, 'failed', attempt, undefined, error);
          return;
        }
      }
    }
  };

  const lane = async (): Promise<void> => {
    while (next < batches.length && !controller.signal.aborted) {
      const indices = batches[next++];
      await runBatch(indices);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, () => lane()));
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  const cancelled = next < batches.length || results.some((r) => r?.status === 'cancelled');
  // Items never started (cancelled before their turn).
  for (let index = 0; index < total; index++) if (!results[index]) settle([index], 'cancelled', 0);

  const finalResults = results as BulkItemResult<T, R>[];
  return { results: finalResults, counts: countResults(finalResults), cancelled, startedAt, durationMs: Date.now() - startedAt, calls };
}

/** The items whose result is `failed` (what "Retry failed" sends again). */
export function failedItems<T, R>(summary: BulkSummary<T, R>): T[] {
  return summary.results.filter((r) => r.status === 'failed').map((r) => r.item);
}

/**
 * Runs the failed items of `previous` again and returns a merged summary: the retried items' results replace their
 * failed ones, every other result is kept, so each item still has exactly one result.
 */
export async function retryFailed<T, R>(
  previous: BulkSummary<T, R>,
  options: Omit<BulkRunOptions<T, R>, 'items'>,
): Promise<BulkSummary<T, R>> {
  const failed = previous.results.filter((r) => r.status === 'failed');
  const rerun = await runBulk({ ...options, items: failed.map((r) => r.item) });
  const merged = [...previous.results];
  rerun.results.forEach((result, i) => {
    const original = failed[i];
    merged[original.index] = { ...result, index: original.index, attempts: original.attempts + result.attempts };
  });
  return {
    results: merged,
    counts: countResults(merged),
    cancelled: rerun.cancelled,
    startedAt: rerun.startedAt,
    durationMs: rerun.durationMs,
    calls: previous.calls + rerun.calls,
  };
}
