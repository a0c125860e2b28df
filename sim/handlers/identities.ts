// list-identities, get-identity, delete-identity.

import type { SimContext } from '../context';
import { FilterError, matchesFilter, parseFilter } from '../filter';
import type { FilterNode } from '../filter';
import { badRequest, json, notFound } from '../http';
import type { SimRequest, SimResponse } from '../http';
import type { IdentityRecord } from '../model';
import { ownershipBody } from '../roles';
import { parseSorters } from '../sorters';
import type { SortKey } from '../sorters';

const MAX_LIMIT = 250;

function parseInteger(query: URLSearchParams, name: string, fallback: number, max?: number): number | string {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) return `Query parameter '${name}' must be a non-negative integer, got '${raw}'.`;
  const value = Number(raw.trim());
  if (max !== undefined && value > max) return `Query parameter '${name}' must be at most ${max}, got ${value}.`;
  if (!Number.isSafeInteger(value)) return `Query parameter '${name}' is too large.`;
  return value;
}

function parseBoolean(query: URLSearchParams, name: string): boolean | string {
  const raw = query.get(name);
  if (raw === null || raw === '') return false;
  const lower = raw.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  return `Query parameter '${name}' must be true or false, got '${raw}'.`;
}

export function listIdentities(ctx: SimContext, req: SimRequest): SimResponse {
  const q = req.query;
  const limit = parseInteger(q, 'limit', MAX_LIMIT, MAX_LIMIT);
  if (typeof limit === 'string') return badRequest(limit);
  const requestedOffset = parseInteger(q, 'offset', 0);
  if (typeof requestedOffset === 'string') return badRequest(requestedOffset);
  const faults = ctx.faults.current;
  const offset = faults.ignoreOffset ? 0 : requestedOffset;
  const shortPageDrop = Math.max(0, Math.floor(faults.shortPageDrop ?? 0));
  const count = parseBoolean(q, 'count');
  if (typeof count === 'string') return badRequest(count);
  const defaultFilter = q.get('defaultFilter') ?? 'CORRELATED_ONLY';
  if (defaultFilter !== 'CORRELATED_ONLY' && defaultFilter !== 'NONE') {
    return badRequest(`Query parameter 'defaultFilter' must be CORRELATED_ONLY or NONE, got '${defaultFilter}'.`);
  }
  let filter: FilterNode | undefined;
  let sortKeys: SortKey[] = [];
  try {
    const filters = q.get('filters');
    if (filters !== null && filters.trim() !== '') filter = parseFilter(filters);
    const sorters = q.get('sorters');
    if (sorters !== null && sorters.trim() !== '') sortKeys = parseSorters(sorters);
  } catch (e) {
    if (e instanceof FilterError) return badRequest(`Invalid ${e.message.startsWith('sort') || e.message.startsWith('empty sorter') ? 'sorters' : 'filters'}: ${e.message}`);
    throw e;
  }
  const correlatedOnly = defaultFilter === 'CORRELATED_ONLY';
  const matches = (r: IdentityRecord): boolean => (!correlatedOnly || r.correlated) && (!filter || matchesFilter(filter, r));
  // The whole match list is cached per query (paging through it is then a slice); a first page without count on a
  // query not seen since the last change scans with an early stop instead.
  const queryKey = `${defaultFilter}\n${q.get('sorters') ?? ''}\n${q.get('filters') ?? ''}`;
  const all = ctx.store.matching(queryKey, sortKeys, matches, count || offset > 0 || shortPageDrop > 0);
  let page: readonly IdentityRecord[];
  let total = 0;
  if (all) {
    page = all.slice(offset, offset + limit);
    total = all.length;
    // Fault shortPageDrop: like ISC (developer.sailpoint.com issue 266) a page with more records after it can hold
    // fewer than `limit`; the missing records are skipped, offset still counts them. Never empty while more follow.
    if (shortPageDrop > 0 && offset + limit < total) page = page.slice(0, Math.max(1, page.length - shortPageDrop));
  } else {
    const found: IdentityRecord[] = [];
    for (const record of ctx.store.sorted(sortKeys)) {
      if (found.length >= limit) break;
      if (matches(record)) found.push(record);
    }
    page = found;
  }
  const headers: Record<string, string> = {};
  if (count) headers['X-Total-Count'] = String(faults.totalCountOverride ?? total);
  return { status: 200, json: ctx.store.dtoArrayJson(page), headers };
}

export function getIdentity(ctx: SimContext, _req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.id);
  if (!record) return notFound('identity', params.id);
  return { status: 200, json: ctx.store.dtoJson(record) };
}

export function deleteIdentity(ctx: SimContext, _req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.id);
  if (!record) return notFound('identity', params.id);
  if (record.protected) {
    return json(400, { message: `Identity is protected and cannot be deleted: ${record.name}` });
  }
  const owned = ctx.store.owned(record);
  if (owned.length > 0) {
    return json(400, {
      message: 'Identity cannot be deleted as it is owner of following resources',
      ...ownershipBody(owned, ctx.faults.ownershipShape),
    });
  }
  ctx.store.delete(record.id);
  return { status: 204 };
}
