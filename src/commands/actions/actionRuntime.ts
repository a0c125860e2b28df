// Shared machinery of the identity actions: targets from any entry point, the guard, progress with Cancel,
// per-identity results, audit lines, refresh events, the summary with "Show Details" / "Retry Failed".
import * as vscode from 'vscode';
import type { AuditLog } from '../../model/auditLog';
import { identityRefsFromArgs } from '../../model/identityRef';
import type { IdentityRef } from '../../model/identityRef';
import type { TenantInfo } from '../../model/tenant';
import type { ExtensionServices } from '../../services';
import { WriteGuard } from '../../model/writeGuard';
import type { ConfirmationRequest } from '../../model/writeGuard';
import { makeWritable } from '../writeGuard';
import { newOperationId } from '../../model/actions/operations';
import type { ActionKind, IdentityOperation, OperationReport } from '../../model/actions/operations';
import { actionPrompts, confirmTypedCount } from './prompts';
import type { ActionPrompts, ProgressReporter } from './prompts';
import { displayName, rateLimitWaitText, summaryText } from '../../model/actions/report';
import { SyncCooldown } from '../../model/actions/syncCooldown';
import { checkUnknownJob, resumeJob, retryFailedJob } from './jobFollowUps';
import type { JobsContext } from './jobFollowUps';
import type { JobSource } from '../../model/jobs/jobTypes';
import type { JobView } from '../../model/jobs/jobStore';
import type { ActionOutcome, ActionSpec, OutcomeStatus, PrepareContext, ProgressNotes } from './actionTypes';

const SHOW_DETAILS = 'Show Details';
const RETRY_FAILED = 'Retry Failed';
const CHECK_UNKNOWN = 'Check…';
const SHOW_JOB = 'Show Job';

export type { ActionOutcome, ActionSpec, OutcomeStatus, PrepareContext } from './actionTypes';

export interface StoredRun {
  report: OperationReport;
  operation: IdentityOperation;
  notes: RunNotes;
}

/** Notes of one run go to that run's progress notification (several runs may be in progress at once). */
export class RunNotes implements ProgressNotes {
  reporter: ProgressReporter | undefined;
  note(text: string): void {
    this.reporter?.report(text);
  }
}

export class ActionRuntime {
  readonly guard: WriteGuard;
  readonly cooldown = new SyncCooldown();
  readonly outcomes: ActionOutcome[] = [];
  /** What the guard's modal was asked to confirm, newest last (at most 50). */
  readonly confirmations: ConfirmationRequest[] = [];
  private readonly runs = new Map<string, StoredRun>();
  private readonly pending = new Set<Promise<unknown>>();
  /** The questions and messages of every action (over services.ui). */
  readonly ui: ActionPrompts;

  /** `showReport` opens a run's report document ("Show Details"). */
  constructor(
    readonly services: ExtensionServices,
    readonly jobs: JobsContext,
    readonly audit: AuditLog,
    private readonly showReport: (report: OperationReport) => Promise<void>,
  ) {
    const prompts = actionPrompts(services.ui, services.tenants, services.recentIdentities);
    // The guard's requests are kept (latest 50) so that tests can read what the modal named; answering is the UI's.
    this.ui = {
      ...prompts,
      confirm: (request) => {
        this.confirmations.push(request);
        if (this.confirmations.length > 50) this.confirmations.shift();
        return prompts.confirm(request);
      },
    };
    this.guard = new WriteGuard({
      tenants: services.tenants,
      ui: () => this.ui,
      logger: services.logger,
      makeWritable: (tenant) => makeWritable(tenant),
      track: (work) => void this.track(work).catch(() => undefined),
    });
  }

  /** The narrow context an action's `prepare` gets for one tenant's run. */
  prepareContext(tenantId: string, notes: ProgressNotes): PrepareContext {
    return {
      ui: this.ui,
      cooldown: this.cooldown,
      client: () => this.services.tenants.getClient(tenantId),
      recentSources: this.services.recentSources,
      logger: this.services.logger,
      notes,
    };
  }

  report(operationId: string): OperationReport | undefined {
    return this.runs.get(operationId)?.report;
  }

