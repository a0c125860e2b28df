import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ModelEmitter } from '../../../../src/model/jobs/emitter';
import { JobJournal } from '../../../../src/model/jobs/jobJournal';
import { JobStore } from '../../../../src/model/jobs/jobStore';
import type { JobChange, JobJournalPort } from '../../../../src/model/jobs/jobStore';
import type { JobInit } from '../../../../src/model/jobs/jobTypes';
import { SENT_WITHOUT_ANSWER_MESSAGE } from '../../../../src/model/jobs/jobTypes';
import { TENANT, hexId, refs } from './jobFixtures';

function init(count: number, overrides: Partial<JobInit> = {}): JobInit {
  return {
    kind: 'synchronizeAttributes',
    label: 'Synchronize attributes',
    tenantId: TENANT,
    tenantLabel: 'Tenant one',
    clientId: 'client-1',
    source: { type: 'selection' },
    refs: refs(count),
    ...overrides,
  };
}

const done = (id: string, taskId: string | null = null) => ({ id, outcome: 'done' as const, httpStatus: 202, message: null, taskId });

/** A journal that records the calls made to it, and can be told to fail. */
function fakeJournal(): JobJournalPort & { calls: string[]; failing: boolean } {
  const fake = {
    calls: [] as string[],
    failing: false,
    maxJobs: 50,
    async create() {
      fake.calls.push('create');
      if (fake.failing) throw new Error('disk full');
    },
    async appendSend() {
      fake.calls.push('send');
      if (fake.failing) throw new Error('disk full');
    },
    async appendUnsent() {
      fake.calls.push('unsent');
      if (fake.failing) throw new Error('disk full');
    },
    async appendResult() {
      fake.calls.push('result');
      if (fake.failing) throw new Error('disk full');
    },
    async appendTask() {
      fake.calls.push('task');
      if (fake.failing) throw new Error('disk full');
    },
    async appendState() {
      fake.calls.push('state');
      if (fake.failing) throw new Error('disk full');
    },
    async remove() {
      fake.calls.push('remove');
    },
  };
  return fake;
}

