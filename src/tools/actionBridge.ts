// Where an acting tool's plan is sent: through the same write guard and action runtime as the context menu
// (read-only checked before and after the confirmation, progress with Cancel, one audit line per identity, the
// change bus, the summary with Show Details). `runToolAction` is the one call to swap when actions become jobs.
import * as vscode from 'vscode';
import type { ActionKind, IdentityOperation } from '../model/actions/operations';
import { newOperationId, passwordResetOperation } from '../model/actions/operations';
import { displayName } from '../model/actions/report';
import type { IdentityRef } from '../model/identityRef';
import type { TenantInfo } from '../model/tenant';
import type { ToolActionSummary } from '../model/tools/actionToolText';
import type { ToolActionName } from '../model/tools/toolInput';
import { WriteGuard } from '../model/writeGuard';
import type { ConfirmationHandler } from '../model/writeGuard';
import type { ActionRuntime, ActionSpec } from '../commands/actions/actionRuntime';
import { inviteSpec } from '../commands/actions/invitationActions';
import { processSpec, resetSpec, synchronizeSpec } from '../commands/actions/maintenanceActions';
import { makeWritable } from '../commands/writeGuard';
import type { ActionPlan } from './actionPlan';

const ACTION_KINDS: Readonly<Record<ToolActionName, ActionKind>> = {
  reset: 'resetIdentity',
  synchronize: 'synchronizeAttributes',
  process: 'processIdentities',
  invite: 'inviteIdentities',
  passwordResetEmail: 'sendPasswordResetEmail',
};

/** What the confirmation shows and the run sends. */
export interface PreparedToolAction {
  kind: ActionKind;
  operation: IdentityOperation;
  /** Sentence-case name, e.g. "Reset identity". */
  label: string;
  /** What the action does, as the context menu's modal says it. */
  detail: string;
  confirmButton: string;
}

type RunNotes = Parameters<ActionRuntime['execute']>[3];

function runNotes(): RunNotes {
  const notes: RunNotes = {
    reporter: undefined,
    note: (text: string) => notes.reporter?.report(text),
  };
  return notes;
}

function specFor(action: ToolActionName): ActionSpec | undefined {
  switch (action) {
    case 'reset':
      return resetSpec();
    case 'synchronize':
      return synchronizeSpec();
    case 'process':
      return processSpec();
    case 'invite':
      return inviteSpec();
    case 'passwordResetEmail':
      return undefined;
  }
}

/**
 * The operation of a plan, from the same action specs as the context menu (their `prepare` asks nothing for these
 * four). The password-reset email's questions (via, source) are answered by the tool input instead of quick picks.
 */
export async function prepareToolAction(runtime: ActionRuntime, plan: ActionPlan, notes: RunNotes = runNotes()): Promise<PreparedToolAction> {
  const spec = specFor(plan.action);
  if (spec) {
    const prepared = await spec.prepare(runtime.prepareContext(plan.tenant.id, notes), plan.tenant, plan.targets);
    if (!prepared) throw new Error(`${spec.label} could not be prepared.`);
    return { kind: spec.kind, operation: prepared.operation, label: prepared.operation.label, detail: prepared.detail ?? '', confirmButton: prepared.confirmButton };
  }
  const via = plan.via ?? 'EMAIL_WORK';
  const sourceName = plan.sourceName ?? '';
  const operation = passwordResetOperation({ via, sourceName });
  return {
    kind: operation.kind,
    operation,
    label: operation.label,
    detail: vscode.l10n.t('Via: {0}\nSource: {1}\nThe reset link expires after 2 hours.', via, displayName(sourceName)),
    confirmButton: plan.targets.length === 1 ? vscode.l10n.t('Send') : vscode.l10n.t('Send to {0} Identities', plan.targets.length),
  };
}

/** `chat`: the person confirmed this plan in the chat; `none`: the guard's own modal asks. */
export type ConfirmationSource = 'chat' | 'none';

export type ToolRunResult =
  | { kind: 'ran'; summary: ToolActionSummary }
  | { kind: 'cancelled' }
  | { kind: 'refused'; message: string };

/** A refused attempt leaves a `skipped` line per identity (nothing was sent), as refusals in the context menu do. */
export async function auditToolRefusal(runtime: ActionRuntime, action: ToolActionName, tenant: TenantInfo, targets: readonly IdentityRef[], reason: string): Promise<void> {
  const operationId = newOperationId();
  await runtime.audit.append(
    ...targets.map((ref) => ({
      operationId,
      tenantId: tenant.id,
      tenantLabel: tenant.label,
      clientId: tenant.clientId,
      action: ACTION_KINDS[action],
      identityId: ref.identityId,
      identityName: ref.name,
      httpStatus: null,
      outcome: 'skipped' as const,
      jobId: null,
      error: reason,
    })),
  );
}

/** Sends a plan: the write guard (its modal unless the chat confirmed), then the runtime's execute. */
export async function runToolAction(runtime: ActionRuntime, plan: ActionPlan, confirmation: ConfirmationSource): Promise<ToolRunResult> {
  const notes = runNotes();
  const prepared = await prepareToolAction(runtime, plan, notes);
  // The chat already showed action, tenant, count and names; the guard's checks around the confirmation still run.
  const chatConfirmed: ConfirmationHandler = (request) => request.confirmButton;
  const guard = new WriteGuard({
    tenants: runtime.services.tenants,
    ui: () => ({ ...runtime.ui, confirm: confirmation === 'chat' ? chatConfirmed : runtime.ui.confirm }),
    logger: runtime.services.logger,
    makeWritable: (tenant) => makeWritable(tenant),
    track: (work) => void runtime.track(work).catch(() => undefined),
  });
  const decision = await guard.authorize({
    action: prepared.label,
    tenant: plan.tenant,
    identities: plan.targets,
    detail: prepared.detail,
    confirmButton: prepared.confirmButton,
  });
  if (decision === 'cancelled') return { kind: 'cancelled' };
  const tenant = guard.tenant(plan.tenant.id);
  if (decision !== 'allowed' || !tenant) {
    const reason = decision === 'readOnly' ? 'Blocked: the tenant is read-only.' : 'Blocked: unknown tenant (no longer configured).';
    if (tenant) await auditToolRefusal(runtime, plan.action, tenant, plan.targets, reason);
    // language-model text: the tool's result, read by the model.
    return { kind: 'refused', message: `${prepared.label} was not sent: ${decision === 'readOnly' ? `tenant ${plan.tenant.id} is read-only` : 'the tenant is no longer configured'}.` };
  }
  const report = await runtime.execute(prepared.operation, tenant, plan.targets, notes);
  if (plan.action === 'passwordResetEmail' && plan.sourceName && report.counts.done > 0) await runtime.services.recentSources.remember(tenant.id, plan.sourceName);
  return {
    kind: 'ran',
    summary: {
      action: report.label,
      tenant: { id: tenant.id, label: tenant.label },
      operationId: report.operationId,
      cancelled: report.cancelled,
      notFound: plan.notFound,
      items: report.items.map((item) => ({
        identityId: item.ref.identityId,
        name: item.ref.name,
        outcome: item.outcome,
        httpStatus: item.httpStatus,
        jobId: item.jobId,
        error: item.error,
      })),
    },
  };
}
