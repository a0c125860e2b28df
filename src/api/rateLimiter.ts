// Client-side rate limiting: ISC allows 100 requests per 10 s per client id. One SlidingWindowLimiter per
// (baseUrl, clientId) in the process (see sharedLimiter), shared by every IscClient of that client id.
//
// Sliding-window log: at most `requests` requests may be in flight or have completed within the last `windowMs`.
// A request's slot is stamped with its COMPLETION time (not its start), so the gap the server sees between the
// arrivals of request k and request k+N is always >= windowMs, whatever the network latency — no 429s from our
// own traffic, while the throughput stays at N / (windowMs + latency). Waiters are served strictly FIFO.
// A 429 from the server pauses every waiter of the limiter until the server's Retry-After has passed; waiters that
// asked to be told (acquire's onPause) learn how long, so that a long wait can be shown.
// Token requests (POST /oauth/token) take no slot: the token endpoint is outside the versioned API whose limit this
// models, and counting it made every 100th list page wait a whole window.
import * as l10n from '@vscode/l10n';
import { AbortedWait } from './abort';

export interface RateLimitConfig {
  requests: number;
  windowMs: number;
}

const DEFAULT_RATE_LIMIT: RateLimitConfig = { requests: 100, windowMs: 10_000 };

/** A granted slot; call release() once the request is finished (answered, failed or aborted). */
export interface Permit {
  release(): void;
}

/** Told how long a waiter will be held back by a pause (pauseFor), each time the pause starts or grows. */
export type PauseListener = (remainingMs: number) => void;

interface Waiter {
  resolve(permit: Permit): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
  onPause?: PauseListener;
  /** The pause end this waiter was last told about. */
  toldUntil: number;
}

/** A pause growing by less than this is not told again. */
const PAUSE_RETELL_MS = 1000;

export type Clock = () => number;

const monotonicNow: Clock = () => performance.now();

export class SlidingWindowLimiter {
  private config: RateLimitConfig;
  /** Completion times of finished requests still inside the window, ascending. */
  private readonly stamps: number[] = [];
  private active = 0;
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;

  constructor(config: RateLimitConfig = DEFAULT_RATE_LIMIT, private readonly now: Clock = monotonicNow) {
    this.config = validateConfig(config);
  }

  get limit(): RateLimitConfig {
    return { ...this.config };
  }

  /** Changes the limit; waiting requests are re-evaluated immediately. */
  configure(config: RateLimitConfig): void {
    this.config = validateConfig(config);
    this.pump();
  }

  /** Number of requests waiting for a slot. */
  get pending(): number {
    return this.queue.length;
  }

  /** Number of granted slots not yet released. */
  get inFlight(): number {
    return this.active;
  }

  /**
   * Waits (FIFO) for a slot. Rejects with AbortedWait when `signal` aborts while waiting. `onPause` is told how long
   * a pause (after a 429) holds this waiter back: at once when one is running, and whenever it grows while waiting.
   */
  acquire(signal?: AbortSignal, onPause?: PauseListener): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(new AbortedWait());
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onPause, toldUntil: -Infinity };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(new AbortedWait());
          this.pump();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.tellPause(waiter);
      this.pump();
    });
  }

  /** Holds every waiter back until `delayMs` from now (after a 429 with Retry-After). */
  pauseFor(delayMs: number): void {
    const until = this.now() + Math.max(0, delayMs);
    if (until > this.pausedUntil) {
      this.pausedUntil = until;
      // A copy: a listener may abort its own wait, which takes it out of the queue.
      for (const waiter of [...this.queue]) this.tellPause(waiter);
    }
    this.pump();
  }

  private tellPause(waiter: Waiter): void {
    if (!waiter.onPause || this.pausedUntil < waiter.toldUntil + PAUSE_RETELL_MS) return;
    const remaining = this.pausedUntil - this.now();
    if (remaining <= 0) return;
    waiter.toldUntil = this.pausedUntil;
    try {
      waiter.onPause(remaining);
    } catch {
      // A failing listener must not break the limiter.
    }
  }

  /** Milliseconds until the pause set by pauseFor ends (0 when not paused). */
  get pauseRemainingMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  private prune(now: number): void {
    const horizon = now - this.config.windowMs;
    let drop = 0;
    while (drop < this.stamps.length && this.stamps[drop] <= horizon) drop++;
    if (drop) this.stamps.splice(0, drop);
  }

  private grant(waiter: Waiter): void {
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
    this.active++;
    let released = false;
    waiter.resolve({
      release: () => {
        if (released) return;
        released = true;
        this.active--;
        this.stamps.push(this.now());
        this.pump();
      },
    });
  }

  private pump(): void {
    for (;;) {
      if (this.queue.length === 0) {
        this.clearTimer();
        return;
      }
      const now = this.now();
      if (now < this.pausedUntil) {
        this.schedule(this.pausedUntil);
        return;
      }
      this.prune(now);
      const used = this.active + this.stamps.length;
      if (used < this.config.requests) {
        this.grant(this.queue.shift() as Waiter);
        continue;
      }
      // Full. If some finished request still occupies the window, wake when the oldest leaves it;
      // otherwise every slot is in flight and a release() will pump again.
      if (this.stamps.length > 0) this.schedule(this.stamps[0] + this.config.windowMs);
      else this.clearTimer();
      return;
    }
  }

  private schedule(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    // +1 ms: timers may fire a hair early relative to performance.now().
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, Math.ceil(at - this.now()) + 1));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }
}

function validateConfig(config: RateLimitConfig): RateLimitConfig {
  if (!(config.requests >= 1) || !(config.windowMs > 0)) {
    throw new RangeError(l10n.t('Invalid rate limit {0} per {1} ms', config.requests, config.windowMs));
  }
  return { requests: Math.floor(config.requests), windowMs: config.windowMs };
}

const registry = new Map<string, SlidingWindowLimiter>();

/**
 * The process-wide limiter of one (baseUrl, clientId). A later caller that passes an explicit config reconfigures
 * the shared limiter (last one wins); without a config the existing limit is kept (default 100 per 10 s).
 */
export function sharedLimiter(baseUrl: string, clientId: string, config?: RateLimitConfig): SlidingWindowLimiter {
  const key = `${canonicalOrigin(baseUrl)}\u0000${clientId}`;
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = new SlidingWindowLimiter(config ?? DEFAULT_RATE_LIMIT);
    registry.set(key, limiter);
  } else if (config) {
    const current = limiter.limit;
    if (current.requests !== config.requests || current.windowMs !== config.windowMs) limiter.configure(config);
  }
  return limiter;
}

/**
 * One server, one key: scheme and host lowercased, default port dropped, and `localhost` written as 127.0.0.1 so
 * that two spellings of the simulator share one limiter (as they share one server-side budget).
 */
export function canonicalOrigin(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseUrl.toLowerCase();
  }
}
