// Fault injection: random 429 / 5xx, malformed bodies, scripted failures (failNext) and latency.
// Faults never touch /__sim/ admin endpoints. On /oauth/token only latency and a failNext whose
// pathIncludes matches the token path apply.

import { Rng, mixSeed } from './prng';
import { errorResponse, tooManyRequests } from './http';
import type { SimResponse } from './http';
import { unauthorized } from './auth';
import type { TaskOutcome } from './tasks';

export interface SimFaults {
  rate429?: number;
  rate5xx?: number;
  malformedRate?: number;
  ownershipShape?: 'nested' | 'flat';
  failNext?: { status: number; count: number; methods?: string[]; pathIncludes?: string };
  /** Extra delay per request in ms (adds to SimulatorOptions.latencyMs). */
  latencyMs?: number;
  /** completionStatus of the tasks created while it is set (default SUCCESS). */
  taskOutcome?: TaskOutcome;
  /** GET /v2025/task-status/{id} answers 403 (a PAT without idn:task-management:read). */
  taskStatusForbidden?: boolean;
}

export class FaultInjector {
  private faults: SimFaults = {};
  private rng: Rng;

  constructor(private readonly seed: number) {
    this.rng = new Rng(mixSeed(seed, 0xfa17));
  }

  get current(): SimFaults {
    return this.faults;
  }

  set(faults: SimFaults): void {
    this.faults = { ...faults, failNext: faults.failNext ? { ...faults.failNext } : undefined };
    this.rng = new Rng(mixSeed(this.seed, 0xfa17));
  }

  get ownershipShape(): 'nested' | 'flat' {
    return this.faults.ownershipShape === 'flat' ? 'flat' : 'nested';
  }

  /** A failure to answer instead of handling the request, or undefined. */
  before(method: string, path: string, isTokenEndpoint: boolean): SimResponse | undefined {
    const next = this.faults.failNext;
    if (next && next.count > 0) {
      const methodOk = !next.methods || next.methods.length === 0 || next.methods.some((m) => m.toUpperCase() === method);
      const pathOk = next.pathIncludes ? path.includes(next.pathIncludes) : !isTokenEndpoint;
      if (methodOk && pathOk) {
        next.count--;
        if (next.count <= 0) this.faults.failNext = undefined;
        return scripted(next.status);
      }
    }
    if (isTokenEndpoint) return undefined;
    if (this.faults.rate429 && this.rng.chance(this.faults.rate429)) return tooManyRequests(1000);
    if (this.faults.rate5xx && this.rng.chance(this.faults.rate5xx)) {
      return errorResponse(500, 'An internal fault occurred. (injected by the simulator)');
    }
    return undefined;
  }

  /** Whether to corrupt this successful JSON response. */
  shouldMalform(): boolean {
    return !!this.faults.malformedRate && this.rng.chance(this.faults.malformedRate);
  }
}

function scripted(status: number): SimResponse {
  if (status === 429) return tooManyRequests(1000);
  if (status === 401) return unauthorized('JWT validation failed: JWT is expired');
  if (status >= 400) return errorResponse(status, `Injected failure (HTTP ${status}) by the simulator.`);
  return { status, body: {} };
}

/** Turns a JSON body into invalid JSON (a truncated document). */
export function malform(serialised: string): string {
  const cut = Math.max(1, Math.floor(serialised.length / 2));
  return `${serialised.slice(0, cut)}<<<truncated`;
}
