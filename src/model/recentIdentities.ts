// The identities a person opened lately, per tenant, newest first: what Find Identity offers before anything is
// typed. No `vscode` import.
import { isIdentityRef } from './identityRef';
import type { IdentityRef } from './identityRef';

export const MAX_RECENT_IDENTITIES = 10;
/** Names are identity data; a stored one is capped so the memento stays small whatever ISC sent. */
const MAX_STORED_NAME = 200;

/** `list` with `ref` first, no other entry for the same identity, at most `max` long. */
export function withRecentIdentity(list: readonly IdentityRef[], ref: IdentityRef, max = MAX_RECENT_IDENTITIES): IdentityRef[] {
  const entry: IdentityRef = { tenantId: ref.tenantId, identityId: ref.identityId, name: ref.name.slice(0, MAX_STORED_NAME) };
  return [entry, ...list.filter((r) => r.identityId !== ref.identityId)].slice(0, max);
}

/** The stored lists per tenant, keeping only well-formed entries of the tenant they are filed under. */
export function parseRecentIdentities(raw: unknown): Record<string, IdentityRef[]> {
  const result: Record<string, IdentityRef[]> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return result;
  for (const [tenantId, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    const refs = list.filter((r): r is IdentityRef => isIdentityRef(r) && r.tenantId === tenantId).slice(0, MAX_RECENT_IDENTITIES);
    if (refs.length) result[tenantId] = refs;
  }
  return result;
}
