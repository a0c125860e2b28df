// Benchmarks 3, 4 (activation), 5 and 6 in the real extension host: code-server + headless Chromium started by C's
// shim (test/harness/codeServerShim.ts, the executable test-electron's runTests() launches), which loads
// out/bench/extension-host/index.js as extensionTestsPath. The extension under test is the production bundle
// (esbuild --production, built by bundle.ts into .tmp/bench/dist) staged with package.json and media/ into
// .tmp/bench/ext. One simulator (50,000 identities, ISC's rate limit 100 per 10 s) is the environment tenant.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FIXTURE_IDS } from '../sim/fixtures';
import { buildProduction, wasBuiltThisRun } from './bundle';
import { registerCleanup } from './lib/cleanup';
import { MissingPieceError } from './lib/context';
import type { BenchContext, Benchmark } from './lib/context';
import { OUT_ROOT, projectPath } from './lib/paths';
import { detail, emit, formatNumber, median, now, skipped, target } from './lib/report';
import type { BenchResult } from './lib/report';
import { startSimProcess } from './lib/simProcess';
import type { ExtensionHostResults } from './extension-host/results';

export const ACTIVATION_TARGET_MS = 50;
export const MEMORY_TARGET_BYTES_PER_NODE = 1024;
const IDENTITIES = 50_000;

function copyDir(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  fs.cpSync(from, to, { recursive: true, filter: (src) => !src.endsWith('.map') });
}

/** .tmp/bench/ext: package.json, package.nls.json, LICENSE, README, media/, l10n/, dist/ (production). */
function stageExtension(distDir: string): string {
  const ext = projectPath('.tmp', 'bench', 'ext');
  fs.rmSync(ext, { recursive: true, force: true });
  fs.mkdirSync(ext, { recursive: true });
  // package.nls.json and l10n/: the manifest's %keys% (command titles the palette shows) and the runtime strings.
  for (const file of ['package.json', 'package.nls.json', 'LICENSE', 'README.md', 'CHANGELOG.md']) {
    if (fs.existsSync(projectPath(file))) fs.copyFileSync(projectPath(file), path.join(ext, file));
  }
  copyDir(projectPath('media'), path.join(ext, 'media'));
  copyDir(projectPath('l10n'), path.join(ext, 'l10n'));
  copyDir(distDir, path.join(ext, 'dist'));
  for (const f of fs.readdirSync(path.join(ext, 'dist'))) if (/^meta-\d+\.json$/.test(f)) fs.rmSync(path.join(ext, 'dist', f));
  return ext;
}

/**
 * The production bundle (built once per run) staged as an extension folder in .tmp/bench/ext; its path.
 * BENCH_EXT_DIST: a prebuilt dist folder to measure instead (experiments, e.g. a bundle built another way).
 */
export function prepareExtension(): string {
  if (!fs.existsSync(projectPath('.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server'))) throw new MissingPieceError('code-server not installed (npm run setup)');
  const distDir = process.env.BENCH_EXT_DIST ? path.resolve(process.env.BENCH_EXT_DIST) : projectPath('.tmp', 'bench', 'dist');
  if (process.env.BENCH_EXT_DIST) detail(`measuring the prebuilt bundle in ${distDir} (BENCH_EXT_DIST)`);
  else if (!wasBuiltThisRun(distDir) || !fs.existsSync(path.join(distDir, 'extension.js'))) {
    const failure = buildProduction(distDir);
    if (failure) throw new MissingPieceError(`esbuild --production failed: ${failure}`);
  }
  if (!fs.existsSync(path.join(distDir, 'extension.js'))) throw new MissingPieceError(`no extension.js in ${distDir}`);
  return stageExtension(distDir);
}

/**
 * A do-nothing extension, installed (copied) into the session's extensions folder: its activation time is VS Code's
 * own share, the floor for ours. (The workbench payload honours only one extensionDevelopmentPath.)
 */
