// What the Identities tree keeps of a loaded identity: the fields its row (label, description, codicon, context
// value, accessibility label) and its hover tooltip show, and nothing else. A tenant loaded in full holds one of
// these per identity instead of the identity with its whole attribute map; whatever needs the identity as ISC
// returned it (Copy as JSON, the details panel) reads it by id. No `vscode` import.
import type { Identity } from '../api/types';

/**
 * One flat object per identity, always with every field (one hidden class for all rows). String values are the
 * strings the parsed response already holds: projecting copies references, not text.
 */
export interface IdentityRow {
  readonly id: string;
  readonly name: string;
  readonly alias: string | undefined;
  readonly emailAddress: string | null | undefined;
  readonly identityStatus: string | undefined;
  readonly processingState: string | null | undefined;
  readonly lifecycleStateName: string | undefined;
  readonly managerName: string | undefined;
  readonly isManager: boolean;
  readonly lastRefresh: string | undefined;
  readonly modified: string | undefined;
  /** The few attributes the display falls back on or shows (identityDisplay.ts), not the attribute map. */
  readonly email: unknown;
  readonly cloudStatus: unknown;
  readonly cloudLifecycleState: unknown;
  readonly department: unknown;
  readonly jobTitle: unknown;
}

/** The row of an identity from list-identities or get-identity. */
export function toIdentityRow(identity: Identity): IdentityRow {
  const attributes = identity.attributes;
  return {
    id: identity.id,
    name: identity.name,
    alias: identity.alias,
    emailAddress: identity.emailAddress,
    identityStatus: identity.identityStatus,
    processingState: identity.processingState,
    lifecycleStateName: identity.lifecycleState?.stateName,
    managerName: identity.managerRef?.name,
    isManager: identity.isManager === true,
    lastRefresh: identity.lastRefresh,
    modified: identity.modified,
    email: attributes?.email,
    cloudStatus: attributes?.cloudStatus,
    cloudLifecycleState: attributes?.cloudLifecycleState,
    department: attributes?.department,
    jobTitle: attributes?.jobTitle,
  };
}

/**
 * The row as an Identity holding only the shown fields, for the display functions of identityDisplay.ts (label,
 * description, status, tooltip facts): built when a row is drawn or hovered, dropped right after.
 */
export function shownIdentity(row: IdentityRow): Identity {
  const attributes: Record<string, unknown> = {};
  if (row.email !== undefined) attributes.email = row.email;
  if (row.cloudStatus !== undefined) attributes.cloudStatus = row.cloudStatus;
  if (row.cloudLifecycleState !== undefined) attributes.cloudLifecycleState = row.cloudLifecycleState;
  if (row.department !== undefined) attributes.department = row.department;
  if (row.jobTitle !== undefined) attributes.jobTitle = row.jobTitle;
  return {
    id: row.id,
    name: row.name,
    alias: row.alias,
    emailAddress: row.emailAddress,
    identityStatus: row.identityStatus,
    processingState: row.processingState,
    lifecycleState: row.lifecycleStateName === undefined ? undefined : { stateName: row.lifecycleStateName, manuallyUpdated: false },
    managerRef: row.managerName === undefined ? undefined : { name: row.managerName },
    isManager: row.isManager,
    lastRefresh: row.lastRefresh,
    modified: row.modified,
    attributes,
  };
}
