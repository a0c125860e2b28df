// Runs one operation over many items with bounded concurrency. No `vscode` import.
// Guarantees: every item ends in exactly one outcome; cancellation stops new work (items not started end
// `cancelled`); a failed item is never re-sent automatically unless the caller's `retryDelayMs` says the failure is
// safe to repeat; an item whose request may have reached the server ends `unknown` when the caller says so, never
// `failed`; while the tenant is unreachable the whole run pauses instead of failing what it never sent.
import { setMaxListeners } from 'node:events';
import { abortableDelay } from './abortableDelay';
import { OutageGate, OutageTooLong } from './outageGate';
import type { OutageOptions } from './outageGate';
import { countOutcomes } from './outcome';
import type { ItemOutcome, OutcomeCounts } from './outcome';


export interface BulkItemResult<T, R> {
  item: T;
  /** Position of the item in the input list. */
  index: number;
  outcome: ItemOutcome;
  value?: R;
  error?: unknown;
  /** Attempts made (0 when never started). */
  attempts: number;
  /** When the last attempt was handed to the worker (null when never started). */
  sentAt: number | null;
}

export interface BulkSummary<T, R> {
  /** One result per input item, in input order. */
  results: BulkItemResult<T, R>[];
  counts: OutcomeCounts;
  /** True when the signal fired (or an outage stopped the run) before every item had started. */
  cancelled: boolean;
  startedAt: number;
  durationMs: number;
  /** Worker calls made (a batch counts once per attempt). */
  calls: number;
  /** Time spent paused because the tenant was unreachable. */
  pausedMs: number;
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
  /** Tells whether an error means the work was aborted (default: an error named AbortError). */
  isAbort?: (error: unknown) => boolean;
  /**
   * Whether the server may have acted despite the error (the write's outcome is unknown). Default: never. An abort
   * that may have acted ends `unknown` too, not `cancelled`.
   */
  mayHaveActed?: (error: unknown) => boolean;
  /** Pause the run while the tenant is unreachable (off when absent). */
  outage?: OutageOptions;
  /** Called before a batch is handed to the worker; awaited (a journal is written before each send). */
  beforeSend?: (batch: readonly T[], indices: readonly number[]) => Promise<void> | void;
  /** Called once per item as soon as its final result is known. */
  onResult?: (result: BulkItemResult<T, R>, done: number, total: number) => void;
}

function defaultIsAbort(error: unknown): boolean {
  return !!error && typeof error === 'object' && (error as { name?: unknown }).name === 'AbortError';
}

