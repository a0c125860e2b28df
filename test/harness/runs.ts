// One scratch folder per run under .vscode-test/runs/, so concurrent runs never share state.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { runsDir } from './paths';

const OWNER_FILE = 'owner.json';
const KEEP_DEAD_RUNS_MS = 30 * 60 * 1000; // keep a finished run 30 min for post-mortems
const MAX_RUN_AGE_MS = 24 * 60 * 60 * 1000;

interface RunOwner {
  pid: number;
  started: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the short /tmp runtime folders that `xdg-runtime` links of a run (and its sub-runs) point at. */
function removeRuntimeLinks(dir: string, depth: number): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink() && entry.name === 'xdg-runtime') {
      fs.rmSync(fs.readlinkSync(full), { recursive: true, force: true });
    } else if (entry.isDirectory() && depth > 0) {
      removeRuntimeLinks(full, depth - 1);
    }
  }
}

/** Deletes run folders whose owning process is gone (after a grace period) or that are older than a day. */
export function cleanOldRuns(now = Date.now()): void {
  if (!fs.existsSync(runsDir)) return;
  for (const name of fs.readdirSync(runsDir)) {
    const dir = path.join(runsDir, name);
    try {
      const stat = fs.statSync(dir);
      if (!stat.isDirectory()) continue;
      let owner: RunOwner | undefined;
      try {
        owner = JSON.parse(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8')) as RunOwner;
      } catch {
        owner = undefined;
      }
      const age = now - (owner?.started ?? stat.mtimeMs);
      const dead = !owner || !isAlive(owner.pid);
      if (age > MAX_RUN_AGE_MS || (dead && age > KEEP_DEAD_RUNS_MS)) {
        removeRuntimeLinks(dir, 2);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } catch {
      // another process may be deleting it at the same time
    }
  }
}

/** Creates `.vscode-test/runs/<label>-<time>-<pid>-<random>/` owned by this process. */
export function createRunDir(label: string): string {
  cleanOldRuns();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const dir = path.join(runsDir, `${label}-${stamp}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true });
  const owner: RunOwner = { pid: process.pid, started: Date.now() };
  fs.writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(owner));
  return dir;
}

/** A sub-folder of a run folder, created on demand. */
export function runSubdir(runDir: string, ...parts: string[]): string {
  const dir = path.join(runDir, ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
