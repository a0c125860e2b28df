// The in-memory owner of every job, backed by the journal. No `vscode` import.
// Each mutation is written to the journal first (awaited), then applied in memory, then announced. A journal that
// cannot write stops `create` and `markSent` (nothing may be sent that the journal does not know of); for answers,
// tasks and states the change still reaches memory and the failure is kept in `journalError`.
import * as l10n from '@vscode/l10n';
import { randomUUID } from 'crypto';
import type { DisposableLike } from '../../util/disposables';
import type { IdentityRef } from '../identityRef';
import { emptyOutcomeCounts } from '../outcome';
import type { ItemOutcome, OutcomeCounts } from '../outcome';
import { ModelEmitter } from './emitter';
import { jobsBeyondCap } from './jobJournal';
import type { JobJournal } from './jobJournal';
import { isTerminalJobState } from './jobTypes';
import type { JobInit, JobItem, JobItemState, JobRecord, JobState, JobTask } from './jobTypes';

/** What the store needs of the journal (tests give a fake). */
export type JobJournalPort = Pick<JobJournal, 'create' | 'appendSend' | 'appendUnsent' | 'appendResult' | 'appendTask' | 'appendState' | 'remove' | 'maxJobs'>;

/** A job as the store hands it out: read it, change it only through the store. */
export type JobView = Readonly<Omit<JobRecord, 'items' | 'tasks'>> & {
  readonly items: readonly Readonly<JobItem>[];
  readonly tasks: readonly Readonly<JobTask>[];
};

export interface JobChange {
  jobId: string;
  /** `items`: sends or answers (coalesced: one event per job per turn of the event loop's microtasks). */
  kind: 'created' | 'items' | 'task' | 'state' | 'removed';
}

export interface JobCounts extends OutcomeCounts {
  pending: number;
  sent: number;
  total: number;
}

export interface JobResultInput {
  id: string;
  outcome: ItemOutcome;
  httpStatus: number | null;
  message: string | null;
  taskId: string | null;
  /** Defaults to now. */
  at?: number;
}

export interface JobStoreOptions {
  now?: () => number;
  newId?: () => string;
}

/** A job with what the store keeps beside it. */
interface Entry {
  record: JobRecord;
  indexById: Map<string, number>;
  counts: JobCounts;
}

function emptyCounts(total: number): JobCounts {
  return { ...emptyOutcomeCounts(), pending: 0, sent: 0, total };
}

function countItems(items: readonly JobItem[]): JobCounts {
  const counts = emptyCounts(items.length);
  for (const item of items) counts[item.state] += 1;
  return counts;
}

export class JobStore {
  private readonly jobs = new Map<string, Entry>();
  private readonly changes = new ModelEmitter<JobChange>();
  private readonly itemChangesDue = new Set<string>();
  private readonly now: () => number;
  private readonly newId: () => string;
  private lastJournalError: unknown;

  /** `loaded`: the journal's jobs (JobJournal.loadAll), already closed off for a new window. */
  constructor(private readonly journal: JobJournalPort, loaded: readonly JobRecord[] = [], options: JobStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    for (const record of loaded) this.jobs.set(record.id, this.entryOf(record));
  }

  /** Adds jobs read from the journal after the store was created (the window loads them in the background). */
  adopt(records: readonly JobRecord[]): void {
    for (const record of records) {
      if (this.jobs.has(record.id)) continue;
      this.jobs.set(record.id, this.entryOf(record));
      this.changes.fire({ jobId: record.id, kind: 'created' });
    }
  }

  readonly onDidChange = (listener: (change: JobChange) => void): DisposableLike => this.changes.event(listener);

  /** The last journal write that failed after its change was applied in memory anyway. */
  get journalError(): unknown {
    return this.lastJournalError;
  }

  get(jobId: string): JobView | undefined {
    return this.jobs.get(jobId)?.record;
  }

