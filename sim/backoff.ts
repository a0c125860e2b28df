// ISC's route back-off on repeated rate-limit violations (developer.sailpoint.com rate-limit docs, backOffConfig):
// 3 distinct violated intervals within 120 s put the client id in back-off for 60 s; each further trigger while the
// last tier is remembered (1 h after it expired) escalates to 300, 600 and 1,200 s. While backed off every request
// of that client id answers 429 with the remaining time as Retry-After.

export interface BackoffConfig {
  /** Distinct violated intervals before back-off triggers. */
  intervalThreshold: number;
  /** Window for counting violated intervals. */
  violationWindowMs: number;
  /** Back-off duration per escalation tier. */
  tiersMs: number[];
  /** How long the last tier is remembered after its back-off expired. */
  tierMemoryMs: number;
}

/** ISC's documented configuration, every duration multiplied by `timeScale` (tests use e.g. 0.01). */
export function iscBackoffConfig(timeScale = 1): BackoffConfig {
  const scale = timeScale > 0 ? timeScale : 1;
  return {
    intervalThreshold: 3,
    violationWindowMs: 120_000 * scale,
    tiersMs: [60, 300, 600, 1200].map((s) => s * 1000 * scale),
    tierMemoryMs: 3_600_000 * scale,
  };
}

interface ClientBackoff {
  /** Start time and interval number of each distinct violated interval, oldest first. */
  intervals: { at: number; interval: number }[];
  /** 0 = never backed off (or forgotten); 1..tiers.length = the last tier applied. */
  tier: number;
  until: number;
}

export class BackoffTracker {
  private readonly clients = new Map<string, ClientBackoff>();

  /** Remaining back-off of a client id in ms, or undefined when it is not backed off. */
  remaining(clientId: string, now = Date.now()): number | undefined {
    const state = this.clients.get(clientId);
    if (!state || state.until <= now) return undefined;
    return state.until - now;
  }

  /**
   * Records a rate-limit violation in the interval of length `intervalMs` (the rate-limit window) containing `now`.
   * Returns the back-off in ms when this violation triggers one, else undefined.
   */
  violation(clientId: string, config: BackoffConfig, intervalMs: number, now = Date.now()): number | undefined {
    let state = this.clients.get(clientId);
    if (!state) {
      state = { intervals: [], tier: 0, until: 0 };
      this.clients.set(clientId, state);
    }
    const interval = Math.floor(now / Math.max(1, intervalMs));
    if (state.intervals[state.intervals.length - 1]?.interval !== interval) state.intervals.push({ at: now, interval });
    state.intervals = state.intervals.filter((i) => now - i.at < config.violationWindowMs);
    if (state.intervals.length < config.intervalThreshold) return undefined;
    if (state.tier > 0 && now - state.until > config.tierMemoryMs) state.tier = 0;
    state.tier = Math.min(state.tier + 1, config.tiersMs.length);
    state.until = now + config.tiersMs[state.tier - 1];
    state.intervals = [];
    return state.until - now;
  }

  reset(): void {
    this.clients.clear();
  }
}
