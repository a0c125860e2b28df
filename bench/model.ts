// Benchmarks 3 and 5 measured vscode-free, through D's IdentityPager (src/model/identityPager.ts) + the IscClient:
//  - first-page-model: wall time from "expand the tenant" (ensureFirstPage on a fresh pager and a client with no
//    cached token) to the first page, and the HTTP requests it took (ideal: 1 list + at most 1 token request);
//  - memory-model: heap per loaded identity with 50,000 loaded in the pager as the tree keeps them (IdentityRow), in
//    a child node with --expose-gc.
// The extension-host benchmark (extensionHost.ts) measures the same through the real tree when it can.
import { spawn } from 'child_process';
import * as path from 'path';
import { IscClient } from '../src/api/iscClient';
import { IdentityPager } from '../src/model/identityPager';
import type { BenchContext, Benchmark } from './lib/context';
import { fetchToken, timedGet } from './lib/http';
import { OUT_ROOT } from './lib/paths';
import { detail, emit, median, now, sleep, target } from './lib/report';
import type { BenchResult } from './lib/report';
import { rateFromEnv } from './lib/rateLimit';
import { apiRequests, startSimProcess, tokenRequests } from './lib/simProcess';

export const MEMORY_TARGET_BYTES_PER_NODE = 1024;
const IDENTITIES = 50_000;

export const firstPageModelBench: Benchmark = {
  names: ['first-page'],
  fallbackFor: ['first-page'],
  budgetMs: 45_000,
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const limit = rateFromEnv('BENCH_BULK_RATE', { requests: 100, windowMs: 1000 });
    const sim = await startSimProcess({ identities: IDENTITIES, seed: 1, rateLimit: limit });
    try {
      // Ideal time: one token request + one counted list request of 250, plain fetch, after a warm-up.
      const tokenTimes: number[] = [];
      let token = '';
      for (let i = 0; i < 3; i++) {
        const started = now();
        token = await fetchToken(sim.url, sim.clientId, sim.clientSecret, ctx.signal);
        tokenTimes.push(now() - started);
      }
      const listTimes: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await timedGet(sim.url, token, '/identities?limit=250&offset=0&count=true&defaultFilter=NONE', ctx.signal);
        if (r.status !== 200) throw new Error(`list probe answered ${r.status}`);
        listTimes.push(r.ms);
      }
      listTimes.shift(); // warm-up
      const ideal = median(tokenTimes) + median(listTimes);
      detail(`service times (plain fetch): token ${median(tokenTimes).toFixed(1)} ms, first page (250, count=true) ${median(listTimes).toFixed(1)} ms`);
      await sleep(limit.windowMs + 200);
      await sim.clearRequests();

      const client = new IscClient({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, rateLimit: limit });
      try {
        const pager = new IdentityPager((q, signal) => client.listIdentities(q, { signal }), () => 250, { defaultFilter: 'NONE' });
        const started = now();
        await pager.ensureFirstPage();
        const cold = now() - started;
        const snap = pager.snapshot();
        if (snap.error) throw new Error(`first page failed: ${String(snap.error)}`);
        const coldLog = await sim.requests();
        const coldLists = apiRequests(coldLog).length;
        const coldTokens = tokenRequests(coldLog).length;
        await sim.clearRequests();
        // Warm: token cached, e.g. a refresh of the tenant node.
        pager.reset();
        const warmStarted = now();
        await pager.ensureFirstPage();
        const warm = now() - warmStarted;
        const warmLog = await sim.requests();
        detail(`cold (no token cached): ${cold.toFixed(1)} ms, ${coldLists} API + ${coldTokens} token requests, ${snap.items.length} items, total ${snap.total}`);
        detail(`warm (token cached, after reset): ${warm.toFixed(1)} ms, ${apiRequests(warmLog).length} API + ${tokenRequests(warmLog).length} token requests (ideal ${median(listTimes).toFixed(1)} ms)`);
        const holds = coldLists === 1 && coldTokens <= 1 && apiRequests(warmLog).length === 1 && tokenRequests(warmLog).length === 0;
        return [
          emit(
            {
              name: 'first-page',
              figure: cold,
              unit: `ms (${coldLists} list + ${coldTokens} token requests; fallback: vscode-free pager, no extension host)`,
              ideal,
              note: target(holds, '1 list + <= 1 token request'),
            },
            holds,
          ),
        ];
      } finally {
        client.dispose();
      }
    } finally {
      await sim.close();
    }
  },
};

interface MemResult {
  count: number;
  pages: number;
  samples: number[];
  released: number;
  jsonBytes: number;
  gc: boolean;
}

function runMemoryChild(args: object, signal: AbortSignal): Promise<MemResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(OUT_ROOT, 'bench', 'memory-child.js'), JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-1000)));
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('exit', (code) => {
      signal.removeEventListener('abort', onAbort);
      const ok = /^MEM_RESULT (.*)$/m.exec(out);
      if (ok) return resolve(JSON.parse(ok[1]) as MemResult);
      const failed = /^MEM_FAILED (.*)$/m.exec(out);
      reject(new Error(failed ? (JSON.parse(failed[1]) as string) : `memory child exited ${code}: ${err.trim().slice(-300)}`));
    });
  });
}

export const memoryModelBench: Benchmark = {
  names: ['memory-per-node'],
  fallbackFor: ['memory-per-node'],
  budgetMs: 60_000,
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const sim = await startSimProcess({ identities: IDENTITIES, seed: 1, rateLimit: false });
    try {
      const result = await runMemoryChild({ url: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret }, ctx.signal);
      const perNode = median(result.samples) / result.count;
      detail(`${result.count} identities in ${result.pages} pages; heap delta ${result.samples.map((s) => (s / 1048576).toFixed(1)).join(' / ')} MB (gc ${result.gc ? 'exposed' : 'NOT exposed'}); after dropping the pager ${(result.released / 1048576).toFixed(1)} MB; JSON of the identities ${(result.jsonBytes / result.count).toFixed(0)} B each`);
      const holds = perNode <= MEMORY_TARGET_BYTES_PER_NODE && result.count === IDENTITIES;
      return [
        emit(
          {
            name: 'memory-per-node',
            figure: perNode,
            unit: `B heap per loaded identity (${result.count} IdentityRows in the pager, no tree nodes; fallback: vscode-free)`,
            ideal: MEMORY_TARGET_BYTES_PER_NODE,
            note: `[ideal = the budget; ${target(holds, `<= ${MEMORY_TARGET_BYTES_PER_NODE} B`).slice(1)}`,
          },
          holds,
        ),
      ];
    } finally {
      await sim.close();
    }
  },
};