describe('jobStore', () => {
  let dir: string;
  let journal: JobJournal;
  let clock: number;
  let store: JobStore;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jobstore-'));
    journal = new JobJournal(dir);
    clock = 1000;
    store = new JobStore(journal, [], { now: () => clock++ });
  });
  afterEach(async () => {
    store.dispose();
    await journal.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates a running job with every identity pending, collapsing identities given twice', async () => {
    const job = await store.create(init(3, { refs: [...refs(3), refs(1)[0]] }));
    assert.strictEqual(job.state, 'running');
    assert.strictEqual(job.items.length, 3);
    assert.deepStrictEqual(store.counts(job.id), { done: 0, failed: 0, unknown: 0, skipped: 0, cancelled: 0, pending: 3, sent: 0, total: 3 });
  });

  it('counts sent and answered items and sets startedAt at the first send', async () => {
    const job = await store.create(init(4));
    await store.markSent(job.id, [hexId(0), hexId(1), hexId(2)]);
    await store.recordResult(job.id, done(hexId(0)));
    await store.recordResult(job.id, { id: hexId(1), outcome: 'failed', httpStatus: 400, message: 'Bad request', taskId: null });
    const counts = store.counts(job.id);
    assert.deepStrictEqual([counts.done, counts.failed, counts.sent, counts.pending], [1, 1, 1, 1]);
    assert.strictEqual(store.get(job.id)?.startedAt, 1001);
  });

  it('names what Resume, Retry Failed and Check unknown outcomes work on', async () => {
    const job = await store.create(init(4));
    await store.markSent(job.id, [hexId(0), hexId(1), hexId(2)]);
    await store.recordResult(job.id, { id: hexId(0), outcome: 'failed', httpStatus: 400, message: 'Bad', taskId: null });
    await store.recordResult(job.id, { id: hexId(1), outcome: 'unknown', httpStatus: 502, message: 'Bad gateway', taskId: null });
    await store.recordResult(job.id, done(hexId(2)));
    assert.deepStrictEqual(store.resumable(job.id).map((r) => r.identityId), [hexId(3)]);
    assert.deepStrictEqual(store.retryable(job.id).map((r) => r.identityId), [hexId(0)]);
    assert.deepStrictEqual(store.unknown(job.id).map((r) => r.identityId), [hexId(1)]);
  });

  it('lists jobs newest first', async () => {
    const first = await store.create(init(1));
    const second = await store.create(init(1));
    assert.deepStrictEqual(store.list().map((j) => j.id), [second.id, first.id]);
  });

  it('writes to the journal before memory: a reloaded store sees the same job', async () => {
    const job = await store.create(init(3));
    await store.markSent(job.id, [hexId(0), hexId(1)]);
    await store.recordResult(job.id, done(hexId(0), 'task-1'));
    await store.updateTask(job.id, { taskId: 'task-1', status: null, percentComplete: 40, progress: 'Running', messages: [], completed: false, untrackable: null });
    await journal.close();
    const reloaded = new JobStore(journal, await new JobJournal(dir).loadAll());
    const again = reloaded.get(job.id);
    assert.strictEqual(again?.state, 'interrupted');
    assert.deepStrictEqual(again?.items.map((i) => i.state), ['done', 'unknown', 'pending']);
    assert.strictEqual(again?.items[1].message, SENT_WITHOUT_ANSWER_MESSAGE);
    assert.strictEqual(again?.tasks[0].percentComplete, 40);
    assert.deepStrictEqual(reloaded.counts(job.id).unknown, 1);
    assert.deepStrictEqual(reloaded.resumable(job.id).map((r) => r.identityId), [hexId(2)]);
  });

  it('sets finishedAt for finished and cancelled and clears it otherwise', async () => {
    const job = await store.create(init(1));
    await store.setState(job.id, 'finished');
    assert.strictEqual(store.get(job.id)?.finishedAt, 1001);
    await store.setState(job.id, 'running');
    assert.strictEqual(store.get(job.id)?.finishedAt, null);
  });

  it('replaces a task by its id', async () => {
    const job = await store.create(init(1));
    const task = { taskId: 't', status: null, percentComplete: 0, progress: null, messages: [], completed: false, untrackable: null };
    await store.updateTask(job.id, task);
    await store.updateTask(job.id, { ...task, status: 'Success', completed: true });
    assert.deepStrictEqual(store.get(job.id)?.tasks.map((t) => [t.taskId, t.status]), [['t', 'Success']]);
  });

  it('refuses to remove a running job, removes a paused one with its file', async () => {
    const job = await store.create(init(1));
    await assert.rejects(store.remove(job.id), /running/);
    await store.setState(job.id, 'paused');
    await store.remove(job.id);
    assert.strictEqual(store.get(job.id), undefined);
    assert.deepStrictEqual(await fs.readdir(dir), []);
  });

  it('rejects identities that are not part of the job', async () => {
    const job = await store.create(init(1));
    await assert.rejects(store.markSent(job.id, ['ffffffffffffffffffffffffffffffff']), /not part of job/);
  });

  it('announces changes, coalescing the answers of one batch into one items event', async () => {
    const events: JobChange[] = [];
    store.onDidChange((change) => events.push(change));
    const job = await store.create(init(3));
    await store.markSent(job.id, [hexId(0), hexId(1), hexId(2)]);
    await Promise.all([0, 1, 2].map((i) => store.recordResult(job.id, done(hexId(i)))));
    await new Promise((resolve) => setImmediate(resolve));
    await store.setState(job.id, 'finished');
    assert.deepStrictEqual(events.map((e) => e.kind), ['created', 'items', 'items', 'state']);
  });

  it('drops finished jobs beyond the cap when a job is created', async () => {
    const capped = new JobJournal(path.join(dir, 'capped'), { maxJobs: 2 });
    const small = new JobStore(capped, [], { now: () => clock++ });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const job = await small.create(init(1));
      await small.setState(job.id, 'finished');
      ids.push(job.id);
    }
    assert.deepStrictEqual(small.list().map((j) => j.id), [ids[3], ids[2]]);
    await capped.close();
  });

  describe('with a journal that fails', () => {
    it('sends nothing the journal does not know of: markSent rejects and leaves the items pending', async () => {
      const fake = fakeJournal();
      const failing = new JobStore(fake);
      const job = await failing.create(init(1));
      fake.failing = true;
      await assert.rejects(failing.markSent(job.id, [hexId(0)]), /disk full/);
      assert.strictEqual(failing.counts(job.id).pending, 1);
    });

    it('keeps answers in memory and reports the write failure in journalError', async () => {
      const fake = fakeJournal();
      const failing = new JobStore(fake);
      const job = await failing.create(init(1));
      await failing.markSent(job.id, [hexId(0)]);
      fake.failing = true;
      await failing.recordResult(job.id, done(hexId(0)));
      assert.strictEqual(failing.counts(job.id).done, 1);
      assert.match(String(failing.journalError), /disk full/);
    });

    it('calls the journal before changing memory', async () => {
      const fake = fakeJournal();
      const ordered = new JobStore(fake);
      const job = await ordered.create(init(1));
      let sentWhenJournaled: number | undefined;
      fake.appendSend = async () => {
        sentWhenJournaled = ordered.counts(job.id).sent;
      };
      await ordered.markSent(job.id, [hexId(0)]);
      assert.strictEqual(sentWhenJournaled, 0);
      assert.strictEqual(ordered.counts(job.id).sent, 1);
    });
  });
});

describe('ModelEmitter', () => {
  it('calls every listener even when one throws, and stops after dispose', () => {
    const emitter = new ModelEmitter<number>();
    const seen: number[] = [];
    emitter.event(() => {
      throw new Error('observer failure');
    });
    const subscription = emitter.event((n) => seen.push(n));
    emitter.fire(1);
    subscription.dispose();
    emitter.fire(2);
    assert.deepStrictEqual(seen, [1]);
  });
});

describe('jobStore unsent items', () => {
  let dir: string;
  let journal: JobJournal;
  let store: JobStore;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jobstore-'));
    journal = new JobJournal(dir);
    store = new JobStore(journal);
  });
  afterEach(async () => {
    store.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('puts items whose send was stopped before leaving back to pending, in memory and after a reload', async () => {
    const job = await store.create({ kind: 'resetIdentity', label: 'Reset identity', tenantId: 't', tenantLabel: 'T', clientId: 'c', source: { type: 'selection' }, parameters: {}, refs: [{ tenantId: 't', identityId: 'a', name: 'A' }, { tenantId: 't', identityId: 'b', name: 'B' }] });
    await store.markSent(job.id, ['a', 'b']);
    await store.markUnsent(job.id, ['b']);
    assert.deepStrictEqual(store.resumable(job.id).map((r) => r.identityId), ['b']);
    await journal.close();
    const reloaded = await new JobJournal(dir).loadAll();
    assert.deepStrictEqual(reloaded[0].items.map((i) => i.state), ['unknown', 'pending']);
  });
});
