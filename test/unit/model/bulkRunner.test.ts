import * as assert from 'assert';
import { abortableDelay } from '../../../src/model/abortableDelay';
import { BulkSkip, failedItems, retryFailed, runBulk } from '../../../src/model/bulkRunner';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('bulkRunner', () => {
  it('never runs more than `concurrency` workers at once and uses the full bound', async () => {
    let active = 0;
    let peak = 0;
    const summary = await runBulk({
      items: range(40),
      concurrency: 6,
      worker: async ([n]) => {
        active++;
        peak = Math.max(peak, active);
        await sleep(5 + (n % 3));
        active--;
        return n * 2;
      },
    });
    assert.strictEqual(peak, 6);
    assert.strictEqual(summary.counts.done, 40);
    assert.deepStrictEqual(summary.results.map((r) => r.value), range(40).map((n) => n * 2));
    assert.strictEqual(summary.cancelled, false);
  });

  it('gives every item exactly one result, in input order, whatever the mix of outcomes', async () => {
    const seen: number[] = [];
    const summary = await runBulk({
      items: range(30),
      concurrency: 4,
      worker: async ([n]) => {
        await sleep(n % 4);
        if (n % 5 === 0) throw new Error(`boom ${n}`);
        if (n % 7 === 0) throw new BulkSkip('not applicable');
        return n;
      },
      onResult: (result, done, total) => {
        seen.push(result.index);
        assert.ok(done <= total);
      },
    });
    assert.strictEqual(summary.results.length, 30);
    assert.deepStrictEqual(summary.results.map((r) => r.index), range(30));
    assert.deepStrictEqual([...seen].sort((a, b) => a - b), range(30), 'onResult once per item');
    assert.strictEqual(summary.counts.failed, 6); // 0,5,10,15,20,25
    assert.strictEqual(summary.counts.skipped, 4); // 7,14,21,28
    assert.strictEqual(summary.counts.done + summary.counts.failed + summary.counts.skipped + summary.counts.cancelled, 30);
    assert.strictEqual((summary.results[10].error as Error).message, 'boom 10');
  });

  it('hands out batches and settles all items of a batch together', async () => {
    const batches: number[][] = [];
    const summary = await runBulk({
      items: range(600),
      concurrency: 2,
      batchSize: 250,
      worker: async (batch) => {
        batches.push([...batch]);
        if (batch[0] === 250) throw new Error('chunk failed');
        return `task-${batch[0]}`;
      },
    });
    assert.deepStrictEqual(batches.map((b) => b.length).sort((a, b) => a - b), [100, 250, 250]);
    assert.strictEqual(summary.calls, 3);
    assert.strictEqual(summary.counts.done, 350);
    assert.strictEqual(summary.counts.failed, 250);
    assert.strictEqual(summary.results[599].value, 'task-500');
  });

  it('stops starting work when cancelled and reports which items were done', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const summary = await runBulk({
      items: range(50),
      concurrency: 3,
      signal: controller.signal,
      worker: async ([n], signal) => {
        started.push(n);
        if (n === 10) controller.abort();
        await abortableDelay(5, n === 10 ? undefined : signal);
        return n;
      },
    });
    assert.strictEqual(summary.cancelled, true);
    assert.ok(started.length <= 13, `started ${started.length}`);
    const notStarted = summary.results.filter((r) => r.attempts === 0);
    assert.ok(notStarted.length >= 37);
    for (const r of notStarted) assert.strictEqual(r.outcome, 'cancelled');
    assert.strictEqual(summary.results[10].outcome, 'done', 'in-flight work that finishes is reported as done');
    for (const r of summary.results) if (!started.includes(r.index)) assert.strictEqual(r.outcome, 'cancelled');
    assert.strictEqual(summary.results.length, 50);
  });

  it('does not start anything when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const summary = await runBulk({ items: range(5), concurrency: 2, signal: controller.signal, worker: async () => calls++ });
    assert.strictEqual(calls, 0);
    assert.strictEqual(summary.counts.cancelled, 5);
  });

  it('re-sends only when retryDelayMs allows, and at most maxAttempts times', async () => {
    const attempts = new Map<number, number>();
    const summary = await runBulk({
      items: range(4),
      concurrency: 4,
      maxAttempts: 3,
      retryDelayMs: (error) => ((error as { status?: number }).status === 429 ? 1 : undefined),
      worker: async ([n]) => {
        const a = (attempts.get(n) ?? 0) + 1;
        attempts.set(n, a);
        if (n === 0) throw Object.assign(new Error('server'), { status: 500 }); // never repeated
        if (n === 1 && a < 2) throw Object.assign(new Error('slow down'), { status: 429 });
        if (n === 2) throw Object.assign(new Error('always limited'), { status: 429 });
        return n;
      },
    });
    assert.strictEqual(attempts.get(0), 1, 'a 5xx is final');
    assert.strictEqual(attempts.get(1), 2);
    assert.strictEqual(attempts.get(2), 3);
    assert.deepStrictEqual(summary.results.map((r) => r.outcome), ['failed', 'done', 'failed', 'done']);
  });

  it('ends aborted workers as cancelled, not failed', async () => {
    const controller = new AbortController();
    const summary = await runBulk({
      items: range(3),
      concurrency: 3,
      signal: controller.signal,
      worker: async (_batch, signal) => {
        setTimeout(() => controller.abort(), 2);
        await abortableDelay(1000, signal);
        return 1;
      },
    });
    assert.deepStrictEqual(summary.results.map((r) => r.outcome), ['cancelled', 'cancelled', 'cancelled']);
  });

  it('retryFailed re-runs only the failed items and keeps exactly one result per item', async () => {
    let firstRound = true;
    const sent: number[] = [];
    const worker = async ([n]: readonly number[]): Promise<number> => {
      sent.push(n);
      if (firstRound && n % 3 === 0) throw new Error('transient');
      if (!firstRound && n === 9) throw new Error('still failing');
      return n;
    };
    const first = await runBulk({ items: range(12), concurrency: 5, worker });
    assert.deepStrictEqual(failedItems(first), [0, 3, 6, 9]);
    firstRound = false;
    sent.length = 0;
    const merged = await retryFailed(first, { concurrency: 5, worker });
    assert.deepStrictEqual([...sent].sort((a, b) => a - b), [0, 3, 6, 9], 'only failed items are sent again');
    assert.strictEqual(merged.results.length, 12);
    assert.deepStrictEqual(merged.counts, { done: 11, failed: 1, unknown: 0, cancelled: 0, skipped: 0 });
    assert.strictEqual(merged.results[9].outcome, 'failed');
    assert.strictEqual(merged.results[9].attempts, 2);
    assert.strictEqual(merged.results[3].outcome, 'done');
    assert.strictEqual(merged.calls, 16);
  });

  it('copes with an empty list', async () => {
    const summary = await runBulk({ items: [], concurrency: 4, worker: async () => 1 });
    assert.deepStrictEqual(summary.counts, { done: 0, failed: 0, unknown: 0, cancelled: 0, skipped: 0 });
    assert.strictEqual(summary.cancelled, false);
  });
});
