// Retry policy: which failures may be retried, and how long to wait.

export interface RetryPolicy {
  /** Retries of GETs (and token requests) after 5xx / network errors. */
  maxRetries: number;
  /** Retries after 429 before giving up with kind `rateLimited`. */
  max429Retries: number;
  /** A Retry-After longer than this is not waited for: the call fails at once with kind `rateLimited`. */
  maxRetryAfterMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Total time one call may spend on attempts and backoffs after 5xx / network failures. A retry is made only when
   * a useful attempt still fits; the last attempt's deadline is cut to what is left. Waits for a 429, a token or a
   * rate-limit slot do not count.
   */
  retryBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  max429Retries: 8,
  maxRetryAfterMs: 120_000,
  baseDelayMs: 300,
  maxDelayMs: 8_000,
  retryBudgetMs: 45_000,
};

/** Jittered exponential backoff ("equal jitter"): half fixed, half random, so retries never bunch up. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Retry-After as milliseconds: delta-seconds (also fractional) or an HTTP-date; undefined when absent/unparsable. */
export function parseRetryAfter(value: unknown, nowMs = Date.now()): number | undefined {
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * The time one call spends on attempts and backoffs, against RetryPolicy.retryBudgetMs: with a 30 s deadline and a
 * 45 s budget a GET that never answers gets one full attempt and one of the remaining ~15 s.
 */
export class RetryBudget {
  private spentMs = 0;
  /** Attempts counted against the budget (every attempt that was sent or tried to be). */
  attempts = 0;

  constructor(private readonly budgetMs: number, private readonly deadlineMs: number) {}

  get spent(): number {
    return this.spentMs;
  }

  /** The deadline of the next attempt: the per-attempt deadline, or less when the budget is nearly spent. */
  nextDeadlineMs(): number {
    return Math.max(1, Math.min(this.deadlineMs, this.budgetMs - this.spentMs));
  }

  /** Whether, after waiting `delayMs`, an attempt of a useful length still fits. */
  allowsRetryAfter(delayMs: number): boolean {
    const usefulAttemptMs = Math.min(1000, this.deadlineMs / 4);
    return this.spentMs + delayMs + usefulAttemptMs <= this.budgetMs;
  }

  record(ms: number): void {
    this.spentMs += Math.max(0, ms);
  }
}
