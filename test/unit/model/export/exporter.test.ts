import * as assert from 'assert';
import type { Identity, Page } from '../../../../src/api/types';
import type { ExportCheckpoint, ExportPageFetcher, ExportSink } from '../../../../src/model/export/exporter';
import { exportIdentities } from '../../../../src/model/export/exporter';

/** Identity number `n` of a generated tenant: nothing is stored, pages are made on request. */
function identity(n: number): Identity {
  return { id: `id${n}`, name: `Person ${n}`, alias: `p${n}`, attributes: { department: n % 2 ? '=cmd' : 'Sales' } };
}

interface FakeSource {
  fetch: ExportPageFetcher;
  calls: { offset: number; limit: number; count: boolean }[];
  /** Most pages requested but not yet handed to the sink at one moment. */
  maxOutstanding: number;
  settle(): void;
}

function fakeSource(size: number, options: { totalHeader?: number | null; shortPages?: boolean; insertAt?: number } = {}): FakeSource {
  let outstanding = 0;
  const calls: FakeSource['calls'] = [];
  const fetch: ExportPageFetcher = async (offset, limit, count, signal) => {
    calls.push({ offset, limit, count });
    outstanding++;
    source.maxOutstanding = Math.max(source.maxOutstanding, outstanding);
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    // `insertAt`: one identity appears before this offset once paging passed it (the list shifts by one).
    const shift = options.insertAt !== undefined && offset > options.insertAt ? 1 : 0;
    const items: Identity[] = [];
    const end = Math.min(size, offset + limit - (options.shortPages ? 4 : 0));
    for (let n = offset - shift; n < end - shift; n++) if (n >= 0) items.push(identity(n));
    const page: Page<Identity> = { items, offset, limit };
    if (count && options.totalHeader !== null) page.total = options.totalHeader ?? size;
    return page;
  };
  const source: FakeSource = {
    fetch,
    calls,
    maxOutstanding: 0,
    settle: () => {
      outstanding = Math.max(0, outstanding - 1);
    },
  };
  return source;
}

/** Counts lines and bytes, remembers which ids appeared (a bit per identity), holds no text. */
function countingSink(size: number, onWrite?: () => void): ExportSink & { lines: number; seen: Uint8Array; duplicates: number } {
  const sink = {
    bytes: 0,
    lines: 0,
    duplicates: 0,
    seen: new Uint8Array(size),
    async write(text: string) {
      sink.bytes += Buffer.byteLength(text);
      for (const match of text.matchAll(/Person (\d+)/g)) {
        const n = Number(match[1]);
        if (sink.seen[n]) sink.duplicates++;
        sink.seen[n] = 1;
      }
      sink.lines += text.split('\r\n').length - 1;
      onWrite?.();
    },
  };
  return sink;
}

