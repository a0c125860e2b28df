// The ideal a rate-limited run is compared with.
//
// With a sliding window of R requests per W ms, request k (0-based) cannot start before
// floor(k / R) · W after the first one. So n requests need at least
//     (ceil(n / R) - 1) · W + s
// where s is the service time of one request (the last one still has to be answered).
// For requests that must run one after another (each page's offset is known up front, but a
// client may still choose to go serially) the bound is max((ceil(n/R) - 1) · W, (n - 1) · s) + s;
// we state the looser, concurrency-permitting bound as the ideal.

export interface RateLimitSpec {
  requests: number;
  windowMs: number;
}

export function idealMs(n: number, limit: RateLimitSpec, serviceMs: number): number {
  if (n <= 0) return 0;
  return (Math.ceil(n / limit.requests) - 1) * limit.windowMs + serviceMs;
}

export function describeIdeal(n: number, limit: RateLimitSpec, serviceMs: number): string {
  return `ideal = (ceil(${n}/${limit.requests}) - 1)·${limit.windowMs} ms + s(${serviceMs.toFixed(1)} ms) = ${idealMs(n, limit, serviceMs).toFixed(0)} ms`;
}

/** Reads `R/W` (e.g. `100/1000`) from an environment variable, else `fallback`. */
export function rateFromEnv(name: string, fallback: RateLimitSpec): RateLimitSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(process.env[name] ?? '');
  return match ? { requests: Number(match[1]), windowMs: Number(match[2]) } : fallback;
}

export function describeRate(limit: RateLimitSpec): string {
  return `${limit.requests} per ${limit.windowMs} ms`;
}

/**
 * Where the time went, window by window, from the simulator's arrival times (ms, ascending): when each window's
 * first request arrived relative to when the limiter first allowed it, and how long the window took to send.
 */
export function windowBreakdown(arrivalTimes: number[], limit: RateLimitSpec): string[] {
  const t0 = arrivalTimes[0] ?? 0;
  const at = arrivalTimes.map((t) => t - t0);
  const lines: string[] = [];
  for (let w = 0; w * limit.requests < at.length; w++) {
    const from = w * limit.requests;
    const to = Math.min(at.length, from + limit.requests) - 1;
    const late = w > 0 ? at[from] - at[from - limit.requests] - limit.windowMs : 0;
    lines.push(`window ${w + 1}: requests ${from + 1}..${to + 1} arrived +${at[from].toFixed(0)}..+${at[to].toFixed(0)} ms${w > 0 ? ` (first one ${late.toFixed(0)} ms after the limit allowed it)` : ''}, ${(at[to] - at[from]).toFixed(0)} ms to send them`);
  }
  return lines;
}
