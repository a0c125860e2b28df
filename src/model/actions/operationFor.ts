// Rebuilds an action's operation from what a job keeps (its kind and parameters): Resume and Retry Failed after a
// window reload have no prompt answers to go by. No `vscode` import.
import type { VerificationVia } from '../../api/types';
import type { IdentityRef } from '../identityRef';
import {
  deleteOperation,
  inviteAllUnregisteredOperation,
  inviteOperation,
  passwordResetOperation,
  processOperation,
  resetOperation,
  synchronizeOperation,
} from './operations';
import type { ActionKind, IdentityOperation } from './operations';
import type { SyncCooldown } from './syncCooldown';

export interface OperationContext {
  cooldown: SyncCooldown;
  onSyncWait?: (ref: IdentityRef, ms: number) => void;
}

export function operationFor(
  kind: ActionKind,
  tenantId: string,
  parameters: Readonly<Record<string, string | number | boolean | null>>,
  context: OperationContext,
): IdentityOperation {
  switch (kind) {
    case 'resetIdentity':
      return resetOperation();
    case 'synchronizeAttributes':
      return synchronizeOperation(context.cooldown, tenantId, context.onSyncWait);
    case 'processIdentities':
      return processOperation();
    case 'inviteIdentities':
      return inviteOperation();
    case 'inviteAllUnregistered':
      return inviteAllUnregisteredOperation();
    case 'sendPasswordResetEmail': {
      const sourceName = typeof parameters.sourceName === 'string' ? parameters.sourceName : null;
      const via: VerificationVia = String(parameters.via ?? 'EMAIL_WORK');
      return passwordResetOperation({ via, sourceName });
    }
    case 'deleteIdentity':
      return deleteOperation();
  }
}
