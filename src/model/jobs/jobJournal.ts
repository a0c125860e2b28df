// The append-only journal of jobs: one JSONL file per job in one folder (the extension gives globalStorage/jobs).
// No `vscode` import. Line format and replay: ./journalFormat.ts.
//
// Durability: appends to one file are serialized; each write is awaited and (by default) followed by fdatasync, so
// that a killed process — or a crashed machine — loses at most the line being written. The `send` line of a request
// is on disk before the request leaves; a torn last line is skipped on load and the next append starts a new line.
import { promises as fs } from 'fs';
import type { FileHandle } from 'fs/promises';
import * as path from 'path';
import { redactText } from '../../util/redact';
import { isTerminalJobState } from './jobTypes';
import type { JobRecord, JobState, JobTask } from './jobTypes';
import { headerLine, replayJournal, resultLines, sendLine, stateLine, taskLine, unsentLine } from './journalFormat';
import type { JournalResult } from './journalFormat';

export type { JournalResult } from './journalFormat';

/** Jobs kept by default; older finished or cancelled ones are deleted on load and when a job is created. */
const DEFAULT_MAX_JOBS = 50;

const MAX_MESSAGE_LENGTH = 2000;
const JOB_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const EXTENSION = '.jsonl';

export interface JobJournalOptions {
  /** fdatasync after every write (default true). Without it writes are still awaited (safe against a killed process). */
  fsync?: boolean;
  maxJobs?: number;
}

type Entry = { text: string } | { result: JournalResult };

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** One job's file: its open handle and the entries waiting for the writer. */
interface JournalFile {
  path: string;
  handle: FileHandle | undefined;
  queue: Entry[];
  waiters: Waiter[];
  writing: Promise<void> | undefined;
}

function cleanMessage(message: string | null): string | null {
  if (message === null) return null;
  const redacted = redactText(message);
  return redacted.length > MAX_MESSAGE_LENGTH ? `${redacted.slice(0, MAX_MESSAGE_LENGTH)}… (${redacted.length} chars)` : redacted;
}

/** Ids of the jobs a cap of `maxJobs` removes: beyond the newest `maxJobs`, the finished and cancelled ones. */
export function jobsBeyondCap(records: readonly Pick<JobRecord, 'id' | 'createdAt' | 'state'>[], maxJobs: number): string[] {
  // Unfinished jobs are never dropped by the cap: they may hold outcomes still to check.
  return [...records]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(Math.max(0, maxJobs))
    .filter((record) => isTerminalJobState(record.state))
    .map((record) => record.id);
}

export class JobJournal {
  readonly maxJobs: number;
  private readonly fsync: boolean;
  private readonly files = new Map<string, JournalFile>();
  private readonly removed = new Set<string>();
  private folderReady = false;
  private written = 0;

  constructor(readonly dir: string, options: JobJournalOptions = {}) {
    this.fsync = options.fsync ?? true;
    this.maxJobs = Math.max(1, options.maxJobs ?? DEFAULT_MAX_JOBS);
  }

  /** Bytes appended by this instance (benchmarks). */
  get bytesWritten(): number {
    return this.written;
  }

  fileOf(jobId: string): string {
    if (!JOB_ID_PATTERN.test(jobId)) throw new Error(`Not a job id: ${JSON.stringify(jobId)}`);
    return path.join(this.dir, `${jobId}${EXTENSION}`);
  }

