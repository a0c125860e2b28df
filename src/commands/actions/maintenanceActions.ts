// Reset identity, Synchronize attributes, Process identities.
import { COMMAND_IDS } from '../commandIds';
import type { ActionSpec } from './actionRuntime';
import { PROCESS_BATCH_SIZE, processOperation, resetOperation, synchronizeOperation } from '../../model/actions/operations';
import { displayName, namesPreview, plural } from '../../model/actions/report';

export function resetSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.resetIdentity,
    kind: 'resetIdentity',
    label: 'Reset identity',
    pickTitle: 'Reset identity',
    allowMany: true,
    prepare: async (_context, _tenant, refs) => ({
      operation: resetOperation(),
      confirmButton: refs.length === 1 ? 'Reset' : `Reset ${refs.length} Identities`,
      detail:
        'Resetting de-registers the identity and removes any elevated user levels it has; the person must register again ' +
        '(use it when they forgot their authentication answers).',
    }),
  };
}

export function synchronizeSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.synchronizeAttributes,
    kind: 'synchronizeAttributes',
    label: 'Synchronize attributes',
    pickTitle: 'Synchronize attributes',
    allowMany: true,
    prepare: async ({ cooldown, notes }, tenant, refs) => {
      const waiting = refs.filter((ref) => cooldown.waitMs(tenant.id, ref.identityId) > 0);
      const lines = ["Starts attribute synchronization from the identity's sources and analyses all its accounts. A job is started per identity."];
      if (waiting.length > 0) {
        const longest = Math.max(...waiting.map((ref) => cooldown.waitMs(tenant.id, ref.identityId)));
        const at = new Date(Date.now() + longest).toLocaleTimeString();
        lines.push(
          `ISC allows one synchronization per identity every 10 seconds: ${namesPreview(waiting.map((ref) => ref.name))} ` +
            `${waiting.length === 1 ? 'was' : 'were'} synchronized moments ago, so ${waiting.length === 1 ? 'its request waits' : 'their requests wait'} ` +
            `up to ${Math.ceil(longest / 1000)} s (until ${at}). You can cancel while it waits.`,
        );
      }
      return {
        operation: synchronizeOperation(cooldown, tenant.id, (ref, ms) =>
          notes.note(`waiting ${Math.ceil(ms / 1000)} s for the once-per-10-s limit of “${displayName(ref.name)}”`),
        ),
        confirmButton: refs.length === 1 ? 'Synchronize' : `Synchronize ${refs.length} Identities`,
        detail: lines.join('\n'),
      };
    },
  };
}

export function processSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.processIdentities,
    kind: 'processIdentities',
    label: 'Process identities',
    pickTitle: 'Process identity',
    allowMany: true,
    prepare: async (_context, _tenant, refs) => {
      const requests = Math.ceil(refs.length / PROCESS_BATCH_SIZE);
      return {
        operation: processOperation(),
        confirmButton: refs.length === 1 ? 'Process' : `Process ${refs.length} Identities`,
        detail:
          'Recalculates identity attributes (rules, transforms, lifecycle state), evaluates role assignments, enforces pending ' +
          `provisioning and recalculates manager relationships. Sent as ${plural(requests, 'request')} of at most ${PROCESS_BATCH_SIZE} identities. ` +
          'ISC already processes every identity twice a day; use this for specific identities only.',
      };
    },
  };
}
