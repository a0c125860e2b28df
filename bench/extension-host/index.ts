// Loaded by the extension host (extensionTestsPath) in code-server, through C's shim (test/harness/code-server-shim).
// Not a test: measures and writes JSON to $BENCH_RESULTS_FILE; bench/extensionHost.ts prints the figures.
//   activation  — wall time of `await ext.activate()` of the production bundle; requests the simulator saw meanwhile
//   first page  — getChildren(tenant) + getTreeItem of each child, as VS Code does on expand; requests it took
//   panel       — open identity details -> painted (E's DetailsPanelsApi timings), cold and warm
//   memory      — heap per identity node with 50,000 loaded in the tree model (D's provider + pager)
// Env: ISC_BASE_URL / ISC_CLIENT_ID / ISC_CLIENT_SECRET (the environment tenant, id `env`), ISC_SIM_URL, BENCH_RESULTS_FILE.
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as vscode from 'vscode';
// Types only: in the extension host the extension's objects come from ext.activate() (the esbuild bundle), not out/.
import type { SimRequestRecord } from '../../sim/requestLog';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { DetailsPanelsApi } from '../../src/webview/host/registerPanels';
import type { ExtensionHostResults, PanelRun, RequestCount } from './results';

const EXTENSION_ID = 'isc-tools.isc-identity-explorer';
const TENANT = 'env';
/** A do-nothing extension staged next to ours by bench/extensionHost.ts (the activation floor). */
const EMPTY_EXTENSION_ID = 'isc-bench.bench-empty-extension';

type Tree = ExtensionTestHandle['tree'];

const simUrl = process.env.ISC_SIM_URL ?? '';

async function simLog(since: number): Promise<SimRequestRecord[]> {
  const response = await fetch(`${simUrl}/__sim/requests?since=${since}`);
  return (await response.json()) as SimRequestRecord[];
}

async function lastSeq(): Promise<number> {
  const all = await simLog(0);
  return all.length ? all[all.length - 1].seq : 0;
}

function countOf(records: SimRequestRecord[]): RequestCount {
  const api = records.filter((r) => r.path.includes('/v2025/'));
  return {
    api: api.length,
    token: records.filter((r) => r.path.includes('/oauth/token')).length,
    paths: api.map((r) => `${r.path} ${r.status}`).slice(0, 10),
  };
}

function getGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function timeActivation(id: string): Promise<{ ms: number; alreadyActive: boolean } | undefined> {
  const ext = vscode.extensions.getExtension(id);
  if (!ext) return undefined;
  const alreadyActive = ext.isActive;
  const started = performance.now();
  await ext.activate();
  return { ms: performance.now() - started, alreadyActive };
}

async function measureActivation(results: ExtensionHostResults): Promise<ExtensionTestHandle | undefined> {
  const ext = vscode.extensions.getExtension<ExtensionTestHandle>(EXTENSION_ID);
  if (!ext) {
    results.activation = { error: `extension ${EXTENSION_ID} not found in the extension host` };
    return undefined;
  }
  // VS Code's own cost of activating an extension here: an empty one (activate() {}), activated first.
  const empty = await timeActivation(EMPTY_EXTENSION_ID).catch(() => undefined);
  const alreadyActive = ext.isActive;
  const seq = await lastSeq();
  const started = performance.now();
  const api = await ext.activate();
  const ms = performance.now() - started;
  await sleep(1500); // anything activation kicked off asynchronously has had time to hit the network
  // Evaluation cost of the bundle alone: load it again into a fresh module record (the file is in the OS cache).
  let requireMs: number | undefined;
  try {
    const main = require.resolve(`${ext.extensionPath}/dist/extension.js`);
    const cached = require.cache[main];
    delete require.cache[main];
    const t = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- timing a plain module load is the point
    require(main);
    requireMs = performance.now() - t;
    if (cached) require.cache[main] = cached;
  } catch {
    requireMs = undefined;
  }
  results.activation = { ms, alreadyActive, requests: countOf(await simLog(seq)), extensionPath: ext.extensionPath, emptyExtensionMs: empty?.ms, requireMs };
  return api;
}

