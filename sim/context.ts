// State shared by the simulator's handlers.

import type { TokenService } from './auth';
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
}

export type RouteHandler = (ctx: SimContext, req: SimRequest, params: Record<string, string>) => SimResponse;
