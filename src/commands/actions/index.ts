// Identity actions: reset, synchronize, process, invite, invite all unregistered, password-reset email,
// delete, show activity. Every write passes the WriteGuard and leaves audit lines.
import * as path from 'path';
import { COMMAND_IDS } from '../commandIds';
import type * as vscode from 'vscode';
import { AuditLog } from '../../model/auditLog';
import type { AuditEntry } from '../../model/auditLog';
import type { ConfirmationRequest } from '../../model/writeGuard';
import type { ExtensionServices } from '../../services';
import { registerCommand } from '../commandWrapper';
import { ActionRuntime } from './actionRuntime';
import type { ActionOutcome, ActionSpec } from './actionRuntime';
import { registerActivityDocuments } from './activityActions';
import type { ActivityPanel } from '../../activity/host/activityPanel';
import { deleteSpec } from './deleteAction';
import { inviteAllSpec, inviteSpec, passwordResetSpec, runInvite, runInviteAll } from './invitationActions';
import { processSpec, resetSpec, synchronizeSpec } from './maintenanceActions';
import type { OperationReport } from '../../model/actions/operations';
import type { JobsContext } from './jobFollowUps';
import { runOnFilter, runOnList } from './targetActions';
import type { ListTargetRequest, SetActionKind } from './targetActions';
import { PROCESSING_ERROR_FILTER } from '../../model/needsAttention';

/** A tenant node (its tenantId) or a request object from a test or another command. */
function setTargetRequestOf(arg: unknown): ListTargetRequest {
  if (!arg || typeof arg !== 'object') return {};
  const { tenantId, kind, filter, text, fileName, column } = arg as Record<string, unknown>;
  const request: ListTargetRequest = {};
  if (typeof tenantId === 'string') request.tenantId = tenantId;
  if (kind === 'resetIdentity' || kind === 'synchronizeAttributes' || kind === 'processIdentities' || kind === 'inviteIdentities' || kind === 'sendPasswordResetEmail') request.kind = kind;
  if (typeof filter === 'string') request.filter = filter;
  if (typeof text === 'string') request.text = text;
  if (typeof fileName === 'string') request.fileName = fileName;
  if (typeof column === 'string' || typeof column === 'number') request.column = column;
  return request;
}

export type { ActionOutcome } from './actionRuntime';
export type { ConfirmationRequest } from '../../model/writeGuard';
export type { OperationReport } from '../../model/actions/operations';

/** The handle tests get as `ExtensionTestHandle.actions`. Nothing here answers or skips a prompt (the test input does). */
export interface IdentityActionsApi {
  readonly auditLogPath: string;
  /** What the guard's modal asked to confirm, newest last (at most 50): the action, tenant and identities it named. */
  readonly confirmations: readonly ConfirmationRequest[];
  /** Outcomes of the latest runs (newest last, at most 50). */
  readonly outcomes: readonly ActionOutcome[];
  lastOutcome(): ActionOutcome | undefined;
  report(operationId: string): OperationReport | undefined;
  /** Same as the summary's "Retry Failed" button (guard included). */
  retryFailed(operationId: string): Promise<OperationReport | undefined>;
  /** Same as the summary's "Check…" button: asks ISC about outcome-unknown items, re-sends what did not happen. */
  checkUnknown(operationId: string): Promise<OperationReport | undefined>;
  /** Resolves when button follow-ups (retry, details) and audit appends have finished. */
  idle(): Promise<void>;
  readAudit(): Promise<AuditEntry[]>;
  showActivity(): Promise<ActivityPanel>;
  openAuditLogFile(): Promise<vscode.TextEditor>;
  /** Forgets the in-memory once-per-10-s sync times (tests). */
  resetSyncCooldown(): void;
}

export interface RegisteredActions {
  api: IdentityActionsApi;
  runtime: ActionRuntime;
  showJobActivity(jobId: string): Promise<vscode.TextEditor>;
}

export function registerIdentityActions(
  services: ExtensionServices,
  jobs: JobsContext,
  currentFilter: (tenantId: string) => string | undefined,
): RegisteredActions {
  const audit = new AuditLog(path.join(services.context.globalStorageUri.fsPath, 'audit.jsonl'));
  // The documents look reports up only when one is opened, after the runtime exists.
  const activity = registerActivityDocuments(services, audit, jobs, (operationId) => runtime.report(operationId));
  const runtime = new ActionRuntime(services, jobs, audit, (report) => activity.showReport(report));
  const register = (id: string, handler: (...args: unknown[]) => Promise<unknown>): void => registerCommand(services, id, handler);
  const simple = (spec: ActionSpec): void => register(spec.command, (...args) => runtime.run(spec, args));

  const reset = resetSpec();
  const synchronize = synchronizeSpec();
  const processAction = processSpec();
  simple(reset);
  simple(synchronize);
  simple(processAction);
  simple(deleteSpec());
  const invite = inviteSpec();
  const inviteAll = inviteAllSpec();
  register(invite.command, (...args) => runInvite(runtime, invite, inviteAll, args));
  register(inviteAll.command, (...args) => runInviteAll(runtime, inviteAll, args));
  const passwordReset = passwordResetSpec();
  simple(passwordReset);
  const setSpecs = new Map<SetActionKind, ActionSpec>([
    ['resetIdentity', reset],
    ['synchronizeAttributes', synchronize],
    ['processIdentities', processAction],
    ['inviteIdentities', invite],
    ['sendPasswordResetEmail', passwordReset],
  ]);
  register(COMMAND_IDS.runActionOnFilter, (arg) => runOnFilter(runtime, setSpecs, currentFilter, setTargetRequestOf(arg)));
  register(COMMAND_IDS.runActionOnList, (arg) => runOnList(runtime, setSpecs, setTargetRequestOf(arg)));
  register(COMMAND_IDS.processIdentitiesInError, (arg) =>
    runOnFilter(runtime, setSpecs, currentFilter, { ...setTargetRequestOf(arg), kind: 'processIdentities', filter: PROCESSING_ERROR_FILTER }),
  );
  register(COMMAND_IDS.showActivity, async () => {
    await activity.showActivity();
  });

  const api: IdentityActionsApi = {
    auditLogPath: runtime.audit.filePath,
    get confirmations() {
      return runtime.confirmations;
    },
    get outcomes() {
      return runtime.outcomes;
    },
    lastOutcome: () => runtime.outcomes[runtime.outcomes.length - 1],
    report: (operationId) => runtime.report(operationId),
    retryFailed: (operationId) => runtime.track(runtime.retryFailed(operationId)),
    checkUnknown: (operationId) => runtime.track(runtime.checkUnknown(operationId)),
    idle: () => runtime.idle(),
    readAudit: () => runtime.audit.readEntries(),
    showActivity: () => activity.showActivity(),
    openAuditLogFile: () => activity.openAuditLogFile(),
    resetSyncCooldown: () => runtime.cooldown.clear(),
  };
  return { api, runtime, showJobActivity: (jobId) => activity.showJobActivity(jobId) };
}
