// Reset identity, Synchronize attributes, Process identities.
import { COMMAND_IDS } from '../commandIds';
import * as vscode from 'vscode';
import type { ActionSpec } from './actionRuntime';
import { PROCESS_BATCH_SIZE, processOperation, resetOperation, synchronizeOperation } from '../../model/actions/operations';
import { displayName, namesPreview } from '../../model/actions/report';

export function resetSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.resetIdentity,
    kind: 'resetIdentity',
    label: vscode.l10n.t('Reset identity'),
    pickTitle: vscode.l10n.t('Reset identity'),
    allowMany: true,
    prepare: async (_context, _tenant, refs) => ({
      operation: resetOperation(),
      confirmButton: refs.length === 1 ? vscode.l10n.t('Reset') : vscode.l10n.t('Reset {0} Identities', refs.length),
      detail: vscode.l10n.t(
        'Resetting de-registers the identity and removes any elevated user levels it has; the person must register again (use it when they forgot their authentication answers).',
      ),
    }),
  };
}

export function synchronizeSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.synchronizeAttributes,
    kind: 'synchronizeAttributes',
    label: vscode.l10n.t('Synchronize attributes'),
    pickTitle: vscode.l10n.t('Synchronize attributes'),
    allowMany: true,
    prepare: async ({ cooldown, notes }, tenant, refs) => {
      const waiting = refs.filter((ref) => cooldown.waitMs(tenant.id, ref.identityId) > 0);
      const lines = [vscode.l10n.t("Starts attribute synchronization from the identity's sources and analyses all its accounts. A job is started per identity.")];
      if (waiting.length > 0) {
        const longest = Math.max(...waiting.map((ref) => cooldown.waitMs(tenant.id, ref.identityId)));
        const at = new Date(Date.now() + longest).toLocaleTimeString();
        const names = namesPreview(waiting.map((ref) => ref.name));
        const seconds = Math.ceil(longest / 1000);
        lines.push(
          waiting.length === 1
            ? vscode.l10n.t('ISC allows one synchronization per identity every 10 seconds: {0} was synchronized moments ago, so its request waits up to {1} s (until {2}). You can cancel while it waits.', names, seconds, at)
            : vscode.l10n.t('ISC allows one synchronization per identity every 10 seconds: {0} were synchronized moments ago, so their requests wait up to {1} s (until {2}). You can cancel while it waits.', names, seconds, at),
        );
      }
      return {
        operation: synchronizeOperation(cooldown, tenant.id, (ref, ms) =>
          notes.note(vscode.l10n.t('waiting {0} s for the once-per-10-s limit of “{1}”', Math.ceil(ms / 1000), displayName(ref.name))),
        ),
        confirmButton: refs.length === 1 ? vscode.l10n.t('Synchronize') : vscode.l10n.t('Synchronize {0} Identities', refs.length),
        detail: lines.join('\n'),
      };
    },
  };
}

export function processSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.processIdentities,
    kind: 'processIdentities',
    label: vscode.l10n.t('Process identities'),
    pickTitle: vscode.l10n.t('Process identity'),
    allowMany: true,
    prepare: async (_context, _tenant, refs) => {
      const requests = Math.ceil(refs.length / PROCESS_BATCH_SIZE);
      return {
        operation: processOperation(),
        confirmButton: refs.length === 1 ? vscode.l10n.t('Process') : vscode.l10n.t('Process {0} Identities', refs.length),
        detail:
          requests === 1
            ? vscode.l10n.t(
                'Recalculates identity attributes (rules, transforms, lifecycle state), evaluates role assignments, enforces pending provisioning and recalculates manager relationships. Sent as 1 request of at most {0} identities. ISC already processes every identity twice a day; use this for specific identities only.',
                PROCESS_BATCH_SIZE,
              )
            : vscode.l10n.t(
                'Recalculates identity attributes (rules, transforms, lifecycle state), evaluates role assignments, enforces pending provisioning and recalculates manager relationships. Sent as {0} requests of at most {1} identities. ISC already processes every identity twice a day; use this for specific identities only.',
                requests,
                PROCESS_BATCH_SIZE,
              ),
      };
    },
  };
}