  /** Keeps follow-up work (button handlers) observable for tests. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    await this.audit.flush();
  }

  private remember(outcome: ActionOutcome): ActionOutcome {
    this.outcomes.push(outcome);
    if (this.outcomes.length > 50) this.outcomes.shift();
    return outcome;
  }

  /** Identities from command args (ref, tree node, multi-selection) or, from the palette, tenant + "Find identity…". */
  async resolveTargets(spec: ActionSpec, args: unknown[]): Promise<Map<string, IdentityRef[]> | 'readOnly' | 'unknownTenant' | undefined> {
    let refs = identityRefsFromArgs(args[0], args[1]);
    if (refs.length === 0) {
      const tenant = await this.ui.pickTenant(vscode.l10n.t('{0}: choose the tenant', spec.label));
      if (!tenant) return undefined;
      // Checked before the identity is asked for; the guard checks again around the modal.
      const writable = this.guard.checkWritableOrExplain(tenant.id, spec.label, () => this.run(spec, args));
      if (writable !== 'allowed') return writable;
      const ref = await this.ui.pickIdentity(tenant.id, vscode.l10n.t('{0}: find identity…', spec.label));
      if (!ref) return undefined;
      refs = [ref];
    }
    if (!spec.allowMany && refs.length > 1) {
      void this.ui.message('error', vscode.l10n.t('{0} works on one identity at a time; {1} are selected.', spec.label, refs.length));
      return undefined;
    }
    const groups = new Map<string, IdentityRef[]>();
    for (const ref of refs) groups.set(ref.tenantId, [...(groups.get(ref.tenantId) ?? []), ref]);
    return groups;
  }

  /** The whole flow of one command run. */
  async run(spec: ActionSpec, args: unknown[]): Promise<ActionOutcome> {
    const groups = await this.resolveTargets(spec, args);
    const base = { command: spec.command, kind: spec.kind };
    if (groups === 'readOnly' || groups === 'unknownTenant') return this.remember({ ...base, status: 'readOnly', tenantIds: [], reports: [] });
    if (!groups || groups.size === 0) return this.remember({ ...base, status: 'noTarget', tenantIds: [], reports: [] });
    const reports: OperationReport[] = [];
    const statuses: OutcomeStatus[] = [];
    for (const [tenantId, refs] of groups) {
      const result = await this.runForTenant(spec, tenantId, refs, () => this.run(spec, args));
      if (typeof result === 'string') statuses.push(result);
      else reports.push(result);
    }
    const status: OutcomeStatus = reports.length > 0 ? 'completed' : statuses.includes('readOnly') ? 'readOnly' : (statuses[0] ?? 'cancelled');
    return this.remember({ ...base, status, tenantIds: [...groups.keys()], reports });
  }

  /** One tenant's part of a run; `source` says where the identities came from (selection, filter, list). */
  async runForTenant(
    spec: ActionSpec,
    tenantId: string,
    refs: IdentityRef[],
    rerun: () => Promise<unknown>,
    source: JobSource = { type: 'selection' },
  ): Promise<OperationReport | OutcomeStatus> {
    // Checked once before the action's own questions; the guard checks before and after the modal.
    const writable = this.guard.checkWritableOrExplain(tenantId, spec.label, rerun);
    const tenant = this.guard.tenant(tenantId);
    if (writable !== 'allowed' || !tenant) {
      await this.auditRefusal(spec.kind, tenant, tenantId, refs, writable === 'readOnly' ? 'readOnly' : 'unknownTenant');
      return 'readOnly';
    }
    const notes = new RunNotes();
    const prepared = await spec.prepare(this.prepareContext(tenant.id, notes), tenant, refs);
    if (!prepared) return 'cancelled';
    const targets = prepared.targets ?? refs;
    const typedCountAbove = vscode.workspace.getConfiguration('iscExplorer').get<number>('jobs.typedConfirmationAbove', 1000);
    const finalCheck =
      targets.length > typedCountAbove
        ? async (): Promise<boolean> => (prepared.finalCheck ? await prepared.finalCheck() : true) && (await confirmTypedCount(this.ui, prepared.operation.label, targets.length))
        : prepared.finalCheck;
    const snapshotNote = this.jobs.snapshotNote(prepared.operation.kind, targets.length);
    const decision = await this.guard.authorize({
      action: prepared.operation.label,
      tenant,
      identities: targets,
      scope: prepared.scope,
      detail: [prepared.detail, snapshotNote].filter(Boolean).join('\n\n') || undefined,
      confirmButton: prepared.confirmButton,
      safeButton: prepared.safeButton,
      strong: prepared.strong || targets.length > typedCountAbove,
      finalCheck,
      rerun,
    });
    if (decision === 'cancelled') return 'cancelled';
    if (decision !== 'allowed') {
      await this.auditRefusal(spec.kind, tenant, tenantId, targets, decision);
      return 'readOnly';
    }
    const report = await this.execute(prepared.operation, tenant, targets, notes, { source });
    if (report.counts.done > 0) await prepared.afterSuccess?.();
    return report;
  }

