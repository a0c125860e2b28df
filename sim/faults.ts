// Fault injection: random 429 / 5xx, malformed bodies, scripted failures (failNext), latency, task outcomes, paging
// faults, wire faults (trickled body, never answered, reset / truncated after a write was applied), escalating
// Retry-After and outages. Faults never touch /__sim/ admin endpoints. On /oauth/token only latency, outages and a
// failNext whose pathIncludes matches the token path apply.

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
  /** List pages with more records after them hold this many fewer than `limit` (the dropped records are skipped). */
  shortPageDrop?: number;
  /** X-Total-Count (when count=true) reports this number whatever the truth. */
  totalCountOverride?: number;
  /** Every list request is served from offset 0. */
  ignoreOffset?: boolean;
  /** /v2025 response bodies are written one byte every N ms, after the headers. */
  trickleBodyMs?: number;
  /** Probability that a /v2025 request is read and then never answered (the socket stays open). */
  neverAnswerRate?: number;
  /** Probability that an applied /v2025 write (POST/DELETE answered 2xx) ends with a destroyed socket, no response. */
  resetAfterApplyRate?: number;
  /** Probability that an applied /v2025 write gets a 2xx whose body is cut short (Content-Length not reached). */
  truncateAfterApplyRate?: number;
  /** ISC's back-off tiers (60, 300, 600, 1200 s) after 3 violated rate-limit intervals within 120 s. */
  escalatingRetryAfter?: boolean;
  /** Multiplies the back-off durations (overrides SimulatorOptions.escalationTimeScale). */
  escalationTimeScale?: number;
  /** For this many seconds the server does not listen (connections refused), then listens on the same port again. */
  outageSeconds?: number;
}

/** What happens on the wire to a response instead of a plain answer. */
export type WireFault = 'never-answer' | 'reset-after-apply' | 'truncate-after-apply' | 'trickle' | 'malformed';

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

  /** Drops one fault (e.g. an outage that is over) and keeps the others. */
  forget(name: keyof SimFaults): void {
    const { [name]: _dropped, ...rest } = this.faults;
    this.faults = rest;
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
    return this.draw(this.faults.malformedRate);
  }

  /** Whether to read this /v2025 request and never answer it. */
  shouldNeverAnswer(): boolean {
    return this.draw(this.faults.neverAnswerRate);
  }

  /** How to break the answer to a write that was applied, or undefined to answer it. */
  afterApply(): 'reset-after-apply' | 'truncate-after-apply' | undefined {
    if (this.draw(this.faults.resetAfterApplyRate)) return 'reset-after-apply';
    if (this.draw(this.faults.truncateAfterApplyRate)) return 'truncate-after-apply';
    return undefined;
  }

  /** A draw only when the rate is set, so unset faults leave the random sequence of the others unchanged. */
  private draw(rate: number | undefined): boolean {
    return typeof rate === 'number' && rate > 0 && this.rng.chance(rate);
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