describe('exportIdentities', () => {
  it('streams 100,000 identities page by page: each once, at most prefetch + 1 pages held, count asked once', async () => {
    const size = 100_000;
    const source = fakeSource(size);
    const sink = countingSink(size, () => source.settle());
    const progress: number[] = [];
    const result = await exportIdentities(source.fetch, sink, {
      columns: ['name', 'alias', 'attr:department'],
      format: 'csv',
      prefetch: 3,
      onProgress: (p) => progress.push(p.written),
    });
    assert.strictEqual(result.written, size);
    assert.strictEqual(sink.lines, size + 1, 'header + one line per identity');
    assert.strictEqual(sink.duplicates, 0);
    assert.ok(sink.seen.every((bit) => bit === 1), 'every identity written');
    assert.strictEqual(source.calls.length, size / 250, 'stops at the count: no extra empty page');
    assert.deepStrictEqual(source.calls.filter((c) => c.count).map((c) => c.offset), [0]);
    assert.ok(source.maxOutstanding <= 4, `held ${source.maxOutstanding} pages`);
    assert.strictEqual(progress[progress.length - 1], size);
    assert.strictEqual(result.bytes, sink.bytes);
  });

  it('asks for the next page while the page before it is still being written', async () => {
    const source = fakeSource(2500);
    const offsetsAskedDuringWrites: number[][] = [];
    let writes = 0;
    const sink: ExportSink = {
      bytes: 0,
      async write() {
        const asked = source.calls.map((c) => c.offset);
        if (writes++ === 2) offsetsAskedDuringWrites.push(asked);
        await new Promise((resolve) => setImmediate(resolve));
        source.settle();
      },
    };
    await exportIdentities(source.fetch, sink, { columns: ['name'], format: 'csv', prefetch: 2 });
    // Write 0 is the header, write 1 page 0 (asked alone, for the count), write 2 page 1: by then page 3 is asked.
    assert.deepStrictEqual(offsetsAskedDuringWrites, [[0, 250, 500, 750]]);
    assert.deepStrictEqual(source.calls.map((c) => c.offset), [0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2250], 'no page past the count');
  });

  it('does not stop on a short page and ends on an empty one when there is no count', async () => {
    const source = fakeSource(1000, { totalHeader: null, shortPages: true });
    const sink = countingSink(1000, () => source.settle());
    const result = await exportIdentities(source.fetch, sink, { columns: ['name'], format: 'csv' });
    assert.strictEqual(result.total, undefined);
    assert.strictEqual(result.written, 4 * 246);
    assert.deepStrictEqual(source.calls.map((c) => c.offset), [0, 250, 500, 750, 1000]);
  });

  it('writes an identity the shifting list repeats on the next page only once', async () => {
    const source = fakeSource(1000, { insertAt: 300 });
    const sink = countingSink(1000, () => source.settle());
    const result = await exportIdentities(source.fetch, sink, { columns: ['name'], format: 'csv', prefetch: 1 });
    assert.strictEqual(sink.duplicates, 0);
    assert.strictEqual(result.duplicatesSkipped, 1);
  });

  it('stops fetching when cancelled and leaves a checkpoint at the last complete page', async () => {
    const size = 50_000;
    const source = fakeSource(size);
    const controller = new AbortController();
    const checkpoints: ExportCheckpoint[] = [];
    const sink = countingSink(size, () => source.settle());
    await assert.rejects(
      exportIdentities(source.fetch, sink, {
        columns: ['name'],
        format: 'csv',
        signal: controller.signal,
        onCheckpoint: (c) => {
          checkpoints.push(c);
          if (checkpoints.length === 5) controller.abort();
        },
      }),
    );
    const callsAtCancel = source.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.strictEqual(source.calls.length, callsAtCancel, 'no request after the cancel');
    assert.ok(callsAtCancel <= 5 + 3, `${callsAtCancel} requests`);
    const last = checkpoints[checkpoints.length - 1];
    assert.deepStrictEqual({ nextOffset: last.nextOffset, written: last.written, total: last.total }, { nextOffset: 1250, written: 1250, total: size });
    assert.strictEqual(last.lastPageIds.length, 250);
  });

  it('resumes from a checkpoint without a second header and without repeating identities', async () => {
    const size = 2000;
    const first = fakeSource(size);
    const sink = countingSink(size, () => first.settle());
    const controller = new AbortController();
    let checkpoint: ExportCheckpoint | undefined;
    await assert.rejects(
      exportIdentities(first.fetch, sink, {
        columns: ['name'],
        format: 'csv',
        signal: controller.signal,
        onCheckpoint: (c) => {
          checkpoint = c;
          if (c.written >= 750) controller.abort();
        },
      }),
    );
    assert.ok(checkpoint);
    const second = fakeSource(size);
    const resumed = await exportIdentities(second.fetch, sink, { columns: ['name'], format: 'csv', resume: checkpoint });
    assert.strictEqual(second.calls[0].offset, checkpoint.nextOffset);
    assert.strictEqual(resumed.written, size);
    assert.strictEqual(sink.lines, size + 1);
    assert.strictEqual(sink.duplicates, 0);
  });

  it('starts a CSV with a byte order mark when asked', async () => {
    let text = '';
    const sink: ExportSink = { bytes: 0, write: async (t) => void (text += t) };
    await exportIdentities(fakeSource(3).fetch, sink, { columns: ['name', 'id'], format: 'csv', bom: true });
    assert.strictEqual(text, '\uFEFFName,ID\r\nPerson 0,id0\r\nPerson 1,id1\r\nPerson 2,id2\r\n');
  });

  it('writes JSON Lines without a header', async () => {
    let text = '';
    const sink: ExportSink = { bytes: 0, write: async (t) => void (text += t) };
    await exportIdentities(fakeSource(2).fetch, sink, { columns: ['id', 'name'], format: 'jsonl' });
    assert.deepStrictEqual(text.trim().split('\n').map((line) => JSON.parse(line)), [{ id: 'id0', name: 'Person 0' }, { id: 'id1', name: 'Person 1' }]);
  });
});
