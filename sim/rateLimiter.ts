// Sliding-window rate limiter per client id (ISC: 100 requests per 10 s per client id).
// Only admitted requests count; a rejected request does not extend the wait.

export interface RateLimitConfig {
  requests: number;
  windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(public config: RateLimitConfig) {}

  tryAcquire(key: string, now = Date.now()): RateDecision {
    const { requests, windowMs } = this.config;
    let times = this.windows.get(key);
    if (!times) {
      times = [];
      this.windows.set(key, times);
    }
    const cutoff = now - windowMs;
    let drop = 0;
    while (drop < times.length && times[drop] <= cutoff) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length >= requests) {
      return { ok: false, retryAfterMs: Math.max(1, times[times.length - requests] + windowMs - now) };
    }
    times.push(now);
    return { ok: true };
  }

  reset(): void {
    this.windows.clear();
  }
}
