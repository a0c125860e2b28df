// "Check…" for items whose outcome is unknown: ask ISC whether the write happened, where ISC can tell.
// No `vscode` import.
import * as l10n from '@vscode/l10n';
import type { IscClient } from '../../api/iscClient';
import { isIscApiError } from '../../api/errors';
import type { Identity } from '../../api/types';
import { runBulk } from '../bulkRunner';
import type { IdentityRef } from '../identityRef';
import type { ActionKind } from './operations';

type CheckVerdict = 'happened' | 'notHappened' | 'uncheckable' | 'checkFailed';

export interface OutcomeCheck {
  ref: IdentityRef;
  verdict: CheckVerdict;
  /** Why, in a sentence ("ISC reports lastRefresh 10:42:07, after the send"). */
  detail: string;
}

/**
 * Tolerance between our clock and ISC's when comparing a refresh time with the send time. A server clock behind ours
 * by more than this makes a refresh that happened look older than the send: it is then reported not happened and
 * offered for re-sending (a second synchronize or process is harmless compared with a lost one).
 */
const CLOCK_TOLERANCE_MS = 5000;

/** Invitations and password-reset emails leave nothing ISC reports: they can only be re-sent, at the risk of a second email. */
export function canCheckOutcome(kind: ActionKind): boolean {
  return kind === 'deleteIdentity' || kind === 'resetIdentity' || kind === 'synchronizeAttributes' || kind === 'processIdentities';
}

function refreshedSince(identity: Identity, sentAt: number): string | undefined {
  for (const field of ['lastRefresh', 'modified'] as const) {
    const value = identity[field];
    const time = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isFinite(time) && time >= sentAt - CLOCK_TOLERANCE_MS) return l10n.t('ISC reports {0} {1}, after the request was sent.', field, String(value));
  }
  return undefined;
}

async function checkOne(kind: ActionKind, client: IscClient, ref: IdentityRef, sentAt: number, signal: AbortSignal): Promise<OutcomeCheck> {
  if (!canCheckOutcome(kind)) return { ref, verdict: 'uncheckable', detail: l10n.t('ISC cannot tell whether this email was sent.') };
  let identity: Identity;
  try {
    identity = await client.getIdentity(ref.identityId, { signal });
  } catch (error) {
    if (kind === 'deleteIdentity' && isIscApiError(error) && error.kind === 'notFound') {
      return { ref, verdict: 'happened', detail: l10n.t('The identity no longer exists: the delete was carried out.') };
    }
    return { ref, verdict: 'checkFailed', detail: l10n.t('Could not check: {0}', error instanceof Error ? error.message : String(error)) };
  }
  switch (kind) {
    case 'deleteIdentity':
      return { ref, verdict: 'notHappened', detail: l10n.t('The identity still exists: the delete was not carried out.') };
    case 'resetIdentity':
      return identity.identityStatus === 'UNREGISTERED'
        ? { ref, verdict: 'happened', detail: l10n.t('The identity is unregistered: the reset was carried out.') }
        : { ref, verdict: 'notHappened', detail: identity.identityStatus
              ? l10n.t('The identity is {0}: the reset was not carried out.', identity.identityStatus)
              : l10n.t('The identity is in an unknown state: the reset was not carried out.'),
          };
    default: {
      const since = refreshedSince(identity, sentAt);
      return since ? { ref, verdict: 'happened', detail: since } : { ref, verdict: 'notHappened', detail: l10n.t('ISC reports no refresh since the request was sent.') };
    }
  }
}

export interface CheckTarget {
  ref: IdentityRef;
  /** When the request whose outcome is unknown was sent. */
  sentAt: number;
}

/** One verdict per target, in input order. */
export async function checkOutcomes(
  kind: ActionKind,
  client: IscClient,
  targets: readonly CheckTarget[],
  options: { signal?: AbortSignal; onCheck?: (check: OutcomeCheck, done: number, total: number) => void } = {},
): Promise<OutcomeCheck[]> {
  const summary = await runBulk({
    items: targets,
    concurrency: 4,
    signal: options.signal,
    worker: ([target], signal) => checkOne(kind, client, target.ref, target.sentAt, signal),
    onResult: (result, done, total) => {
      if (result.value) options.onCheck?.(result.value, done, total);
    },
  });
  return summary.results.map(
    (result) => result.value ?? { ref: result.item.ref, verdict: 'checkFailed', detail: l10n.t('The check was cancelled.') },
  );
}
