import * as assert from 'assert';
import { RenderTracker, isSettled } from '../../../src/webview/host/renderTracker';
import type { RenderReport } from '../../../src/webview/protocol';
import { silentLogger } from '../../../src/util/redact';

function report(overrides: Partial<RenderReport> = {}): RenderReport {
  return {
    seq: 1,
    rev: 1,
    identityId: 'abc',
    sections: [],
    state: 'loading',
    header: 'loading',
    assignments: 'loading',
    ownership: 'loading',
    assignment: 'idle',
    ...overrides,
  };
}

const allReady = { state: 'ready', header: 'ready', assignments: 'ready', ownership: 'ready' } as const;

describe('RenderTracker', () => {
  it('settles when the header is ready and the other sections are settled, or the header failed', () => {
    assert.ok(!isSettled(report()));
    assert.ok(!isSettled(report({ header: 'ready', ownership: 'ready' })));
    assert.ok(isSettled(report(allReady)));
    assert.ok(isSettled(report({ header: 'ready', assignments: 'error', ownership: 'notFound' })));
    assert.ok(isSettled(report({ header: 'notFound' })));
    assert.ok(isSettled(report({ header: 'error' })));
  });

  it('times a cycle only with paints that reflect its data', () => {
    const tracker = new RenderTracker(() => 'env/abc', silentLogger);
    tracker.startCycle('open', 1000);
    tracker.record(report({ rev: 1 }), 1010);
    tracker.markIdentityPosted(4);
    tracker.record(report({ rev: 3, ...allReady }), 1020); // an older paint: must not count
    assert.strictEqual(tracker.cycles[0].headerMs, undefined);
    tracker.record(report({ rev: 4, header: 'ready', state: 'ready' }), 1100);
    assert.strictEqual(tracker.cycles[0].headerMs, 100);
    assert.strictEqual(tracker.cycles[0].completeMs, undefined);
    tracker.markDataComplete(6);
    tracker.record(report({ rev: 5, header: 'ready', ownership: 'ready', state: 'ready' }), 1150);
    assert.strictEqual(tracker.cycles[0].completeMs, undefined);
    tracker.record(report({ rev: 6, ...allReady }), 1200);
    assert.strictEqual(tracker.cycles[0].completeMs, 200);
    tracker.startCycle('refresh', 2000);
    tracker.record(report({ rev: 6, ...allReady }), 2001);
    assert.strictEqual(tracker.cycles[1].completeMs, undefined, 'a repeat of the old paint does not complete the new cycle');
  });

  it('a cycle superseded by a newer one never completes', () => {
    const tracker = new RenderTracker(() => 'env/abc', silentLogger);
    const first = tracker.startCycle('open', 1000);
    const second = tracker.startCycle('refresh', 1050);
    tracker.markDataComplete(3, first); // the first load's Promise.all settles after the refresh began
    tracker.record(report({ rev: 3, ...allReady }), 1100);
    assert.strictEqual(first.completeMs, undefined);
    assert.strictEqual(second.completeMs, undefined);
    tracker.markDataComplete(8, second);
    tracker.record(report({ rev: 8, ...allReady }), 1300);
    assert.strictEqual(second.completeMs, 250);
  });

  it('waitFor resolves on a matching report and times out otherwise', async () => {
    const tracker = new RenderTracker(() => 'env/abc', silentLogger);
    const waiting = tracker.waitFor((r) => r.assignments === 'ready', 1000);
    tracker.record(report({ rev: 1 }));
    tracker.record(report({ rev: 2, assignments: 'ready', assignmentCount: 3 }));
    assert.strictEqual((await waiting).assignmentCount, 3);
    assert.strictEqual((await tracker.waitFor((r) => r.rev === 2, 10)).rev, 2, 'the current report counts');
    await assert.rejects(tracker.waitFor((r) => r.state === 'deleted', 20), /Timed out/);
  });
});
