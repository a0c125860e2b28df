// Delete identity: one identity at a time. Before any prompt it asks ISC what it can already know: a protected
// identity, or one that still owns objects, is refused up front with ISC's reason (ISC would refuse the DELETE).
// Otherwise it shows what the identity owns, needs its exact name typed, and shows ISC's reason when it refuses.
import { COMMAND_IDS } from '../commandIds';
import * as vscode from 'vscode';
import { IscApiError, isIscApiError } from '../../api/errors';
import { and, eq } from '../../api/filters';
import type { IscClient } from '../../api/iscClient';
import { parseOwnershipDetails } from '../../api/ownership';
import type { OwnershipDetails } from '../../api/types';
import type { IdentityRef } from '../../model/identityRef';
import type { ActionSpec } from './actionRuntime';
import type { IdentityOperation } from '../../model/actions/operations';
import { deleteOperation } from '../../model/actions/operations';
import { displayName } from '../../model/actions/report';

/** "ROLE_OWNER: Admins, Finance (2); SOURCE_OWNER: AD (1)" — bounded for a dialog. */
function ownershipSummary(details: OwnershipDetails, maxNames = 5): string {
  return details.groups
    .filter((group) => group.entities.length > 0)
    .map((group) => {
      const names = group.entities.slice(0, maxNames).map((e) => displayName(e.name || e.id, 40));
      const more = group.entities.length > maxNames ? `, … ${group.entities.length - maxNames} more` : '';
      return `${group.associationType}: ${names.join(', ')}${more} (${group.entities.length})`;
    })
    .join('\n');
}

function ownedCount(details: OwnershipDetails): number {
  return details.groups.reduce((sum, group) => sum + group.entities.length, 0);
}

/** ISC's reasons for refusing a DELETE, in its words (the spec's 400 and what ISC answers). */
const PROTECTED_REASON = 'the identity is marked as protected and cannot be deleted';
const OWNER_REASON = 'the identity is the owner of resources and cannot be deleted until they are reassigned';

/** Whether ISC marks the identity protected (list-identities `protected eq true`; IdentityDto does not carry it). */
async function isProtected(client: IscClient, identityId: string): Promise<boolean> {
  const page = await client.listIdentities({ filters: and(eq('id', identityId), eq('protected', true)), limit: 1, defaultFilter: 'NONE' });
  return page.items.some((identity) => identity.id === identityId);
}

/** What ISC already tells before the DELETE: protected or not, and what it owns (each an error when it could not be read). */
async function preflight(client: IscClient, identityId: string): Promise<{ protectedState: boolean | Error; ownership: OwnershipDetails | Error }> {
  const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
  const [protectedState, ownership] = await Promise.all([
    isProtected(client, identityId).catch(asError),
    client.getOwnershipDetails(identityId).catch(asError),
  ]);
  return { protectedState, ownership };
}

/**
 * ISC's reason once: messages that repeat each other (`messages[]` and `causes[]`, or one containing the other) kept
 * once, and a trailing ": <name>" dropped — the summary names the identity.
 */
function refusalReason(messages: readonly string[], name: string): string {
  const trimmed = messages.map((m) => {
    const text = m.trim();
    return name && text.endsWith(name) ? text.slice(0, text.length - name.length).replace(/[\s:–—-]+$/, '') || text : text;
  });
  const distinct = trimmed.filter((m, i) => m && !trimmed.some((other, j) => j !== i && (other === m ? j < i : other.includes(m))));
  return distinct.join(' — ');
}

