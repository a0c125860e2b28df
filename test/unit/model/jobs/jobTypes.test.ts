import * as assert from 'assert';
import { isJobState, isTerminalJobState } from '../../../../src/model/jobs/jobTypes';

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
});
