// Turns API results and failures into the panel's Loadable sections. No `vscode` import.
import { isAbortError, isIscApiError } from '../../api/errors';
import type { OwnershipDetails } from '../../api/types';
import type { ErrorInfo, Loadable, OwnershipView } from '../protocol';

/** One panel per (tenant, identity): the key of the panels map. */
export function panelKey(tenantId: string, identityId: string): string {
  return `${tenantId}/${identityId}`;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are cut from tab titles.
const BIDI_AND_CONTROLS = /[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The tab title: the name without bidi or control characters, at most 60 characters, "(deleted)" once deleted. */
export function panelTitle(name: string, identityId: string, deleted: boolean): string {
  const clean = name.replace(BIDI_AND_CONTROLS, '').trim() || identityId;
  const short = clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
  return deleted ? `${short} (deleted)` : short;
}

/** Marker result: the load was cancelled (panel closed or a newer load started); nothing to show. */
export const ABORTED = Symbol('aborted');

export function toErrorInfo(error: unknown): ErrorInfo {
  if (isIscApiError(error)) {
    return {
      kind: error.kind,
      status: error.status,
      message: error.message,
      serverMessages: [...error.serverMessages],
      trackingId: error.trackingId,
      detailCode: error.detailCode,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'unexpected', message: message || 'Unexpected error', serverMessages: [] };
}

/** Runs one API call and maps its outcome; a 404 becomes `notFound`, an abort becomes ABORTED. */
export async function loadSection<T, V = T>(call: () => Promise<T>, map?: (value: T) => V): Promise<Loadable<V> | typeof ABORTED> {
  try {
    const value = await call();
    return { status: 'ready', value: map ? map(value) : (value as unknown as V) };
  } catch (error) {
    if (isAbortError(error)) return ABORTED;
    if (isIscApiError(error) && error.kind === 'notFound') {
      return { status: 'notFound', message: error.serverMessages[0] ?? error.message };
    }
    return { status: 'error', error: toErrorInfo(error) };
  }
}

export function toOwnershipView(details: OwnershipDetails): OwnershipView {
  const groups = Array.isArray(details.groups) ? details.groups : [];
  return {
    shape: details.shape,
    groups: groups.map((group) => ({
      associationType: String(group.associationType ?? ''),
      entities: Array.isArray(group.entities) ? group.entities : [],
    })),
  };
}

/** The "Open raw JSON" document: what the panel got from ISC, as received. */
export function rawJsonDocument(parts: {
  tenantLabel: string;
  identityId: string;
  identity: unknown;
  roleAssignments: unknown;
  ownership: unknown;
  selectedAssignment: unknown;
}): string {
  const doc: Record<string, unknown> = {
    tenant: parts.tenantLabel,
    identityId: parts.identityId,
    identity: parts.identity,
    roleAssignments: parts.roleAssignments,
    ownership: parts.ownership,
  };
  if (parts.selectedAssignment !== undefined) doc.selectedRoleAssignment = parts.selectedAssignment;
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Whatever a section currently holds, for the raw JSON document. */
export function rawOf<T>(section: Loadable<T>, raw?: unknown): unknown {
  switch (section.status) {
    case 'ready':
      return raw ?? section.value;
    case 'error':
      return { error: section.error };
    case 'notFound':
      return { notFound: section.message };
    default:
      return null;
  }
}
