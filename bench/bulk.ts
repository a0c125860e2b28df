// Benchmark 2: bulk process and bulk synchronize of 1,000 identities through the action layer
// (src/model/actions/operations.ts executeOperation + the bulk runner + IscClient, with the audit log on), with
// the simulator's rate limit on. Lost / doubled identities are counted from the simulator's request log: each
// identity id must appear in exactly one accepted request.
import * as fs from 'fs';
import * as path from 'path';
import { IscClient } from '../src/api/iscClient';
import { executeOperation, processOperation, synchronizeOperation } from '../src/model/actions/operations';
import type { IdentityOperation } from '../src/model/actions/operations';
import { SyncCooldown } from '../src/model/actions/syncCooldown';
import { AuditLog } from '../src/model/auditLog';
import type { IdentityRef } from '../src/model/identityRef';
import type { SimRequestRecord } from '../sim/server';
import type { BenchContext, Benchmark } from './lib/context';
import { fetchToken } from './lib/http';
import { projectPath } from './lib/paths';
import { describeIdeal, describeRate, idealMs, rateFromEnv, windowBreakdown } from './lib/rateLimit';
import type { RateLimitSpec } from './lib/rateLimit';
import { detail, emit, median, now, sleep, target } from './lib/report';
import type { BenchResult } from './lib/report';
import { apiRequests, startSimProcess } from './lib/simProcess';
import type { SimProcess } from './lib/simProcess';

const COUNT = 1000;

/** Ids found in one request record: the process body's identityIds, or the id in a synchronize-attributes path. */
function idsOf(record: SimRequestRecord): string[] {
  const sync = /\/v2025\/identities\/([^/]+)\/synchronize-attributes$/.exec(record.path);
  if (sync) return [decodeURIComponent(sync[1])];
  const body = record.body as { identityIds?: unknown } | undefined;
  return Array.isArray(body?.identityIds) ? body.identityIds.filter((id): id is string => typeof id === 'string') : [];
}

interface Accounting {
  accepted: number;
  rejected429: number;
  otherFailures: number;
  lost: number;
  doubled: number;
}

