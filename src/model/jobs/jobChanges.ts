// Before and after an action: snapshots of a job's identities taken before sending and again once ISC is done, and
// what changed, kept in a file beside the job's journal so a reload keeps them. No `vscode` import.
import { promises as fs } from 'fs';
import * as path from 'path';
import type { IscClient } from '../../api/iscClient';
import { aggregateChanges, formatAggregate, summarizeChange } from '../compare/changeSummary';
import type { IdentityChange } from '../compare/changeSummary';
import type { IdentitySnapshot } from '../compare/identityDiff';
import { loadSnapshot } from '../compare/snapshotLoader';
import { runBulk } from '../bulkRunner';
import type { IdentityRef } from '../identityRef';
import type { ActionKind } from '../actions/operations';

/** Actions whose effect shows on the identity itself (process recalculates; reset unregisters; sync stamps refresh). */
const SNAPSHOT_KINDS: ReadonlySet<ActionKind> = new Set(['processIdentities', 'synchronizeAttributes', 'resetIdentity']);

/** Requests per identity and snapshot: the identity and its role assignment list. */
const SNAPSHOT_REQUESTS_PER_IDENTITY = 2;

export function takesSnapshots(kind: ActionKind, count: number, maxIdentities: number): boolean {
  return SNAPSHOT_KINDS.has(kind) && count > 0 && count <= maxIdentities;
}

/** "+400 requests, about 40 s at ISC's rate limit" for before and after of `count` identities. */
export function snapshotCostText(count: number, requestsPerWindow = 100, windowSeconds = 10): string {
  const requests = 2 * SNAPSHOT_REQUESTS_PER_IDENTITY * count;
  const seconds = Math.ceil(requests / requestsPerWindow) * windowSeconds;
  return `+${requests} requests, about ${seconds} s at ISC's rate limit`;
}

export interface JobChangeRecord {
  before: Record<string, IdentitySnapshot>;
  after: Record<string, IdentitySnapshot>;
  changes: IdentityChange[];
  /** Identities whose snapshot could not be read, with why. */
  missing: { identityId: string; reason: string }[];
  summary: string | null;
}

function emptyRecord(): JobChangeRecord {
  return { before: {}, after: {}, changes: [], missing: [], summary: null };
}

export class JobChanges {
  private readonly records = new Map<string, JobChangeRecord>();

  constructor(private readonly dir: string) {}

  private fileOf(jobId: string): string {
    return path.join(this.dir, `${jobId.replace(/[^A-Za-z0-9_-]/g, '')}.changes.json`);
  }

  async get(jobId: string): Promise<JobChangeRecord | undefined> {
    const known = this.records.get(jobId);
    if (known) return known;
    try {
      const parsed = JSON.parse(await fs.readFile(this.fileOf(jobId), 'utf8')) as JobChangeRecord;
      this.records.set(jobId, parsed);
      return parsed;
    } catch {
      return undefined;
    }
  }

  /** What is in memory (the view reads this synchronously). */
  peek(jobId: string): JobChangeRecord | undefined {
    return this.records.get(jobId);
  }

  async remove(jobId: string): Promise<void> {
    this.records.delete(jobId);
    await fs.rm(this.fileOf(jobId), { force: true });
  }

  /** Reads every identity (concurrency 4, within the client's rate limit) as it is now. */
  async capture(jobId: string, phase: 'before' | 'after', client: IscClient, refs: readonly IdentityRef[], options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<void> {
    const record = (await this.get(jobId)) ?? emptyRecord();
    const summary = await runBulk({
      items: refs,
      concurrency: 4,
      signal: options.signal,
      worker: ([ref], signal) => loadSnapshot(client, ref.identityId, { signal }),
      onResult: (_result, done, total) => options.onProgress?.(done, total),
    });
    for (const result of summary.results) {
      if (result.value) record[phase][result.item.identityId] = result.value.snapshot;
      else record.missing.push({ identityId: result.item.identityId, reason: `${phase}: ${result.error instanceof Error ? result.error.message : 'not read'}` });
    }
    if (phase === 'after') {
      record.changes = refs.flatMap((ref) => {
        const before = record.before[ref.identityId];
        const after = record.after[ref.identityId];
        return before && after ? [summarizeChange(before, after)] : [];
      });
      record.summary = formatAggregate(aggregateChanges(record.changes, refs.length));
    }
    this.records.set(jobId, record);
    await fs.mkdir(this.dir, { recursive: true });
    await fs.writeFile(this.fileOf(jobId), JSON.stringify(record));
  }
}
