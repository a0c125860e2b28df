// The shapes of a job: one run of an identity action over a frozen set of identities, persisted so that it survives
// a window reload. No `vscode` import.
import type { ActionKind } from '../actions/operations';
import type { IdentityRef } from '../identityRef';
import type { ItemOutcome } from '../outcome';

/**
 * `interrupted`: the window closed (or crashed) while the job was running or paused; only a load from the journal
 * produces it. `finished`: every item has an outcome. `cancelled`: the user stopped it (unsent items are `cancelled`).
 */
export type JobState = 'running' | 'paused' | 'interrupted' | 'finished' | 'cancelled';

const JOB_STATES: readonly JobState[] = ['running', 'paused', 'interrupted', 'finished', 'cancelled'];

/** `pending`: never sent. `sent`: sent, no answer yet (after a reload this becomes `unknown`, never re-sent blindly). */
export type JobItemState = ItemOutcome | 'pending' | 'sent';

export interface JobItem {
  readonly ref: IdentityRef;
  state: JobItemState;
  httpStatus: number | null;
  message: string | null;
  /** The ISC task or job id the answer carried (invite, process, synchronize). */
  taskId: string | null;
  /** Epoch ms of the last change (send or answer). */
  at: number | null;
}

/** An ISC task the job follows (GET /task-status/{id}). */
export interface JobTask {
  taskId: string;
  /** ISC's completionStatus as received (an open string: SUCCESS, Success, WARNING, ERROR, TERMINATED, …). */
  status: string | null;
  percentComplete: number | null;
  progress: string | null;
  messages: string[];
  completed: boolean;
  /** Why the task cannot be followed (e.g. "ISC does not report this task's status"); null while it can. */
  untrackable: string | null;
}

export type JobSource = { type: 'selection' } | { type: 'filter'; filter: string } | { type: 'list'; fileName?: string };

/** Values an action needs to be rebuilt on resume (e.g. the password-reset email's `via` and source). */
export type JobParameters = Readonly<Record<string, string | number | boolean | null>>;

export interface JobRecord {
  readonly id: string;
  readonly kind: ActionKind;
  /** Sentence-case action name, as the operation's label. */
  readonly label: string;
  readonly tenantId: string;
  readonly tenantLabel: string;
  /** Who ran it: the client id of the tenant's PAT. */
  readonly clientId: string;
  readonly source: JobSource;
  /** The job whose failed items this one sends again. */
  readonly retryOf: string | null;
  readonly parameters: JobParameters;
  readonly createdAt: number;
  /** The first send; null while nothing was sent. */
  startedAt: number | null;
  finishedAt: number | null;
  state: JobState;
  /** One per identity, in the order of the frozen target set. */
  readonly items: JobItem[];
  tasks: JobTask[];
}

/** What a caller gives to create a job; the rest starts empty. */
export interface JobInit {
  /** Generated when absent. */
  id?: string;
  kind: ActionKind;
  label: string;
  tenantId: string;
  tenantLabel: string;
  clientId: string;
  source: JobSource;
  retryOf?: string | null;
  parameters?: JobParameters;
  refs: readonly IdentityRef[];
  /** Defaults to now. */
  createdAt?: number;
  /** Defaults to `running`. */
  state?: JobState;
}

/** The message of an item that was sent but whose answer never arrived before the window closed. */
export const SENT_WITHOUT_ANSWER_MESSAGE = 'sent before the window closed; ISC may have acted';

export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);
}

/** Finished and cancelled jobs take no more sends; the others can be resumed. */
export function isTerminalJobState(state: JobState): boolean {
  return state === 'finished' || state === 'cancelled';
}

/** Failed first, then outcome unknown, then what is still on its way, and done last: the items that need a look lead. */
const ATTENTION_ORDER: Record<JobItemState, number> = { failed: 0, unknown: 1, sent: 2, pending: 3, cancelled: 4, skipped: 5, done: 6 };

/** A copy of the items, those that need a look first; items in the same state keep their order. */
export function itemsNeedingLookFirst(items: readonly JobItem[]): JobItem[] {
  return [...items].sort((a, b) => ATTENTION_ORDER[a.state] - ATTENTION_ORDER[b.state]);
}
