// Starts code-server (a real VS Code: web workbench + Node extension host) on 127.0.0.1 with
// scratch HOME/XDG folders, its own user-data and extensions folders, and waits for /healthz.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { findFreePort } from './freePort';
import { codeServerBin } from './paths';
import { killGroup, runToCompletion, spawnGroup } from './processes';
import { runSubdir } from './runs';

export const DEFAULT_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

export interface CodeServerOptions {
  /** Scratch folder of this run (HOME, XDG dirs, config and log live under it). */
  runDir: string;
  /** Extra environment for code-server and so for the extension host (undefined values remove a variable). */
  env?: Record<string, string | undefined>;
  userDataDir?: string;
  extensionsDir?: string;
  /** Folder code-server opens by default. */
  folder?: string;
  /** Merged over DEFAULT_USER_SETTINGS into USER_DATA/User/settings.json. */
  settings?: Record<string, unknown>;
  /** Fixed port (demo); default: a free port (retried if taken meanwhile). */
  port?: number;
  extraArgs?: string[];
  healthTimeoutMs?: number;
}

export interface CodeServerInstance {
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** process.env (or `base`) with HOME/XDG pointed at the run folder, VS Code's own variables removed, `extra` applied. */
export function scratchEnv(runDir: string, extra: Record<string, string | undefined> = {}, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (/^(VSCODE_|ELECTRON_)/.test(key) || key === 'PORT' || key === 'PASSWORD' || key === 'HASHED_PASSWORD') continue;
    env[key] = value;
  }
  const home = runSubdir(runDir, 'home');
  env.HOME = home;
  env.XDG_CONFIG_HOME = runSubdir(runDir, 'home', '.config');
  env.XDG_DATA_HOME = runSubdir(runDir, 'home', '.local', 'share');
  env.XDG_CACHE_HOME = runSubdir(runDir, 'home', '.cache');
  env.XDG_STATE_HOME = runSubdir(runDir, 'home', '.local', 'state');
  env.XDG_RUNTIME_DIR = shortRuntimeDir(runDir);
  env.TMPDIR = runSubdir(runDir, 'tmp');
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * XDG_RUNTIME_DIR holds VS Code's IPC sockets, whose paths must stay under 107 characters: a short
 * folder under /tmp (linked from the run folder), removed when this process exits.
 */
function shortRuntimeDir(runDir: string): string {
  const link = path.join(runDir, 'xdg-runtime');
  try {
    const target = fs.readlinkSync(link);
    if (fs.existsSync(target)) return target;
  } catch {
    // not created yet
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-rt-'));
  fs.chmodSync(dir, 0o700);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(dir, link);
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    existing = {};
  }
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...DEFAULT_USER_SETTINGS, ...settings }, null, 2));
}

function getStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export function tailOfFile(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitForHealth(child: ChildProcess, url: string, timeoutMs: number): Promise<'ok' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return 'exited';
    if ((await getStatus(`${url}/healthz`)) === 200) return 'ok';
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return 'timeout';
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServerInstance> {
  const bin = codeServerBin();
  const runDir = options.runDir;
  const userDataDir = options.userDataDir ?? runSubdir(runDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? runSubdir(runDir, 'extensions');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, options.settings);
  const env = scratchEnv(runDir, options.env);
  const logFile = path.join(runDir, 'code-server.log');
  const attempts = options.port ? 1 : 3;
  let lastError = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    const configFile = path.join(runDir, `code-server-config-${port}.yaml`);
    fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [
      '--config', configFile,
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(options.extraArgs ?? []),
    ];
    if (options.folder) args.push(options.folder);
    fs.appendFileSync(logFile, `\n[harness] ${new Date().toISOString()} starting code-server on port ${port}\n`);
    const child = spawnGroup(bin, args, { cwd: runDir, env, logFile });
    const url = `http://127.0.0.1:${port}`;
    const health = await waitForHealth(child, url, options.healthTimeoutMs ?? 60_000);
    if (health === 'ok') {
      let stopped: Promise<void> | undefined;
      return {
        port,
        url,
        userDataDir,
        extensionsDir,
        logFile,
        process: child,
        stop: () => (stopped ??= killGroup(child)),
      };
    }
    await killGroup(child);
    lastError = `code-server ${health === 'exited' ? 'exited early' : 'did not answer /healthz in time'} (port ${port}); log ${logFile}:\n${tailOfFile(logFile)}`;
  }
  throw new Error(lastError);
}

/** `code-server --install-extension VSIX --extensions-dir DIR` with the scratch environment of `runDir`. */
export async function installExtension(vsixPath: string, extensionsDir: string, runDir: string): Promise<void> {
  const result = await runToCompletion(
    codeServerBin(),
    ['--install-extension', vsixPath, '--force', '--extensions-dir', extensionsDir, '--user-data-dir', runSubdir(runDir, 'install-user-data')],
    { cwd: runDir, env: scratchEnv(runDir), timeoutMs: 120_000 },
  );
  if (result.code !== 0 || /\bfailed\b/i.test(result.output)) {
    throw new Error(`installing ${vsixPath} failed (exit ${result.code}):\n${result.output}`);
  }
}
