import * as assert from 'node:assert/strict';
import { parseArgs } from '../../../sim/cli';

describe('sim command line', () => {
  it('fault and task flags become simulator options', () => {
    const o = parseArgs([
      '--short-page-drop', '4', '--total-count-override=100', '--ignore-offset', '--trickle-body-ms', '250',
      '--never-answer-rate', '0.1', '--reset-after-apply-rate', '0.05', '--truncate-after-apply-rate', '0.05',
      '--escalating-retry-after', '--escalation-time-scale', '0.01', '--task-duration-ms', '500', '--task-outcome', 'ERROR',
      '--task-status-forbidden',
    ]);
    assert.deepEqual(o.faults, {
      shortPageDrop: 4, totalCountOverride: 100, ignoreOffset: true, trickleBodyMs: 250, neverAnswerRate: 0.1,
      resetAfterApplyRate: 0.05, truncateAfterApplyRate: 0.05, escalatingRetryAfter: true, taskOutcome: 'ERROR',
      taskStatusForbidden: true,
    });
    assert.equal(o.escalationTimeScale, 0.01);
    assert.equal(o.taskDurationMs, 500);
  });

  it('refuses an unknown task outcome and a missing number', () => {
    assert.throws(() => parseArgs(['--task-outcome', 'MAYBE']), /SUCCESS, WARNING, ERROR, TERMINATED/);
    assert.throws(() => parseArgs(['--trickle-body-ms']), /needs a number/);
  });
});
