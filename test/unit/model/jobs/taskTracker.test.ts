import * as assert from 'assert';
import { IscApiError } from '../../../../src/api/errors';
import type { TaskStatus } from '../../../../src/api/types';
import type { JobTask } from '../../../../src/model/jobs/jobTypes';
import {
  DEFAULT_TASK_POLL_DELAYS,
  UNTRACKABLE_TASK_MESSAGE,
  jobTaskFromStatus,
  nextPollDelay,
  taskStatusTone,
  trackTask,
} from '../../../../src/model/jobs/taskTracker';
import type { TrackTaskOptions } from '../../../../src/model/jobs/taskTracker';

const FAST = { initialMs: 1, maxMs: 4, factor: 2 };

function status(overrides: Partial<TaskStatus> = {}): TaskStatus {
  return {
    id: 'task-1',
    type: 'QUARTZ',
    uniqueName: 'Identity Invitation',
    description: null,
    parentName: null,
    launcher: 'support',
    created: '2025-10-02T08:20:00.000Z',
    modified: null,
    launched: null,
    completed: null,
    completionStatus: null,
    messages: [],
    returns: [],
    attributes: {},
    progress: null,
    percentComplete: 0,
    ...overrides,
  };
}

/** getTaskStatus answering from a script: a status, or an error to throw; the last entry repeats. */
function scripted(script: (TaskStatus | Error)[]): TrackTaskOptions['getTaskStatus'] & { calls: number } {
  const fn = Object.assign(
    async (): Promise<TaskStatus> => {
      const next = script[Math.min(fn.calls, script.length - 1)];
      fn.calls += 1;
      if (next instanceof Error) throw next;
      return next;
    },
    { calls: 0 },
  );
  return fn;
}

const apiError = (status: number): IscApiError =>
  new IscApiError({ kind: status === 404 ? 'notFound' : status === 403 ? 'forbidden' : 'server', operation: 'get-task-status', message: `Get task status failed (${status})`, status });

