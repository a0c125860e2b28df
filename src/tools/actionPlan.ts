// What an acting tool call would do, worked out before anything is sent: the tenant (a read-only one is refused
// before any request), the identities (ids looked up, or the filter listed; more than the cap is refused), and the
// ids ISC does not know. The plan shown in the confirmation is the plan that runs (kept in a PlanStore until invoke).
import { inList } from '../api/filters';
import type { IscClient } from '../api/iscClient';
import type { VerificationVia } from '../api/types';
import type { IdentityRef } from '../model/identityRef';
import type { TenantDirectory, TenantInfo } from '../model/tenant';
import { MAX_ACTION_TARGETS } from '../model/tools/toolInput';
import type { ActionInput, ToolActionName } from '../model/tools/toolInput';
import { resolveTenant } from './toolSupport';

export interface ActionPlan {
  action: ToolActionName;
  tenant: TenantInfo;
  targets: IdentityRef[];
  /** Ids given that ISC does not know: nothing is sent for them. */
  notFound: string[];
  /** The filter the targets came from, if any (for the audit line of a refusal). */
  filters?: string;
  via?: VerificationVia;
  sourceName?: string;
}

type PlanRefusal = 'readOnly' | 'tooMany' | 'noTargets';

export type PlanOutcome =
  | { kind: 'ready'; plan: ActionPlan }
  | { kind: 'refused'; reason: PlanRefusal; tenant: TenantInfo; message: string; ids?: string[]; filters?: string; total?: number };

/** ids per lookup request: `id in (…)` of 50 ids stays far below URL limits. */
const LOOKUP_CHUNK = 50;
const PAGE = 250;

async function lookUpIds(client: IscClient, tenantId: string, ids: readonly string[], signal: AbortSignal): Promise<{ found: IdentityRef[]; notFound: string[] }> {
  const names = new Map<string, string>();
  for (let at = 0; at < ids.length; at += LOOKUP_CHUNK) {
    const chunk = ids.slice(at, at + LOOKUP_CHUNK);
    const page = await client.listIdentities({ filters: inList('id', [...chunk]), defaultFilter: 'NONE', limit: PAGE }, { signal });
    for (const identity of page.items) names.set(identity.id, identity.name);
  }
  const found = ids.filter((id) => names.has(id)).map((id) => ({ tenantId, identityId: id, name: names.get(id) ?? id }));
  return { found, notFound: ids.filter((id) => !names.has(id)) };
}

/** Lists the filter's identities, stopping as soon as there are more than the cap (then `total` says how many). */
async function listFilter(
  client: IscClient,
  tenantId: string,
  filters: string,
  defaultFilter: 'NONE' | 'CORRELATED_ONLY',
  signal: AbortSignal,
): Promise<{ refs: IdentityRef[]; tooMany: boolean; total?: number }> {
  const refs: IdentityRef[] = [];
  const seen = new Set<string>();
  let total: number | undefined;
  // An empty page ends the list (a short page may be followed by more, see src/api/paging.ts).
  for (let offset = 0; ; offset += PAGE) {
    const page = await client.listIdentities({ filters, defaultFilter, limit: PAGE, offset, count: offset === 0 }, { signal });
    if (offset === 0) total = page.total;
    if (total !== undefined && total > MAX_ACTION_TARGETS) return { refs, tooMany: true, total };
    if (page.items.length === 0) break;
    for (const identity of page.items) {
      if (seen.has(identity.id)) continue;
      seen.add(identity.id);
      refs.push({ tenantId, identityId: identity.id, name: identity.name });
    }
    if (refs.length > MAX_ACTION_TARGETS) return { refs, tooMany: true, total: total ?? refs.length };
  }
  return { refs, tooMany: false, total };
}

/** Resolves an acting tool call into a plan or a refusal. No write is sent; a read-only tenant gets no request at all. */
export async function resolveActionPlan(tenants: TenantDirectory, input: ActionInput, signal: AbortSignal): Promise<PlanOutcome> {
  const tenant = resolveTenant(tenants, input.tenant);
  const ids = input.target.kind === 'ids' ? input.target.ids : undefined;
  const filters = input.target.kind === 'filter' ? input.target.filters : undefined;
  if (tenant.readOnly) {
    // language-model text: refusals are the tool's result, read by the model.
    return {
      kind: 'refused',
      reason: 'readOnly',
      tenant,
      ids,
      filters,
      message:
        `Tenant ${tenant.id} is read-only: no action is sent to it, and this tool cannot change that. ` +
        'Only the user can allow writes, with "ISC: Toggle Read-Only Mode" on the tenant in the Identities view.',
    };
  }
  const client = await tenants.getClient(tenant.id);
  const extras = { action: input.action, tenant, via: input.via, sourceName: input.sourceName };
  if (input.target.kind === 'ids') {
    const { found, notFound } = await lookUpIds(client, tenant.id, input.target.ids, signal);
    if (found.length === 0) {
      // language-model text
      return { kind: 'refused', reason: 'noTargets', tenant, ids, message: `None of the ${input.target.ids.length} identity ids exists on tenant ${tenant.id}; nothing to do.` };
    }
    return { kind: 'ready', plan: { ...extras, targets: found, notFound } };
  }
  const listed = await listFilter(client, tenant.id, input.target.filters, input.target.defaultFilter, signal);
  if (listed.tooMany) {
    // language-model text
    return {
      kind: 'refused',
      reason: 'tooMany',
      tenant,
      filters,
      total: listed.total,
      message:
        `The filter matches ${listed.total ?? 'more than ' + MAX_ACTION_TARGETS} identities; this tool acts on at most ${MAX_ACTION_TARGETS} per call. ` +
        'Narrow the filter, or let the user run the action from the Identities view.',
    };
  }
  // language-model text
  if (listed.refs.length === 0) return { kind: 'refused', reason: 'noTargets', tenant, filters, message: 'No identity matches the filter; nothing to do.' };
  return { kind: 'ready', plan: { ...extras, targets: listed.refs, notFound: [], filters } };
}
