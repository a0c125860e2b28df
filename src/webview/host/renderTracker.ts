// Keeps what a panel's webview reported it painted, and times "open/refresh" -> "painted".
// No `vscode` import: plain bookkeeping, unit-testable.
import type { RenderReport } from '../protocol';
import type { Logger } from '../../util/redact';

export interface PaintCycle {
  reason: 'open' | 'restore' | 'refresh' | 'change';
  /** Date.now() when the command/refresh started. */
  startedAt: number;
  /** Host revision of the identity (header) data of this cycle. */
  identityRev?: number;
  /** Host revision after which the cycle's data was complete (undefined while loads run). */
  dataCompleteRev?: number;
  /** ms from start until every API answer of the cycle had arrived (and was posted). */
  dataMs?: number;
  /** ms from start until the webview app said `ready` (document and script loaded). */
  webviewReadyMs?: number;
  /** ms from start to the first paint showing the identity header (ready, error or not found). */
  headerMs?: number;
  /** ms from start to the first paint with header, assignments and ownership all settled. */
  completeMs?: number;
}

interface Waiter {
  predicate: (report: RenderReport) => boolean;
  resolve: (report: RenderReport) => void;
}

const SETTLED = new Set(['ready', 'error', 'notFound']);

export function isSettled(report: RenderReport): boolean {
  return SETTLED.has(report.header) && (report.header !== 'ready' || (SETTLED.has(report.assignments) && SETTLED.has(report.ownership)));
}

export class RenderTracker {
  private last: RenderReport | undefined;
  private readonly waiters = new Set<Waiter>();
  readonly cycles: PaintCycle[] = [];

  constructor(
    private readonly label: () => string,
    private readonly logger: Logger,
  ) {}

  get lastReport(): RenderReport | undefined {
    return this.last;
  }

  startCycle(reason: PaintCycle['reason'], startedAt = Date.now()): PaintCycle {
    const cycle: PaintCycle = { reason, startedAt };
    this.cycles.push(cycle);
    if (this.cycles.length > 20) this.cycles.shift();
    return cycle;
  }

  /** The host posted the identity data of the current cycle with revision `rev`. */
  markIdentityPosted(rev: number): void {
    const cycle = this.current();
    if (cycle && cycle.identityRev === undefined) cycle.identityRev = rev;
  }

  /** The host posted the last data message of the current cycle with revision `rev`. */
  markDataComplete(rev: number, cycle = this.current(), now = Date.now()): void {
    // A cycle superseded by a newer one (refresh during a load) never completes.
    if (cycle && cycle === this.current() && cycle.dataCompleteRev === undefined) {
      cycle.dataCompleteRev = rev;
      cycle.dataMs = now - cycle.startedAt;
    }
  }

  /** The webview app (re)started and asked for its data. */
  markWebviewReady(now = Date.now()): void {
    const cycle = this.current();
    if (cycle && cycle.webviewReadyMs === undefined && cycle.completeMs === undefined) cycle.webviewReadyMs = now - cycle.startedAt;
  }

  record(report: RenderReport, now = Date.now()): void {
    this.last = report;
    const cycle = this.current();
    if (cycle) {
      if (cycle.headerMs === undefined && cycle.identityRev !== undefined && report.rev >= cycle.identityRev && SETTLED.has(report.header)) {
        cycle.headerMs = now - cycle.startedAt;
      }
      if (cycle.completeMs === undefined && cycle.dataCompleteRev !== undefined && report.rev >= cycle.dataCompleteRev && isSettled(report)) {
        cycle.completeMs = now - cycle.startedAt;
        cycle.headerMs ??= cycle.completeMs;
        this.logger.info(
          `Details panel ${this.label()} (${cycle.reason}): painted in ${cycle.completeMs} ms ` +
            `(data ${cycle.dataMs ?? '?'} ms, webview ready ${cycle.webviewReadyMs ?? '-'} ms, header ${cycle.headerMs} ms) ` +
            `(state ${report.state}, ${report.attributeCount ?? 0} attributes, ${report.assignmentCount ?? 0} assignments, ${report.ownershipGroups ?? 0} ownership groups)`,
        );
      }
    }
    for (const waiter of [...this.waiters]) {
      if (safe(waiter.predicate, report)) {
        this.waiters.delete(waiter);
        waiter.resolve(report);
      }
    }
  }

  /** Resolves with the first report (the current one included) that satisfies `predicate`. */
  waitFor(predicate: (report: RenderReport) => boolean, timeoutMs: number): Promise<RenderReport> {
    if (this.last && safe(predicate, this.last)) return Promise.resolve(this.last);
    return new Promise<RenderReport>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (report) => {
          clearTimeout(timer);
          resolve(report);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for panel ${this.label()} to paint; last report: ${JSON.stringify(this.last)}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  dispose(): void {
    this.waiters.clear();
  }

  private current(): PaintCycle | undefined {
    return this.cycles[this.cycles.length - 1];
  }
}

function safe(predicate: (report: RenderReport) => boolean, report: RenderReport): boolean {
  try {
    return predicate(report);
  } catch {
    return false;
  }
}
