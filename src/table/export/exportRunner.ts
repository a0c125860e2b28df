// Runs one export: the partial file, the streaming writer, a progress notification with Cancel (n / total, rate,
// time left, long waits for the rate limit), checkpoints for a resume, and the outcome.
import * as vscode from 'vscode';
import type { IscClient } from '../../api/iscClient';
import { errorText } from '../../model/connectionErrors';
import type { ColumnId } from '../../model/export/columns';
import type { ExportCheckpoint, ExportProgress } from '../../model/export/exporter';
import { exportIdentities } from '../../model/export/exporter';
import { ExportFile, partialPathOf } from '../../model/export/fileSink';
import type { ExportQuery, InterruptedExport } from '../../model/export/interrupted';
import { describeDuration, describeProgress } from '../../model/export/interrupted';
import type { ExportFormat } from '../../model/export/records';
import type { ExtensionServices } from '../../services';
import type { InterruptedExportStore } from './interruptedStore';
import type { ProgressReporter } from '../../ui/userInput';

export interface ExportJob {
  id: string;
  tenantId: string;
  tenantLabel: string;
  target: string;
  format: ExportFormat;
  bom: boolean;
  columns: ColumnId[];
  query: ExportQuery;
  /** Continue this interrupted export (its partial file) instead of starting over. */
  resume?: InterruptedExport;
}

export interface ExportOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  id: string;
  target: string;
  written: number;
  total?: number;
  bytes: number;
  elapsedMs: number;
  /** The kept partial file of a failed export. */
  partialPath?: string;
  message?: string;
}

/** Checkpoints reach globalState at most this often (and always when the export stops). */
const SAVE_EVERY_MS = 2000;
const NOTICE_AFTER_MS = 3000;

interface Running {
  controller: AbortController;
  progress?: ExportProgress;
}

export class ExportRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly services: ExtensionServices,
    private readonly store: InterruptedExportStore,
  ) {}

  /** Progress of the exports running now (tests, diagnostics). */
  progress(): { id: string; progress?: ExportProgress }[] {
    return [...this.running.entries()].map(([id, r]) => ({ id, progress: r.progress && { ...r.progress } }));
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Same as Cancel in the notification, for every running export. */
  cancelAll(): void {
    for (const r of this.running.values()) r.controller.abort();
  }

  async run(job: ExportJob): Promise<ExportOutcome> {
    const running: Running = { controller: new AbortController() };
    this.running.set(job.id, running);
    try {
      return await this.services.ui.withProgress(vscode.l10n.t('Exporting identities of {0}', job.tenantLabel), async (progress, signal) => {
        // The notification's Cancel and cancelAll() stop the same export.
        const cancel = (): void => running.controller.abort();
        signal.addEventListener('abort', cancel);
        if (signal.aborted) cancel();
        try {
          return await this.execute(job, running, progress);
        } finally {
          signal.removeEventListener('abort', cancel);
        }
      });
    } finally {
      this.running.delete(job.id);
    }
  }

  private async execute(job: ExportJob, running: Running, progress: ProgressReporter): Promise<ExportOutcome> {
    const started = Date.now();
    const signal = running.controller.signal;
    const logger = this.services.logger;
    let client: IscClient | undefined;
    let file: ExportFile | undefined;
    let checkpoint: ExportCheckpoint | undefined = job.resume?.checkpoint;
    let savedAt = 0;
    let shownPercent = 0;
    let waitNotice = '';

    const save = async (force: boolean, reason?: string): Promise<void> => {
      if (!checkpoint || (!force && Date.now() - savedAt < SAVE_EVERY_MS)) return;
      savedAt = Date.now();
      await this.store.put({
        id: job.id,
        tenantId: job.tenantId,
        target: job.target,
        format: job.format,
        bom: job.bom,
        columns: job.columns,
        query: job.query,
        checkpoint,
        updatedAt: savedAt,
        reason,
      });
    };
    const report = (): void => {
      const p = running.progress;
      const counts = describeProgress(p?.written ?? checkpoint?.written ?? 0, p?.total ?? checkpoint?.total);
      const parts = [counts];
      if (p && p.ratePerSecond > 0) parts.push(vscode.l10n.t('{0}/s', Math.round(p.ratePerSecond).toLocaleString('en-US')));
      if (p?.remainingMs !== undefined && p.written > 0) parts.push(vscode.l10n.t('about {0} left', describeDuration(p.remainingMs)));
      if (waitNotice) parts.push(waitNotice);
      const percent = p?.total ? Math.min(100, (p.written / p.total) * 100) : shownPercent;
      progress.report(parts.join(' · '), Math.max(0, percent - shownPercent));
      shownPercent = Math.max(shownPercent, percent);
    };
    // A long Retry-After (ISC escalates to minutes after repeated 429s) pauses the client: say so.
    const waitTimer = setInterval(() => {
      const waitMs = client?.limiter.pauseRemainingMs ?? 0;
      const next = waitMs >= NOTICE_AFTER_MS ? vscode.l10n.t('waiting {0} for the ISC rate limit', describeDuration(waitMs)) : '';
      if (next !== waitNotice) {
        waitNotice = next;
        report();
      }
    }, 1000);

    try {
      client = await this.services.tenants.getClient(job.tenantId);
      file = job.resume ? await ExportFile.resume(job.target, job.resume.checkpoint.bytes) : await ExportFile.create(job.target);
      const listClient = client;
      const q = job.query;
      report();
      const result = await exportIdentities(
        (offset, limit, count, pageSignal) => listClient.listIdentities({ filters: q.filters, sorters: q.sorters, defaultFilter: q.defaultFilter, offset, limit, count }, { signal: pageSignal }),
        file,
        {
          columns: job.columns,
          format: job.format,
          bom: job.bom,
          prefetch: vscode.workspace.getConfiguration('iscExplorer').get<number>('export.pagesAhead', 3),
          signal,
          resume: job.resume?.checkpoint,
          onProgress: (p) => {
            running.progress = p;
            report();
          },
          onCheckpoint: async (c) => {
            checkpoint = c;
            await save(false);
          },
        },
      );
      await file.complete();
      await this.store.remove(job.id);
      logger.info(`Export ${job.id}: ${result.written} identities of ${job.tenantId} to ${job.target} in ${Date.now() - started} ms (${result.pages} pages, ${result.bytes} bytes, ${result.duplicatesSkipped} repeated rows skipped).`);
      return { status: 'completed', id: job.id, target: job.target, written: result.written, total: result.total, bytes: result.bytes, elapsedMs: Date.now() - started };
    } catch (error) {
      const written = checkpoint?.written ?? 0;
      const base = { id: job.id, target: job.target, written, total: checkpoint?.total, bytes: checkpoint?.bytes ?? 0, elapsedMs: Date.now() - started };
      if (signal.aborted) {
        await file?.discard();
        await this.store.remove(job.id);
        logger.info(`Export ${job.id}: cancelled after ${written} identities; the partial file was removed.`);
        return { ...base, status: 'cancelled' };
      }
      const message = errorText(error);
      if (file && checkpoint) {
        await file.close();
        await save(true, message);
      } else {
        await file?.discard(); // nothing complete was written: nothing to resume
      }
      logger.error(`Export ${job.id}: stopped after ${written} identities: ${message}`);
      return { ...base, status: 'failed', message, partialPath: file && checkpoint ? partialPathOf(job.target) : undefined };
    } finally {
      clearInterval(waitTimer);
    }
  }
}
