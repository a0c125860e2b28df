// The job journal's size on disk per identity, for a one-identity-per-request action (synchronize: one send and one
// result line each, with ISC's job id) and for a batched one (process: 250 ids per send, one result line per batch).
// The ideal of 100 B per identity is a budget, not a limit of the format. Detail lines give the time per awaited
// send line with fdatasync (what each request waits for before it leaves).
// Beside it, the heap a JobStore holds for one finished 10,000-identity job (gc forced; the input refs excluded).
// Standalone: `npm run -s compile && node out/bench/jobJournal.bench.js`.
import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { JobJournal } from '../src/model/jobs/jobJournal';
import { JobStore } from '../src/model/jobs/jobStore';
import type { JobRecord } from '../src/model/jobs/jobTypes';
import type { Benchmark } from './lib/context';
import { detail, emit, now, target } from './lib/report';
import type { BenchResult } from './lib/report';

const IDEAL_BYTES = 100;
const FIRST_NAMES = ['Alice', 'Bartholomew', 'Chen', 'Dolores', 'Emeka', 'Françoise', 'Gwen', 'Hiroshi'];
const LAST_NAMES = ['Okafor', 'Smith', 'van der Berg', 'Nakamura', 'Johansson', "O'Neill", 'García'];

function record(id: string, count: number): JobRecord {
  const items = Array.from({ length: count }, (_, i) => ({
    ref: {
      tenantId: 'tenant',
      identityId: `2c9180835d2e5168${i.toString(16).padStart(16, '0')}`,
      name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[i % LAST_NAMES.length]}`,
    },
    state: 'pending' as const,
    httpStatus: null,
    message: null,
    taskId: null,
    at: null,
  }));
  return {
    id,
    kind: 'synchronizeAttributes',
    label: 'Synchronize attributes',
    tenantId: 'tenant',
    tenantLabel: 'Production tenant',
    clientId: '2c91808a7b6e4f1d9c8e7f6a5b4c3d2e',
    source: { type: 'filter', filter: 'processingState eq "ERROR"' },
    retryOf: null,
    parameters: {},
    createdAt: Date.now(),
    startedAt: null,
    finishedAt: null,
    state: 'running',
    items,
    tasks: [],
  };
}

interface Measured {
  bytesPerIdentity: number;
  msPerSend: number;
}

async function measure(dir: string, count: number, batchSize: number): Promise<Measured> {
  const journal = new JobJournal(dir);
  const job = record(randomUUID(), count);
  await journal.create(job);
  let sendMs = 0;
  let sends = 0;
  for (let start = 0; start < count; start += batchSize) {
    const indices = Array.from({ length: Math.min(batchSize, count - start) }, (_, i) => start + i);
    const sendStarted = now();
    await journal.appendSend(job.id, indices, Date.now());
    sendMs += now() - sendStarted;
    sends += 1;
    const taskId = randomUUID();
    const at = Date.now();
    await Promise.all(indices.map((index) => journal.appendResult(job.id, { index, outcome: 'done', httpStatus: 202, message: null, taskId, at })));
  }
  await journal.appendState(job.id, 'finished', Date.now());
  await journal.close();
  const { size } = await fs.stat(journal.fileOf(job.id));
  return { bytesPerIdentity: size / count, msPerSend: sendMs / sends };
}

function forcedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    for (let i = 0; i < 4; i++) gc();
  };
}

/** Heap growth of a JobStore holding one finished job of `count` identities, 250 per request, every item answered. */
async function storeHeapBytes(dir: string, count: number): Promise<number> {
  const gc = forcedGc();
  const job = record('unused', count);
  const refs = job.items.map((item) => item.ref);
  const journal = new JobJournal(dir, { fsync: false });
  gc();
  const before = process.memoryUsage().heapUsed;
  const store = new JobStore(journal);
  const created = await store.create({ kind: 'processIdentities', label: 'Process identities', tenantId: 'tenant', tenantLabel: 'Production tenant', clientId: job.clientId, source: job.source, refs });
  for (let start = 0; start < count; start += 250) {
    const ids = refs.slice(start, start + 250).map((ref) => ref.identityId);
    await store.markSent(created.id, ids);
    const taskId = randomUUID();
    await Promise.all(ids.map((id) => store.recordResult(created.id, { id, outcome: 'done', httpStatus: 202, message: null, taskId })));
  }
  await store.setState(created.id, 'finished');
  gc();
  const after = process.memoryUsage().heapUsed;
  if (store.counts(created.id).done !== count) throw new Error('the store lost results');
  await journal.close();
  return after - before;
}

async function run(): Promise<BenchResult[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-journal-'));
  try {
    const single = await measure(dir, 2_000, 1);
    const batched = await measure(dir, 10_000, 250);
    const heap = await storeHeapBytes(dir, 10_000);
    const heapMb = heap / 1048576;
    detail(`one identity per request (synchronize, 2,000): ${single.bytesPerIdentity.toFixed(0)} B per identity; ${single.msPerSend.toFixed(2)} ms per send line (fdatasync) in ${os.tmpdir()}`);
    detail(`250 per request (process, 10,000): ${batched.bytesPerIdentity.toFixed(0)} B per identity; ${batched.msPerSend.toFixed(2)} ms per send line`);
    return [
      emit({ name: 'journal-bytes-per-identity', figure: single.bytesPerIdentity, unit: 'B', ideal: IDEAL_BYTES, note: `[one per request; ${batched.bytesPerIdentity.toFixed(0)} B batched]` }),
      emit({ name: 'job-store-heap', figure: heapMb, unit: 'MB per 10,000 identities', ideal: 5, note: target(heapMb <= 5, '<= 5 MB') }, heapMb <= 5),
    ];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export const jobJournalBench: Benchmark = {
  names: ['journal-bytes-per-identity', 'job-store-heap'],
  budgetMs: 30_000,
  run,
};

if (require.main === module) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
