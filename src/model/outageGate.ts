// Pauses a whole bulk run while the tenant is unreachable: lanes wait at the gate, one probe loop asks the tenant
// with backoff, and the run resumes when it answers or gives up after a bound. No `vscode` import.
import * as l10n from '@vscode/l10n';
import { abortableDelay } from './abortableDelay';

export interface OutageOptions {
  /** True when an error means the request never reached the tenant because it is unreachable (ECONNREFUSED, DNS). */
  isUnreachable: (error: unknown) => boolean;
  /** Resolves true when the tenant answers again (any HTTP answer counts). */
  probe: (signal: AbortSignal) => Promise<boolean>;
  /** Longest outage waited out before the rest of the run is given up (default 2 min). */
  maxOutageMs?: number;
  /** First probe delay; doubles up to `maxProbeDelayMs` (defaults 1 s and 15 s). */
  firstProbeDelayMs?: number;
  maxProbeDelayMs?: number;
  onPause?: (since: number) => void;
  onResume?: (pausedMs: number) => void;
}

const DEFAULT_MAX_OUTAGE_MS = 120_000;

/** Why a paused run gave up. */
export class OutageTooLong extends Error {
  constructor(readonly outageMs: number) {
    super(l10n.t('Not sent: ISC was unreachable for {0} s, so the rest of the run was stopped.', Math.round(outageMs / 1000)));
    this.name = 'OutageTooLong';
  }
}

export class OutageGate {
  private pausedSince: number | undefined;
  private waiting: Promise<void> | undefined;
  private gaveUp: OutageTooLong | undefined;

  constructor(
    private readonly options: OutageOptions,
    private readonly signal: AbortSignal,
  ) {}

  get failure(): OutageTooLong | undefined {
    return this.gaveUp;
  }

  /** Resolves when the gate is open; rejects with OutageTooLong after the bound, or an AbortError on cancel. */
  async pass(): Promise<void> {
    if (this.gaveUp) throw this.gaveUp;
    if (this.waiting) await this.waiting;
    if (this.gaveUp) throw this.gaveUp;
  }

  /** Called by a lane whose request failed because the tenant is unreachable; the lane then waits at `pass()`. */
  close(): void {
    if (this.waiting || this.gaveUp) return;
    const since = Date.now();
    this.pausedSince = since;
    this.options.onPause?.(since);
    this.waiting = this.probeUntilOpen(since).finally(() => {
      this.waiting = undefined;
      this.pausedSince = undefined;
    });
  }

  get paused(): boolean {
    return this.pausedSince !== undefined;
  }

  private async probeUntilOpen(since: number): Promise<void> {
    const maxOutageMs = this.options.maxOutageMs ?? DEFAULT_MAX_OUTAGE_MS;
    const maxDelay = this.options.maxProbeDelayMs ?? 15_000;
    let delay = this.options.firstProbeDelayMs ?? 1000;
    for (;;) {
      const left = since + maxOutageMs - Date.now();
      if (left <= 0) {
        this.gaveUp = new OutageTooLong(Date.now() - since);
        return;
      }
      await abortableDelay(Math.min(delay, left), this.signal);
      delay = Math.min(maxDelay, delay * 2);
      let answered = false;
      try {
        answered = await this.options.probe(this.signal);
      } catch {
        answered = false;
      }
      if (this.signal.aborted) throw Object.assign(new Error('Aborted'), { name: 'AbortError' });
      if (answered) {
        this.options.onResume?.(Date.now() - since);
        return;
      }
    }
  }
}