function account(records: SimRequestRecord[], ids: string[]): Accounting {
  const seen = new Map<string, number>();
  let accepted = 0;
  let rejected429 = 0;
  let otherFailures = 0;
  for (const record of records) {
    if (record.status === 429) rejected429++;
    else if (record.status >= 400) otherFailures++;
    if (record.status < 200 || record.status >= 300) continue;
    accepted++;
    for (const id of idsOf(record)) seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return {
    accepted,
    rejected429,
    otherFailures,
    lost: ids.filter((id) => !seen.get(id)).length,
    doubled: ids.filter((id) => (seen.get(id) ?? 0) > 1).length,
  };
}

interface Probe {
  path: string;
  body?: unknown;
}

interface ServiceTimes {
  /** Median of serial requests: `s` of the ideal. */
  serialMs: number;
  /** Wall time of a burst of concurrent requests divided by their number: how fast the simulator drains a queue. */
  busyMs: number;
}

async function post(sim: SimProcess, token: string, probe: Probe, signal: AbortSignal): Promise<number> {
  const started = now();
  const response = await fetch(`${sim.url}/v2025${probe.path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'X-SailPoint-Experimental': 'true' },
    body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
    signal,
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`service-time probe ${probe.path} answered ${response.status}`);
  return now() - started;
}

/** Plain fetch, no client: serial probes, then a concurrent burst. */
async function serviceTimes(sim: SimProcess, serial: Probe[], burst: Probe[], signal: AbortSignal): Promise<ServiceTimes> {
  const token = await fetchToken(sim.url, sim.clientId, sim.clientSecret, signal);
  const times: number[] = [];
  for (const probe of serial) times.push(await post(sim, token, probe, signal));
  const started = now();
  await Promise.all(burst.map((probe) => post(sim, token, probe, signal)));
  return { serialMs: median(times), busyMs: (now() - started) / burst.length };
}

interface Run {
  name: string;
  operation: IdentityOperation;
  service: ServiceTimes;
  requestPath: RegExp;
}

interface Shared {
  refs: IdentityRef[];
  client: IscClient;
  sim: SimProcess;
  limit: RateLimitSpec;
  audit: AuditLog;
  signal: AbortSignal;
}

async function runOne(run: Run, shared: Shared): Promise<BenchResult> {
  const { refs, client, sim, limit, audit, signal } = shared;
  const { operation, service } = run;
  await sleep(limit.windowMs + 200);
  await sim.clearRequests();
  const startedEpoch = Date.now();
  const started = now();
  const report = await executeOperation(operation, refs, { client, tenant: { id: 'bench', label: 'bench', clientId: sim.clientId }, audit, signal });
  const elapsed = now() - started;
  const records = apiRequests(await sim.requests()).filter((r) => r.method === 'POST' && run.requestPath.test(r.path));
  const acct = account(records, refs.map((r) => r.identityId));
  const n = Math.ceil(refs.length / operation.batchSize);
  const ideal = idealMs(n, limit, service.serialMs);
  const fraction = ideal / elapsed;
  // What the simulator itself allows: the last window's requests drained at its busy time per request.
  const inLast = n - (Math.ceil(n / limit.requests) - 1) * limit.requests;
  const floor = (Math.ceil(n / limit.requests) - 1) * limit.windowMs + Math.max(service.serialMs, inLast * service.busyMs);
  detail(`${operation.label}: batch ${operation.batchSize}, concurrency ${operation.concurrency}; ${elapsed.toFixed(0)} ms, runner ${JSON.stringify(report.counts)}, ${report.requests} worker calls`);
  detail(`simulator log: ${records.length} requests (${acct.accepted} accepted, ${acct.rejected429} × 429, ${acct.otherFailures} other failures); ${describeIdeal(n, limit, service.serialMs)}; throughput = ideal/measured = ${fraction.toFixed(3)}`);
  detail(`simulator-bound floor (last window's ${inLast} requests drained at ${service.busyMs.toFixed(1)} ms each): ${floor.toFixed(0)} ms; throughput vs that floor ${(floor / elapsed).toFixed(3)}`);
  if (records.length > limit.requests) for (const line of windowBreakdown(records.map((r) => r.time), limit)) detail(`  ${line}`);
  else if (records.length > 0) {
    detail(`  requests arrived at +${records.map((r) => (r.time - startedEpoch).toFixed(0)).join(', +')} ms after the call started; the call returned at +${elapsed.toFixed(0)} ms; ${((refs.length / elapsed) * 1000).toFixed(0)} identities/s`);
  }
  const holds = fraction >= 0.95 && acct.lost === 0 && acct.doubled === 0;
  return emit(
    {
      name: run.name,
      figure: fraction,
      unit: `of the rate limit (${elapsed.toFixed(0)} ms, ${records.length} requests for ${n} ideal, ${acct.lost} lost, ${acct.doubled} doubled)`,
      ideal: 1,
      ratio: fraction,
      note: `${target(holds, '>= 0.95, 0 lost, 0 doubled')}${n <= limit.requests ? ` (${n} requests fit in one window: the limit does not bind, the ratio shows fixed overhead; ${((refs.length / elapsed) * 1000).toFixed(0)} identities/s)` : ''}`,
    },
    holds,
  );
}

export const bulkBench: Benchmark = {
  names: ['bulk-process', 'bulk-sync'],
  /** 1,000 synchronize requests take about 10 windows. */
  get budgetMs(): number {
    return 35_000 + 11 * rateFromEnv('BENCH_BULK_RATE', { requests: 100, windowMs: 1000 }).windowMs;
  },
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    // Synchronize requests cost the simulator ~1 ms, so a 1 s window measures the limiter, not the simulator.
    const limit = rateFromEnv('BENCH_BULK_RATE', { requests: 100, windowMs: 1000 });
    const sim = await startSimProcess({ identities: 2000, seed: 1, rateLimit: limit });
    const client = new IscClient({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, rateLimit: limit });
    const auditFile = projectPath('.tmp', 'bench', 'audit.jsonl');
    fs.mkdirSync(projectPath('.tmp', 'bench'), { recursive: true });
    fs.rmSync(auditFile, { force: true });
    const audit = new AuditLog(auditFile);
    const results: BenchResult[] = [];
    detail(`simulator: 2000 identities, rate limit ${describeRate(limit)} (ISC: 100 per 10000 ms), client limiter the same`);
    try {
      const refs: IdentityRef[] = [];
      for await (const page of client.iterateIdentities({ pageSize: 250 }, { signal: ctx.signal })) {
        for (const identity of page.items) if (refs.length < COUNT) refs.push({ tenantId: 'bench', identityId: identity.id, name: identity.name });
        if (refs.length >= COUNT) break;
      }
      // Service times on identities outside the 1,000 (synchronize has a 10 s cool-down per identity).
      const spare = await spareIds(client, ctx.signal);
      await sleep(limit.windowMs + 200);
      const processBody = { identityIds: spare.slice(0, 250) };
      const processTimes = await serviceTimes(sim, [0, 1, 2].map(() => ({ path: '/identities/process', body: processBody })), [0, 1, 2, 3].map(() => ({ path: '/identities/process', body: processBody })), ctx.signal);
      const syncProbe = (id: string): Probe => ({ path: `/identities/${encodeURIComponent(id)}/synchronize-attributes` });
      const syncTimes = await serviceTimes(sim, spare.slice(250, 253).map(syncProbe), spare.slice(253, 273).map(syncProbe), ctx.signal);
      detail(`service time (plain fetch; serial median / busy per request in a burst): process of 250 ids ${processTimes.serialMs.toFixed(1)} / ${processTimes.busyMs.toFixed(1)} ms, synchronize-attributes ${syncTimes.serialMs.toFixed(1)} / ${syncTimes.busyMs.toFixed(1)} ms; audit log ${path.relative(projectPath(), auditFile)}`);

      const shared: Shared = { refs, client, sim, limit, audit, signal: ctx.signal };
      results.push(await runOne({ name: 'bulk-process', operation: processOperation(), service: processTimes, requestPath: /\/identities\/process$/ }, shared));
      results.push(
        await runOne({ name: 'bulk-sync', operation: synchronizeOperation(new SyncCooldown(), 'bench'), service: syncTimes, requestPath: /\/synchronize-attributes$/ }, shared),
      );
    } finally {
      client.dispose();
      await sim.close();
    }
    return results;
  },
};

/** 300 identity ids outside the first 1,000 (offset 1000+), for the service-time probes. */
async function spareIds(client: IscClient, signal: AbortSignal): Promise<string[]> {
  const page = await client.listIdentities({ offset: 1000, limit: 250, defaultFilter: 'NONE' }, { signal });
  const next = await client.listIdentities({ offset: 1250, limit: 50, defaultFilter: 'NONE' }, { signal });
  return [...page.items, ...next.items].map((i) => i.id);
}
