// Delete identity: one identity at a time; shows what it owns first; needs its exact name typed; shows ISC's reason
// when it refuses (protected, still owns things).
import { COMMAND_IDS } from '../commandIds';
import { IscApiError, isIscApiError } from '../../api/errors';
import { parseOwnershipDetails } from '../../api/ownership';
import type { OwnershipDetails } from '../../api/types';
import type { IdentityRef } from '../../model/identityRef';
import type { ActionRuntime, ActionSpec } from './actionRuntime';
import type { IdentityOperation } from '../../model/actions/operations';
import { deleteOperation } from '../../model/actions/operations';
import { displayName, plural } from '../../model/actions/report';

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
          message: `ISC refused (${error.status}): ${reason}${owned ? `. Still owns: ${owned}` : ''}`,
        });
      }
    },
  };
}

export function deleteSpec(runtime: ActionRuntime): ActionSpec {
  return {
    command: COMMAND_IDS.deleteIdentity,
    kind: 'deleteIdentity',
    label: 'Delete identity',
    pickTitle: 'Delete identity',
    allowMany: false,
    prepare: async (tenant, [ref]) => {
      let ownershipText: string;
      try {
        const client = await runtime.services.tenants.getClient(tenant.id);
        const details = await client.getOwnershipDetails(ref.identityId);
        const count = ownedCount(details);
        ownershipText =
          count === 0
            ? 'Ownership: it owns nothing that blocks deletion.'
            : `Ownership: it still owns ${plural(count, 'object')} — ISC refuses to delete it until they are reassigned:\n${ownershipSummary(details)}`;
      } catch (error) {
        ownershipText = `Ownership: could not be read (${error instanceof Error ? error.message : String(error)}).`;
      }
      return {
        operation: deleteWithReason(ref),
        strong: true,
        confirmButton: 'Delete…',
        detail: `${ownershipText}\nDeleting an identity cannot be undone. Protected identities cannot be deleted. You will be asked to type the name.`,
        finalCheck: async () => {
          // A name nobody can type (huge, control or bidi characters) may be confirmed with the identity's id instead.
          const untypable = ref.name.length > 200 || displayName(ref.name, 201) !== ref.name;
          const accepts = (text: string): boolean => text === ref.name || (untypable && text === ref.identityId);
          const typed = await runtime.ui().inputBox({
            title: `Delete identity “${displayName(ref.name)}”`,
            prompt: untypable
              ? `Type the identity's exact name, or its id ${ref.identityId}, to confirm`
              : `Type the identity's name exactly to confirm: ${ref.name}`,
            placeHolder: 'Identity name',
            validateInput: (text) => (accepts(text) ? undefined : 'Type the exact name of the identity (case and spaces count).'),
          });
          return typed !== undefined && accepts(typed);
        },
      };
    },
  };
}