async function measureFirstPage(tree: Tree, results: ExtensionHostResults): Promise<void> {
  const tenant = tree.tenantNode(TENANT);
  if (!tenant) {
    results.firstPage = { error: `no tenant "${TENANT}" in the tree (environment tenant not configured?)` };
    return;
  }
  const seq = await lastSeq();
  const started = performance.now();
  const children = await tree.getChildren(tenant);
  for (const child of children) tree.getTreeItem(child);
  const ms = performance.now() - started;
  const snap = tree.snapshot(TENANT);
  results.firstPage = { ms, children: children.length, loaded: snap?.items.length ?? 0, total: snap?.total, requests: countOf(await simLog(seq)), error: snap?.error ? message(snap.error) : undefined };
  // Warm: the tenant refreshed (token and client cached), expanded again.
  await tree.refresh(tenant);
  const warmSeq = await lastSeq();
  const warmStarted = performance.now();
  const again = await tree.getChildren(tenant);
  for (const child of again) tree.getTreeItem(child);
  results.firstPage.warmMs = performance.now() - warmStarted;
  results.firstPage.warmRequests = countOf(await simLog(warmSeq));
}

/** The environment's floor for any panel: create a bare webview panel whose script posts once; time to that message. */
async function emptyWebviewMs(): Promise<number> {
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel('iscBenchEmpty', 'bench', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { enableScripts: true });
  try {
    const received = new Promise<void>((resolve) => panel.webview.onDidReceiveMessage(() => resolve()));
    panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline';"></head><body><p>bench</p><script>acquireVsCodeApi().postMessage({ type: 'ready' });</script></body></html>`;
    await Promise.race([received, sleep(20_000)]);
    return performance.now() - started;
  } finally {
    panel.dispose();
    await sleep(300);
  }
}

async function openAndWait(panels: DetailsPanelsApi, identity: { id: string; name?: string }, label: string): Promise<PanelRun> {
  panels.closeAll();
  await sleep(300);
  const seq = await lastSeq();
  const started = performance.now();
  await vscode.commands.executeCommand('iscExplorer.openIdentityDetails', { tenantId: TENANT, identityId: identity.id, name: identity.name ?? identity.id });
  const { cycle } = await panels.waitForCompletePaint(TENANT, identity.id, 30_000);
  const commandToPaintMs = performance.now() - started;
  return { label, identityId: identity.id, headerMs: cycle.headerMs, completeMs: cycle.completeMs, commandToPaintMs, requests: countOf(await simLog(seq)) };
}

async function measurePanel(api: ExtensionTestHandle, tree: Tree, results: ExtensionHostResults): Promise<void> {
  const panels = api.panels as DetailsPanelsApi | undefined;
  if (!panels || typeof panels.waitForCompletePaint !== 'function') {
    results.panel = { error: 'api.panels (DetailsPanelsApi) not present' };
    return;
  }
  // Ordinary identities for the figure (the simulator spreads its fixtures over the first page); fixtures as extras.
  const fixtures = JSON.parse(process.env.BENCH_FIXTURE_IDS ?? '{}') as Record<string, string>;
  const fixtureIds = new Set(Object.values(fixtures));
  const ordinary = (tree.snapshot(TENANT)?.items ?? []).filter((i) => !fixtureIds.has(i.id)).slice(0, 4);
  if (ordinary.length < 2) {
    results.panel = { error: 'no identities loaded to open' };
    return;
  }
  const runs: PanelRun[] = [];
  const emptyWebview: number[] = [];
  for (const [i, identity] of ordinary.entries()) {
    panels.closeAll();
    emptyWebview.push(await emptyWebviewMs());
    runs.push(await openAndWait(panels, identity, i === 0 ? 'first panel' : 'next panel'));
  }
  for (const key of ['manyRoles', 'owner', 'hostile']) {
    if (fixtures[key]) runs.push(await openAndWait(panels, { id: fixtures[key] }, `fixture ${key}`).catch((e: unknown) => ({ label: `fixture ${key}: ${message(e)}`, identityId: fixtures[key], commandToPaintMs: NaN, requests: { api: 0, token: 0, paths: [] } })));
  }
  // The data floor: the same three reads with plain fetch, in parallel.
  const token = await fetchToken();
  const id = ordinary[1].id;
  const started = performance.now();
  await Promise.all(
    [`/identities/${id}`, `/identities/${id}/role-assignments`, `/identities/${id}/ownership`].map(async (p) => {
      const r = await fetch(`${process.env.ISC_BASE_URL}/v2025${p}`, { headers: { authorization: `Bearer ${token}`, 'X-SailPoint-Experimental': 'true' } });
      await r.arrayBuffer();
    }),
  );
  const apiFloorMs = performance.now() - started;
  panels.closeAll();
  results.panel = { runs, apiFloorMs, emptyWebviewMs: emptyWebview };
}

