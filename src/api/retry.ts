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
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  max429Retries: 8,
  maxRetryAfterMs: 120_000,
  baseDelayMs: 300,
  maxDelayMs: 8_000,
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

/** Network error codes for which the request certainly never reached the server (safe to retry any method). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function failedBeforeSending(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code);
}