/** The delete request, with ISC's refusal turned into a plain sentence (reason + what it still owns). */
function deleteWithReason(ref: IdentityRef): IdentityOperation {
  const base = deleteOperation();
  return {
    ...base,
    send: async (client, batch, signal) => {
      try {
        return await base.send(client, batch, signal);
      } catch (error) {
        if (!isIscApiError(error) || error.status !== 400) throw error;
        const reason = refusalReason(error.serverMessages, ref.name) || error.message;
        const owned = (() => {
          try {
            return ownershipSummary(parseOwnershipDetails(error.body)).replace(/\n/g, '; ');
          } catch {
            return '';
          }
        })();
        throw new IscApiError({
          kind: error.kind,
          operation: error.operation,
          status: error.status,
          serverMessages: error.serverMessages,
          detailCode: error.detailCode,
          trackingId: error.trackingId,
          body: error.body,
          cause: error,
          // The summary names the identity already ("Delete identity for “X” failed: …").
          message: owned
            ? vscode.l10n.t('ISC refused ({0}): {1}. Still owns: {2}', error.status, reason, owned)
            : vscode.l10n.t('ISC refused ({0}): {1}', error.status, reason),
        });
      }
    },
  };
}

export function deleteSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.deleteIdentity,
    kind: 'deleteIdentity',
    label: vscode.l10n.t('Delete identity'),
    pickTitle: vscode.l10n.t('Delete identity'),
    allowMany: false,
    prepare: async ({ ui, client: clientOf }, _tenant, [ref]) => {
      const client = await clientOf();
      const { protectedState, ownership } = await preflight(client, ref.identityId);
      const name = displayName(ref.name);
      // Refused before any prompt: ISC would refuse the DELETE for these reasons, so nothing is asked or sent.
      if (protectedState === true) {
        void ui.message('error', vscode.l10n.t('“{0}” cannot be deleted: ISC refuses it — {1}. Nothing was sent.', name, PROTECTED_REASON));
        return undefined;
      }
      const count = ownership instanceof Error ? 0 : ownedCount(ownership);
      if (!(ownership instanceof Error) && count > 0) {
        void ui.message(
          'error',
          count === 1
            ? vscode.l10n.t('“{0}” cannot be deleted: ISC refuses it — {1}. It owns 1 object: {2}. Nothing was sent.', name, OWNER_REASON, ownershipSummary(ownership).replace(/\n/g, '; '))
            : vscode.l10n.t('“{0}” cannot be deleted: ISC refuses it — {1}. It owns {2} objects: {3}. Nothing was sent.', name, OWNER_REASON, count, ownershipSummary(ownership).replace(/\n/g, '; ')),
        );
        return undefined;
      }
      const ownershipText =
        ownership instanceof Error ? vscode.l10n.t('Ownership: could not be read ({0}).', ownership.message) : vscode.l10n.t('Ownership: it owns nothing that blocks deletion.');
      const protectedText =
        protectedState instanceof Error
          ? vscode.l10n.t('Protected: could not be checked ({0}); ISC refuses to delete protected identities.', protectedState.message)
          : vscode.l10n.t('Protected: no.');
      return {
        operation: deleteWithReason(ref),
        strong: true,
        // Enter must not delete: the first button is VS Code's default, so "Keep Identity" comes first.
        safeButton: vscode.l10n.t('Keep Identity'),
        confirmButton: vscode.l10n.t('Delete…'),
        detail: vscode.l10n.t('{0}\n{1}\nDeleting an identity cannot be undone. You will be asked to type the name.', ownershipText, protectedText),
        finalCheck: async () => {
          // A name nobody can type (huge, control or bidi characters) may be confirmed with the identity's id instead.
          const untypable = ref.name.length > 200 || displayName(ref.name, 201) !== ref.name;
          const accepts = (text: string): boolean => text === ref.name || (untypable && text === ref.identityId);
          const typed = await ui.inputBox({
            title: vscode.l10n.t('Delete identity “{0}”', displayName(ref.name)),
            prompt: untypable
              ? vscode.l10n.t("Type the identity's exact name, or its id {0}, to confirm", ref.identityId)
              : vscode.l10n.t("Type the identity's name exactly to confirm: {0}", ref.name),
            placeHolder: vscode.l10n.t('Identity name'),
            validateInput: (text) => (accepts(text) ? undefined : vscode.l10n.t('Type the exact name of the identity (case and spaces count).')),
          });
          return typed !== undefined && accepts(typed);
        },
      };
    },
  };
}
