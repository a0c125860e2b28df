// Route table of the /v2025 Identities API and the per-request pipeline (auth, rate limit, experimental header).

import type { RouteHandler, SimContext } from './context';
import { inviteIdentities, processIdentities, resetIdentity, sendVerification, synchronizeAttributes } from './handlers/actions';
import { deleteIdentity, getIdentity, listIdentities } from './handlers/identities';
import { getOwnership, getRoleAssignment, getRoleAssignments } from './handlers/roleAssignments';
import { getTaskStatus } from './handlers/tasks';
import { badRequest, errorResponse, tooManyRequests } from './http';
import type { SimRequest, SimResponse } from './http';

interface Route {
  method: string;
  operation: string;
  pattern: RegExp;
  params: string[];
  experimental: boolean;
  handler: RouteHandler;
}

function route(method: string, template: string, operation: string, experimental: boolean, handler: RouteHandler): Route {
  const params: string[] = [];
  const source = template.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { method, operation, pattern: new RegExp(`^${source}$`), params, experimental, handler };
}

export const API_PREFIX = '/v2025';

const ROUTES: readonly Route[] = [
  route('GET', '/v2025/identities', 'listIdentities', false, listIdentities),
  route('POST', '/v2025/identities/process', 'startIdentityProcessing', true, processIdentities),
  route('POST', '/v2025/identities/invite', 'startIdentitiesInvite', true, inviteIdentities),
  route('GET', '/v2025/identities/:id', 'getIdentity', false, getIdentity),
  route('DELETE', '/v2025/identities/:id', 'deleteIdentity', false, deleteIdentity),
  route('GET', '/v2025/identities/:identityId/ownership', 'getIdentityOwnershipDetails', false, getOwnership),
  route('POST', '/v2025/identities/:id/reset', 'resetIdentity', false, resetIdentity),
  route('GET', '/v2025/identities/:identityId/role-assignments', 'getRoleAssignments', false, getRoleAssignments),
  route('GET', '/v2025/identities/:identityId/role-assignments/:assignmentId', 'getRoleAssignment', false, getRoleAssignment),
  route('POST', '/v2025/identities/:identityId/synchronize-attributes', 'synchronizeAttributesForIdentity', true, synchronizeAttributes),
  route('POST', '/v2025/identities/:id/verification/account/send', 'sendIdentityVerificationAccountToken', true, sendVerification),
  route('GET', '/v2025/task-status/:id', 'getTaskStatus', false, getTaskStatus),
];

function match(method: string, path: string): { route: Route; params: Record<string, string> } | 'methodNotAllowed' | undefined {
  let pathMatched = false;
  for (const candidate of ROUTES) {
    const m = candidate.pattern.exec(path);
    if (!m) continue;
    if (candidate.method !== method) {
      pathMatched = true;
      continue;
    }
    const params: Record<string, string> = {};
    try {
      candidate.params.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
    } catch {
      return undefined;
    }
    return { route: candidate, params };
  }
  return pathMatched ? 'methodNotAllowed' : undefined;
}

/** Handles an authenticated-API request under /v2025 (after fault injection). */
export function handleApiRequest(ctx: SimContext, req: SimRequest): SimResponse {
  const auth = ctx.tokens.authenticate(req);
  if (!auth.ok) return auth.response;
  req.clientId = auth.client.clientId;
  if (ctx.limiter) {
    const escalating = ctx.faults.current.escalatingRetryAfter === true;
    const backedOff = escalating ? ctx.backoff.remaining(auth.client.clientId) : undefined;
    if (backedOff !== undefined) return tooManyRequests(backedOff);
    const decision = ctx.limiter.tryAcquire(auth.client.clientId);
    if (!decision.ok) {
      const backoff = escalating ? ctx.backoff.violation(auth.client.clientId, ctx.backoffConfig(), ctx.limiter.config.windowMs) : undefined;
      return tooManyRequests(backoff ?? decision.retryAfterMs);
    }
  }
  const found = match(req.method, req.path);
  if (found === undefined) return errorResponse(404, `The server did not find a current representation for ${req.method} ${req.path}.`);
  if (found === 'methodNotAllowed') return errorResponse(405, `Method ${req.method} is not supported for ${req.path}.`);
  const { route: r, params } = found;
  if (auth.client.readOnly && r.method !== 'GET') {
    return errorResponse(403, 'The server understood the request but refuses to authorize it.');
  }
  if (r.experimental && !req.experimental) {
    return badRequest(`This API is experimental: the header 'X-SailPoint-Experimental: true' is required for ${r.operation}.`);
  }
  req.operation = r.operation;
  return r.handler(ctx, req, params);
}