function installEmptyExtension(extensionsDir: string): string {
  const dir = path.join(extensionsDir, 'isc-bench.bench-empty-extension-0.0.1');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'bench-empty-extension',
    publisher: 'isc-bench',
    version: '0.0.1',
    engines: { vscode: '^1.100.0' },
    main: './extension.js',
    activationEvents: [],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = function activate() { return {}; };\nexports.deactivate = function deactivate() {};\n');
  return dir;
}

/** The extension's own `Activated in N ms` line from the extension host's log files of this run. */
function activateBodyMs(runDir: string): number | undefined {
  const walk = (dir: string): number | undefined => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        const found = walk(full);
        if (found !== undefined) return found;
      } else if (entry.name.endsWith('.log') && full.includes('isc-identity-explorer')) {
        const match = /Activated in (\d+) ms/.exec(fs.readFileSync(full, 'utf8'));
        if (match) return Number(match[1]);
      }
    }
    return undefined;
  };
  try {
    return walk(path.join(runDir, 'user-data', 'logs'));
  } catch {
    return undefined;
  }
}

/** Keeps the newest 3 run folders of earlier runs (logs for post-mortems) whose bench process is gone. */
function removeOldRunFolders(): void {
  const root = projectPath('.tmp', 'bench');
  if (!fs.existsSync(root)) return;
  const old = fs
    .readdirSync(root)
    .filter((name) => /^ext-run-\d+$/.test(name) && !isAlive(Number(name.slice('ext-run-'.length))))
    .map((name) => ({ dir: path.join(root, name), mtime: fs.statSync(path.join(root, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { dir } of old.slice(3)) fs.rmSync(dir, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of processes whose command line mentions `marker` (the run folder): what the shim started. */
function pidsMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function runShim(extensionPaths: string[], runDir: string, env: Record<string, string>, timeoutMs: number, signal: AbortSignal): Promise<{ code: number | null; tail: string }> {
  const shim = path.join(OUT_ROOT, 'test', 'harness', 'codeServerShim.js');
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const args = [
    shim,
    workspace,
    '--disable-extensions',
    ...extensionPaths.map((p) => `--extensionDevelopmentPath=${p}`),
    `--extensionTestsPath=${path.join(OUT_ROOT, 'bench', 'extension-host', 'index.js')}`,
    `--user-data-dir=${path.join(runDir, 'user-data')}`,
    `--extensions-dir=${path.join(runDir, 'extensions')}`,
  ];
  const logFile = path.join(runDir, 'shim.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: projectPath(), env: { ...process.env, ...env }, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM'); // the shim's own handler stops code-server and Chromium
      await new Promise((resolve) => setTimeout(resolve, 6000).unref());
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    killPids(pidsMentioning(runDir));
  };
  const unregister = registerCleanup(`code-server shim pid ${child.pid}`, stop);
  return new Promise((resolve) => {
    const timer = setTimeout(() => void stop(), timeoutMs);
    const onAbort = (): void => void stop();
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('exit', (code) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      // Anything of this run still alive (code-server's group, Chromium) goes too.
      setTimeout(() => {
        killPids(pidsMentioning(runDir));
        unregister();
        let tail = '';
        try {
          tail = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean).slice(-8).join(' | ');
        } catch {
          tail = '';
        }
        resolve({ code, tail });
      }, 500);
    });
  });
}

function requestsText(r?: { api: number; token: number }): string {
  return r ? `${r.api} API + ${r.token} token requests` : 'requests unknown';
}

function report(results: ExtensionHostResults, startupNote: string): BenchResult[] {
  const out: BenchResult[] = [];
  const a = results.activation;
  if (!a || a.error || a.ms === undefined) out.push(skipped('activation', a?.error ?? results.fatal ?? `no result from the extension host (${startupNote})`));
  else if (a.alreadyActive) out.push(skipped('activation', 'the extension was already active before the bench ran (an activation event fired at startup)'));
  else {
    const requests = (a.requests?.api ?? 0) + (a.requests?.token ?? 0);
    const holds = a.ms < ACTIVATION_TARGET_MS && requests === 0;
    detail(`activation of ${a.extensionPath}: ${a.ms.toFixed(1)} ms; simulator saw ${requestsText(a.requests)} during activation + 1.5 s${a.requests?.paths.length ? `: ${a.requests.paths.join(', ')}` : ''}`);
    const part = (v?: number): string => (v === undefined ? '?' : `${v.toFixed(0)} ms`);
    const rest = a.emptyExtensionMs !== undefined && a.requireMs !== undefined && a.activateBodyMs !== undefined ? a.ms - a.emptyExtensionMs - a.requireMs - a.activateBodyMs : undefined;
    detail(
      `  parts: VS Code's floor (an empty extension) ${part(a.emptyExtensionMs)}, evaluating the bundle again (re-require) ${part(a.requireMs)}, ` +
        `the extension's activate() body (its own log line) ${part(a.activateBodyMs)}; ` +
        (rest === undefined ? 'rest ?' : rest >= 0 ? `rest (first load/compile, context) ${part(rest)}` : 'the parts overlap (single samples on a shared machine)'),
    );
    out.push(emit({ name: 'activation', figure: a.ms, unit: `ms (${requests} network requests)`, ideal: ACTIVATION_TARGET_MS, note: `[ideal = the budget; ${target(holds, '< 50 ms, 0 requests').slice(1)}` }, holds));
  }

  const f = results.firstPage;
  if (!f || f.error || f.ms === undefined) out.push(skipped('first-page', f?.error ?? results.fatal ?? 'not measured'));
  else {
    const lists = f.requests?.api ?? -1;
    const tokens = f.requests?.token ?? -1;
    const holds = lists === 1 && tokens <= 1;
    detail(`first page in the extension host: ${f.ms.toFixed(1)} ms to getChildren(tenant) + getTreeItem × ${f.children}; ${f.loaded} of ${f.total} loaded; ${requestsText(f.requests)}${f.requests?.paths.length ? ` (${f.requests.paths.join(', ')})` : ''}`);
    if (f.warmMs !== undefined) detail(`  again after a refresh (token cached): ${f.warmMs.toFixed(1)} ms, ${requestsText(f.warmRequests)}`);
    out.push(emit({ name: 'first-page', figure: f.ms, unit: `ms (${lists} list + ${tokens} token requests)`, ideal: 2, ratio: (lists + tokens) / 2, note: `[ideal/ratio count requests: 1 list + 1 token; ${target(holds, '1 list + <= 1 token').slice(1)}` }, holds));
  }

  const m = results.memory;
  if (!m || m.error || !m.samples?.length || !m.loaded) out.push(skipped('memory-per-node', m?.error ?? results.fatal ?? 'not measured'));
  else {
    const nodes = m.loaded - (m.loadedBefore ?? 0);
    const perNode = median(m.samples) / nodes;
    const holds = perNode <= MEMORY_TARGET_BYTES_PER_NODE && m.loaded >= IDENTITIES;
    detail(`memory: ${m.loadedBefore} -> ${m.loaded} identities (${m.pages} pages in ${((m.loadMs ?? 0) / 1000).toFixed(1)} s), ${m.children} child nodes; heap delta ${m.samples.map((s) => (s / 1048576).toFixed(1)).join(' / ')} MB (gc ${m.gcExposed ? 'forced' : 'NOT available'}, baseline spread ${((m.baselineSpread ?? 0) / 1024).toFixed(0)} KB)`);
    detail(`with ${m.loaded} loaded: getChildren(tenant) ${formatNumber(m.getChildrenMs ?? 0)} ms, getTreeItem × ${m.children} ${formatNumber(m.getTreeItemsMs ?? 0)} ms (VS Code repeats both on every refresh of the tenant, e.g. after each Load more)`);
    out.push(emit({ name: 'memory-per-node', figure: perNode, unit: `B heap per identity node (${nodes} nodes added, extension host)`, ideal: MEMORY_TARGET_BYTES_PER_NODE, note: `[ideal = the budget; ${target(holds, `<= ${MEMORY_TARGET_BYTES_PER_NODE} B`).slice(1)}` }, holds));
  }

  const p = results.panel;
  if (!p || p.error || !p.runs?.length) out.push(skipped('panel-paint', p?.error ?? results.fatal ?? 'not measured'));
  else {
    for (const r of p.runs) {
      detail(`panel (${r.label}) ${r.identityId}: header ${r.headerMs ?? '?'} ms, complete ${r.completeMs ?? '?'} ms (E's timing from the command), ${formatNumber(r.commandToPaintMs)} ms around the command; ${requestsText(r.requests)}`);
    }
    const ordinary = p.runs.filter((r) => !r.label.startsWith('fixture'));
    const times = ordinary.map((r) => r.completeMs ?? r.commandToPaintMs);
    const empty = p.emptyWebviewMs ?? [];
    detail(`bare webview (create -> first message from its script) before each: ${empty.map((e) => e.toFixed(0)).join(', ')} ms; the 3 API reads in parallel (plain fetch): ${formatNumber(p.apiFloorMs ?? NaN)} ms`);
    // Steady state: the panels after the first (the first one also pays the webview infrastructure's start-up).
    const steady = times.length > 1 ? times.slice(1) : times;
    const steadyEmpty = empty.length > 1 ? empty.slice(1) : empty;
    const ideal = Math.max(median(steadyEmpty), p.apiFloorMs ?? 0);
    out.push(
      emit({
        name: 'panel-paint',
        figure: median(steady),
        unit: `ms open -> painted (median of ${steady.length}; first panel ${formatNumber(times[0])} ms)`,
        ideal,
        note: '[ideal = max(bare webview round trip, 3 API reads in parallel); no target]',
      }),
    );
  }
  return out;
}

export const extensionHostBench: Benchmark = {
  names: ['activation', 'first-page', 'memory-per-node', 'panel-paint'],
  budgetMs: 150_000,
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const extensionPath = prepareExtension();
    removeOldRunFolders();
    const runDir = projectPath('.tmp', 'bench', `ext-run-${process.pid}`);
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.mkdirSync(runDir, { recursive: true });
    const resultsFile = path.join(runDir, 'results.json');
    installEmptyExtension(path.join(runDir, 'extensions'));

    const sim = await startSimProcess({ identities: IDENTITIES, seed: 1, rateLimit: { requests: 100, windowMs: 10_000 } });
    try {
      const budget = Math.max(20_000, ctx.deadline - now() - 10_000);
      const started = now();
      const shim = await runShim(
        [extensionPath],
        runDir,
        {
          ISC_BASE_URL: sim.url,
          ISC_CLIENT_ID: sim.clientId,
          ISC_CLIENT_SECRET: sim.clientSecret,
          ISC_SIM_URL: sim.url,
          ISC_SIM_CLIENT_ID: sim.clientId,
          ISC_SIM_CLIENT_SECRET: sim.clientSecret,
          ISC_HARNESS_RUN_DIR: runDir,
          ISC_HARNESS_TIMEOUT_MS: String(budget),
          BENCH_RESULTS_FILE: resultsFile,
          BENCH_FIXTURE_IDS: JSON.stringify(FIXTURE_IDS),
          BENCH_EXT_BUDGET_MS: String(Math.max(10_000, budget - 45_000)),
        },
        budget + 5_000,
        ctx.signal,
      );
      const startupNote = `shim exit ${shim.code} after ${((now() - started) / 1000).toFixed(1)} s; ${shim.tail.slice(-400)}`;
      detail(`extension-host session: ${startupNote.split(';')[0]}; run folder ${path.relative(projectPath(), runDir)}`);
      if (!fs.existsSync(resultsFile)) {
        const reason = `no results from the extension host (${startupNote})`;
        return this.names.map((name) => skipped(name, reason));
      }
      const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as ExtensionHostResults;
      if (results.activation) results.activation.activateBodyMs = activateBodyMs(runDir);
      return report(results, startupNote);
    } finally {
      await sim.close();
    }
  },
};
