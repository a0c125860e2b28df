// The lines of a job journal (one JSON object per line, one file per job) and their replay into a JobRecord.
// No `vscode` import.
//
//   {"type":"job","v":1,"id":…,"kind":…,"label":…,"tenantId":…,"tenantLabel":…,"clientId":…,"source":{…},
//    "retryOf":null,"parameters":{},"createdAt":N,"state":"running","items":[["<id>","<name>"],…]}   (first line)
//   {"type":"send","i":[17,18],"at":N}                                written before the request leaves
//   {"type":"result","i":[17,18],"outcome":"done","httpStatus":202,"taskId":"…","message":"…","at":N}
//                                                                     after the answer; items sharing every field
//                                                                     share a line; null fields are left out
//   {"type":"task","task":{JobTask},"at":N}                           an ISC task's latest known status
//   {"type":"state","state":"paused","at":N}
// Items are named by their position in the header's `items` (0-based), not by id: the header is needed to replay a
// job anyway, and it more than halves the bytes per identity (bench/jobJournal.bench.ts).
import type { ActionKind } from '../actions/operations';
import { isItemOutcome } from '../outcome';
import type { ItemOutcome } from '../outcome';
import { SENT_WITHOUT_ANSWER_MESSAGE, isJobState } from './jobTypes';
import type { JobItem, JobParameters, JobRecord, JobSource, JobState, JobTask } from './jobTypes';

const JOURNAL_VERSION = 1;

export interface JournalResult {
  /** The item's position in the job's items. */
  index: number;
  outcome: ItemOutcome;
  httpStatus: number | null;
  message: string | null;
  taskId: string | null;
  at: number;
}

interface HeaderLine {
  type: 'job';
  v: number;
  id: string;
  kind: ActionKind;
  label: string;
  tenantId: string;
  tenantLabel: string;
  clientId: string;
  source: JobSource;
  retryOf: string | null;
  parameters: JobParameters;
  createdAt: number;
  state: JobState;
  items: [string, string][];
}

export function headerLine(record: JobRecord): string {
  const header: HeaderLine = {
    type: 'job',
    v: JOURNAL_VERSION,
    id: record.id,
    kind: record.kind,
    label: record.label,
    tenantId: record.tenantId,
    tenantLabel: record.tenantLabel,
    clientId: record.clientId,
    source: record.source,
    retryOf: record.retryOf,
    parameters: record.parameters,
    createdAt: record.createdAt,
    state: record.state,
    items: record.items.map((item) => [item.ref.identityId, item.ref.name]),
  };
  return `${JSON.stringify(header)}\n`;
}

export function sendLine(indices: readonly number[], at: number): string {
  return `${JSON.stringify({ type: 'send', i: indices, at })}\n`;
}

/** The items of a send that never left after all (a pause stopped them before the request): pending again. */
export function unsentLine(indices: readonly number[], at: number): string {
  return `${JSON.stringify({ type: 'unsent', i: [...indices], at })}\n`;
}

export function stateLine(state: JobState, at: number): string {
  return `${JSON.stringify({ type: 'state', state, at })}\n`;
}

export function taskLine(task: JobTask, at: number): string {
  return `${JSON.stringify({ type: 'task', task, at })}\n`;
}

function resultKey(result: JournalResult): string {
  return JSON.stringify([result.outcome, result.httpStatus, result.taskId, result.message, result.at]);
}

/** Result lines for a run of results: one line per distinct (outcome, status, task, message, time), in first-seen order. */
export function resultLines(results: readonly JournalResult[]): string {
  const groups = new Map<string, { first: JournalResult; indices: number[] }>();
  for (const result of results) {
    const key = resultKey(result);
    const group = groups.get(key);
    if (group) group.indices.push(result.index);
    else groups.set(key, { first: result, indices: [result.index] });
  }
  let text = '';
  for (const { first, indices } of groups.values()) {
    const line: Record<string, unknown> = { type: 'result', i: indices, outcome: first.outcome };
    if (first.httpStatus !== null) line.httpStatus = first.httpStatus;
    if (first.taskId !== null) line.taskId = first.taskId;
    if (first.message !== null) line.message = first.message;
    line.at = first.at;
    text += `${JSON.stringify(line)}\n`;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Replay

type Json = Record<string, unknown>;

// A Record so that a new ActionKind fails to compile here until the journal knows it.
const ACTION_KINDS: Record<ActionKind, true> = {
  resetIdentity: true,
  synchronizeAttributes: true,
  processIdentities: true,
  inviteIdentities: true,
  inviteAllUnregistered: true,
  sendPasswordResetEmail: true,
  deleteIdentity: true,
};

function isActionKind(value: unknown): value is ActionKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTION_KINDS, value);
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const indices = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : []);

