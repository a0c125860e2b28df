// `npm run bench`: runs every benchmark once, prints figures (never fails CI), stops every process it started.
// Each benchmark ends with `bench NAME: FIGURE UNIT (ideal IDEAL, ratio R)` or `bench NAME: skipped (reason)`.
// Environment: BENCH_ENUM_RATE (default 100/10000) and BENCH_BULK_RATE (default 100/1000): simulator + client rate
// limit as REQUESTS/WINDOW_MS; BENCH_ONLY=name,name (run only the benchmark groups that print one of these names;
// add `fallback` to include the vscode-free fallbacks of first-page / memory-per-node).
import * as fs from 'fs';
import * as os from 'os';
import { bulkBench } from './bulk';
import { bundleBench } from './bundle';
import { faultsBench } from './faults';
import { jobsBench } from './jobs';
import { jobJournalBench } from './jobJournal.bench';
import { enumerateBench, naiveEnumerateBench } from './enumerate';
import { exportBench } from './export';
import { extensionHostBench } from './extensionHost';
import { firstPageModelBench, memoryModelBench } from './model';
import { tableBench } from './table';
import { stopAll, pendingCleanups } from './lib/cleanup';
import { MissingPieceError } from './lib/context';
import type { BenchContext, Benchmark } from './lib/context';
import { projectPath } from './lib/paths';
import { now, skipped } from './lib/report';
import type { BenchResult } from './lib/report';

const TOTAL_BUDGET_MS = 285_000; // the whole run stays under 5 minutes
/** `npm run bench` exports BENCH_T0 (epoch ms) before compiling, so that compile time counts against the 5 minutes. */
const SCRIPT_BUDGET_MS = 292_000;

async function runOne(bench: Benchmark, runDeadline: number): Promise<BenchResult[]> {
  const budget = Math.min(bench.budgetMs, runDeadline - now());
  if (budget < 5_000) return bench.names.map((name) => skipped(name, 'the 5-minute run budget is used up'));
  const controller = new AbortController();
  const ctx: BenchContext = { signal: controller.signal, deadline: now() + budget };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${Math.round(budget / 1000)} s`));
      reject(new Error(`timed out after ${Math.round(budget / 1000)} s`));
    }, budget);
  });
  try {
    return await Promise.race([bench.run(ctx), timeout]);
  } catch (error) {
    const reason = error instanceof MissingPieceError ? error.message : `failed: ${error instanceof Error ? error.message : String(error)}`;
    if (!(error instanceof MissingPieceError) && process.env.BENCH_DEBUG && error instanceof Error) console.error(error.stack);
    return bench.names.map((name) => skipped(name, reason));
  } finally {
    clearTimeout(timer);
    controller.abort();
    await stopAll();
  }
}

/** .tmp/bench/last-run.txt: the result lines of the last run, for comparing runs. */
function saveSummary(lines: string[]): void {
  try {
    fs.mkdirSync(projectPath('.tmp', 'bench'), { recursive: true });
    fs.writeFileSync(projectPath('.tmp', 'bench', 'last-run.txt'), `${new Date().toISOString()} load ${loadText()}\n${lines.join('\n')}\n`);
  } catch {
    // a nicety
  }
}

function loadText(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

async function main(): Promise<void> {
  const started = now();
  const t0 = Number(process.env.BENCH_T0);
  const compileMs = Number.isFinite(t0) && t0 > 0 ? Math.max(0, Date.now() - t0) : 0;
  const runDeadline = started + Math.min(TOTAL_BUDGET_MS, SCRIPT_BUDGET_MS - compileMs);
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const all: Benchmark[] = [enumerateBench, bulkBench, jobJournalBench, jobsBench, bundleBench, extensionHostBench, firstPageModelBench, memoryModelBench, tableBench, exportBench, naiveEnumerateBench, faultsBench];
  const selected = only.length
    ? all.filter((b) => (b.fallbackFor ? only.includes('fallback') : b.names.some((n) => only.includes(n))))
    : all;
  console.log(`bench: ${selected.length} benchmark groups; node ${process.version}; ${os.cpus().length} cores; load average ${loadText()}; budget ${((runDeadline - started) / 1000).toFixed(0)} s${compileMs ? ` (compile took ${(compileMs / 1000).toFixed(0)} s)` : ''}`);

  const results: BenchResult[] = [];
  for (const bench of selected) {
    if (bench.fallbackFor) {
      const covered = bench.fallbackFor.filter((name) => results.some((r) => r.name === name && !r.skipped));
      if (covered.length === bench.fallbackFor.length) continue;
      // Replace the skipped line(s) by the fallback measurement.
      for (let i = results.length - 1; i >= 0; i--) if (bench.fallbackFor.includes(results[i].name)) results.splice(i, 1);
      console.log(`\n== ${bench.names.join(', ')} (fallback: the extension-host measurement was skipped)`);
    } else {
      console.log(`\n== ${bench.names.join(', ')}`);
    }
    const groupStarted = now();
    results.push(...(await runOne(bench, runDeadline)));
    console.log(`  (${((now() - groupStarted) / 1000).toFixed(1)} s)`);
  }

  const measured = results.filter((r) => !r.skipped);
  const withTarget = measured.filter((r) => r.targetHolds !== undefined);
  const missed = withTarget.filter((r) => r.targetHolds === false).map((r) => r.name);
  console.log('\n== summary');
  for (const r of results) console.log(r.line);
  console.log(`bench: load average at the end ${loadText()} (figures from a machine busy with other work are slower)`);
  saveSummary(results.map((r) => r.line));
  console.log(
    `bench summary: ${measured.length} measured, ${results.length - measured.length} skipped; targets ${withTarget.length - missed.length} hold, ${missed.length} missed${missed.length ? ` (${missed.join(', ')})` : ''}; ${((now() - started) / 1000).toFixed(1)} s`,
  );
}

let finishing = false;
async function finish(code: number): Promise<void> {
  if (finishing) return;
  finishing = true;
  const left = pendingCleanups();
  if (left.length) console.log(`bench: stopping ${left.join(', ')}`);
  await stopAll();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.log(`bench: ${signal}, stopping`);
    void finish(130);
  });
}

main().then(
  () => finish(0),
  (error: unknown) => {
    console.error(`bench: run failed: ${error instanceof Error ? error.stack : String(error)}`);
    void finish(0); // figures, not tests: never fail CI
  },
);