  /** Writes the job's header (its frozen items included). Rejects when a journal of that id already exists. */
  async create(record: JobRecord): Promise<void> {
    const file = this.fileOf(record.id);
    await this.ensureFolder();
    const handle = await fs.open(file, 'wx');
    try {
      const text = headerLine(record);
      await handle.write(text);
      if (this.fsync) await handle.datasync();
      this.written += Buffer.byteLength(text);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    this.removed.delete(record.id);
    this.files.set(record.id, { path: file, handle, queue: [], waiters: [], writing: undefined });
    if (this.fsync) await this.syncFolder();
  }

  /** Resolves once the line is on disk: call it before the request for these items (positions in the job) leaves. */
  appendSend(jobId: string, indices: readonly number[], at: number): Promise<void> {
    return this.enqueue(jobId, { text: sendLine(indices, at) });
  }

  /** Items of an earlier send line that were stopped before their request left: pending again. */
  appendUnsent(jobId: string, indices: readonly number[], at: number): Promise<void> {
    return this.enqueue(jobId, { text: unsentLine(indices, at) });
  }

  /** Results queued while a write is under way (or in the same tick) share one write; equal ones share a line. */
  appendResult(jobId: string, result: JournalResult): Promise<void> {
    return this.enqueue(jobId, { result: { ...result, message: cleanMessage(result.message) } });
  }

  appendTask(jobId: string, task: JobTask, at: number): Promise<void> {
    const clean: JobTask = { ...task, messages: task.messages.map((m) => cleanMessage(m) ?? ''), untrackable: cleanMessage(task.untrackable) };
    return this.enqueue(jobId, { text: taskLine(clean, at) });
  }

  async appendState(jobId: string, state: JobState, at: number): Promise<void> {
    await this.enqueue(jobId, { text: stateLine(state, at) });
    // A finished job rarely gets more lines (a later check of unknown outcomes reopens the file).
    if (isTerminalJobState(state)) await this.closeFile(jobId);
  }

  /** Deletes the job's file; later appends to it reject. */
  async remove(jobId: string): Promise<void> {
    const file = this.fileOf(jobId);
    this.removed.add(jobId);
    await this.closeFile(jobId);
    await fs.rm(file, { force: true });
  }

  /**
   * Every job of the folder, newest first, replayed (see replayJournal: running or paused → interrupted, sent without
   * answer → unknown). Files without a readable header are deleted (the header is written before anything is sent,
   * so nothing was sent for them), and so are the finished jobs beyond the cap.
   */
  async loadAll(): Promise<JobRecord[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: JobRecord[] = [];
    for (const name of names) {
      if (!name.endsWith(EXTENSION)) continue;
      const jobId = name.slice(0, -EXTENSION.length);
      if (!JOB_ID_PATTERN.test(jobId)) continue;
      const file = path.join(this.dir, name);
      const record = replayJournal(await fs.readFile(file, 'utf8'));
      if (!record || record.id !== jobId) {
        if (!this.files.has(jobId)) await fs.rm(file, { force: true });
        continue;
      }
      records.push(record);
    }
    const dropped = new Set(jobsBeyondCap(records, this.maxJobs));
    for (const jobId of dropped) await this.remove(jobId);
    return records.filter((record) => !dropped.has(record.id)).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Waits for every queued line of every job. */
  async flush(): Promise<void> {
    for (const file of [...this.files.values()]) while (file.writing) await file.writing.catch(() => undefined);
  }

  /** Flushes and closes every open file. */
  async close(): Promise<void> {
    for (const jobId of [...this.files.keys()]) await this.closeFile(jobId);
  }

  private enqueue(jobId: string, entry: Entry): Promise<void> {
    if (this.removed.has(jobId)) return Promise.reject(new Error(`Job ${jobId} was removed.`));
    let file = this.files.get(jobId);
    if (!file) {
      file = { path: this.fileOf(jobId), handle: undefined, queue: [], waiters: [], writing: undefined };
      this.files.set(jobId, file);
    }
    const promise = new Promise<void>((resolve, reject) => file.waiters.push({ resolve, reject }));
    file.queue.push(entry);
    if (!file.writing) file.writing = this.drain(file);
    return promise;
  }

  private async drain(file: JournalFile): Promise<void> {
    // Let the current burst of synchronous appends (e.g. the results of one batch) join this write.
    await Promise.resolve();
    while (file.queue.length > 0) {
      const entries = file.queue.splice(0);
      const waiters = file.waiters.splice(0);
      try {
        const text = entriesText(entries);
        if (!file.handle) file.handle = await this.openForAppend(file.path);
        await file.handle.write(text);
        if (this.fsync) await file.handle.datasync();
        this.written += Buffer.byteLength(text);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        await file.handle?.close().catch(() => undefined);
        file.handle = undefined;
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    file.writing = undefined;
  }

  /** Opens an existing journal for appending; when its last line is torn, the next line starts on a new one. */
  private async openForAppend(file: string): Promise<FileHandle> {
    const handle = await fs.open(file, 'r+');
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.write('\n', size);
      }
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
    return fs.open(file, 'a');
  }

  private async closeFile(jobId: string): Promise<void> {
    const file = this.files.get(jobId);
    if (!file) return;
    while (file.writing) await file.writing;
    this.files.delete(jobId);
    await file.handle?.close().catch(() => undefined);
  }

  private async ensureFolder(): Promise<void> {
    if (this.folderReady) return;
    await fs.mkdir(this.dir, { recursive: true });
    this.folderReady = true;
  }

  /** Makes a new file's directory entry durable too (not possible on every platform; best effort). */
  private async syncFolder(): Promise<void> {
    try {
      const handle = await fs.open(this.dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Windows cannot open a folder for sync; the file's own data is synced regardless.
    }
  }
}

function entriesText(entries: readonly Entry[]): string {
  let text = '';
  let results: JournalResult[] = [];
  for (const entry of entries) {
    if ('result' in entry) {
      results.push(entry.result);
      continue;
    }
    if (results.length) text += resultLines(results);
    results = [];
    text += entry.text;
  }
  if (results.length) text += resultLines(results);
  return text;
}
