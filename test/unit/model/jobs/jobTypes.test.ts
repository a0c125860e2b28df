import * as assert from 'assert';
import type { JobItem, JobItemState } from '../../../../src/model/jobs/jobTypes';
import { isJobState, isTerminalJobState, itemsNeedingLookFirst } from '../../../../src/model/jobs/jobTypes';

describe('jobTypes', () => {
  it('recognises the five job states and nothing else', () => {
    for (const state of ['running', 'paused', 'interrupted', 'finished', 'cancelled']) assert.ok(isJobState(state), state);
    for (const other of ['done', 'RUNNING', '', null, 3]) assert.ok(!isJobState(other), String(other));
  });

  it('treats finished and cancelled as terminal, the others as resumable', () => {
    assert.deepStrictEqual(
      (['running', 'paused', 'interrupted', 'finished', 'cancelled'] as const).filter(isTerminalJobState),
      ['finished', 'cancelled'],
    );
  });

  const item = (identityId: string, state: JobItemState): JobItem => ({
    ref: { tenantId: 'tenant-1', identityId, name: identityId },
    state,
    httpStatus: null,
    message: null,
    taskId: null,
    at: null,
  });

  it('lists failed items first, then outcome unknown, sent, not sent, cancelled, skipped and done', () => {
    const states: JobItemState[] = ['done', 'skipped', 'cancelled', 'pending', 'sent', 'unknown', 'failed'];
    const sorted = itemsNeedingLookFirst(states.map((state, index) => item(`id${index}`, state)));
    assert.deepStrictEqual(sorted.map((i) => i.state), ['failed', 'unknown', 'sent', 'pending', 'cancelled', 'skipped', 'done']);
  });

  it('keeps the order of items in the same state and leaves the given list as it was', () => {
    const items = [item('a', 'done'), item('b', 'failed'), item('c', 'done'), item('d', 'failed')];
    assert.deepStrictEqual(itemsNeedingLookFirst(items).map((i) => i.ref.identityId), ['b', 'd', 'a', 'c']);
    assert.deepStrictEqual(items.map((i) => i.ref.identityId), ['a', 'b', 'c', 'd']);
  });
});
