// Browser e2e helpers: package the extension, run code-server with the .vsix installed, drive the
// workbench with playwright-core. The e2e mocha run (.mocharc.e2e.json) loads e2eHooks.ts, which
// starts ONE simulator shared by every test (see e2eSimulator()).
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { openPage, workbenchUrl } from './browser';
import type { CodeServerInstance } from './codeServerProcess';
import { installExtension, startCodeServer } from './codeServerProcess';
import { repoRoot, screenshotsDir } from './paths';
import { runToCompletion } from './processes';
import { createRunDir, runSubdir } from './runs';
import type { HarnessSimulator } from './simulator';
import { simulatorEnv } from './simulator';

export interface WorkbenchSession {
  /** Workbench URL that was opened (http://127.0.0.1:PORT/?folder=…). */
  url: string;
  page: Page;
  browser: Browser;
  server: CodeServerInstance;
  /** Scratch workspace folder the workbench has open. */
  workspace: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Environment for code-server / the extension host; default: the shared simulator as environment tenant. */
  env?: Record<string, string | undefined>;
  /** With the default env: false leaves out the environment tenant (ISC_SIM_URL stays). Default true. */
  tenant?: boolean;
  /** User settings (merged over the harness defaults). */
  settings?: Record<string, unknown>;
  /** Milliseconds to wait for the workbench (default 90000). */
  timeoutMs?: number;
}

let runDir: string | undefined;
let vsixPromise: Promise<string> | undefined;
let templatePromise: Promise<string> | undefined;
let sharedSimulator: HarnessSimulator | undefined;
let instanceCounter = 0;
const openSessions = new Set<WorkbenchSession>();

/** Run folder of this e2e process (created on first use). */
export function e2eRunDir(): string {
  runDir ??= createRunDir('e2e');
  return runDir;
}

/** Set by the root hook (e2eHooks.ts). */
export function setE2eSimulator(sim: HarnessSimulator | undefined): void {
  sharedSimulator = sim;
}

/** The simulator shared by all e2e tests (url, clientId, clientSecret). */
export function e2eSimulator(): HarnessSimulator {
  if (!sharedSimulator) throw new Error('no e2e simulator: run e2e tests through `npm run test:e2e` (.mocharc.e2e.json loads out/test/harness/e2eHooks.js)');
  return sharedSimulator;
}

/**
 * `npm run package` (production build + vsce) → dist/isc-identity-explorer.vsix, copied into this
 * run's folder (so a concurrent run repackaging cannot change it under us). Once per process.
 * ISC_HARNESS_EXTENSION_PATH=DIR packages another extension folder instead (harness self-tests).
 */
export function packageVsix(): Promise<string> {
  vsixPromise ??= (async () => {
    const target = path.join(e2eRunDir(), 'isc-identity-explorer.vsix');
    const other = process.env.ISC_HARNESS_EXTENSION_PATH;
    const started = Date.now();
    const result = other
      ? await runToCompletion('npx', ['vsce', 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', target], { cwd: path.resolve(other), timeoutMs: 180_000 })
      : await runToCompletion('npm', ['run', '-s', 'package'], { cwd: repoRoot, timeoutMs: 180_000 });
    if (result.code !== 0) throw new Error(`packaging the extension failed (exit ${result.code}):\n${result.output}`);
    if (!other) fs.copyFileSync(path.join(repoRoot, 'dist', 'isc-identity-explorer.vsix'), target);
    console.log(`[e2e] packaged ${path.relative(repoRoot, target)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return target;
  })();
  return vsixPromise;
}

/** Extensions folder with the .vsix installed once; each session gets a copy. */
function installedTemplate(): Promise<string> {
  templatePromise ??= (async () => {
    const vsix = await packageVsix();
    const dir = runSubdir(e2eRunDir(), 'extensions-template');
    await installExtension(vsix, dir, runSubdir(e2eRunDir(), 'install'));
    return dir;
  })();
  return templatePromise;
}

/** Waits until the workbench has rendered (`.monaco-workbench` and the activity bar). */
export async function waitForWorkbench(page: Page, timeoutMs = 90_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.activitybar').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/** code-server with the packaged extension installed, in headless Chromium, workbench loaded. Close it! */
export async function startCodeServerWithExtension(options: StartOptions = {}): Promise<WorkbenchSession> {
  const template = await installedTemplate();
  const dir = runSubdir(e2eRunDir(), `session-${++instanceCounter}`);
  const extensionsDir = path.join(dir, 'extensions');
  fs.cpSync(template, extensionsDir, { recursive: true });
  const workspace = runSubdir(dir, 'workspace');
  const env = options.env ?? simulatorEnv(sharedSimulator, options.tenant ?? true);
  const server = await startCodeServer({ runDir: dir, extensionsDir, folder: workspace, settings: options.settings, env });
  let browser: Browser | undefined;
  try {
    const opened = await openPage();
    browser = opened.browser;
    const url = workbenchUrl(server.url, workspace);
    const consoleLog = path.join(dir, 'browser-console.log');
    opened.page.on('console', (msg) => fs.appendFileSync(consoleLog, `[${msg.type()}] ${msg.text()}\n`));
    await opened.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForWorkbench(opened.page, options.timeoutMs);
    const b = browser;
    let closing: Promise<void> | undefined;
    const session: WorkbenchSession = {
      url,
      page: opened.page,
      browser: b,
      server,
      workspace,
      close: () =>
        (closing ??= (async () => {
          openSessions.delete(session);
          await b.close().catch(() => undefined);
          await server.stop();
        })()),
    };
    openSessions.add(session);
    return session;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

/** Closes every session still open (root after-all hook). */
export async function closeAllSessions(): Promise<void> {
  await Promise.allSettled([...openSessions].map((s) => s.close()));
}

/**
 * Opens the command palette (F1), types `title` and runs the first match. Both steps are tried again until
 * `timeoutMs`: the palette may not open on the first key, and it may open before the workbench knows the
 * extension's commands (then the title matches nothing until it is typed again).
 */
export async function runCommand(page: Page, title: string, timeoutMs = 45_000): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 1500 });
      await input.fill(`>${title}`);
      await row.waitFor({ state: 'visible', timeout: Math.max(1000, Math.min(10_000, deadline - Date.now())) });
      await page.keyboard.press('Enter');
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`could not run "${title}" from the command palette within ${timeoutMs} ms`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Saves test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  const file = path.join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}
