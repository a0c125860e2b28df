// Freezes the set of identities a filter matches, when the user confirms: the job then runs on exactly these ids even
// if the filter's result changes meanwhile. No `vscode` import.
import { abortedError } from '../../api/errors';
import type { IscClient } from '../../api/iscClient';
import type { Identity } from '../../api/types';
import type { IdentityRef } from '../identityRef';

export interface IdentityPagesQuery {
  filters: string;
  sorters?: string;
  pageSize: number;
}

/** Pages of list-identities in server order until the end (IscClient.iterateIdentities through `identityPagesFor`). */
export type IdentityPagesFn = (query: IdentityPagesQuery, signal: AbortSignal | undefined) => AsyncIterable<{ items: Identity[]; total?: number }>;

export function identityPagesFor(client: Pick<IscClient, 'iterateIdentities'>): IdentityPagesFn {
  return (query, signal) => client.iterateIdentities(query, { signal });
}

export interface FilterTargetsOptions {
  tenantId: string;
  iterate: IdentityPagesFn;
  signal?: AbortSignal;
  /** After each page: identities so far, and the total when the server counted (X-Total-Count). */
  onProgress?: (count: number, total: number | undefined) => void;
  sorters?: string;
  /** Default 250, ISC's maximum. */
  pageSize?: number;
}

/**
 * Every identity matching `filter` (an empty filter matches all), as frozen refs (id and name) in server order. An id
 * that a later page repeats (records shifting while paging) is kept once, at its first place.
 */
export async function enumerateFilterTargets(filter: string, options: FilterTargetsOptions): Promise<readonly IdentityRef[]> {
  if (options.signal?.aborted) throw abortedError('list-identities');
  const refs: IdentityRef[] = [];
  const seen = new Set<string>();
  const query: IdentityPagesQuery = { filters: filter, pageSize: options.pageSize ?? 250 };
  if (options.sorters) query.sorters = options.sorters;
  for await (const page of options.iterate(query, options.signal)) {
    for (const identity of page.items) {
      if (seen.has(identity.id)) continue;
      seen.add(identity.id);
      refs.push(Object.freeze({ tenantId: options.tenantId, identityId: identity.id, name: identity.name }));
    }
    options.onProgress?.(refs.length, page.total);
    // Before the next page is asked for (leaving the loop ends the iterator, which stops its prefetching).
    if (options.signal?.aborted) throw abortedError('list-identities');
  }
  return Object.freeze(refs);
}
