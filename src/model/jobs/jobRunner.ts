// Runs jobs: one identity action over a job's identities, every send recorded in the journal before it leaves and
// every answer after it arrives; Pause keeps what was never sent pending, Cancel ends it. No `vscode` import.
import * as l10n from '@vscode/l10n';
import type { IscClient } from '../../api/iscClient';
import type { AuditLog } from '../auditLog';
import type { IdentityRef } from '../identityRef';
import { executeOperation } from '../actions/operations';
import type { IdentityOperation, ItemReport, OperationReport } from '../actions/operations';
import type { JobStore, JobView } from './jobStore';

export interface JobRunOptions {
  /** One line per identity as its outcome is known. */
  audit?: AuditLog;
  onItem?: (item: ItemReport, done: number, total: number) => void;
  onOutage?: (state: { paused: true; since: number } | { paused: false; pausedMs: number }) => void;
  /** A caller's own cancel (the progress notification's Cancel button). */
  signal?: AbortSignal;
}

interface ActiveRun {
  controller: AbortController;
  stop: 'pause' | 'cancel' | undefined;
}

export interface JobRunnerDeps {
  store: JobStore;
  logger?: { warn(message: string): void };
}

export class JobRunner {
  private readonly active = new Map<string, ActiveRun>();

  constructor(private readonly deps: JobRunnerDeps) {}

  isRunning(jobId: string): boolean {
    return this.active.has(jobId);
  }

  /** Stops sending; what was never sent stays pending for Resume. */
  pause(jobId: string): boolean {
    return this.stop(jobId, 'pause');
  }

  /** Stops sending; what was never sent ends cancelled. */
  cancel(jobId: string): boolean {
    return this.stop(jobId, 'cancel');
  }

  /**
   * Sends `refs` (identities of the job, by default every pending one) and resolves with the run's report once the
   * journal holds every answer. The job ends finished, paused or cancelled.
   */
  async run(job: JobView, operation: IdentityOperation, client: IscClient, options: JobRunOptions = {}, refs?: readonly IdentityRef[]): Promise<OperationReport> {
    if (this.active.has(job.id)) throw new Error(l10n.t('Job {0} is running already.', job.id));
    const { store } = this.deps;
    const targets = refs ?? store.resumable(job.id);
    const run: ActiveRun = { controller: new AbortController(), stop: undefined };
    this.active.set(job.id, run);
    const onOuterAbort = (): void => void this.stop(job.id, 'cancel');
    if (options.signal?.aborted) onOuterAbort();
    else options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    // Answers are journaled in order, one after the other, while the run goes on.
    let writes: Promise<void> = Promise.resolve();
    try {
      if (job.state !== 'running') await store.setState(job.id, 'running');
      const report = await executeOperation(operation, targets, {
        client,
        tenant: { id: job.tenantId, label: job.tenantLabel, clientId: job.clientId },
        audit: options.audit,
        signal: run.controller.signal,
        operationId: job.id,
        retryOf: job.retryOf ?? undefined,
        onOutage: options.onOutage,
        beforeSend: (batch) => store.markSent(job.id, batch.map((ref) => ref.identityId)),
        onItem: (item, done, total) => {
          // Stopped by a pause before its request left (`cancelled` means ISC certainly did not get it): it stays
          // pending for Resume.
          const keepPending = run.stop === 'pause' && item.outcome === 'cancelled';
          if (keepPending) {
            if (item.sentAt !== null) {
              writes = writes
                .then(() => store.markUnsent(job.id, [item.ref.identityId]))
                .catch((error: unknown) => this.deps.logger?.warn(`Job ${job.id}: could not record an unsent item: ${String(error)}`));
            }
          } else {
            writes = writes
              .then(() =>
                store.recordResult(job.id, {
                  id: item.ref.identityId,
                  outcome: item.outcome,
                  httpStatus: item.httpStatus,
                  message: item.error,
                  taskId: item.jobId,
                }),
              )
              .catch((error: unknown) => this.deps.logger?.warn(`Job ${job.id}: could not record a result: ${String(error)}`));
          }
          options.onItem?.(item, done, total);
        },
      });
      await writes;
      const pending = store.counts(job.id).pending;
      await store.setState(job.id, run.stop === 'pause' && pending > 0 ? 'paused' : run.stop === 'cancel' ? 'cancelled' : 'finished');
      return report;
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      this.active.delete(job.id);
    }
  }

  private stop(jobId: string, how: 'pause' | 'cancel'): boolean {
    const run = this.active.get(jobId);
    if (!run) return false;
    run.stop ??= how;
    run.controller.abort();
    return true;
  }
}
