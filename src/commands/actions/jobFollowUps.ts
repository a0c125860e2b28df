// What follows a job: Retry Failed (only what ISC certainly did not act on), Check… (ask ISC about outcome-unknown
// identities, mark what happened done, re-send only what did not) and Resume (send what was never sent). Each works
// from the job store, so it works the same after a window reload.
import * as vscode from 'vscode';
import { canCheckOutcome, checkOutcomes } from '../../model/actions/outcomeChecks';
import type { OutcomeCheck } from '../../model/actions/outcomeChecks';
import { operationFor } from '../../model/actions/operationFor';
import type { OperationReport } from '../../model/actions/operations';
import { displayName } from '../../model/actions/report';
import type { JobRunner } from '../../model/jobs/jobRunner';
import type { JobStore, JobView } from '../../model/jobs/jobStore';
import type { AuditLog } from '../../model/auditLog';
import type { IdentityRef } from '../../model/identityRef';
import type { IdentityOperation } from '../../model/actions/operations';
import type { SyncCooldown } from '../../model/actions/syncCooldown';
import type { WriteGuard } from '../../model/writeGuard';
import type { ExtensionServices } from '../../services';
import type { ActionPrompts } from './prompts';

/** The jobs as the action runtime uses them. */
export interface JobsContext {
  store: JobStore;
  runner: JobRunner;
  /** Resolves once the jobs of earlier windows are loaded. */
  ready: Promise<void>;
  /** A run of the job ended: follow its ISC tasks, refresh the view. */
  onFinished(jobId: string): void;
  /** Shows the job in the Jobs view. */
  reveal(jobId: string): Promise<void>;
  /** The confirmation's note on reading the identities before and after, or undefined when the job will not. */
  snapshotNote(kind: JobView['kind'], count: number): string | undefined;
  /** Reads the job's identities before anything is sent (when the job takes snapshots). */
  captureBefore(job: JobView, progress: (text: string) => void, signal: AbortSignal): Promise<void>;
}

/** What the follow-ups need of the action runtime: its jobs, guard, prompts and a way to send a job's items again. */
export interface FollowUpRuntime {
  readonly services: ExtensionServices;
  readonly jobs: JobsContext;
  readonly guard: WriteGuard;
  readonly cooldown: SyncCooldown;
  readonly audit: AuditLog;
  readonly ui: ActionPrompts;
  resend(
    origin: JobView,
    operation: IdentityOperation,
    targets: IdentityRef[],
    prompt: { action: string; confirmButton: string; detail?: string },
    job?: JobView,
  ): Promise<OperationReport | undefined>;
}

function jobOf(runtime: FollowUpRuntime, jobId: string): JobView | undefined {
  return runtime.jobs.store.get(jobId);
}

function operationOf(runtime: FollowUpRuntime, job: JobView): ReturnType<typeof operationFor> {
  return operationFor(job.kind, job.tenantId, job.parameters, { cooldown: runtime.cooldown });
}

/** "1 identity", "3 identities". */
function identitiesText(count: number): string {
  return count === 1 ? vscode.l10n.t('1 identity') : vscode.l10n.t('{0} identities', count);
}

/** "Disable: 3 of 5 confirmed done by ISC, 1 not carried out, 1 could not be checked (still outcome unknown)" — one sentence per case. */
function checkSummary(label: string, confirmed: number, checked: number, notHappened: number, unchecked: number): string {
  if (notHappened && unchecked) {
    return vscode.l10n.t('{0}: {1} of {2} confirmed done by ISC, {3} not carried out, {4} could not be checked (still outcome unknown)', label, confirmed, checked, notHappened, unchecked);
  }
  if (notHappened) return vscode.l10n.t('{0}: {1} of {2} confirmed done by ISC, {3} not carried out', label, confirmed, checked, notHappened);
  if (unchecked) return vscode.l10n.t('{0}: {1} of {2} confirmed done by ISC, {3} could not be checked (still outcome unknown)', label, confirmed, checked, unchecked);
  return vscode.l10n.t('{0}: {1} of {2} confirmed done by ISC', label, confirmed, checked);
}

export async function retryFailedJob(runtime: FollowUpRuntime, jobId: string): Promise<OperationReport | undefined> {
  await runtime.jobs.ready;
  const job = jobOf(runtime, jobId);
  // A failed delete is not retried from here: it must go through the typed-name confirmation again.
  if (!job || job.kind === 'deleteIdentity') return undefined;
  const targets = runtime.jobs.store.retryable(jobId);
  return runtime.resend(job, operationOf(runtime, job), targets, { action: vscode.l10n.t('{0} (retry of failed)', job.label), confirmButton: vscode.l10n.t('Retry') });
}