  /** Newest first. */
  list(): JobView[] {
    return [...this.jobs.values()].map((entry) => entry.record).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Creates the job (journal header first); identities given twice keep their first place. Drops finished jobs beyond the cap. */
  async create(init: JobInit): Promise<JobView> {
    const id = init.id ?? this.newId();
    if (this.jobs.has(id)) throw new Error(`Job ${id} exists already.`);
    const seen = new Set<string>();
    const items: JobItem[] = [];
    for (const ref of init.refs) {
      if (seen.has(ref.identityId)) continue;
      seen.add(ref.identityId);
      items.push({ ref: { tenantId: init.tenantId, identityId: ref.identityId, name: ref.name }, state: 'pending', httpStatus: null, message: null, taskId: null, at: null });
    }
    const record: JobRecord = {
      id,
      kind: init.kind,
      label: init.label,
      tenantId: init.tenantId,
      tenantLabel: init.tenantLabel,
      clientId: init.clientId,
      source: init.source,
      retryOf: init.retryOf ?? null,
      parameters: { ...init.parameters },
      createdAt: init.createdAt ?? this.now(),
      startedAt: null,
      finishedAt: null,
      state: init.state ?? 'running',
      items,
      tasks: [],
    };
    await this.journal.create(record);
    this.jobs.set(id, this.entryOf(record));
    this.changes.fire({ jobId: id, kind: 'created' });
    for (const dropped of jobsBeyondCap(this.list(), this.journal.maxJobs)) await this.remove(dropped);
    return record;
  }

  /** Records that the request for `ids` is about to leave; resolves once that is on disk. Rejects if it is not. */
  async markSent(jobId: string, ids: readonly string[]): Promise<void> {
    const entry = this.entry(jobId);
    const indices = this.indicesOf(entry, ids);
    const at = this.now();
    await this.journal.appendSend(jobId, indices, at);
    for (const index of indices) {
      const item = entry.record.items[index];
      this.setItemState(entry, item, 'sent');
      item.at = at;
    }
    if (entry.record.startedAt === null) entry.record.startedAt = at;
    this.itemsChanged(jobId);
  }

  /** Items marked sent whose request never left (stopped by a pause while waiting): pending again, for Resume. */
  async markUnsent(jobId: string, ids: readonly string[]): Promise<void> {
    const entry = this.entry(jobId);
    const indices = this.indicesOf(entry, ids).filter((index) => entry.record.items[index].state === 'sent');
    if (indices.length === 0) return;
    await this.journaled(this.journal.appendUnsent(jobId, indices, this.now()));
    for (const index of indices) this.setItemState(entry, entry.record.items[index], 'pending');
    this.itemsChanged(jobId);
  }

  async recordResult(jobId: string, result: JobResultInput): Promise<void> {
    const entry = this.entry(jobId);
    const [index] = this.indicesOf(entry, [result.id]);
    const at = result.at ?? this.now();
    await this.journaled(this.journal.appendResult(jobId, { index, outcome: result.outcome, httpStatus: result.httpStatus, message: result.message, taskId: result.taskId, at }));
    const item = entry.record.items[index];
    this.setItemState(entry, item, result.outcome);
    item.httpStatus = result.httpStatus;
    item.message = result.message;
    item.taskId = result.taskId;
    item.at = at;
    this.itemsChanged(jobId);
  }

  /** Adds or replaces (by taskId) the job's view of an ISC task. */
  async updateTask(jobId: string, task: JobTask): Promise<void> {
    const entry = this.entry(jobId);
    const copy: JobTask = { ...task, messages: [...task.messages] };
    await this.journaled(this.journal.appendTask(jobId, copy, this.now()));
    const tasks = entry.record.tasks;
    const index = tasks.findIndex((t) => t.taskId === copy.taskId);
    if (index >= 0) tasks[index] = copy;
    else tasks.push(copy);
    this.changes.fire({ jobId, kind: 'task' });
  }

  async setState(jobId: string, state: JobState): Promise<void> {
    const entry = this.entry(jobId);
    const at = this.now();
    await this.journaled(this.journal.appendState(jobId, state, at));
    entry.record.state = state;
    entry.record.finishedAt = isTerminalJobState(state) ? at : null;
    this.changes.fire({ jobId, kind: 'state' });
  }

  /** Deletes the job and its journal. A running job must be paused or cancelled first. */
  async remove(jobId: string): Promise<void> {
    const entry = this.jobs.get(jobId);
    if (!entry) return;
    if (entry.record.state === 'running') throw new Error(l10n.t('Job {0} is running: cancel or pause it before removing it.', jobId));
    await this.journal.remove(jobId);
    this.jobs.delete(jobId);
    this.changes.fire({ jobId, kind: 'removed' });
  }

  /** Item counts by state (outcomes, pending, sent) and the total. */
  counts(jobId: string): JobCounts {
    return { ...this.entry(jobId).counts };
  }

  /** Identities never sent: what Resume sends. */
  resumable(jobId: string): IdentityRef[] {
    return this.refsIn(jobId, 'pending');
  }

  /** Identities ISC certainly did not act on: what Retry Failed sends. */
  retryable(jobId: string): IdentityRef[] {
    return this.refsIn(jobId, 'failed');
  }

  /** Identities ISC may or may not have acted on: what "Check unknown outcomes" looks at. */
  unknown(jobId: string): IdentityRef[] {
    return this.refsIn(jobId, 'unknown');
  }

  dispose(): void {
    this.changes.dispose();
  }

  private entryOf(record: JobRecord): Entry {
    return { record, indexById: new Map(record.items.map((item, index) => [item.ref.identityId, index])), counts: countItems(record.items) };
  }

  private entry(jobId: string): Entry {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new Error(`No job ${jobId}.`);
    return entry;
  }

  private indicesOf(entry: Entry, ids: readonly string[]): number[] {
    return ids.map((id) => {
      const index = entry.indexById.get(id);
      if (index === undefined) throw new Error(`Identity ${id} is not part of job ${entry.record.id}.`);
      return index;
    });
  }

  private setItemState(entry: Entry, item: JobItem, state: JobItemState): void {
    entry.counts[item.state] -= 1;
    entry.counts[state] += 1;
    item.state = state;
  }

  private refsIn(jobId: string, state: JobItemState): IdentityRef[] {
    return this.entry(jobId).record.items.filter((item) => item.state === state).map((item) => ({ ...item.ref }));
  }

  private async journaled(write: Promise<void>): Promise<void> {
    try {
      await write;
    } catch (error) {
      this.lastJournalError = error;
    }
  }

  private itemsChanged(jobId: string): void {
    if (this.itemChangesDue.has(jobId)) return;
    this.itemChangesDue.add(jobId);
    queueMicrotask(() => {
      this.itemChangesDue.delete(jobId);
      if (this.jobs.has(jobId)) this.changes.fire({ jobId, kind: 'items' });
    });
  }
}
