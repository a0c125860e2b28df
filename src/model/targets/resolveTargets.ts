// Resolves the values of a pasted list or CSV file to identities of one tenant, before anything is sent.
// No `vscode` import. Ids go in chunks (`id in (…)`, at most 50 a request), emails by `email eq`, anything else by
// `alias eq`, then `name eq` when no alias matched. Filters are built with src/api/filters.ts (quotes and
// backslashes escaped). The client's limiter keeps the pace within ISC's 100 requests / 10 s; a few requests at a
// time are enough to reach it.
import { abortedError } from '../../api/errors';
import { eq, inList } from '../../api/filters';
import type { IscClient } from '../../api/iscClient';
import type { Identity } from '../../api/types';
import type { IdentityRef } from '../identityRef';
import type { TargetValue } from './listParsing';

export interface IdentityQuery {
  filters: string;
  limit: number;
  offset?: number;
}

/** One page of list-identities (IscClient.listIdentities through `identityListerFor`). */
export type ListIdentitiesFn = (query: IdentityQuery, signal: AbortSignal | undefined) => Promise<{ items: Identity[] }>;

export function identityListerFor(client: Pick<IscClient, 'listIdentities'>): ListIdentitiesFn {
  return (query, signal) => client.listIdentities(query, { signal });
}

interface UnresolvedValue {
  value: string;
  line: number;
}

interface AmbiguousValue {
  value: string;
  line: number;
  /** The identities that matched (at most `maxMatches`). */
  matches: IdentityRef[];
}

export interface TargetResolution {
  /** Distinct identities, in the order of the values that named them first. */
  resolved: IdentityRef[];
  unresolved: UnresolvedValue[];
  ambiguous: AmbiguousValue[];
  /** Values that named an identity an earlier value had already named (collapsed into one target). */
  duplicates: { value: string; line: number; ref: IdentityRef }[];
  /** list-identities requests made. */
  requests: number;
}

export interface ResolveTargetsOptions {
  tenantId: string;
  list: ListIdentitiesFn;
  signal?: AbortSignal;
  /** Values looked up so far, of all. */
  onProgress?: (done: number, total: number) => void;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Ids per `id in (…)` request (default and maximum 50). */
  idChunkSize?: number;
  /** Matches kept for an ambiguous value (default 10). */
  maxMatches?: number;
}

const MAX_ID_CHUNK = 50;

type Finding = { kind: 'resolved'; ref: IdentityRef } | { kind: 'unresolved' } | { kind: 'ambiguous'; matches: IdentityRef[] };

export async function resolveTargets(values: readonly TargetValue[], options: ResolveTargetsOptions): Promise<TargetResolution> {
  const chunkSize = Math.max(1, Math.min(MAX_ID_CHUNK, Math.floor(options.idChunkSize ?? MAX_ID_CHUNK)));
  const maxMatches = Math.max(2, Math.floor(options.maxMatches ?? 10));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const toRef = (identity: Identity): IdentityRef => ({ tenantId: options.tenantId, identityId: identity.id, name: identity.name });

  // Internal controller: the first failure stops the other lookups.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  if (options.signal?.aborted) throw abortedError('list-identities');
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let requests = 0;
  const list = (filters: string, limit: number): Promise<{ items: Identity[] }> => {
    if (controller.signal.aborted) return Promise.reject(abortedError('list-identities'));
    requests += 1;
    return options.list({ filters, limit }, controller.signal);
  };

  const findings: Finding[] = new Array(values.length);
  const tasks: { positions: number[]; run: () => Promise<void> }[] = [];

  const idPositions = values.map((v, i) => (v.kind === 'id' ? i : -1)).filter((i) => i >= 0);
  for (let start = 0; start < idPositions.length; start += chunkSize) {
    const positions = idPositions.slice(start, start + chunkSize);
    tasks.push({
      positions,
      run: async () => {
        const page = await list(inList('id', positions.map((p) => values[p].value)), positions.length);
        const byId = new Map(page.items.map((identity) => [identity.id.toLowerCase(), identity]));
        for (const p of positions) {
          const identity = byId.get(values[p].value.toLowerCase());
          findings[p] = identity ? { kind: 'resolved', ref: toRef(identity) } : { kind: 'unresolved' };
        }
      },
    });
  }

  const byMatches = (items: Identity[]): Finding | undefined => {
    if (items.length === 1) return { kind: 'resolved', ref: toRef(items[0]) };
    if (items.length > 1) return { kind: 'ambiguous', matches: items.slice(0, maxMatches).map(toRef) };
    return undefined;
  };
  values.forEach((value, p) => {
    if (value.kind === 'email') {
      tasks.push({
        positions: [p],
        run: async () => {
          findings[p] = byMatches((await list(eq('email', value.value), maxMatches)).items) ?? { kind: 'unresolved' };
        },
      });
    } else if (value.kind === 'name') {
      tasks.push({
        positions: [p],
        run: async () => {
          findings[p] =
            byMatches((await list(eq('alias', value.value), maxMatches)).items) ??
            byMatches((await list(eq('name', value.value), maxMatches)).items) ??
            { kind: 'unresolved' };
        },
      });
    }
  });

  let done = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      if (controller.signal.aborted) throw abortedError('list-identities');
      const task = tasks[next++];
      await task.run();
      done += task.positions.length;
      options.onProgress?.(done, values.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      try {
        await lane();
      } catch (error) {
        controller.abort();
        throw error;
      }
    }));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (options.signal?.aborted) throw abortedError('list-identities');
  return assemble(values, findings, requests);
}

function assemble(values: readonly TargetValue[], findings: readonly Finding[], requests: number): TargetResolution {
  const result: TargetResolution = { resolved: [], unresolved: [], ambiguous: [], duplicates: [], requests };
  const seen = new Set<string>();
  values.forEach((value, p) => {
    const finding = findings[p] ?? { kind: 'unresolved' };
    const where = { value: value.value, line: value.line };
    if (finding.kind === 'unresolved') result.unresolved.push(where);
    else if (finding.kind === 'ambiguous') result.ambiguous.push({ ...where, matches: finding.matches });
    else if (seen.has(finding.ref.identityId)) result.duplicates.push({ ...where, ref: finding.ref });
    else {
      seen.add(finding.ref.identityId);
      result.resolved.push(finding.ref);
    }
  });
  return result;
}
