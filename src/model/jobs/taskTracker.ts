// Follows an ISC task (GET /v2025/task-status/{id}) until it completes, with backoff. No `vscode` import.
// completionStatus is an open string compared case-insensitively (the docs use SUCCESS and Success). A 404 or 403
// (unknown id, or a PAT without idn:task-management:read) ends the tracking with one "not reported" update rather
// than an error per poll; other errors are retried with the same backoff up to a bound.
import * as l10n from '@vscode/l10n';
import { isAbortError, isIscApiError } from '../../api/errors';
import { sleep } from '../../api/abort';
import type { TaskStatus } from '../../api/types';
import type { JobTask } from './jobTypes';

export const UNTRACKABLE_TASK_MESSAGE = "ISC does not report this task's status";

export interface TaskPollDelays {
  /** Wait before the first poll (default 2 000 ms: the task was just created). */
  initialMs: number;
  /** Longest wait between polls (default 30 000 ms). */
  maxMs: number;
  /** Growth of the wait after each poll that did not complete the task (default 1.5). */
  factor: number;
  /** Consecutive failed polls (other than 404/403) before giving up (default 5). */
  maxConsecutiveErrors: number;
  /** Total time after which the tracking stops, the task still open (default 2 h). */
  maxDurationMs: number;
}

export const DEFAULT_TASK_POLL_DELAYS: TaskPollDelays = {
  initialMs: 2_000,
  maxMs: 30_000,
  factor: 1.5,
  maxConsecutiveErrors: 5,
  maxDurationMs: 2 * 60 * 60 * 1000,
};

export interface TrackTaskOptions {
  getTaskStatus: (taskId: string, signal: AbortSignal | undefined) => Promise<TaskStatus>;
  /** Called with the task's view each time it changes (and once at the end when it stops being trackable). */
  onUpdate?: (task: JobTask) => void;
  /** Stops the tracking; trackTask then resolves with the last known view. */
  signal?: AbortSignal;
  delays?: Partial<TaskPollDelays>;
  /** Clock for the duration bound (tests). */
  now?: () => number;
}

export type TaskTone = 'pending' | 'success' | 'warning' | 'error' | 'other';

/** How a completionStatus reads: SUCCESS/Success → success; WARNING; ERROR, TERMINATED, TEMPERROR → error. */
export function taskStatusTone(status: string | null): TaskTone {
  if (status === null || status.trim() === '') return 'pending';
  const upper = status.trim().toUpperCase();
  if (upper === 'SUCCESS') return 'success';
  if (upper === 'WARNING') return 'warning';
  if (upper === 'ERROR' || upper === 'TERMINATED' || upper === 'TEMPERROR') return 'error';
  return 'other';
}

function messageText(message: unknown): string | undefined {
  if (typeof message === 'string') return message;
  if (!message || typeof message !== 'object') return undefined;
  const m = message as { type?: unknown; localizedText?: { message?: unknown } | null; key?: unknown };
  const text = typeof m.localizedText?.message === 'string' ? m.localizedText.message : typeof m.key === 'string' ? m.key : undefined;
  if (text === undefined) return undefined;
  return typeof m.type === 'string' && m.type.toUpperCase() !== 'INFO' ? `${m.type}: ${text}` : text;
}

/** The job's view of a TaskStatus. */
export function jobTaskFromStatus(taskId: string, status: TaskStatus): JobTask {
  const completionStatus = typeof status.completionStatus === 'string' && status.completionStatus.trim() ? status.completionStatus : null;
  const messages = Array.isArray(status.messages) ? status.messages.map(messageText).filter((m): m is string => m !== undefined) : [];
  return {
    taskId,
    status: completionStatus,
    percentComplete: typeof status.percentComplete === 'number' && Number.isFinite(status.percentComplete) ? status.percentComplete : null,
    progress: typeof status.progress === 'string' ? status.progress : null,
    messages,
    completed: completionStatus !== null || (typeof status.completed === 'string' && status.completed !== ''),
    untrackable: null,
  };
}

/** The wait after `wait`: grown by the factor, capped at maxMs. */
export function nextPollDelay(wait: number, delays: Pick<TaskPollDelays, 'factor' | 'maxMs'>): number {
  return Math.min(delays.maxMs, Math.max(1, wait) * delays.factor);
}

function sameTask(a: JobTask, b: JobTask): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function emptyTask(taskId: string): JobTask {
  return { taskId, status: null, percentComplete: null, progress: null, messages: [], completed: false, untrackable: null };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Polls the task until it completes, cannot be followed, or `signal` fires, and resolves with its last view
 * (completed, or with `untrackable` set, or — when cancelled — as last seen). Never rejects for a poll's failure.
 */
export async function trackTask(taskId: string, options: TrackTaskOptions): Promise<JobTask> {
  const delays = { ...DEFAULT_TASK_POLL_DELAYS, ...options.delays };
  const now = options.now ?? Date.now;
  const deadline = now() + delays.maxDurationMs;
  let current = emptyTask(taskId);
  let wait = delays.initialMs;
  let errors = 0;
  const publish = (task: JobTask): JobTask => {
    if (!sameTask(task, current)) {
      current = task;
      try {
        options.onUpdate?.(task);
      } catch {
        // An observer's failure must not stop the tracking.
      }
    }
    return current;
  };

  for (;;) {
    try {
      await sleep(wait, options.signal);
    } catch {
      return current;
    }
    if (now() > deadline) {
      return publish({ ...current, untrackable: l10n.t('Stopped following the task after {0} min; it had not completed.', Math.round(delays.maxDurationMs / 60_000)) });
    }
    try {
      const status = await options.getTaskStatus(taskId, options.signal);
      errors = 0;
      const task = publish(jobTaskFromStatus(taskId, status));
      if (task.completed) return task;
    } catch (error) {
      if (options.signal?.aborted || isAbortError(error)) return current;
      const status = isIscApiError(error) ? error.status : undefined;
      if (status === 404 || status === 403) return publish({ ...current, untrackable: UNTRACKABLE_TASK_MESSAGE });
      errors += 1;
      if (errors >= delays.maxConsecutiveErrors) {
        return publish({ ...current, untrackable: l10n.t("Could not read the task's status: {0}", errorText(error)) });
      }
    }
    wait = nextPollDelay(wait, delays);
  }
}
