// Unauthenticated /__sim/ admin endpoints for tests running in other processes.
//   GET    /__sim/requests?since=SEQ   → SimRequestRecord[] (seq > SEQ)
//   DELETE /__sim/requests             → 204
//   GET    /__sim/faults               → current SimFaults
//   POST   /__sim/faults               → replaces the faults (SimFaults JSON; {} clears); an outage starts after the answer
//   GET    /__sim/identities/:id       → internal state of one identity, or 404
//   POST   /__sim/reset                → regenerates all identities from the seed, clears faults, rate-limit windows
//   POST   /__sim/expire-tokens        → every issued token answers 401 "JWT is expired" from now on
//   GET    /__sim/info                 → { url, clientId, seed, identities, lastSeq }

import type { SimFaults } from './faults';
import { isPlainObject } from './http';
import type { SimResponse } from './http';
import type { IdentityRecord } from './model';
import type { RequestLog } from './requestLog';
import type { IdentityStore } from './store';

export interface AdminTarget {
  readonly url: string;
  readonly clientId: string;
  readonly seed: number;
  readonly log: RequestLog;
  readonly store: IdentityStore;
  currentFaults(): SimFaults;
  /** Replaces the faults; an outage among them starts only after the answer was sent. */
  setFaults(faults: SimFaults): void;
  /** Starts (seconds > 0) or ends an outage. */
  applyOutage(seconds: number | undefined): void;
  reset(): void;
  expireTokens(): void;
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

/** Internal state of an identity as the admin endpoint reports it. */
function identityState(store: IdentityStore, record: IdentityRecord): Record<string, unknown> {
  return {
    id: record.id,
    index: record.index,
    name: record.name,
    alias: record.alias,
    identityStatus: record.identityStatus,
    processingState: record.processingState,
    correlated: record.correlated,
    protected: record.protected,
    registered: record.registered,
    invited: record.invited,
    isManager: record.isManager,
    managerId: record.managerId,
    owner: store.owned(record).length > 0,
    roleCount: record.roleCount,
    created: iso(record.created),
    modified: iso(record.modified),
    lastRefresh: iso(record.lastRefresh),
    lastSync: iso(record.lastSync),
    syncCount: record.syncCount ?? 0,
    processCount: record.processCount ?? 0,
    verifications: (record.verifications ?? []).map((v) => ({ ...v, time: iso(v.time) })),
  };
}

export function handleAdmin(target: AdminTarget, method: string, path: string, query: URLSearchParams, rawBody: string): SimResponse {
  if (path === '/__sim/requests') {
    if (method === 'GET') {
      const since = Number(query.get('since') ?? '0');
      return { status: 200, body: target.log.since(Number.isFinite(since) ? since : 0) };
    }
    if (method === 'DELETE') {
      target.log.clear();
      return { status: 204 };
    }
  }
  if (path === '/__sim/faults') {
    if (method === 'GET') return { status: 200, body: target.currentFaults() };
    if (method === 'POST') {
      let faults: unknown;
      try {
        faults = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
      } catch {
        return { status: 400, body: { error: 'faults must be a JSON object' } };
      }
      if (!isPlainObject(faults)) return { status: 400, body: { error: 'faults must be a JSON object' } };
      const next = faults as SimFaults;
      target.setFaults(next);
      return { status: 200, body: target.currentFaults(), afterSend: () => target.applyOutage(next.outageSeconds) };
    }
  }
  const identity = /^\/__sim\/identities\/([^/]+)$/.exec(path);
  if (identity && method === 'GET') {
    const id = decodeURIComponent(identity[1]);
    const record = target.store.get(id);
    return record ? { status: 200, body: identityState(target.store, record) } : { status: 404, body: { error: `identity ${id} not found` } };
  }
  if (path === '/__sim/reset' && method === 'POST') {
    target.reset();
    return { status: 200, body: { ok: true, identities: target.store.size } };
  }
  if (path === '/__sim/expire-tokens' && method === 'POST') {
    target.expireTokens();
    return { status: 200, body: { ok: true } };
  }
  if (path === '/__sim/info' && method === 'GET') {
    return { status: 200, body: { url: target.url, clientId: target.clientId, seed: target.seed, identities: target.store.size, lastSeq: target.log.lastSeq } };
  }
  return { status: 404, body: { error: `unknown admin endpoint ${method} ${path}` } };
}
