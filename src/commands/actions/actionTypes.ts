// The shapes of the identity actions: what a spec is, what its `prepare` gets and returns, what a run ends with.
import type { IscClient } from '../../api/iscClient';
import type { ActionKind, IdentityOperation, OperationReport } from '../../model/actions/operations';
import type { SyncCooldown } from '../../model/actions/syncCooldown';
import type { IdentityRef } from '../../model/identityRef';
import type { TenantInfo } from '../../model/tenant';
import type { Logger } from '../../util/redact';
import type { ActionPrompts } from './prompts';
import type { RecentSourceStore } from '../../config/recentSourceStore';

export type OutcomeStatus = 'completed' | 'readOnly' | 'cancelled' | 'noTarget' | 'refused';

/** What a command run ended with (returned by the command and kept for tests). */
export interface ActionOutcome {
  command: string;
  kind: ActionKind;
  status: OutcomeStatus;
  tenantIds: string[];
  reports: OperationReport[];
  message?: string;
}

/** What an action decides after asking its own questions; undefined from `prepare` cancels without sending. */
interface PreparedAction {
  operation: IdentityOperation;
  confirmButton: string;
  detail?: string;
  strong?: boolean;
  scope?: string;
  /** Targets to send (defaults to the chosen identities). */
  targets?: IdentityRef[];
  /** A last question after the modal (delete: type the name); false cancels without sending. */
  finalCheck?: () => Promise<boolean>;
  /** The cancelling button shown first, as the modal's default (see ConfirmationRequest.safeButton). */
  safeButton?: string;
  /** Runs after a run in which ISC did it for at least one identity (password reset: remember the source). */
  afterSuccess?: () => Promise<void>;
}

export interface ProgressNotes {
  note(text: string): void;
}

export interface ActionSpec {
  command: string;
  kind: ActionKind;
  label: string;
  /** Title of the "Find identity…" pick when started from the palette. */
  pickTitle: string;
  /** False: exactly one identity (delete). */
  allowMany: boolean;
  prepare(context: PrepareContext, tenant: TenantInfo, refs: IdentityRef[]): Promise<PreparedAction | undefined>;
}

/** What an action's `prepare` may use: its questions, the sync cooldown, the tenant's client, stored choices. */
export interface PrepareContext {
  ui: ActionPrompts;
  cooldown: SyncCooldown;
  /** The authenticated client of the tenant the run is for. */
  client(): Promise<IscClient>;
  /** The password-reset sources used lately, remembered between sessions. */
  recentSources: RecentSourceStore;
  logger: Logger;
  /** Lines for the run's progress notification. */
  notes: ProgressNotes;
}