describe('taskTracker', () => {
  it('polls until completionStatus is set and reports each change of progress', async () => {
    const get = scripted([
      status(),
      status({ launched: '2025-10-02T08:20:01Z', progress: 'Started', percentComplete: 30 }),
      status({ launched: '2025-10-02T08:20:01Z', progress: 'Started', percentComplete: 30 }),
      status({ progress: 'Done', percentComplete: 100, completed: '2025-10-02T08:20:05Z', completionStatus: 'SUCCESS', messages: [{ type: 'INFO', localizedText: { locale: 'en-US', message: 'Invited 2' }, key: 'k', parameters: null }] }),
    ]);
    const updates: JobTask[] = [];
    const final = await trackTask('task-1', { getTaskStatus: get, onUpdate: (t) => updates.push(t), delays: FAST });
    assert.strictEqual(get.calls, 4);
    assert.deepStrictEqual(updates.map((u) => [u.percentComplete, u.progress, u.status]), [
      [0, null, null],
      [30, 'Started', null],
      [100, 'Done', 'SUCCESS'],
    ]);
    assert.deepStrictEqual(final, { taskId: 'task-1', status: 'SUCCESS', percentComplete: 100, progress: 'Done', messages: ['Invited 2'], completed: true, untrackable: null });
  });

  it('ends on an ERROR status with its messages', async () => {
    const get = scripted([status({ completionStatus: 'Error', messages: [{ type: 'ERROR', localizedText: { locale: 'en', message: 'Source unreachable' }, key: 'x', parameters: [] }] })]);
    const final = await trackTask('task-1', { getTaskStatus: get, delays: FAST });
    assert.strictEqual(final.status, 'Error');
    assert.deepStrictEqual(final.messages, ['ERROR: Source unreachable']);
    assert.strictEqual(taskStatusTone(final.status), 'error');
  });

  it('treats a completed timestamp without completionStatus as the end', async () => {
    const get = scripted([status({ completed: '2025-10-02T08:20:05Z' })]);
    const final = await trackTask('task-1', { getTaskStatus: get, delays: FAST });
    assert.strictEqual(get.calls, 1);
    assert.strictEqual(final.completed, true);
    assert.strictEqual(final.status, null);
  });

  for (const code of [404, 403]) {
    it(`stops after one ${code} with one "not reported" update`, async () => {
      const get = scripted([apiError(code)]);
      const updates: JobTask[] = [];
      const final = await trackTask('task-1', { getTaskStatus: get, onUpdate: (t) => updates.push(t), delays: FAST });
      assert.strictEqual(get.calls, 1);
      assert.strictEqual(updates.length, 1);
      assert.strictEqual(final.untrackable, UNTRACKABLE_TASK_MESSAGE);
      assert.strictEqual(final.completed, false);
    });
  }

  it('keeps polling through other errors and recovers', async () => {
    const get = scripted([apiError(503), new Error('socket hang up'), status({ completionStatus: 'WARNING' })]);
    const updates: JobTask[] = [];
    const final = await trackTask('task-1', { getTaskStatus: get, onUpdate: (t) => updates.push(t), delays: FAST });
    assert.strictEqual(get.calls, 3);
    assert.strictEqual(final.status, 'WARNING');
    assert.ok(updates.every((u) => u.untrackable === null));
  });

  it('gives up after the bound of consecutive errors, with the error text', async () => {
    const get = scripted([apiError(500)]);
    const final = await trackTask('task-1', { getTaskStatus: get, delays: { ...FAST, maxConsecutiveErrors: 3 } });
    assert.strictEqual(get.calls, 3);
    assert.match(final.untrackable ?? '', /Get task status failed \(500\)/);
  });

  it('resolves with the last view when cancelled, polling no more', async () => {
    const controller = new AbortController();
    const get = scripted([status({ percentComplete: 10, launched: 'x' })]);
    const done = trackTask('task-1', { getTaskStatus: get, signal: controller.signal, delays: { initialMs: 1, maxMs: 20, factor: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    const final = await done;
    const calls = get.calls;
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.strictEqual(get.calls, calls);
    assert.strictEqual(final.percentComplete, 10);
    assert.strictEqual(final.completed, false);
  });

  it('stops following a task that outlives the duration bound', async () => {
    let clock = 0;
    const get = scripted([status({ launched: 'x' })]);
    const final = await trackTask('task-1', {
      getTaskStatus: async (id, signal) => {
        clock += 60_000;
        return get(id, signal);
      },
      now: () => clock,
      delays: { ...FAST, maxDurationMs: 150_000 },
    });
    assert.strictEqual(get.calls, 3);
    assert.match(final.untrackable ?? '', /after 3 min/);
  });

  it('backs off from 2 s to at most 30 s by default', () => {
    const waits = [DEFAULT_TASK_POLL_DELAYS.initialMs];
    while (waits.length < 10) waits.push(nextPollDelay(waits[waits.length - 1], DEFAULT_TASK_POLL_DELAYS));
    assert.strictEqual(waits[0], 2_000);
    assert.ok(waits.every((w, i) => i === 0 || w >= waits[i - 1]));
    assert.strictEqual(waits[waits.length - 1], 30_000);
  });

  it('reads completionStatus case-insensitively as an open string', () => {
    assert.deepStrictEqual(
      ['SUCCESS', 'Success', 'warning', 'TERMINATED', 'TEMPERROR', 'PAUSED', null, ''].map((s) => taskStatusTone(s)),
      ['success', 'success', 'warning', 'error', 'error', 'other', 'pending', 'pending'],
    );
  });

  it('keeps message keys when a message has no text and ignores unreadable entries', () => {
    const task = jobTaskFromStatus('t', status({ messages: [{ type: 'WARN', key: 'task.warn.x', localizedText: null, parameters: null }, 42, 'plain'] }));
    assert.deepStrictEqual(task.messages, ['WARN: task.warn.x', 'plain']);
  });
});
