// Bounded log of the requests the simulator received (admin endpoints excluded).

import type { WireFault } from './faults';

export interface SimRequestRecord {
  seq: number;
  time: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  clientId?: string;
  experimental: boolean;
  /** Operation id of the route the request reached (absent when refused before: auth, rate limit, injected fault). */
  operation?: string;
  /** For writes (POST/DELETE under /v2025): whether the simulator carried the write out (its handler answered 2xx). */
  applied?: boolean;
  /** The task an invite / process started. */
  taskId?: string;
  /** What the client got instead of a plain answer (see WireFault); `status` is what the handler decided. */
  wireFault?: WireFault;
  body?: unknown;
}

export class RequestLog {
  readonly records: SimRequestRecord[] = [];
  private seq = 0;

  constructor(private readonly max = 100_000) {}

  add(record: Omit<SimRequestRecord, 'seq'>): SimRequestRecord {
    const full = { seq: ++this.seq, ...record };
    this.records.push(full);
    // Trim in chunks so the cost stays amortised O(1).
    if (this.records.length > this.max + Math.max(1, Math.floor(this.max / 10))) {
      this.records.splice(0, this.records.length - this.max);
    }
    return full;
  }

  /** Records with seq greater than `since`. */
  since(since: number): SimRequestRecord[] {
    if (this.records.length === 0) return [];
    const first = this.records[0].seq;
    const start = Math.max(0, since - first + 1);
    return this.records.slice(start);
  }

  /** The seq of the newest request logged so far (0 before the first); requests after it are "new". */
  get lastSeq(): number {
    return this.seq;
  }

  /** Empties the log; sequence numbers keep increasing. */
  clear(): void {
    this.records.length = 0;
  }
}