export async function runBulk<T, R>(options: BulkRunOptions<T, R>): Promise<BulkSummary<T, R>> {
  const startedAt = Date.now();
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1));
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 1);
  const isAbort = options.isAbort ?? defaultIsAbort;
  const mayHaveActed = options.mayHaveActed ?? (() => false);
  const total = options.items.length;
  const results: (BulkItemResult<T, R> | undefined)[] = new Array(total).fill(undefined);
  const batches: number[][] = [];
  for (let start = 0; start < total; start += batchSize) {
    batches.push(Array.from({ length: Math.min(batchSize, total - start) }, (_, i) => start + i));
  }

  // An internal controller so that a caller's signal and the end of the run both stop waiting workers.
  const controller = new AbortController();
  // Each lane may wait on this signal at several levels at once (cooldown, transport, limiter); each wait removes
  // its listener when it ends, so the bound is per lane, not per item.
  setMaxListeners(Math.max(10, concurrency * 4 + 2), controller.signal);
  const onOuterAbort = (): void => controller.abort();
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let pausedMs = 0;
  const gate = options.outage
    ? new OutageGate({ ...options.outage, onResume: (ms) => { pausedMs += ms; options.outage?.onResume?.(ms); } }, controller.signal)
    : undefined;

  let done = 0;
  let calls = 0;
  let next = 0;
  const settle = (indices: number[], outcome: ItemOutcome, attempts: number, sentAt: number | null, value?: R, error?: unknown): void => {
    for (const index of indices) {
      if (results[index]) continue; // exactly one result per item
      const result: BulkItemResult<T, R> = { item: options.items[index], index, outcome, attempts, sentAt };
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
    let sentAt: number | null = null;
    let sends = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        await gate?.pass();
      } catch (error) {
        // The outage outlasted its bound: nothing of this batch was sent in this attempt.
        settle(indices, error instanceof OutageTooLong ? 'failed' : 'cancelled', sends, sentAt, undefined, error instanceof OutageTooLong ? error : undefined);
        return;
      }
      if (controller.signal.aborted) {
        settle(indices, 'cancelled', sends, sentAt);
        return;
      }
      try {
        await options.beforeSend?.(batch, indices);
      } catch (error) {
        settle(indices, 'failed', sends, sentAt, undefined, error);
        return;
      }
      calls += 1;
      sends += 1;
      sentAt = Date.now();
      try {
        const value = await options.worker(batch, controller.signal);
        settle(indices, 'done', sends, sentAt, value);
        return;
      } catch (error) {
        if (error instanceof BulkSkip) {
          settle(indices, 'skipped', sends, sentAt, undefined, error);
          return;
        }
        if (mayHaveActed(error)) {
          settle(indices, 'unknown', sends, sentAt, undefined, error);
          return;
        }
        if (isAbort(error)) {
          settle(indices, 'cancelled', sends, sentAt, undefined, error);
          return;
        }
        if (gate && options.outage?.isUnreachable(error)) {
          // Never sent: wait for the tenant with the rest of the run and send it again, without using an attempt.
          gate.close();
          attempt--;
          sends--;
          continue;
        }
        const delay = attempt < maxAttempts ? options.retryDelayMs?.(error, attempt) : undefined;
        if (delay === undefined) {
          settle(indices, 'failed', sends, sentAt, undefined, error);
          return;
        }
        try {
          await abortableDelay(delay, controller.signal);
        } catch {
          settle(indices, 'failed', sends, sentAt, undefined, error);
          return;
        }
      }
    }
  };

  const lane = async (): Promise<void> => {
    while (next < batches.length && !controller.signal.aborted && !gate?.failure) {
      const indices = batches[next++];
      await runBatch(indices);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, () => lane()));
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
  const cancelled = next < batches.length || results.some((r) => r?.outcome === 'cancelled');
  // Items never started: cancelled before their turn, or given up after a long outage (certainly not sent).
  const outageFailure = gate?.failure;
  for (let index = 0; index < total; index++) {
    if (!results[index]) settle([index], outageFailure ? 'failed' : 'cancelled', 0, null, undefined, outageFailure);
  }

  const finalResults = results as BulkItemResult<T, R>[];
  return {
    results: finalResults,
    counts: countOutcomes(finalResults.map((r) => r.outcome)),
    cancelled,
    startedAt,
    durationMs: Date.now() - startedAt,
    calls,
    pausedMs,
  };
}

/** The items whose outcome is `failed` (certainly not acted on: what "Retry Failed" sends again). */
export function failedItems<T, R>(summary: BulkSummary<T, R>): T[] {
  return summary.results.filter((r) => r.outcome === 'failed').map((r) => r.item);
}

/**
 * Runs the failed items of `previous` again and returns a merged summary: the retried items' results replace their
 * failed ones, every other result (outcome unknown included) is kept, so each item still has exactly one result.
 */
export async function retryFailed<T, R>(
  previous: BulkSummary<T, R>,
  options: Omit<BulkRunOptions<T, R>, 'items'>,
): Promise<BulkSummary<T, R>> {
  const failed = previous.results.filter((r) => r.outcome === 'failed');
  const rerun = await runBulk({ ...options, items: failed.map((r) => r.item) });
  const merged = [...previous.results];
  rerun.results.forEach((result, i) => {
    const original = failed[i];
    merged[original.index] = { ...result, index: original.index, attempts: original.attempts + result.attempts };
  });
  return {
    results: merged,
    counts: countOutcomes(merged.map((r) => r.outcome)),
    cancelled: rerun.cancelled,
    startedAt: rerun.startedAt,
    durationMs: rerun.durationMs,
    calls: previous.calls + rerun.calls,
    pausedMs: previous.pausedMs + rerun.pausedMs,
  };
}
