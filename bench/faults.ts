// Benchmark: a 500-identity reset under 30% 429, 15% 5xx and 5% truncated-after-apply (the write is carried out, the
// answer is unreadable), then "Retry Failed" (certain failures only) and "Check…" (ask ISC, re-send only what did not
// happen). Counted from the simulator's log of applied writes: identities reset 0 times (lost) or 2+ times (sent twice),
// and the outcome-unknown items the user is shown. The old policy (re-send everything not done) is counted alongside.
import { IscClient } from '../src/api/iscClient';
import { executeOperation, resetOperation } from '../src/model/actions/operations';
import type { OperationReport } from '../src/model/actions/operations';
import { checkOutcomes } from '../src/model/actions/outcomeChecks';
import type { IdentityRef } from '../src/model/identityRef';
import type { SimRequestRecord } from '../sim/server';
import type { BenchContext, Benchmark } from './lib/context';
import { detail, emit } from './lib/report';
import type { BenchResult } from './lib/report';
import { startSimProcess } from './lib/simProcess';
import type { SimProcess } from './lib/simProcess';

const COUNT = 500;
const FAULTS = { rate429: 0.3, rate5xx: 0.15, truncateAfterApplyRate: 0.05 };

function appliedResets(records: SimRequestRecord[]): Map<string, number> {
  const applied = new Map<string, number>();
  for (const record of records) {
    const match = /^\/v2025\/identities\/([^/]+)\/reset$/.exec(record.path);
    if (match && record.method === 'POST' && record.applied) applied.set(match[1], (applied.get(match[1]) ?? 0) + 1);
  }
  return applied;
}

async function refsOf(client: IscClient, tenantId: string): Promise<IdentityRef[]> {
  const refs: IdentityRef[] = [];
  for await (const page of client.iterateIdentities({ defaultFilter: 'NONE' })) {
    for (const identity of page.items) if (refs.length < COUNT && identity.identityStatus !== 'UNREGISTERED') refs.push({ tenantId, identityId: identity.id, name: identity.name });
    if (refs.length >= COUNT) break;
  }
  return refs;
}

interface FaultRun {
  lost: number;
  twice: number;
  /** Identities the old policy (re-send everything not done) would have sent twice: unknown ones ISC had carried out. */
  twiceOldPolicy: number;
  unknownShown: number;
  requests: number;
  seconds: number;
}

/** Reset under faults, then Retry Failed (certain failures only) and Check… (re-send only what did not happen). */
async function runWithOutcomes(sim: SimProcess, signal: AbortSignal): Promise<FaultRun> {
  const client = new IscClient({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, rateLimit: { requests: 100, windowMs: 1000 } });
  try {
    const refs = await refsOf(client, 'bench');
    await sim.clearRequests();
    await setFaults(sim, FAULTS);
    const started = Date.now();
    const tenant = { id: 'bench', label: 'Bench', clientId: sim.clientId };
    const first: OperationReport = await executeOperation(resetOperation(), refs, { client, tenant, signal });
    await setFaults(sim, {});
    const appliedAfterFirst = appliedResets(await sim.requests());
    const unknown = first.items.filter((item) => item.outcome === 'unknown');
    const failed = first.items.filter((item) => item.outcome === 'failed').map((item) => item.ref);
    await executeOperation(resetOperation(), failed, { client, tenant, signal });
    const checks = await checkOutcomes('resetIdentity', client, unknown.map((item) => ({ ref: item.ref, sentAt: item.sentAt ?? first.startedAt })), { signal });
    const notHappened = checks.filter((check) => check.verdict === 'notHappened').map((check) => check.ref);
    await executeOperation(resetOperation(), notHappened, { client, tenant, signal });
    const records = await sim.requests();
    const applied = appliedResets(records);
    return {
      lost: refs.filter((ref) => !applied.get(ref.identityId)).length,
      twice: refs.filter((ref) => (applied.get(ref.identityId) ?? 0) > 1).length,
      twiceOldPolicy: unknown.filter((item) => (appliedAfterFirst.get(item.ref.identityId) ?? 0) > 0).length,
      unknownShown: unknown.length,
      requests: records.filter((r) => r.path.startsWith('/v2025/')).length,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    client.dispose();
  }
}

async function setFaults(sim: SimProcess, faults: object): Promise<void> {
  const response = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  if (!response.ok) throw new Error(`setting faults: ${response.status}`);
}

export const faultsBench: Benchmark = {
  names: ['faults-bulk-500-lost', 'faults-bulk-500-sent-twice', 'faults-bulk-500-unknown-shown', 'faults-bulk-500-sent-twice-old-policy'],
  /** 30% of 429s pause the client id for their Retry-After (1 s) each: about two minutes. */
  budgetMs: 200_000,
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const sim = await startSimProcess({ identities: 2000, seed: 7, rateLimit: { requests: 100, windowMs: 1000 } });
    try {
      const run = await runWithOutcomes(sim, ctx.signal);
      detail(`${run.requests} API requests in ${run.seconds.toFixed(1)} s; ${run.unknownShown} outcome unknown after the first run, each checked with ISC`);
      const zero = (n: number): number => (n === 0 ? 1 : Infinity);
      return [
        emit({ name: 'faults-bulk-500-lost', figure: run.lost, unit: 'identities', ideal: 0, ratio: zero(run.lost) }, run.lost === 0),
        emit({ name: 'faults-bulk-500-sent-twice', figure: run.twice, unit: 'identities', ideal: 0, ratio: zero(run.twice), note: '(after Retry Failed and Check)' }, run.twice === 0),
        emit({ name: 'faults-bulk-500-unknown-shown', figure: run.unknownShown, unit: 'identities', ideal: 0, ratio: zero(run.unknownShown), note: '(shown as outcome unknown, never re-sent blindly)' }),
        emit({ name: 'faults-bulk-500-sent-twice-old-policy', figure: run.twiceOldPolicy, unit: 'identities', ideal: 0, ratio: zero(run.twiceOldPolicy), note: '(had everything not done been re-sent, as before)' }),
      ];
    } finally {
      await sim.close();
    }
  },
};
