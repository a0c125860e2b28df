import * as assert from 'assert';
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JobJournal, jobsBeyondCap } from '../../../../src/model/jobs/jobJournal';
import { SENT_WITHOUT_ANSWER_MESSAGE } from '../../../../src/model/jobs/jobTypes';
import type { JobRecord } from '../../../../src/model/jobs/jobTypes';
import { replayJournal } from '../../../../src/model/jobs/journalFormat';
import { jobRecord } from './jobFixtures';

async function lines(file: string): Promise<Record<string, unknown>[]> {
  const text = await fs.readFile(file, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

// A process that journals a 4-lane job (send line, report "sent ID" on stdout, answer after 1 ms) until it is killed.
const KILLED_CHILD = `
const { JobJournal } = require(process.argv[1]);
const [dir, count] = [process.argv[2], Number(process.argv[3])];
const ids = Array.from({ length: count }, (_, i) => i.toString(16).padStart(32, '0'));
const items = ids.map((id) => ({ ref: { tenantId: 't', identityId: id, name: 'n' + id }, state: 'pending', httpStatus: null, message: null, taskId: null, at: null }));
const record = { id: 'killed', kind: 'resetIdentity', label: 'Reset identity', tenantId: 't', tenantLabel: 'T', clientId: 'c',
  source: { type: 'selection' }, retryOf: null, parameters: {}, createdAt: Date.now(), startedAt: null, finishedAt: null,
  state: 'running', items, tasks: [] };
(async () => {
  const journal = new JobJournal(dir);
  await journal.create(record);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      await journal.appendSend('killed', [index], Date.now());
      process.stdout.write('sent ' + ids[index] + '\\n');
      await new Promise((resolve) => setTimeout(resolve, 1));
      void journal.appendResult('killed', { index, outcome: 'done', httpStatus: 202, message: null, taskId: null, at: Date.now() });
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
})();
`;

describe('jobJournal', () => {
  let dir: string;
  let journal: JobJournal;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jobs-'));
    journal = new JobJournal(path.join(dir, 'jobs'));
  });
  afterEach(async () => {
    await journal.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes the header with the frozen items as the first line', async () => {
    const record = jobRecord({ id: 'job-1', count: 3 });
    await journal.create(record);
    const [header, ...rest] = await lines(journal.fileOf('job-1'));
    assert.strictEqual(header.type, 'job');
    assert.strictEqual(header.id, 'job-1');
    assert.deepStrictEqual(header.items, record.items.map((item) => [item.ref.identityId, item.ref.name]));
    assert.strictEqual(rest.length, 0);
  });

  it('has the send line on disk when appendSend resolves', async () => {
    const record = jobRecord({ id: 'job-1', count: 2 });
    await journal.create(record);
    await journal.appendSend('job-1', [0], 1000);
    const written = await lines(journal.fileOf('job-1'));
    assert.deepStrictEqual(written[1], { type: 'send', i: [0], at: 1000 });
  });

  it('rejects a second create of the same job id', async () => {
    await journal.create(jobRecord({ id: 'job-1', count: 1 }));
    await assert.rejects(journal.create(jobRecord({ id: 'job-1', count: 1 })));
  });

  it('rejects job ids that could leave the folder', () => {
    assert.throws(() => journal.fileOf('../evil'));
    assert.throws(() => journal.fileOf(''));
  });

  it('puts results of one tick that share every field on one line, and different ones on their own', async () => {
    await journal.create(jobRecord({ id: 'job-1', count: 3 }));
    await Promise.all([
      journal.appendResult('job-1', { index: 0, outcome: 'done', httpStatus: 202, message: null, taskId: 't1', at: 5 }),
      journal.appendResult('job-1', { index: 1, outcome: 'done', httpStatus: 202, message: null, taskId: 't1', at: 5 }),
      journal.appendResult('job-1', { index: 2, outcome: 'failed', httpStatus: 400, message: 'Bad', taskId: null, at: 5 }),
    ]);
    const [, first, second, ...rest] = await lines(journal.fileOf('job-1'));
    assert.deepStrictEqual(first, { type: 'result', i: [0, 1], outcome: 'done', httpStatus: 202, taskId: 't1', at: 5 });
    assert.deepStrictEqual(second, { type: 'result', i: [2], outcome: 'failed', httpStatus: 400, message: 'Bad', at: 5 });
    assert.strictEqual(rest.length, 0);
  });

  it('keeps the order of sends and results across many concurrent appends, each line whole', async () => {
    const count = 200;
    await journal.create(jobRecord({ id: 'job-1', count }));
    const work = Array.from({ length: count }, async (_, i) => {
      await journal.appendSend('job-1', [i], i);
      await journal.appendResult('job-1', { index: i, outcome: 'done', httpStatus: 204, message: null, taskId: null, at: i + 1 });
    });
    await Promise.all(work);
    const written = await lines(journal.fileOf('job-1'));
    const sentAt = new Map<number, number>();
    written.forEach((line, position) => {
      if (line.type === 'send') for (const item of line.i as number[]) sentAt.set(item, position);
      if (line.type === 'result') for (const item of line.i as number[]) assert.ok((sentAt.get(item) ?? Infinity) < position, `result of ${item} before its send`);
    });
    assert.strictEqual(sentAt.size, count);
    const record = replayJournal(await fs.readFile(journal.fileOf('job-1'), 'utf8'));
    assert.ok(record?.items.every((item) => item.state === 'done'));
  });

  it('redacts secrets in result messages', async () => {
    await journal.create(jobRecord({ id: 'job-1', count: 1 }));
    await journal.appendResult('job-1', { index: 0, outcome: 'failed', httpStatus: 401, message: 'header Bearer abc.def.ghi', taskId: null, at: 1 });
    const text = await fs.readFile(journal.fileOf('job-1'), 'utf8');
    assert.ok(!text.includes('abc.def.ghi'), text);
  });

  it('removes a job file and refuses later appends to it', async () => {
    await journal.create(jobRecord({ id: 'job-1', count: 1 }));
    await journal.remove('job-1');
    await assert.rejects(fs.stat(journal.fileOf('job-1')));
    await assert.rejects(journal.appendSend('job-1', [0], 1));
  });

  describe('loadAll', () => {
    it('replays every job, newest first', async () => {
      await journal.create(jobRecord({ id: 'old', count: 1, createdAt: 1 }));
      await journal.create(jobRecord({ id: 'new', count: 1, createdAt: 2 }));
      await journal.appendState('old', 'finished', 3);
      await journal.appendState('new', 'finished', 4);
      const loaded = await new JobJournal(journal.dir).loadAll();
      assert.deepStrictEqual(loaded.map((record) => record.id), ['new', 'old']);
    });

    it('turns a running or paused job into interrupted and keeps finished and cancelled ones', async () => {
      for (const [id, state] of [['r', 'running'], ['p', 'paused'], ['f', 'finished'], ['c', 'cancelled']] as const) {
        await journal.create(jobRecord({ id, count: 1 }));
        await journal.appendState(id, state, 10);
      }
      const states = Object.fromEntries((await new JobJournal(journal.dir).loadAll()).map((record) => [record.id, record.state]));
      assert.deepStrictEqual(states, { r: 'interrupted', p: 'interrupted', f: 'finished', c: 'cancelled' });
    });

    it('marks items sent without an answer unknown and leaves never-sent items pending', async () => {
      await journal.create(jobRecord({ id: 'job-1', count: 3 }));
      await journal.appendSend('job-1', [0, 1], 10);
      await journal.appendResult('job-1', { index: 0, outcome: 'done', httpStatus: 202, message: null, taskId: 'task-9', at: 11 });
      const [record] = await new JobJournal(journal.dir).loadAll();
      assert.deepStrictEqual(record.items.map((item) => item.state), ['done', 'unknown', 'pending']);
      assert.strictEqual(record.items[0].taskId, 'task-9');
      assert.strictEqual(record.items[1].message, SENT_WITHOUT_ANSWER_MESSAGE);
      assert.strictEqual(record.startedAt, 10);
    });

    it('ignores a torn last line, and the next append starts on a new line', async () => {
      await journal.create(jobRecord({ id: 'job-1', count: 2 }));
      await journal.appendSend('job-1', [0], 10);
      await journal.close();
      await fs.appendFile(journal.fileOf('job-1'), '{"type":"result","ids":["');
      const reopened = new JobJournal(journal.dir);
      const [torn] = await reopened.loadAll();
      assert.deepStrictEqual(torn.items.map((item) => item.state), ['unknown', 'pending']);
      await reopened.appendSend('job-1', [1], 12);
      await reopened.close();
      const [after] = await new JobJournal(journal.dir).loadAll();
      assert.deepStrictEqual(after.items.map((item) => item.state), ['unknown', 'unknown']);
    });

    it('keeps the latest status of each task', async () => {
      await journal.create(jobRecord({ id: 'job-1', count: 1 }));
      const task = { taskId: 't1', status: null, percentComplete: 10, progress: 'Started', messages: [], completed: false, untrackable: null };
      await journal.appendTask('job-1', task, 1);
      await journal.appendTask('job-1', { ...task, status: 'SUCCESS', percentComplete: 100, completed: true, messages: ['ok'] }, 2);
      await journal.appendTask('job-1', { ...task, taskId: 't2' }, 3);
      const [record] = await new JobJournal(journal.dir).loadAll();
      assert.deepStrictEqual(record.tasks.map((t) => [t.taskId, t.status, t.percentComplete, t.messages]), [
        ['t1', 'SUCCESS', 100, ['ok']],
        ['t2', null, 10, []],
      ]);
    });

    it('deletes files without a readable header', async () => {
      await fs.mkdir(journal.dir, { recursive: true });
      const broken = path.join(journal.dir, 'broken.jsonl');
      await fs.writeFile(broken, '{"type":"job","id":"bro');
      assert.deepStrictEqual(await journal.loadAll(), []);
      await assert.rejects(fs.stat(broken));
    });

    it('deletes finished jobs beyond the cap and keeps every unfinished one', async () => {
      const capped = new JobJournal(journal.dir, { maxJobs: 2 });
      for (let i = 1; i <= 5; i++) {
        await capped.create(jobRecord({ id: `job-${i}`, count: 1, createdAt: i }));
        await capped.appendState(`job-${i}`, i === 1 ? 'running' : 'finished', i);
      }
      const loaded = await new JobJournal(journal.dir, { maxJobs: 2 }).loadAll();
      assert.deepStrictEqual(loaded.map((record) => record.id), ['job-5', 'job-4', 'job-1']);
      assert.deepStrictEqual((await fs.readdir(journal.dir)).sort(), ['job-1.jsonl', 'job-4.jsonl', 'job-5.jsonl']);
      await capped.close();
    });

    it('returns nothing for a folder that does not exist yet', async () => {
      assert.deepStrictEqual(await new JobJournal(path.join(dir, 'none')).loadAll(), []);
    });
  });

  it('jobsBeyondCap names only terminal jobs older than the newest maxJobs', () => {
    const records: Pick<JobRecord, 'id' | 'createdAt' | 'state'>[] = [
      { id: 'a', createdAt: 1, state: 'finished' },
      { id: 'b', createdAt: 2, state: 'interrupted' },
      { id: 'c', createdAt: 3, state: 'cancelled' },
      { id: 'd', createdAt: 4, state: 'finished' },
    ];
    assert.deepStrictEqual(jobsBeyondCap(records, 1), ['c', 'a']);
  });

  it('loses no send of a process killed mid-job: every item it reported sent loads as sent or answered', async function () {
    this.timeout(20_000);
    const modulePath = path.join(__dirname, '../../../../src/model/jobs/jobJournal.js');
    const child = spawn(process.execPath, ['-e', KILLED_CHILD, modulePath, journal.dir, '2000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const reported = new Set<string>();
    let buffered = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        for (const part of parts) if (part.startsWith('sent ')) reported.add(part.slice(5));
        if (reported.size >= 300 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', () => resolve());
    });
    assert.ok(reported.size >= 300, `child reported ${reported.size} sends before it ended`);
    const [record] = await new JobJournal(journal.dir).loadAll();
    assert.strictEqual(record.state, 'interrupted');
    const lost = record.items.filter((item) => reported.has(item.ref.identityId) && item.state === 'pending');
    assert.deepStrictEqual(lost.map((item) => item.ref.identityId), []);
    assert.ok(record.items.some((item) => item.state === 'pending'), 'the kill came before the end of the job');
  });
});
