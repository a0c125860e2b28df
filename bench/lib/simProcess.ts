// Starts a simulator in a child process (bench/sim-child.ts) and reads its request log over the
// admin endpoints. Always registered for cleanup.
import { spawn } from 'child_process';
import * as path from 'path';
import { registerCleanup } from './cleanup';
import { OUT_ROOT } from './paths';
import type { SimRequestRecord, SimulatorOptions } from '../../sim/server';

export interface SimProcess {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Time the simulator took to start (seeding included). */
  startMs: number;
  pid: number;
  requests(since?: number): Promise<SimRequestRecord[]>;
  clearRequests(): Promise<void>;
  close(): Promise<void>;
}

export async function startSimProcess(options: SimulatorOptions, timeoutMs = 60_000): Promise<SimProcess> {
  const child = spawn(process.execPath, [path.join(OUT_ROOT, 'bench', 'sim-child.js'), JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-2000);
  });
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const close = async (): Promise<void> => {
    if (exited) return;
    child.stdin.end();
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(killTimer);
  };
  const unregister = registerCleanup(`simulator pid ${child.pid}`, close);

  const info = await new Promise<{ url: string; clientId: string; clientSecret: string; startMs: number }>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start within ${timeoutMs} ms`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('SIM_READY ')) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice('SIM_READY '.length)));
        } else if (line.startsWith('SIM_FAILED ')) {
          clearTimeout(timer);
          reject(new Error(`simulator failed to start: ${JSON.parse(line.slice('SIM_FAILED '.length))}`));
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited (${code}) before it was ready: ${stderrTail.trim().slice(-300)}`));
    });
  }).catch(async (error: unknown) => {
    await close();
    unregister();
    throw error;
  });

  return {
    ...info,
    pid: child.pid ?? -1,
    async requests(since?: number) {
      const url = `${info.url}/__sim/requests${since !== undefined ? `?since=${since}` : ''}`;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET /__sim/requests answered ${response.status}`);
      return (await response.json()) as SimRequestRecord[];
    },
    async clearRequests() {
      const response = await fetch(`${info.url}/__sim/requests`, { method: 'DELETE' });
      if (!response.ok) throw new Error(`DELETE /__sim/requests answered ${response.status}`);
    },
    async close() {
      await close();
      unregister();
    },
  };
}

/** Requests to the v2025 API (not the admin endpoints, not the token endpoint). */
export function apiRequests(records: SimRequestRecord[]): SimRequestRecord[] {
  return records.filter((r) => r.path.includes('/v2025/'));
}

export function tokenRequests(records: SimRequestRecord[]): SimRequestRecord[] {
  return records.filter((r) => r.path.includes('/oauth/token'));
}
