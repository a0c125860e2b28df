// ISC allows synchronize-attributes once per 10 s per identity. This tracker remembers, in memory, when each
// identity of each tenant was last sent a sync, and waits until the next one is allowed. No `vscode` import.
import { abortableDelay } from '../abortableDelay';

const SYNC_COOLDOWN_MS = 10_000;

export class SyncCooldown {
  private readonly lastSent = new Map<string, number>();

  constructor(
    readonly cooldownMs = SYNC_COOLDOWN_MS,
    private readonly now: () => number = Date.now,
    /** Safety margin for clock granularity between us and the server. */
    private readonly marginMs = 250,
    private readonly delay: (ms: number, signal?: AbortSignal) => Promise<void> = abortableDelay,
  ) {}

  private key(tenantId: string, identityId: string): string {
    return `${tenantId}\u0000${identityId}`;
  }

  /** Epoch ms from which a sync of this identity is allowed again (<= now when allowed already). */
  nextAllowedAt(tenantId: string, identityId: string): number {
    const last = this.lastSent.get(this.key(tenantId, identityId));
    return last === undefined ? 0 : last + this.cooldownMs + this.marginMs;
  }

  /** Milliseconds to wait before this identity may be synchronized again (0 when allowed now). */
  waitMs(tenantId: string, identityId: string): number {
    return Math.max(0, this.nextAllowedAt(tenantId, identityId) - this.now());
  }

  /**
   * Waits (abortably) until the identity may be synchronized, then reserves the slot at once so that concurrent
   * callers for the same identity queue behind each other. `onWait` is told how long it will wait.
   */
  async acquire(tenantId: string, identityId: string, signal?: AbortSignal, onWait?: (ms: number) => void): Promise<void> {
    for (;;) {
      const wait = this.waitMs(tenantId, identityId);
      if (wait <= 0) break;
      onWait?.(wait);
      await this.delay(wait, signal);
    }
    this.markSent(tenantId, identityId);
  }

  markSent(tenantId: string, identityId: string, at = this.now()): void {
    this.lastSent.set(this.key(tenantId, identityId), at);
    if (this.lastSent.size > 20_000) this.prune();
  }

  clear(): void {
    this.lastSent.clear();
  }

  private prune(): void {
    const cutoff = this.now() - this.cooldownMs - this.marginMs;
    for (const [key, time] of this.lastSent) if (time < cutoff) this.lastSent.delete(key);
  }
}
