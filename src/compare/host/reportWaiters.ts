// The last paint the compare page reported, and promises that wait for a paint matching a condition (tests).
// No `vscode` import.

interface Waiter<T> {
  predicate: (report: T) => boolean;
  resolve: (report: T) => void;
}

export class ReportWaiters<T> {
  private last: T | undefined;
  private readonly waiters = new Set<Waiter<T>>();

  constructor(private readonly label: () => string) {}

  get lastReport(): T | undefined {
    return this.last;
  }

  record(report: T): void {
    this.last = report;
    for (const waiter of [...this.waiters]) {
      if (holds(waiter.predicate, report)) {
        this.waiters.delete(waiter);
        waiter.resolve(report);
      }
    }
  }

  /** Resolves with the first report (the current one included) for which `predicate` holds. */
  waitFor(predicate: (report: T) => boolean, timeoutMs: number): Promise<T> {
    if (this.last !== undefined && holds(predicate, this.last)) return Promise.resolve(this.last);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${this.label()} to paint; last report: ${JSON.stringify(this.last)}`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        predicate,
        resolve: (report) => {
          clearTimeout(timer);
          resolve(report);
        },
      };
      this.waiters.add(waiter);
    });
  }

  dispose(): void {
    this.waiters.clear();
  }
}

function holds<T>(predicate: (report: T) => boolean, report: T): boolean {
  try {
    return predicate(report);
  } catch {
    return false;
  }
}
