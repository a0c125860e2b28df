// Benchmark: jobs at scale. A 10,000-identity filtered set enumerated (against the rate-limit ideal) and processed
// as 40 requests, then a 2,000-identity synchronize job through the job runner with its journal on disk (fraction of
// the rate limit reached); the journal's bytes per identity. Simulator and client at 100 requests per 1 s.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IscClient } from '../src/api/iscClient';
import { processOperation, synchronizeOperation } from '../src/model/actions/operations';
import { SyncCooldown } from '../src/model/actions/syncCooldown';
import { JobJournal } from '../src/model/jobs/jobJournal';
import { JobRunner } from '../src/model/jobs/jobRunner';
import { JobStore } from '../src/model/jobs/jobStore';
import type { IdentityRef } from '../src/model/identityRef';
import { enumerateFilterTargets, identityPagesFor } from '../src/model/targets/filterTargets';
import type { BenchContext, Benchmark } from './lib/context';
import { idealMs } from './lib/rateLimit';
import { detail, emit, now, target } from './lib/report';
import type { BenchResult } from './lib/report';
import { startSimProcess } from './lib/simProcess';

const LIMIT = { requests: 100, windowMs: 1000 };
const SET = 10_000;
const SYNC = 2_000;

export const jobsBench: Benchmark = {
  names: ['jobs-filter-enumerate-10k', 'jobs-process-10k-requests', 'jobs-sync-2000', 'jobs-journal-bytes-per-identity'],
  budgetMs: 90_000,
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const sim = await startSimProcess({ identities: 12_000, seed: 3, rateLimit: LIMIT });
    const client = new IscClient({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, rateLimit: LIMIT });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-jobs-'));
    const journal = new JobJournal(dir);
    const store = new JobStore(journal);
    const runner = new JobRunner({ store });
    const results: BenchResult[] = [];
    try {
      // Every identity but the few uncorrelated ones; the filter is what the server pages through.
      const filter = 'correlated eq true';
      await client.listIdentities({ limit: 1 });
      // Paging is one request after the other: its ideal is the pages times one page's service time (a serial
      // median measured here), or the rate-limit bound, whichever is longer.
      const serial: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = now();
        await client.listIdentities({ filters: filter, limit: 250, offset: 250 * i });
        serial.push(now() - t0);
      }
      const pageMs = serial.sort((a, b) => a - b)[1];
      await new Promise((resolve) => setTimeout(resolve, LIMIT.windowMs + 100));
      await sim.clearRequests();
      const started = now();
      const refs = (await enumerateFilterTargets(filter, { tenantId: 'bench', iterate: identityPagesFor(client), signal: ctx.signal })).slice(0, SET);
      const enumerateMs = now() - started;
      const pages = (await sim.requests()).filter((r) => r.path === '/v2025/identities').length;
      const enumerateIdeal = Math.max(idealMs(pages, LIMIT, pageMs), pages * pageMs);
      detail(`${refs.length} identities in ${pages} pages (the last, empty page ends it) in ${enumerateMs.toFixed(0)} ms; one page ${pageMs.toFixed(1)} ms serial`);
      results.push(emit({ name: 'jobs-filter-enumerate-10k', figure: enumerateMs / 1000, unit: 's', ideal: enumerateIdeal / 1000, note: target(enumerateMs / enumerateIdeal <= 1.1, '<= 1.10 × ideal (two pages in flight can beat the serial ideal)') }, enumerateMs / enumerateIdeal <= 1.1));

      await sim.clearRequests();
      const processJob = await store.create({ kind: 'processIdentities', label: 'Process identities', tenantId: 'bench', tenantLabel: 'Bench', clientId: sim.clientId, source: { type: 'filter', filter }, parameters: {}, refs });
      await runner.run(processJob, processOperation(), client, { signal: ctx.signal });
      const processRequests = (await sim.requests()).filter((r) => r.method === 'POST' && r.path === '/v2025/identities/process').length;
      results.push(emit({ name: 'jobs-process-10k-requests', figure: processRequests, unit: 'requests', ideal: Math.ceil(refs.length / 250) }));

      const syncRefs: IdentityRef[] = refs.slice(0, SYNC);
      await new Promise((resolve) => setTimeout(resolve, LIMIT.windowMs + 100));
      const syncJob = await store.create({ kind: 'synchronizeAttributes', label: 'Synchronize attributes', tenantId: 'bench', tenantLabel: 'Bench', clientId: sim.clientId, source: { type: 'selection' }, parameters: {}, refs: syncRefs });
      const before = journal.bytesWritten;
      const syncStarted = now();
      await runner.run(syncJob, synchronizeOperation(new SyncCooldown(), 'bench'), client, { signal: ctx.signal });
      const syncMs = now() - syncStarted;
      const counts = store.counts(syncJob.id);
      const fraction = idealMs(SYNC, LIMIT, 2) / syncMs;
      detail(`${counts.done} done, ${counts.failed} failed, ${counts.unknown} unknown in ${syncMs.toFixed(0)} ms (journal fsync before every send)`);
      results.push(emit({ name: 'jobs-sync-2000', figure: syncMs / 1000, unit: 's', ideal: idealMs(SYNC, LIMIT, 2) / 1000, ratio: fraction, note: target(fraction >= 0.95, '>= 0.95 of the rate limit') }, fraction >= 0.95));
      const perIdentity = (journal.bytesWritten - before) / SYNC;
      results.push(emit({ name: 'jobs-journal-bytes-per-identity', figure: perIdentity, unit: 'B', ideal: 100, note: '(one request per identity; batched actions write less)' }));
    } finally {
      store.dispose();
      await journal.close();
      client.dispose();
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};