  /**
   * Runs the operation as a job (journaled, shown in the Jobs view) with progress and Cancel, audits, refreshes,
   * and shows the summary. `job` continues an existing job (Resume) instead of creating one.
   */
  async execute(
    operation: IdentityOperation,
    tenant: TenantInfo,
    targets: IdentityRef[],
    notes: RunNotes,
    options: { retryOf?: string; source?: JobSource; job?: JobView } = {},
  ): Promise<OperationReport> {
    const client = await this.services.tenants.getClient(tenant.id);
    await this.jobs.ready;
    const job =
      options.job ??
      (await this.jobs.store.create({
        kind: operation.kind,
        label: operation.label,
        tenantId: tenant.id,
        tenantLabel: tenant.label,
        clientId: tenant.clientId,
        source: options.source ?? { type: 'selection' },
        retryOf: options.retryOf ?? null,
        parameters: operation.parameters ?? {},
        refs: targets,
      }));
    const prefix = options.job ? 'Resume: ' : options.retryOf ? 'Retry: ' : '';
    const title = `${prefix}${operation.label} on “${displayName(tenant.label)}”`;
    let failed = 0;
    let unknown = 0;
    const report = await this.ui.withProgress(title, async (progress, signal) => {
      notes.reporter = progress;
      progress.report(`0/${targets.length}`);
      const waits = this.services.tenants.onRateLimitWait((wait) => {
        if (wait.tenantId === tenant.id) progress.report(`${rateLimitWaitText(wait)}; Cancel stops the run`);
      });
      try {
        if (!options.job) await this.jobs.captureBefore(job, (text) => progress.report(text), signal);
        return await this.jobs.runner.run(
          job,
          operation,
          client,
          {
            signal,
            audit: this.audit,
            onItem: (item, done, total) => {
              if (item.outcome === 'failed') failed++;
              if (item.outcome === 'unknown') unknown++;
              const trouble = [failed ? `${failed} failed` : '', unknown ? `${unknown} outcome unknown` : ''].filter(Boolean).join(', ');
              progress.report(`${done}/${total}${trouble ? ` (${trouble})` : ''}`, 100 / total);
            },
            onOutage: (state) =>
              progress.report(
                state.paused
                  ? `ISC is unreachable — paused since ${new Date(state.since).toLocaleTimeString()}, nothing is lost; Cancel stops the run`
                  : `ISC answers again after ${Math.round(state.pausedMs / 1000)} s — resumed`,
              ),
          },
          targets,
        );
      } finally {
        waits.dispose();
        notes.reporter = undefined;
      }
    });
    this.runs.set(report.operationId, { report, operation, notes });
    // Reports (for "Show Details") are kept for the latest runs of the session only; the jobs keep the rest.
    for (const key of this.runs.keys()) {
      if (this.runs.size <= 50) break;
      this.runs.delete(key);
    }
    this.announce(report, operation);
    this.jobs.onFinished(job.id);
    this.showSummary(report);
    return report;
  }

  private announce(report: OperationReport, operation: IdentityOperation): void {
    const identityIds = report.items.filter((item) => item.outcome === 'done' && item.ref.identityId !== '*').map((item) => item.ref.identityId);
    const tenantWide = report.items.some((item) => item.outcome === 'done' && item.ref.identityId === '*');
    if (identityIds.length || tenantWide) {
      this.services.changes.emit({ tenantId: report.tenantId, identityIds, kind: operation.changeKind });
    }
  }

