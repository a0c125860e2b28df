// Starts the simulator (out/sim/server.js, compiled from sim/server.ts) for the harness,
// and builds the environment the extension host gets from it.
import * as fs from 'fs';
import * as path from 'path';
import type { SimRequestRecord } from '../../sim/requestLog';
import { repoRoot } from './paths';

/** The parts of sim/server.ts's Simulator the harness uses (see CONTRACTS.md). */
export interface HarnessSimulator {
  url: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export interface HarnessSimulatorOptions {
  port?: number;
  identities?: number;
  seed?: number;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

type StartSimulator = (options?: HarnessSimulatorOptions) => Promise<HarnessSimulator>;

export const SIMULATOR_MODULE = process.env.ISC_HARNESS_SIM_MODULE ? path.resolve(process.env.ISC_HARNESS_SIM_MODULE) : path.join(repoRoot, 'out', 'sim', 'server.js');

/** seed 1, 2000 identities, default rate limit, random port unless given. */
export async function startHarnessSimulator(options: HarnessSimulatorOptions = {}): Promise<HarnessSimulator> {
  if (!fs.existsSync(SIMULATOR_MODULE)) {
    throw new Error(`simulator not built: ${SIMULATOR_MODULE} is missing (sim/server.ts + npm run compile)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simModule = require(SIMULATOR_MODULE) as { startSimulator?: StartSimulator };
  if (typeof simModule.startSimulator !== 'function') throw new Error(`${SIMULATOR_MODULE} does not export startSimulator`);
  return simModule.startSimulator({ port: 0, identities: 2000, seed: 1, ...options });
}

/**
 * Environment for code-server / the extension host. With `tenant`, the environment tenant
 * (ISC_BASE_URL, ISC_CLIENT_ID, ISC_CLIENT_SECRET); without it those are removed.
 * Always: ISC_SIM_URL, ISC_SIM_CLIENT_ID, ISC_SIM_CLIENT_SECRET (to add a tenant by hand in tests).
 */
export function simulatorEnv(sim: HarnessSimulator | undefined, tenant: boolean): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    ISC_BASE_URL: undefined,
    ISC_CLIENT_ID: undefined,
    ISC_CLIENT_SECRET: undefined,
    ISC_SIM_URL: undefined,
    ISC_SIM_CLIENT_ID: undefined,
    ISC_SIM_CLIENT_SECRET: undefined,
  };
  if (!sim) return env;
  env.ISC_SIM_URL = sim.url;
  env.ISC_SIM_CLIENT_ID = sim.clientId;
  env.ISC_SIM_CLIENT_SECRET = sim.clientSecret;
  if (tenant) {
    env.ISC_BASE_URL = sim.url;
    env.ISC_CLIENT_ID = sim.clientId;
    env.ISC_CLIENT_SECRET = sim.clientSecret;
  }
  return env;
}

/** The simulator's request log after `since` (a seq), from its admin API at `baseUrl`. */
export async function simRequestsSince(baseUrl: string, since: number): Promise<SimRequestRecord[]> {
  const response = await fetch(`${baseUrl}/__sim/requests?since=${since}`);
  if (!response.ok) throw new Error(`GET /__sim/requests answered ${response.status}`);
  return (await response.json()) as SimRequestRecord[];
}

/** The seq of the newest logged request (requests after it are "new"), without downloading the log. */
export async function simLastSeq(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/__sim/info`);
  if (!response.ok) throw new Error(`GET /__sim/info answered ${response.status}`);
  const { lastSeq } = (await response.json()) as { lastSeq?: unknown };
  if (typeof lastSeq !== 'number') throw new Error('GET /__sim/info reports no lastSeq');
  return lastSeq;
}
