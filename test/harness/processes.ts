// Child processes in their own process group, killed (whole group) on stop, on failure and on exit.
import type { ChildProcess, SpawnOptions } from 'child_process';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const groups = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();
let handlersInstalled = false;

function killGroupNow(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Last line of defence: never leave a process group behind.
  process.on('exit', () => {
    for (const child of groups) killGroupNow(child, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      void runCleanups().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/** Registers an async clean-up run on SIGINT/SIGTERM/SIGHUP (and by runCleanups). Returns an unregister function. */
export function onCleanup(fn: () => Promise<void>): () => void {
  installHandlers();
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

export async function runCleanups(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((fn) => fn()));
  for (const child of groups) killGroupNow(child, 'SIGKILL');
}

export interface GroupSpawnOptions extends Omit<SpawnOptions, 'detached' | 'stdio'> {
  /** Append stdout+stderr to this file (otherwise inherited). */
  logFile?: string;
  /** Run under watchdog.js: the group is killed if this process dies without cleaning up (default true). */
  watchdog?: boolean;
}

/** Spawns `command` as the leader of a new process group. */
export function spawnGroup(command: string, args: string[], options: GroupSpawnOptions = {}): ChildProcess {
  installHandlers();
  const { logFile, watchdog = true, ...rest } = options;
  if (watchdog) {
    args = [path.join(__dirname, 'watchdog.js'), String(process.pid), command, ...args];
    command = process.execPath;
  }
  let stdio: SpawnOptions['stdio'] = 'inherit';
  let fd: number | undefined;
  if (logFile) {
    fd = fs.openSync(logFile, 'a');
    stdio = ['ignore', fd, fd];
  }
  const child = spawn(command, args, { ...rest, detached: true, stdio });
  if (fd !== undefined) fs.closeSync(fd);
  groups.add(child);
  child.once('exit', () => groups.delete(child));
  return child;
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the leader is gone. */
export async function killGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroupNow(child, 'SIGKILL'); // leftovers of the group, if any
    groups.delete(child);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroupNow(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    killGroupNow(child, 'SIGKILL');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }
  killGroupNow(child, 'SIGKILL'); // grand-children that ignored SIGTERM
  groups.delete(child);
}

/** Runs a command to completion (own process group, killed on timeout); resolves with exit code and output. */
export function runToCompletion(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<{ code: number; output: string }> {
  installHandlers();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    groups.add(child);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      output += `\n[harness] timed out after ${options.timeoutMs} ms: ${command} ${args.join(' ')}\n`;
      killGroupNow(child, 'SIGKILL');
    }, options.timeoutMs ?? 300_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      groups.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      groups.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}
