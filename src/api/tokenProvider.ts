// Bearer tokens of one client: client-credentials grant, cached, refreshed shortly before expiry and once after a
// 401, single-flight (any number of concurrent callers share one token request).
import { raceAbort } from './abort';
import { registerSecret } from '../util/redact';

export interface CachedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Epoch milliseconds when the token was issued (optional; sharpens the refresh margin of short-lived tokens). */
  issuedAt?: number;
}

/** Where tokens survive the client (the extension keeps them in SecretStorage). */
export interface TokenCache {
  get(): Promise<CachedToken | undefined>;
  set(token: CachedToken | undefined): Promise<void>;
}

export interface IssuedToken {
  token: string;
  expiresInSec: number;
}

/** Refresh margin: 60 s, or 10 % of the lifetime for tokens living less than 10 minutes. */
function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(0, lifetimeMs) * 0.1);
}

function usableUntil(cached: CachedToken): number {
  const lifetime = cached.issuedAt !== undefined ? cached.expiresAt - cached.issuedAt : Infinity;
  return cached.expiresAt - refreshMarginMs(lifetime);
}

export class TokenProvider {
  private current: CachedToken | undefined;
  private inflight: Promise<CachedToken> | undefined;
  private cacheLoad: Promise<void> | undefined;
  /** Number of token requests made (tests and diagnostics). */
  fetchCount = 0;

  constructor(
    private readonly requestToken: () => Promise<IssuedToken>,
    private readonly cache?: TokenCache,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A token valid for at least the refresh margin; fetches one if needed. Aborting only stops this caller's wait. */
  async getToken(signal?: AbortSignal): Promise<string> {
    if (this.current && this.clock() < usableUntil(this.current)) return this.current.token;
    if (this.cache) {
      this.cacheLoad ??= this.loadCache();
      await raceAbort(this.cacheLoad, signal);
      if (this.current && this.clock() < usableUntil(this.current)) return this.current.token;
    }
    return (await raceAbort(this.fetchShared(), signal)).token;
  }

  /** The valid token held right now, without fetching. */
  peek(): string | undefined {
    return this.current && this.clock() < usableUntil(this.current) ? this.current.token : undefined;
  }

  /**
   * Always asks the server for a new token (verifyCredentials). Joins a request already in flight.
   * Rejects with the token endpoint's error (kind `auth` for wrong credentials).
   */
  async fetchFresh(signal?: AbortSignal): Promise<string> {
    return (await raceAbort(this.fetchShared(), signal)).token;
  }

  /**
   * Drops `token` after the server answered 401 with it. Only the token still current is dropped, so 20 concurrent
   * 401s with the same token cause exactly one refresh.
   */
  invalidate(token: string): void {
    if (this.current?.token === token) {
      this.current = undefined;
      void this.writeCache(undefined);
    }
  }

  /** Forgets the token (credentials changed or client disposed). */
  clear(): void {
    this.current = undefined;
  }

  private fetchShared(): Promise<CachedToken> {
    if (!this.inflight) {
      this.fetchCount++;
      const started = this.clock();
      this.inflight = this.requestToken()
        .then((issued) => {
          registerSecret(issued.token);
          const lifetimeMs = Math.max(0, issued.expiresInSec) * 1000;
          const token: CachedToken = { token: issued.token, issuedAt: started, expiresAt: started + lifetimeMs };
          this.current = token;
          void this.writeCache(token);
          return token;
        })
        .finally(() => {
          this.inflight = undefined;
        });
    }
    return this.inflight;
  }

  /** Adopts a still-usable token from the cache (once per provider). */
  private async loadCache(): Promise<void> {
    let cached: CachedToken | undefined;
    try {
      cached = await this.cache?.get();
    } catch {
      return; // A broken cache only costs a token request.
    }
    if (!cached || typeof cached.token !== 'string' || typeof cached.expiresAt !== 'number') return;
    if (this.current || this.clock() >= usableUntil(cached)) return;
    registerSecret(cached.token);
    this.current = cached;
  }

  private async writeCache(token: CachedToken | undefined): Promise<void> {
    try {
      await this.cache?.set(token);
    } catch {
      // Ignore: the in-memory token still works.
    }
  }
}
