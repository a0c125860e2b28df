// Before and after an action: snapshots of a job's identities taken before sending and again once ISC is done, and
// what changed, kept in a file beside the job's journal so a reload keeps them. No `vscode` import.
import * as l10n from '@vscode/l10n';
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

/** Why a job that would read its identities before and after did not: more of them than the bound. */
export interface ChangesNotRecorded {
  identities: number;
  bound: number;
}

/** Set when a snapshot kind runs on more identities than the bound; a bound of 0 turns snapshots off, unsaid. */
export function snapshotsSkipped(kind: ActionKind, count: number, maxIdentities: number): ChangesNotRecorded | undefined {
  return SNAPSHOT_KINDS.has(kind) && maxIdentities > 0 && count > maxIdentities ? { identities: count, bound: maxIdentities } : undefined;
}

/** "Changes not recorded: 350 identities is over the bound of 200 (iscExplorer.jobs.snapshotChangesUpTo)" (tool texts). */
export function notRecordedText(skipped: ChangesNotRecorded): string {
  return `Changes not recorded: ${skipped.identities} identities is over the bound of ${skipped.bound} (iscExplorer.jobs.snapshotChangesUpTo)`;
}

/** "+400 requests, about 40 s at ISC's rate limit" for before and after of `count` identities. */
export function snapshotCostText(count: number, requestsPerWindow = 100, windowSeconds = 10): string {
  const requests = 2 * SNAPSHOT_REQUESTS_PER_IDENTITY * count;
  const seconds = Math.ceil(requests / requestsPerWindow) * windowSeconds;
  return l10n.t("+{0} requests, about {1} s at ISC's rate limit", requests, seconds);
}

export interface JobChangeRecord {
  before: Record<string, IdentitySnapshot>;
  after: Record<string, IdentitySnapshot>;
  changes: IdentityChange[];
  /** Identities whose snapshot could not be read, with why. */
  missing: { identityId: string; reason: string }[];
  summary: string | null;
  /** Set instead of snapshots when the job had more identities than the bound. */
  notRecorded?: ChangesNotRecorded;
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

  /** Keeps, beside the journal, that the job took no snapshots because it was over the bound. */
  async noteNotRecorded(jobId: string, skipped: ChangesNotRecorded): Promise<void> {
    await this.write(jobId, { ...emptyRecord(), notRecorded: skipped });
  }

  private async write(jobId: string, record: JobChangeRecord): Promise<void> {
    this.records.set(jobId, record);
    await fs.mkdir(this.dir, { recursive: true });
    await fs.writeFile(this.fileOf(jobId), JSON.stringify(record));
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
    await this.write(jobId, record);
  }
}