async function fetchToken(): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: process.env.ISC_CLIENT_ID ?? '', client_secret: process.env.ISC_CLIENT_SECRET ?? '' });
  const r = await fetch(`${process.env.ISC_BASE_URL}/oauth/token`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return ((await r.json()) as { access_token: string }).access_token;
}

async function measureMemory(tree: Tree, results: ExtensionHostResults, deadline: number): Promise<void> {
  const tenant = tree.tenantNode(TENANT);
  const before = tree.snapshot(TENANT);
  if (!tenant || !before) {
    results.memory = { error: 'tenant not loaded' };
    return;
  }
  const gc = getGc();
  const heap = (): number => {
    for (let i = 0; i < 3; i++) gc?.();
    return process.memoryUsage().heapUsed;
  };
  await tree.getChildren(tenant); // nodes of the first page exist before the baseline
  const loadedBefore = before.items.length;
  const baselines = [heap(), heap()];
  const base = Math.min(...baselines);
  const started = performance.now();
  let pages = 0;
  while (tree.snapshot(TENANT)?.hasMore) {
    if (performance.now() > deadline) throw new Error(`loading stopped at ${tree.snapshot(TENANT)?.items.length} identities: out of time`);
    await tree.loadMore(TENANT);
    pages++;
    const snap = tree.snapshot(TENANT);
    if (snap?.error) throw new Error(`load more failed: ${message(snap.error)}`);
  }
  const loadMs = performance.now() - started;
  const childrenStarted = performance.now();
  const children = await tree.getChildren(tenant);
  const getChildrenMs = performance.now() - childrenStarted;
  const itemsStarted = performance.now();
  for (const child of children) tree.getTreeItem(child);
  const getTreeItemsMs = performance.now() - itemsStarted;
  const loaded = tree.snapshot(TENANT)?.items.length ?? 0;
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(heap() - base);
    await sleep(200);
  }
  results.memory = { gcExposed: gc !== undefined, loadedBefore, loaded, children: children.length, pages, loadMs, getChildrenMs, getTreeItemsMs, samples, baselineSpread: Math.abs(baselines[0] - baselines[1]) };
}

export async function run(): Promise<void> {
  const results: ExtensionHostResults = { startedAt: Date.now() };
  const file = process.env.BENCH_RESULTS_FILE;
  const save = (): void => {
    if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
  };
  const deadline = performance.now() + Number(process.env.BENCH_EXT_BUDGET_MS ?? 120_000);
  try {
    const api = await measureActivation(results);
    save();
    const tree = api?.tree;
    if (!tree) {
      results.firstPage ??= { error: 'the extension API has no `tree`' };
      return;
    }
    await measureFirstPage(tree, results).catch((e: unknown) => (results.firstPage = { error: message(e) }));
    save();
    await measurePanel(api, tree, results).catch((e: unknown) => (results.panel = { error: message(e) }));
    save();
    await measureMemory(tree, results, deadline).catch((e: unknown) => (results.memory = { error: message(e) }));
  } catch (error) {
    results.fatal = message(error);
  } finally {
    results.finishedAt = Date.now();
    save();
  }
}