function parseSource(value: unknown): JobSource {
  const source = (value && typeof value === 'object' ? value : {}) as Json;
  if (source.type === 'filter' && typeof source.filter === 'string') return { type: 'filter', filter: source.filter };
  if (source.type === 'list') return typeof source.fileName === 'string' ? { type: 'list', fileName: source.fileName } : { type: 'list' };
  return { type: 'selection' };
}

function parseParameters(value: unknown): JobParameters {
  const out: Record<string, string | number | boolean | null> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, v] of Object.entries(value as Json)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

function parseTask(value: unknown): JobTask | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const task = value as Json;
  const taskId = str(task.taskId);
  if (!taskId) return undefined;
  return {
    taskId,
    status: str(task.status),
    percentComplete: num(task.percentComplete),
    progress: str(task.progress),
    messages: strings(task.messages),
    completed: task.completed === true,
    untrackable: str(task.untrackable),
  };
}

function recordFromHeader(header: Json): JobRecord | undefined {
  const id = str(header.id);
  const tenantId = str(header.tenantId);
  const createdAt = num(header.createdAt);
  const kind = header.kind;
  if (header.type !== 'job' || !id || !tenantId || createdAt === null || !Array.isArray(header.items) || !isActionKind(kind)) return undefined;
  const items: JobItem[] = [];
  for (const entry of header.items) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const name = typeof entry[1] === 'string' ? entry[1] : entry[0];
    items.push({ ref: { tenantId, identityId: entry[0], name }, state: 'pending', httpStatus: null, message: null, taskId: null, at: null });
  }
  return {
    id,
    kind,
    label: str(header.label) ?? '',
    tenantId,
    tenantLabel: str(header.tenantLabel) ?? tenantId,
    clientId: str(header.clientId) ?? '',
    source: parseSource(header.source),
    retryOf: str(header.retryOf),
    parameters: parseParameters(header.parameters),
    createdAt,
    startedAt: null,
    finishedAt: null,
    state: isJobState(header.state) ? header.state : 'running',
    items,
    tasks: [],
  };
}

/** Applies one parsed line after the header to `record`; lines of unknown type or shape change nothing. */
function applyLine(record: JobRecord, line: Json): void {
  const at = num(line.at);
  switch (line.type) {
    case 'send':
      for (const index of indices(line.i)) {
        const item = record.items[index];
        if (!item) continue;
        item.state = 'sent';
        item.at = at;
      }
      if (record.startedAt === null && at !== null) record.startedAt = at;
      break;
    case 'unsent':
      for (const index of indices(line.i)) {
        const item = record.items[index];
        if (item?.state === 'sent') item.state = 'pending';
      }
      break;
    case 'result': {
      if (!isItemOutcome(line.outcome)) break;
      for (const index of indices(line.i)) {
        const item = record.items[index];
        if (!item) continue;
        item.state = line.outcome;
        item.httpStatus = num(line.httpStatus);
        item.taskId = str(line.taskId);
        item.message = str(line.message);
        item.at = at;
      }
      break;
    }
    case 'task': {
      const task = parseTask(line.task);
      if (!task) break;
      const index = record.tasks.findIndex((t) => t.taskId === task.taskId);
      if (index >= 0) record.tasks[index] = task;
      else record.tasks.push(task);
      break;
    }
    case 'state':
      if (!isJobState(line.state)) break;
      record.state = line.state;
      record.finishedAt = line.state === 'finished' || line.state === 'cancelled' ? at : null;
      break;
  }
}

/**
 * Rebuilds a job from its journal text. A line that does not parse (the torn last line of a killed process) is
 * skipped. What the window's end left open is closed here: a job still `running` or `paused` is `interrupted`, and an
 * item sent without an answer is `unknown` (ISC may have acted; it is never re-sent blindly). Undefined when the
 * header is missing or unreadable.
 */
export function replayJournal(text: string): JobRecord | undefined {
  let record: JobRecord | undefined;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch {
      continue;
    }
    if (!line || typeof line !== 'object' || Array.isArray(line)) continue;
    if (!record) {
      record = recordFromHeader(line as Json);
      if (!record) return undefined;
      continue;
    }
    applyLine(record, line as Json);
  }
  if (!record) return undefined;
  if (record.state === 'running' || record.state === 'paused') record.state = 'interrupted';
  for (const item of record.items) {
    if (item.state !== 'sent') continue;
    item.state = 'unknown';
    item.message = SENT_WITHOUT_ANSWER_MESSAGE;
  }
  return record;
}