  private showSummary(report: OperationReport): void {
    const { done, failed, unknown } = report.counts;
    const level = failed === 0 && unknown === 0 && !report.cancelled ? 'info' : done === 0 ? 'error' : 'warning';
    // A failed delete is not retried from the summary: it must go through the typed-name confirmation again.
    const retryable = failed > 0 && report.kind !== 'deleteIdentity';
    const buttons = [SHOW_JOB, SHOW_DETAILS, ...(retryable ? [RETRY_FAILED] : []), ...(unknown > 0 ? [CHECK_UNKNOWN] : [])];
    const text = summaryText(report);
    this.services.logger.info(`${report.kind} ${report.operationId}: ${text}`);
    this.track(
      Promise.resolve(this.ui.message(level, text, ...buttons)).then(async (choice) => {
        if (choice === SHOW_JOB) await this.jobs.reveal(report.operationId);
        else if (choice === SHOW_DETAILS) await this.showReport(report);
        else if (choice === RETRY_FAILED) await this.retryFailed(report.operationId);
        else if (choice === CHECK_UNKNOWN) await this.checkUnknown(report.operationId);
      }),
    ).catch((error: unknown) => this.services.logger.error(error instanceof Error ? error : String(error)));
  }

  /** "Retry Failed": a new job with the identities ISC certainly did not act on, after the guard. */
  retryFailed(jobId: string): Promise<OperationReport | undefined> {
    return this.follow('retryFailed', retryFailedJob(this, jobId));
  }

  /** "Check…": asks ISC what became of a job's outcome-unknown identities and re-sends only what did not happen. */
  checkUnknown(jobId: string): Promise<OperationReport | undefined> {
    return this.follow('checkUnknown', checkUnknownJob(this, jobId));
  }

  /** "Resume": sends what a paused or interrupted job never sent, after the guard. */
  resume(jobId: string): Promise<OperationReport | undefined> {
    return this.follow('resume', resumeJob(this, jobId));
  }

  private async follow(command: string, work: Promise<OperationReport | undefined>): Promise<OperationReport | undefined> {
    const report = await work;
    if (report) this.remember({ command, kind: report.kind, status: 'completed', tenantIds: [report.tenantId], reports: [report] });
    return report;
  }

  /** Sends identities of an earlier job again (or the rest of it, with `job`), after the guard's modal. */
  async resend(
    origin: JobView,
    operation: IdentityOperation,
    targets: IdentityRef[],
    prompt: { action: string; confirmButton: string; detail?: string },
    job?: JobView,
  ): Promise<OperationReport | undefined> {
    const tenant = this.guard.tenant(origin.tenantId);
    if (!tenant || targets.length === 0) return undefined;
    const decision = await this.guard.authorize({
      action: prompt.action,
      tenant,
      identities: targets,
      scope: targets.length === 1 && targets[0].identityId === '*' ? targets[0].name : undefined,
      detail: prompt.detail,
      confirmButton: prompt.confirmButton,
      strong: origin.kind === 'inviteAllUnregistered',
    });
    if (decision === 'cancelled') return undefined;
    if (decision !== 'allowed') {
      await this.auditRefusal(origin.kind, tenant, tenant.id, targets, decision, origin.id);
      return undefined;
    }
    return this.execute(operation, tenant, targets, new RunNotes(), job ? { job } : { retryOf: origin.id, source: origin.source });
  }

  /** A refused attempt leaves a `skipped` line per identity (nothing was sent). */
  private async auditRefusal(kind: ActionKind, tenant: TenantInfo | undefined, tenantId: string, refs: IdentityRef[], why: 'readOnly' | 'unknownTenant', retryOf?: string): Promise<void> {
    const operationId = newOperationId();
    const reason = why === 'readOnly' ? 'Blocked: the tenant is read-only.' : 'Blocked: unknown tenant (no longer configured).';
    await this.audit.append(
      ...refs.map((ref) => ({
        operationId,
        retryOf,
        tenantId,
        tenantLabel: tenant?.label ?? tenantId,
        clientId: tenant?.clientId ?? '',
        action: kind,
        identityId: ref.identityId,
        identityName: ref.name,
        httpStatus: null,
        outcome: 'skipped' as const,
        jobId: null,
        error: reason,
      })),
    );
  }
}
