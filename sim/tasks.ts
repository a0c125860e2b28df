// ISC tasks started by invite and process: QUEUED → started (progress, percentComplete rising) → completed.
// A task is stored as its creation time and fixed parameters; its TaskStatus is computed when read, so no timers run.

import type { TaskStatus } from '../src/api/types';
import { isoString } from './json';

/** What a completed task reports as completionStatus (spec enum minus TEMPERROR). */
export type TaskOutcome = 'SUCCESS' | 'WARNING' | 'ERROR' | 'TERMINATED';

export const TASK_OUTCOMES: readonly TaskOutcome[] = ['SUCCESS', 'WARNING', 'ERROR', 'TERMINATED'];

type TaskKind = 'invite' | 'process';

interface SimTask {
  id: string;
  kind: TaskKind;
  created: number;
  launcher: string;
  identityCount: number;
  outcome: TaskOutcome;
  durationMs: number;
}

interface TaskStatusMessage {
  type: 'INFO' | 'WARN' | 'ERROR';
  localizedText: { locale: string; message: string };
  key: string;
  parameters: (string | Record<string, unknown>)[] | null;
}

/** Share of the duration a task spends QUEUED before it is launched. */
const QUEUED_SHARE = 0.1;
/** Tasks kept at most (oldest dropped first); ISC keeps them 90 days, tests need far fewer. */
const MAX_TASKS = 100_000;

const DEFINITIONS: Record<TaskKind, { type: string; uniqueName: string; description: string; verb: string }> = {
  invite: {
    type: 'QUARTZ',
    uniqueName: 'Identity Invitation',
    description: 'Send registration invitations to identities',
    verb: 'Sending invitations',
  },
  process: {
    type: 'QUEUED_TASK',
    uniqueName: 'Identity Processing',
    description: 'Recalculate identity attributes, role assignments and manager relationships',
    verb: 'Processing identities',
  },
};

function message(type: TaskStatusMessage['type'], key: string, text: string, parameters: string[]): TaskStatusMessage {
  return { type, localizedText: { locale: 'en-US', message: text }, key, parameters };
}

function completionMessages(task: SimTask): TaskStatusMessage[] {
  const n = String(task.identityCount);
  const what = task.kind === 'invite' ? 'invitations sent' : 'identities processed';
  switch (task.outcome) {
    case 'SUCCESS':
      return [message('INFO', 'task_completed', `Task completed: ${n} ${what}.`, [n])];
    case 'WARNING':
      return [
        message('INFO', 'task_completed', `Task completed: ${n} ${what}.`, [n]),
        message('WARN', 'task_completed_with_warnings', 'Some identities were skipped: their source is not aggregated yet (simulated warning).', []),
      ];
    case 'ERROR':
      return [message('ERROR', 'task_failed', 'The task failed: the identity service did not answer (simulated error).', [])];
    case 'TERMINATED':
      return [message('WARN', 'task_terminated', 'The task was terminated before it finished (simulated termination).', [])];
  }
}

export class TaskRegistry {
  private readonly tasks = new Map<string, SimTask>();

  constructor(public durationMs: number) {}

  create(kind: TaskKind, id: string, launcher: string, identityCount: number, outcome: TaskOutcome, now = Date.now()): SimTask {
    if (this.tasks.size >= MAX_TASKS) {
      const oldest = this.tasks.keys().next();
      if (!oldest.done) this.tasks.delete(oldest.value);
    }
    const task: SimTask = { id, kind, created: now, launcher, identityCount, outcome, durationMs: Math.max(0, this.durationMs) };
    this.tasks.set(id, task);
    return task;
  }

  get(id: string): SimTask | undefined {
    return this.tasks.get(id);
  }

  get size(): number {
    return this.tasks.size;
  }

  clear(): void {
    this.tasks.clear();
  }
}

/**
 * The TaskStatus of a task at time `now`. The first 10 % of the duration it is QUEUED (launched null, progress null,
 * 0 %); then started, percentComplete rising linearly to 99; at the end completed with the task's outcome and
 * messages (100 %). ERROR and TERMINATED tasks stop half way through their run, at 50 %.
 */
export function taskStatusAt(task: SimTask, now: number): TaskStatus {
  const def = DEFINITIONS[task.kind];
  const queuedMs = task.durationMs * QUEUED_SHARE;
  const runMs = task.durationMs - queuedMs;
  const stopsEarly = task.outcome === 'ERROR' || task.outcome === 'TERMINATED';
  const endsAt = task.created + queuedMs + (stopsEarly ? runMs / 2 : runMs);
  const launchedAt = Math.round(task.created + queuedMs);
  const elapsed = now - task.created;
  const status: TaskStatus = {
    id: task.id,
    type: def.type,
    uniqueName: def.uniqueName,
    description: def.description,
    parentName: null,
    launcher: task.launcher,
    target: null,
    created: isoString(task.created),
    modified: isoString(task.created),
    launched: null,
    completed: null,
    completionStatus: null,
    messages: [],
    returns: [],
    attributes: { identityCount: task.identityCount },
    progress: null,
    percentComplete: 0,
  };
  if (now >= endsAt) {
    const completed = isoString(Math.round(endsAt));
    return {
      ...status,
      modified: completed,
      launched: isoString(launchedAt),
      completed,
      completionStatus: task.outcome,
      messages: completionMessages(task),
      progress: task.outcome === 'TERMINATED' ? 'Terminated' : task.outcome === 'ERROR' ? 'Failed' : 'Completed',
      percentComplete: stopsEarly ? 50 : 100,
    };
  }
  if (elapsed < queuedMs) return status;
  const percent = Math.min(99, Math.floor((100 * (elapsed - queuedMs)) / Math.max(1, runMs)));
  const done = Math.floor((task.identityCount * percent) / 100);
  return {
    ...status,
    modified: isoString(Math.round(now)),
    launched: isoString(launchedAt),
    progress: `${def.verb}: ${done} of ${task.identityCount}`,
    percentComplete: percent,
  };
}
