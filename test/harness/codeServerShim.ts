// A stand-in for the VS Code executable that @vscode/test-electron's runTests() launches.
// It accepts test-electron's command line, starts code-server, opens the workbench in headless
// Chromium with extensionDevelopmentPath/extensionTestsPath as URL payload, forwards the
// workbench's codeAutomationLog to stdout and exits with the code given to codeAutomationExit.
// Launched through the executable wrapper test/harness/code-server-shim.
//
// Environment: ISC_HARNESS_RUN_DIR (scratch folder; default: a new one under .vscode-test/runs),
// ISC_HARNESS_TIMEOUT_MS (overall, default 600000), ISC_HARNESS_SETTINGS (JSON user settings),
// ISC_HARNESS_VERBOSE=1 (also print the browser console and code-server's log path).
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { openPage, workbenchUrl } from './browser';
import type { CodeServerInstance } from './codeServerProcess';
import { startCodeServer, tailOfFile } from './codeServerProcess';
import { onCleanup } from './processes';
import { createRunDir, runSubdir } from './runs';

export interface ShimArgs {
  extensionDevelopmentPaths: string[];
  extensionTestsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
  ignored: string[];
}

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'locale', 'log', 'crash-reporter-directory', 'folder-uri', 'file-uri']);

export function parseShimArgs(argv: string[]): ShimArgs {
  const result: ShimArgs = { extensionDevelopmentPaths: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      if (!result.folder) result.folder = path.resolve(arg);
      else result.ignored.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (value === undefined && VALUE_FLAGS.has(name) && i + 1 < argv.length) value = argv[++i];
    switch (name) {
      case 'extensionDevelopmentPath':
        if (value) result.extensionDevelopmentPaths.push(path.resolve(value));
        break;
      case 'extensionTestsPath':
        if (value) result.extensionTestsPath = path.resolve(value);
        break;
      case 'user-data-dir':
        if (value) result.userDataDir = path.resolve(value);
        break;
      case 'extensions-dir':
        if (value) result.extensionsDir = path.resolve(value);
        break;
      default:
        // --no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, --skip-release-notes,
        // --disable-workspace-trust, --disable-extensions (fresh extensions folder: nothing else is installed) …
        result.ignored.push(value === undefined ? arg : `--${name}=${value}`);
    }
  }
  return result;
}

/** Workbench chatter that is not test output (shown with ISC_HARNESS_VERBOSE=1). */
const WORKBENCH_NOISE: RegExp[] = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /ENOTFOUND open-vsx\.org/,
  /IPC handle .* is longer than/,
  /^Creation of workbench contribution/,
];

function remoteUri(port: number, absPath: string): string {
  return `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

async function main(): Promise<number> {
  const args = parseShimArgs(process.argv.slice(2));
  const verbose = process.env.ISC_HARNESS_VERBOSE === '1';
  if (!args.extensionTestsPath) {
    console.error('[shim] --extensionTestsPath is required');
    return 2;
  }
  const runDir = process.env.ISC_HARNESS_RUN_DIR ? runSubdir(process.env.ISC_HARNESS_RUN_DIR) : createRunDir('shim');
  const folder = args.folder ?? runSubdir(runDir, 'workspace');
  const settings = process.env.ISC_HARNESS_SETTINGS ? (JSON.parse(process.env.ISC_HARNESS_SETTINGS) as Record<string, unknown>) : {};
  const timeoutMs = Number(process.env.ISC_HARNESS_TIMEOUT_MS ?? 600_000);

  let server: CodeServerInstance | undefined;
  let browser: Browser | undefined;
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  const unregister = onCleanup(cleanup);
  const started = Date.now();
  try {
    const cs = await startCodeServer({
      runDir,
      userDataDir: args.userDataDir,
      extensionsDir: args.extensionsDir,
      folder,
      settings,
      env: { ISC_HARNESS_RUN_DIR: undefined, ISC_HARNESS_SETTINGS: undefined },
    });
    server = cs;
    console.log(`[shim] code-server ${server.url} up in ${Date.now() - started} ms (run folder ${runDir})`);
    const opened = await openPage();
    browser = opened.browser;
    const page = opened.page;

    let resolveExit: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (type: string, message: unknown) => {
      const text = Array.isArray(message) ? message.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ') : String(message);
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      if (type === 'error' || type === 'warn') console.error(text);
      else console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: { relativePath: string; contents: string }[]) => {
      try {
        const logDir = runSubdir(runDir, 'workbench-logs');
        for (const log of logs ?? []) {
          const target = path.join(logDir, path.normalize(log.relativePath).replace(/^(\.\.[/\\])+/, ''));
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, log.contents);
        }
      } catch {
        // logs are a nicety
      }
      resolveExit(Number(code) || 0);
    });
    const browserLog = path.join(runDir, 'browser-console.log');
    page.on('console', (msg) => {
      const line = `[browser ${msg.type()}] ${msg.text()}`;
      fs.appendFileSync(browserLog, line + '\n');
      if (verbose) console.log(line);
    });
    page.on('pageerror', (error) => fs.appendFileSync(browserLog, `[pageerror] ${error.stack ?? error.message}\n`));
    page.on('crash', () => {
      console.error('[shim] the browser page crashed');
      resolveExit(1);
    });

    const payload: [string, string][] = [
      ...args.extensionDevelopmentPaths.map((p): [string, string] => ['extensionDevelopmentPath', remoteUri(cs.port, p)]),
      ['extensionTestsPath', remoteUri(cs.port, args.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(workbenchUrl(cs.url, folder, payload), { waitUntil: 'domcontentloaded', timeout: 60_000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`[shim] timed out after ${timeoutMs} ms waiting for the tests to finish (run folder ${runDir})`);
        resolve(124);
      }, timeoutMs);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code !== 0) {
      console.error(`[shim] exit code ${code}; code-server log ${server.logFile}, browser console ${browserLog}`);
      if (verbose) console.error(tailOfFile(server.logFile));
    }
    return code;
  } catch (error) {
    console.error(`[shim] ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    await cleanup();
    unregister();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
