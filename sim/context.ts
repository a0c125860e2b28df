// State shared by the simulator's handlers.

import type { TokenService } from './auth';
import type { BackoffConfig, BackoffTracker } from './backoff';
import type { FaultInjector } from './faults';
import type { SimRequest, SimResponse } from './http';
import type { RateLimiter } from './rateLimiter';
import type { IdentityStore } from './store';
import type { TaskRegistry } from './tasks';

export interface SimContext {
  store: IdentityStore;
  tokens: TokenService;
  limiter?: RateLimiter;
  faults: FaultInjector;
  syncCooldownMs: number;
  tasks: TaskRegistry;
  /** Escalating Retry-After state (used while the fault escalatingRetryAfter is set). */
  backoff: BackoffTracker;
  backoffConfig(): BackoffConfig;
}

export type RouteHandler = (ctx: SimContext, req: SimRequest, params: Record<string, string>) => SimResponse;
