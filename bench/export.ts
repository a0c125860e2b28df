// Benchmark: "Export Identities…" without VS Code — the streaming exporter (src/model/export) over IscClient into a
// real file, 50,000 identities with 10 attribute columns, at ISC's own limit of 100 requests per 10 s on the simulator
// and the client (BENCH_EXPORT_RATE overrides). Beside it, for scale, a naive export (one page at a time, every row
// held, JSON.stringify of everything at the end) on a second simulator with a clean rate-limit window.
// The memory line exports 100,000 identities from an in-process page source (no network) and forces gc on every
// tenth page: what the exporter holds, not what the network costs.
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';
import { parse } from 'csv-parse/sync';
import { IscClient } from '../src/api/iscClient';
import type { Identity, Page } from '../src/api/types';
import type { ColumnId } from '../src/model/export/columns';
import { attributeColumn } from '../src/model/export/columns';
import { exportIdentities } from '../src/model/export/exporter';
import type { ExportPageFetcher } from '../src/model/export/exporter';
import { ExportFile } from '../src/model/export/fileSink';
import { attributeKeysOf } from '../src/table/host/rows';
import type { BenchContext, Benchmark } from './lib/context';
import { fetchToken, measureListServiceMs, timedGet } from './lib/http';
import { projectPath } from './lib/paths';
import { describeIdeal, describeRate, idealMs, rateFromEnv, windowBreakdown } from './lib/rateLimit';
import { detail, emit, median, now, sleep, target } from './lib/report';
import type { BenchResult } from './lib/report';
import { apiRequests, startSimProcess } from './lib/simProcess';
import type { SimProcess } from './lib/simProcess';

const IDENTITIES = 50_000;
const MEMORY_IDENTITIES = 100_000;
const PAGE = 250;
const ATTRIBUTE_COLUMNS = 10;
const HEAP_BUDGET_MB = 20;

function forceGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    for (let i = 0; i < 3; i++) gc();
  };
}

const mb = (bytes: number): number => bytes / 1_048_576;

