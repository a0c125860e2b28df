// Source names of an identity's accounts, as far as the Identities API tells them: the v2025 identities API has no
// accounts list, but a role assignment names the accounts it provisions (`accountTargets[].source`). Used to suggest
// the source of a password-reset email. Bounded: one list request and a few assignment reads, never more.
import type { IscClient } from '../../api/iscClient';

export interface AccountSourceOptions {
  /** Full assignments read at most (each is one request). */
  maxAssignments?: number;
  signal?: AbortSignal;
}

/** Distinct source names of the identity's role assignments' account targets, in the order first seen. */
export async function accountSourceNames(
  client: Pick<IscClient, 'getRoleAssignmentRefs' | 'getRoleAssignment'>,
  identityId: string,
  options: AccountSourceOptions = {},
): Promise<string[]> {
  const refs = await client.getRoleAssignmentRefs(identityId, { signal: options.signal });
  const ids = refs.map((ref) => ref.id).filter((id): id is string => typeof id === 'string' && id.length > 0).slice(0, options.maxAssignments ?? 5);
  const assignments = await Promise.all(ids.map((id) => client.getRoleAssignment(identityId, id, { signal: options.signal })));
  const names = new Set<string>();
  for (const assignment of assignments) {
    for (const target of assignment.accountTargets ?? []) {
      const name = target.source?.name?.trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}