export async function resumeJob(runtime: FollowUpRuntime, jobId: string): Promise<OperationReport | undefined> {
  await runtime.jobs.ready;
  const job = jobOf(runtime, jobId);
  if (!job || runtime.jobs.runner.isRunning(jobId) || (job.state !== 'paused' && job.state !== 'interrupted')) return undefined;
  const targets = runtime.jobs.store.resumable(jobId);
  if (targets.length === 0) {
    await runtime.jobs.store.setState(jobId, 'finished');
    const { unknown } = runtime.jobs.store.counts(jobId);
    void runtime.ui.message(
      'info',
      unknown
        ? vscode.l10n.t('{0}: nothing is left to send — every identity was sent before. {1} have an unknown outcome: use Check Unknown Outcomes for them.', job.label, unknown)
        : vscode.l10n.t('{0}: nothing is left to send — every identity was sent before.', job.label),
    );
    return undefined;
  }
  const counts = runtime.jobs.store.counts(jobId);
  return runtime.resend(
    job,
    operationOf(runtime, job),
    targets,
    {
      action: vscode.l10n.t('{0} (resume)', job.label),
      confirmButton: vscode.l10n.t('Resume'),
      detail: counts.unknown
        ? vscode.l10n.t(
            '{0} of {1} were handled before; only the {2} never sent are sent now. {3} with unknown outcome are not re-sent: use Check… for them.',
            counts.total - counts.pending,
            counts.total,
            identitiesText(targets.length),
            counts.unknown,
          )
        : vscode.l10n.t('{0} of {1} were handled before; only the {2} never sent are sent now.', counts.total - counts.pending, counts.total, identitiesText(targets.length)),
    },
    job,
  );
}

export async function checkUnknownJob(runtime: FollowUpRuntime, jobId: string): Promise<OperationReport | undefined> {
  await runtime.jobs.ready;
  const job = jobOf(runtime, jobId);
  const tenant = job ? runtime.guard.tenant(job.tenantId) : undefined;
  if (!job || !tenant) return undefined;
  const unknownItems = job.items.filter((item) => item.state === 'unknown');
  if (unknownItems.length === 0) return undefined;
  const operation = operationOf(runtime, job);
  if (!canCheckOutcome(job.kind)) {
    return runtime.resend(job, operation, unknownItems.map((item) => item.ref), {
      action: vscode.l10n.t('{0} again', job.label),
      confirmButton: vscode.l10n.t('Send Again'),
      detail:
        unknownItems.length === 1
          ? vscode.l10n.t('ISC cannot tell whether these emails were sent: 1 recipient may get the email twice.')
          : vscode.l10n.t('ISC cannot tell whether these emails were sent: {0} recipients may get the email twice.', unknownItems.length),
    });
  }
  const client = await runtime.services.tenants.getClient(tenant.id);
  const checks: OutcomeCheck[] = await runtime.ui.withProgress(vscode.l10n.t('Checking {0} on “{1}”', identitiesText(unknownItems.length), displayName(tenant.label)), (progress, signal) =>
    checkOutcomes(
      job.kind,
      client,
      unknownItems.map((item) => ({ ref: item.ref, sentAt: item.at ?? job.startedAt ?? job.createdAt })),
      { signal, onCheck: (_check, done, total) => progress.report(`${done}/${total}`, 100 / total) },
    ),
  );
  const confirmed = checks.filter((check) => check.verdict === 'happened');
  for (const check of confirmed) {
    const item = job.items.find((candidate) => candidate.ref.identityId === check.ref.identityId);
    await runtime.jobs.store.recordResult(jobId, {
      id: check.ref.identityId,
      outcome: 'done',
      httpStatus: item?.httpStatus ?? null,
      message: vscode.l10n.t('Confirmed by Check: {0}', check.detail),
      taskId: item?.taskId ?? null,
    });
    await runtime.audit.append({
      operationId: jobId,
      tenantId: tenant.id,
      tenantLabel: tenant.label,
      clientId: tenant.clientId,
      action: job.kind,
      identityId: check.ref.identityId,
      identityName: check.ref.name,
      httpStatus: null,
      outcome: 'done',
      jobId: item?.taskId ?? null,
      error: `Confirmed by Check: ${check.detail}`,
    });
  }
  const notHappened = checks.filter((check) => check.verdict === 'notHappened').map((check) => check.ref);
  const unchecked = checks.filter((check) => check.verdict === 'checkFailed').length;
  const text = checkSummary(job.label, confirmed.length, checks.length, notHappened.length, unchecked);
  runtime.services.logger.info(`${job.kind} ${jobId} check: ${text}`);
  if (notHappened.length === 0) {
    void runtime.ui.message(unchecked ? 'warning' : 'info', `${text}.`);
    return undefined;
  }
  return runtime.resend(job, operation, notHappened, {
    action: vscode.l10n.t('{0} (not carried out)', job.label),
    confirmButton: vscode.l10n.t('Send'),
    detail: vscode.l10n.t('{0}. Only the ones not carried out are sent.', text),
  });
}