function scratch(name: string): string {
  const dir = projectPath('.tmp', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  return `${dir}/${name}`;
}

function fetcherOf(client: IscClient, signal: AbortSignal): ExportPageFetcher {
  return (offset, limit, count, pageSignal) => client.listIdentities({ defaultFilter: 'NONE', offset, limit, count }, { signal: AbortSignal.any([signal, pageSignal]) });
}

async function columnsOf(client: IscClient): Promise<ColumnId[]> {
  const sample = await client.listIdentities({ limit: 50 });
  const keys = attributeKeysOf(sample.items).slice(0, ATTRIBUTE_COLUMNS);
  return ['id', 'name', 'email', 'identityStatus', ...keys.map(attributeColumn)];
}

interface Run {
  ms: number;
  lists: number;
  count429: number;
  ids: number;
  rows: number;
  bytes: number;
  /** Arrival times of the list requests at the simulator (ms from the first). */
  arrivals: number[];
  /** Time the exporter spent turning pages into text and writing them (its own CPU, not waiting). */
  writeMs: number;
}

/** Pages requested ahead by the streaming run: BENCH_EXPORT_PREFETCH overrides the setting's default (3). */
const PREFETCH = Number(process.env.BENCH_EXPORT_PREFETCH ?? 3);

/** A sink that counts the time spent in its writes (the file I/O, not the formatting before them). */
function timedSink(sink: ExportFile): { sink: ExportFile; writeMs: () => number } {
  let ms = 0;
  const write = sink.write.bind(sink);
  sink.write = async (text: string): Promise<void> => {
    const t = now();
    await write(text);
    ms += now() - t;
  };
  return { sink, writeMs: () => ms };
}

async function streamingRun(client: IscClient, sim: SimProcess, columns: ColumnId[], file: string, signal: AbortSignal): Promise<Run> {
  await sim.clearRequests();
  const { sink, writeMs } = timedSink(await ExportFile.create(file));
  const started = now();
  const result = await exportIdentities(fetcherOf(client, signal), sink, { columns, format: 'csv', prefetch: PREFETCH, signal });
  await sink.complete();
  const ms = now() - started;
  const records = parse(fs.readFileSync(file, 'utf8')) as string[][];
  const api = apiRequests(await sim.requests());
  const lists = api.filter((r) => r.method === 'GET' && /\/v2025\/identities$/.test(r.path));
  return {
    arrivals: lists.map((r) => r.time - (lists[0]?.time ?? 0)),
    writeMs: writeMs(),
    ms,
    lists: api.filter((r) => r.method === 'GET' && /\/v2025\/identities$/.test(r.path)).length,
    count429: api.filter((r) => r.status === 429).length,
    ids: new Set(records.slice(1).map((r) => r[0])).size,
    rows: records.length - 1,
    bytes: result.bytes,
  };
}

/** One page at a time, every identity kept, one JSON.stringify at the end: what an export without streaming does. */
async function naiveRun(client: IscClient, sim: SimProcess, file: string, signal: AbortSignal): Promise<Run & { heldMb: number }> {
  await sim.clearRequests();
  const gc = forceGc();
  gc();
  const base = process.memoryUsage().heapUsed;
  const started = now();
  const all: Identity[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.listIdentities({ defaultFilter: 'NONE', offset, limit: PAGE, count: offset === 0 }, { signal });
    if (page.items.length === 0) break;
    all.push(...page.items);
    if (page.total !== undefined && all.length >= page.total) break;
  }
  const text = JSON.stringify(all);
  gc();
  const heldMb = mb(process.memoryUsage().heapUsed - base);
  fs.writeFileSync(file, text);
  const ms = now() - started;
  const api = apiRequests(await sim.requests());
  const lists = api.filter((r) => r.method === 'GET' && /\/v2025\/identities$/.test(r.path));
  return { ms, lists: lists.length, count429: api.filter((r) => r.status === 429).length, ids: new Set(all.map((i) => i.id)).size, rows: all.length, bytes: Buffer.byteLength(text), heldMb, arrivals: lists.map((r) => r.time - (lists[0]?.time ?? 0)), writeMs: 0 };
}

/** Heap held while 100,000 identities stream to a file (gc forced every tenth page), pages made from real ones. */
async function memoryRun(template: Identity[], columns: ColumnId[], signal: AbortSignal): Promise<{ growthMb: number; bytes: number; ms: number }> {
  const gc = forceGc();
  const json = JSON.stringify(template);
  const fetchPage: ExportPageFetcher = async (offset, limit, count) => {
    await new Promise((resolve) => setImmediate(resolve));
    const items = (JSON.parse(json) as Identity[]).slice(0, Math.max(0, Math.min(limit, MEMORY_IDENTITIES - offset)));
    items.forEach((identity, i) => (identity.id = `m${offset + i}`));
    const page: Page<Identity> = { items, offset, limit };
    if (count) page.total = MEMORY_IDENTITIES;
    return page;
  };
  const sink = await ExportFile.create(scratch('export-memory-100k.csv'));
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let pages = 0;
  const started = now();
  const result = await exportIdentities(fetchPage, sink, {
    columns,
    format: 'csv',
    signal,
    onCheckpoint: () => {
      if (++pages % 10 !== 0) return;
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    },
  });
  await sink.complete();
  return { growthMb: mb(peak), bytes: result.bytes, ms: now() - started };
}

export const exportBench: Benchmark = {
  names: ['export-csv-50k', 'export-naive-50k', 'export-memory-100k'],
  get budgetMs(): number {
    return 40_000 + 3 * rateFromEnv('BENCH_EXPORT_RATE', { requests: 100, windowMs: 10_000 }).windowMs;
  },
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const limit = rateFromEnv('BENCH_EXPORT_RATE', { requests: 100, windowMs: 10_000 });
    const started = now();
    const [simA, simB] = await Promise.all([0, 1].map(() => startSimProcess({ identities: IDENTITIES, seed: 1, rateLimit: limit })));
    detail(`2 simulators of ${IDENTITIES} identities, rate limit ${describeRate(limit)} (ISC: 100 per 10000 ms), client limiter the same; started in ${(now() - started).toFixed(0)} ms`);
    const clientA = new IscClient({ baseUrl: simA.url, clientId: simA.clientId, clientSecret: simA.clientSecret, rateLimit: limit });
    const clientB = new IscClient({ baseUrl: simB.url, clientId: simB.clientId, clientSecret: simB.clientSecret, rateLimit: limit });
    const results: BenchResult[] = [];
    try {
      await Promise.all([clientA.verifyCredentials({ signal: ctx.signal }), clientB.verifyCredentials({ signal: ctx.signal })]);
      const columns = await columnsOf(clientA);
      const template = (await clientA.listIdentities({ limit: PAGE })).items;
      // Service time s on simulator B (serial pages of 250, JSON parse included); both windows are clean after the sleep.
      const token = await fetchToken(simB.url, simB.clientId, simB.clientSecret, ctx.signal);
      await measureListServiceMs(simB.url, token, PAGE, 1, ctx.signal);
      const serviceMs = median(await measureListServiceMs(simB.url, token, PAGE, 5, ctx.signal));
      // The simulator answers one request at a time: a burst of 20 pages shows its busy time per page, which bounds
      // how fast the last window's pages can come back however many are in flight.
      const burstStarted = now();
      await Promise.all(Array.from({ length: 20 }, (_, i) => timedGet(simB.url, token, `/identities?limit=${PAGE}&offset=${(i + 10) * PAGE}&defaultFilter=NONE`, ctx.signal)));
      const busyMs = (now() - burstStarted) / 20;
      const n = Math.ceil(IDENTITIES / PAGE);
      const ideal = idealMs(n, limit, serviceMs);
      const inLast = n - (Math.ceil(n / limit.requests) - 1) * limit.requests;
      const floor = (Math.ceil(n / limit.requests) - 1) * limit.windowMs + Math.max(serviceMs, inLast * busyMs);
      detail(`columns: ${columns.join(', ')}`);
      detail(describeIdeal(n, limit, serviceMs));
      detail(`simulator-bound floor (its busy time ${busyMs.toFixed(1)} ms per page under a burst of 20, ${inLast} pages in the last window): ${(floor / 1000).toFixed(2)} s = ${(floor / ideal).toFixed(3)} × ideal`);
      await sleep(limit.windowMs + 250);

      const run = await streamingRun(clientA, simA, columns, scratch('export-50k.csv'), ctx.signal);
      const ratio = run.ms / ideal;
      const holds = ratio <= 1.1 && run.ids === IDENTITIES && run.rows === IDENTITIES && run.count429 === 0;
      detail(`streaming: ${run.lists} list requests, ${run.count429} × 429, ${run.rows} rows, ${run.ids} distinct ids, file ${mb(run.bytes).toFixed(1)} MB, ${((IDENTITIES * 1000) / run.ms).toFixed(0)} identities/s; vs simulator-bound floor ${(run.ms / floor).toFixed(3)}; ${PREFETCH} pages ahead; file writes ${run.writeMs.toFixed(0)} ms in all`);
      for (const line of windowBreakdown(run.arrivals, limit)) detail(`  ${line}`);
      results.push(
        emit(
          { name: 'export-csv-50k', figure: run.ms / 1000, unit: `s (${run.lists} requests, ${run.count429} × 429, ${run.ids} ids, ${columns.length} columns, ${mb(run.bytes).toFixed(1)} MB)`, ideal: ideal / 1000, ratio, note: target(holds, '<= 1.10 × ideal, every id once') },
          holds,
        ),
      );

      const naive = await naiveRun(clientB, simB, scratch('export-naive-50k.json'), ctx.signal);
      detail(`naive: ${naive.lists} requests, ${naive.count429} × 429, ${naive.ids} ids, ${mb(naive.bytes).toFixed(1)} MB of JSON; heap held before writing ${naive.heldMb.toFixed(1)} MB`);
      results.push(emit({ name: 'export-naive-50k', figure: naive.ms / 1000, unit: `s (heap held ${naive.heldMb.toFixed(0)} MB)`, ideal: ideal / 1000, note: '[for comparison: one page at a time, everything in memory]' }));

      const memory = await memoryRun(template, columns, ctx.signal);
      const memoryHolds = memory.growthMb <= HEAP_BUDGET_MB;
      detail(`memory: ${MEMORY_IDENTITIES} identities (pages parsed from real ones) to ${mb(memory.bytes).toFixed(1)} MB of CSV in ${memory.ms.toFixed(0)} ms; heap growth sampled after gc every 10 pages`);
      results.push(emit({ name: 'export-memory-100k', figure: memory.growthMb, unit: 'MB heap growth', ideal: HEAP_BUDGET_MB, note: `${target(memoryHolds, `<= ${HEAP_BUDGET_MB} MB`)} (ideal = the budget)` }, memoryHolds));
    } finally {
      clientA.dispose();
      clientB.dispose();
      await Promise.all([simA.close(), simB.close()]);
    }
    return results;
  },
};
