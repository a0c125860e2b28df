// Append-only audit log of every write: one JSON object per line. No `vscode` import.
// The file is only ever opened with flag 'a'; nothing here truncates, rewrites or deletes it.
import { promises as fs } from 'fs';
import * as path from 'path';
import { redactText } from '../util/redact';
import type { ItemOutcome } from './outcome';

export interface AuditEntry {
  /** ISO time the result became known. */
  time: string;
  /** Groups the lines of one command run (a bulk operation or a retry). */
  operationId: string;
  /** Operation this one retried, when it is a "Retry failed" run. */
  retryOf?: string;
  tenantId: string;
  tenantLabel: string;
  clientId: string;
  action: string;
  identityId: string;
  identityName: string;
  httpStatus: number | null;
  /** done, failed (ISC certainly did not act), unknown (it may have), skipped or cancelled. */
  outcome: ItemOutcome;
  /** Job or task id the server returned. */
  jobId: string | null;
  error: string | null;
}

export type AuditEntryInput = Omit<AuditEntry, 'time'> & { time?: string };

const MAX_FIELD_LENGTH = 2000;

function clean(value: string): string {
  const redacted = redactText(value);
  return redacted.length > MAX_FIELD_LENGTH ? `${redacted.slice(0, MAX_FIELD_LENGTH)}… (${redacted.length} chars)` : redacted;
}

/** Returns the entry with every string field redacted and bounded in length. */
export function sanitizeAuditEntry(input: AuditEntryInput): AuditEntry {
  const entry: AuditEntry = {
    time: input.time ?? new Date().toISOString(),
    operationId: clean(input.operationId),
    tenantId: clean(input.tenantId),
    tenantLabel: clean(input.tenantLabel),
    clientId: clean(input.clientId),
    action: clean(input.action),
    identityId: clean(input.identityId),
    identityName: clean(input.identityName),
    httpStatus: typeof input.httpStatus === 'number' ? input.httpStatus : null,
    outcome: input.outcome,
    jobId: input.jobId == null ? null : clean(String(input.jobId)),
    error: input.error == null ? null : clean(input.error),
  };
  if (input.retryOf) entry.retryOf = clean(input.retryOf);
  return entry;
}

export class AuditLog {
  /** Lines waiting for the writer; one writer at a time drains them in a single append, in order. */
  private buffer: string[] = [];
  private writing: Promise<void> | undefined;
  private folderReady = false;
  private readonly listeners = new Set<() => void>();
  private lastError: unknown;

  constructor(readonly filePath: string) {}

  /**
   * Appends entries (one line each). Lines from concurrent callers are batched into as few appends as possible and
   * never interleave within a line. Never throws: a failing disk must not fail the action itself.
   */
  append(...inputs: AuditEntryInput[]): Promise<void> {
    for (const input of inputs) this.buffer.push(`${JSON.stringify(sanitizeAuditEntry(input))}\n`);
    return this.drain();
  }

  private drain(): Promise<void> {
    if (!this.writing) {
      this.writing = (async () => {
        // Let the current burst of synchronous appends join this write.
        await Promise.resolve();
        while (this.buffer.length > 0) {
          const text = this.buffer.join('');
          this.buffer = [];
          await this.write(text);
        }
        this.writing = undefined;
      })();
    }
    return this.writing;
  }

  private async write(text: string): Promise<void> {
    try {
      if (!this.folderReady) {
        await fs.mkdir(path.dirname(this.filePath), { recursive: true });
        this.folderReady = true;
      }
      await fs.appendFile(this.filePath, text, { encoding: 'utf8', flag: 'a' });
    } catch (error) {
      this.lastError = error;
      this.folderReady = false;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // ignore observer failures
      }
    }
  }

  /** Resolves when every append requested so far has reached the file. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** The last write error, if any (shown by "Show activity"). */
  get writeError(): unknown {
    return this.lastError;
  }

  onDidAppend(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The file's text, or '' when nothing was written yet. */
  async readText(): Promise<string> {
    await this.flush();
    try {
      return await fs.readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  }

  /** The last `maxBytes` of the file, cut at a line start; `truncated` tells whether earlier lines were left out. */
  async readTail(maxBytes: number): Promise<{ text: string; truncated: boolean; size: number }> {
    await this.flush();
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.filePath, 'r');
      const { size } = await handle.stat();
      if (size <= maxBytes) return { text: (await handle.readFile('utf8')).toString(), truncated: false, size };
      const buffer = Buffer.alloc(maxBytes);
      await handle.read(buffer, 0, maxBytes, size - maxBytes);
      const text = buffer.toString('utf8');
      return { text: text.slice(text.indexOf('\n') + 1), truncated: true, size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', truncated: false, size: 0 };
      throw error;
    } finally {
      await handle?.close();
    }
  }

  /** Parsed entries; lines that do not parse are skipped. */
  async readEntries(): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = [];
    for (const line of (await this.readText()).split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // a torn line (e.g. disk full) must not hide the others
      }
    }
    return entries;
  }
}
