// Reads one identity as a snapshot through its tenant's client: the identity, its role assignments (with their
// source, which only the full assignment carries, for a bounded number), ownership and the protected flag.
// No `vscode` import. Each extra costs requests at ISC's 100 per 10 s: the caller says which it wants.
import * as l10n from '@vscode/l10n';
import { isAbortError } from '../../api/errors';
import { eq } from '../../api/filters';
import type { IscClient } from '../../api/iscClient';
import { errorText } from '../connectionErrors';
import type { IdentitySnapshot, SnapshotAssignment } from './identityDiff';

export interface SnapshotOptions {
  signal?: AbortSignal;
  /** Read get-identity-ownership-details (1 request). */
  ownership?: boolean;
  /** Ask list-identities whether the identity is protected (1 request). */
  protected?: boolean;
  /** Read the full assignment of at most this many role assignments, for their source (1 request each). */
  sourceLookups?: number;
  /** Source lookups in flight at once. */
  concurrency?: number;
}

export interface LoadedSnapshot {
  snapshot: IdentitySnapshot;
  /** What is missing from the snapshot and why, in words for the page. */
  notes: string[];
  /** Requests made (for cost statements and tests). */
  requests: number;
}

/** Source lookups by default: 30 role assignments per identity fit well within one rate-limit window. */
export const DEFAULT_SOURCE_LOOKUPS = 50;

/**
 * Loads the snapshot. The identity and its role assignment list are required (their failure rejects, a 404 with
 * kind `notFound`); ownership, protected and sources are best effort and say in `notes` when they are missing.
 */
export async function loadSnapshot(client: IscClient, identityId: string, options: SnapshotOptions = {}): Promise<LoadedSnapshot> {
  const { signal } = options;
  const notes: string[] = [];
  const readOwnership = () =>
    bestEffort(() => client.getOwnershipDetails(identityId, { signal }), (message) => notes.push(l10n.t('Ownership could not be read: {0}', message)));
  const readProtected = () =>
    bestEffort(
      async () => (await client.listIdentities({ filters: `${eq('id', identityId)} and ${eq('protected', true)}`, limit: 1 }, { signal })).items.length > 0,
      (message) => notes.push(l10n.t('Whether the identity is protected could not be read: {0}', message)),
    );
  const [identity, refs, ownership, isProtected] = await Promise.all([
    client.getIdentity(identityId, { signal }),
    client.getRoleAssignmentRefs(identityId, { signal }),
    options.ownership ? readOwnership() : undefined,
    options.protected ? readProtected() : undefined,
  ]);
  let requests = 2 + (options.ownership ? 1 : 0) + (options.protected ? 1 : 0);
  const roleAssignments: SnapshotAssignment[] = refs.map((ref) => ({ ...ref }));
  const lookups = Math.max(0, Math.min(options.sourceLookups ?? 0, roleAssignments.length));
  if (lookups > 0) {
    const failed = await readSources(client, identityId, roleAssignments.slice(0, lookups), options.concurrency ?? 4, signal);
    requests += lookups;
    if (failed > 0) notes.push(l10n.t('The source of {0} of {1} role assignments could not be read.', failed, lookups));
  }
  if (options.sourceLookups !== undefined && lookups < roleAssignments.length) {
    notes.push(l10n.t('Sources shown for the first {0} of {1} role assignments (one request each).', lookups, roleAssignments.length));
  }
  const snapshot: IdentitySnapshot = { identity, roleAssignments };
  if (ownership) snapshot.ownership = { groups: ownership.groups };
  if (typeof isProtected === 'boolean') snapshot.protected = isProtected;
  return { snapshot, notes, requests };
}

async function bestEffort<T>(call: () => Promise<T>, onFailure: (message: string) => void): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isAbortError(error)) throw error;
    onFailure(errorText(error));
    return undefined;
  }
}

/** Fills `assignmentSource` in place; returns how many lookups failed. */
async function readSources(client: IscClient, identityId: string, targets: SnapshotAssignment[], concurrency: number, signal?: AbortSignal): Promise<number> {
  let next = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const target = targets[next++];
      if (!target.id) {
        failed++;
        continue;
      }
      try {
        const full = await client.getRoleAssignment(identityId, target.id, { signal });
        if (typeof full.assignmentSource === 'string' && full.assignmentSource) target.assignmentSource = full.assignmentSource;
      } catch (error) {
        if (isAbortError(error)) throw error;
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, targets.length)) }, worker));
  return failed;
}

