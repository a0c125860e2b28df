// Benchmark 1: enumerate every identity of a 50,000-identity simulator through IscClient.iterateIdentities with the
// simulator's rate limit on, against the limiter's ideal; beside it, for scale, a naive client (plain fetch: pages
// of 100, one at a time, sleeping Retry-After on 429).
//
// Rate limit: 100 per 10 000 ms, ISC's own (BENCH_ENUM_RATE overrides). A shorter window (100 per 1 s) would not
// measure the limiter: the simulator serves a page of 250 in ~14 ms of CPU, i.e. at most ~70 pages/s, below 100/s.
//
// Two simulators (started together) so that the measured run does not inherit the probes' rate-limit window:
//   A: iterateIdentities({ pageSize: 250 }) — the client as a caller uses it (counts page 1, then prefetches);
//   C: service-time probes. The naive client runs last in `npm run bench` (naiveEnumerateBench), on its own simulator.
import { IscClient } from '../src/api/iscClient';
import type { BenchContext, Benchmark } from './lib/context';
import { fetchToken, measureListServiceMs, naiveEnumerate, timedGet } from './lib/http';
import { describeIdeal, describeRate, idealMs, rateFromEnv, windowBreakdown } from './lib/rateLimit';
import type { RateLimitSpec } from './lib/rateLimit';
import { detail, emit, median, now, skipped, sleep, target } from './lib/report';
import type { BenchResult } from './lib/report';
import { apiRequests, startSimProcess, tokenRequests } from './lib/simProcess';
import type { SimProcess } from './lib/simProcess';

const IDENTITIES = 50_000;
const PAGE = 250;

interface Measured {
  elapsed: number;
  listRequests: number;
  count429: number;
  failed: number;
  tokens: number;
  ids: number;
  items: number;
  /** Simulator arrival times of the list requests, relative to the first one. */
  arrivals: number[];
}

async function enumerateWith(client: IscClient, sim: SimProcess, query: { count?: boolean }, signal: AbortSignal): Promise<Measured> {
  await sim.clearRequests();
  const ids = new Set<string>();
  let items = 0;
  const started = now();
  for await (const page of client.iterateIdentities({ pageSize: PAGE, ...query }, { signal })) {
    items += page.items.length;
    for (const identity of page.items) ids.add(identity.id);
  }
  const elapsed = now() - started;
  const log = await sim.requests();
  const api = apiRequests(log);
  const lists = api.filter((r) => r.method === 'GET' && /\/v2025\/identities$/.test(r.path));
  return {
    arrivals: lists.map((r) => r.time - (lists[0]?.time ?? 0)),
    elapsed,
    listRequests: lists.length,
    count429: api.filter((r) => r.status === 429).length,
    failed: api.filter((r) => r.status >= 400 && r.status !== 429).length,
    tokens: tokenRequests(log).length,
    ids: ids.size,
    items,
  };
}

function report(name: string, label: string, m: Measured, ideal: number, floor: number, limit: RateLimitSpec, withTarget: boolean): BenchResult {
  const ratio = m.elapsed / ideal;
  const complete = m.ids === IDENTITIES && m.items === IDENTITIES;
  detail(`${label}: ${m.elapsed.toFixed(0)} ms; ${m.items} items, ${m.ids} distinct ids; simulator saw ${m.listRequests} list requests (ideal ${Math.ceil(IDENTITIES / PAGE) + 1}: the pages and the empty one that ends the list), ${m.count429} × 429, ${m.failed} other failures, ${m.tokens} token requests; vs simulator-bound floor ${(m.elapsed / floor).toFixed(3)}`);
  for (const line of windowBreakdown(m.arrivals, limit)) detail(`  ${line}`);
  const holds = ratio <= 1.1 && m.count429 === 0 && m.failed === 0 && complete;
  return emit(
    {
      name,
      figure: m.elapsed,
      unit: `ms (${m.listRequests} requests, ${m.count429} × 429, ${m.failed} failed, ${m.ids} ids)`,
      ideal,
      ratio,
      note: withTarget ? target(holds, '<= 1.10 × ideal, 0 failed, every id once') : '[for comparison]',
    },
    withTarget ? holds : undefined,
  );
}

/** Lower bound set by the simulator's own capacity: full windows at W, then the last window's pages back to back. */
function simulatorFloor(n: number, limit: RateLimitSpec, serviceMs: number, perPageBusyMs: number): number {
  const windows = Math.ceil(n / limit.requests);
  const inLast = n - (windows - 1) * limit.requests;
  return (windows - 1) * limit.windowMs + Math.max(serviceMs, inLast * perPageBusyMs);
}

/** s and the ideal of the last `enumerate` run, so that the naive run (last in `npm run bench`) compares with it. */
let lastMeasurement: { serviceMs: number; ideal: number; limit: RateLimitSpec } | undefined;

export const enumerateBench: Benchmark = {
  names: ['enumerate'],
  get budgetMs(): number {
    return 40_000 + 2 * rateFromEnv('BENCH_ENUM_RATE', { requests: 100, windowMs: 10_000 }).windowMs;
  },
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const limit = rateFromEnv('BENCH_ENUM_RATE', { requests: 100, windowMs: 10_000 });
    // BENCH_ENUM_LATENCY_MS adds the simulator's per-request latency (e.g. 200 for a tenant across the internet).
    const latencyMs = Number(process.env.BENCH_ENUM_LATENCY_MS ?? 0) || undefined;
    const simStarted = now();
    const [simA, simC] = await Promise.all([0, 1].map(() => startSimProcess({ identities: IDENTITIES, seed: 1, rateLimit: limit, latencyMs })));
    detail(`2 simulators of ${IDENTITIES} identities, rate limit ${describeRate(limit)} (ISC: 100 per 10000 ms), client limiter the same${latencyMs ? `, latency ${latencyMs} ms per request` : ''}; started in ${(now() - simStarted).toFixed(0)} ms`);

    const clientA = new IscClient({ baseUrl: simA.url, clientId: simA.clientId, clientSecret: simA.clientSecret, rateLimit: limit });
    try {
      // Tokens first (a long-lived client has one cached), then a clean window for both clients and simulators.
      await clientA.verifyCredentials({ signal: ctx.signal });
      const windowClean = now() + limit.windowMs + 250;

      // Service time s: median of 5 serial pages of 250 (plain fetch incl. JSON parse), after one warm-up.
      const token = await fetchToken(simC.url, simC.clientId, simC.clientSecret, ctx.signal);
      await measureListServiceMs(simC.url, token, PAGE, 1, ctx.signal);
      const samples = await measureListServiceMs(simC.url, token, PAGE, 5, ctx.signal);
      const serviceMs = median(samples);
      // The simulator's capacity: a burst of 20 concurrent pages.
      const burstStarted = now();
      await Promise.all(Array.from({ length: 20 }, (_, i) => timedGet(simC.url, token, `/identities?limit=${PAGE}&offset=${(i + 10) * PAGE}&defaultFilter=NONE`, ctx.signal)));
      const perPageBusy = (now() - burstStarted) / 20;
      // A correct client asks once more after the last full page: only an empty page ends the list (FACTS: a short
      // page may be followed by more), so the least it can send is the pages plus that closing request.
      const n = Math.ceil(IDENTITIES / PAGE) + 1;
      const ideal = idealMs(n, limit, serviceMs);
      const floor = simulatorFloor(n, limit, serviceMs, perPageBusy);
      detail(`s = ${serviceMs.toFixed(1)} ms (median of [${samples.map((s) => s.toFixed(1)).join(', ')}]); simulator busy ${perPageBusy.toFixed(1)} ms per page under a burst of 20`);
      detail(describeIdeal(n, limit, serviceMs));
      detail(`simulator-bound floor (last window's ${n - (Math.ceil(n / limit.requests) - 1) * limit.requests} pages back to back at ${perPageBusy.toFixed(1)} ms): ${floor.toFixed(0)} ms = ${(floor / ideal).toFixed(3)} × ideal`);
      await sleep(Math.max(0, windowClean - now()));

      const measured = await enumerateWith(clientA, simA, {}, ctx.signal);
      results.push(report('enumerate', 'iterateIdentities({ pageSize: 250 })', measured, ideal, floor, limit, true));

      lastMeasurement = { serviceMs, ideal, limit };
    } finally {
      clientA.dispose();
      await Promise.all([simA.close(), simC.close()]);
    }
    return results;
  },
};

export const naiveEnumerateBench: Benchmark = {
  names: ['enumerate-naive'],
  get budgetMs(): number {
    return 25_000 + 5 * rateFromEnv('BENCH_ENUM_RATE', { requests: 100, windowMs: 10_000 }).windowMs;
  },
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const limit = rateFromEnv('BENCH_ENUM_RATE', { requests: 100, windowMs: 10_000 });
    const naiveN = Math.ceil(IDENTITIES / 100);
    const needed = (Math.ceil(naiveN / limit.requests) - 1) * limit.windowMs + 8_000;
    if (ctx.deadline - now() < needed) return [skipped('enumerate-naive', `needs about ${Math.round(needed / 1000)} s, fewer left in the 5-minute budget`)];
    const sim = await startSimProcess({ identities: IDENTITIES, seed: 1, rateLimit: limit });
    try {
      const token = await fetchToken(sim.url, sim.clientId, sim.clientSecret, ctx.signal);
      let reference = lastMeasurement && lastMeasurement.limit.windowMs === limit.windowMs && lastMeasurement.limit.requests === limit.requests ? lastMeasurement : undefined;
      if (!reference) {
        await measureListServiceMs(sim.url, token, PAGE, 1, ctx.signal);
        const serviceMs = median(await measureListServiceMs(sim.url, token, PAGE, 5, ctx.signal));
        reference = { serviceMs, ideal: idealMs(Math.ceil(IDENTITIES / PAGE) + 1, limit, serviceMs), limit };
        await sleep(limit.windowMs + 250);
      }
      await sim.clearRequests();
      const naive = await naiveEnumerate(sim.url, token, 100, ctx.signal);
      detail(`naive: ${naive.requests} requests (${naive.rateLimited} × 429), ${naive.items} items, ${naive.uniqueIds} distinct ids; its own ideal ${describeIdeal(naiveN, limit, reference.serviceMs)}`);
      return [
        emit({
          name: 'enumerate-naive',
          figure: naive.ms,
          unit: `ms (${naive.requests} requests, ${naive.rateLimited} × 429, ${naive.uniqueIds} ids)`,
          ideal: reference.ideal,
          note: `[for scale, vs the ideal of \`enumerate\`; against its own ${naiveN}-request ideal: ratio ${(naive.ms / idealMs(naiveN, limit, reference.serviceMs)).toFixed(3)}]`,
        }),
      ];
    } finally {
      await sim.close();
    }
  },
};
