// The Jobs room: owns the job journal, store and runner for the window, loads earlier windows' jobs, follows ISC's
// tasks of finished runs, and shows everything in the Jobs view.
import * as path from 'path';
import * as vscode from 'vscode';
import { JobChanges, snapshotCostText, snapshotsSkipped, takesSnapshots } from '../model/jobs/jobChanges';
import { JobJournal } from '../model/jobs/jobJournal';
import { JobRunner } from '../model/jobs/jobRunner';
import { JobStore } from '../model/jobs/jobStore';
import type { JobView } from '../model/jobs/jobStore';
import { UNTRACKABLE_TASK_MESSAGE, taskStatusTone, trackTask } from '../model/jobs/taskTracker';
import type { TaskPollDelays } from '../model/jobs/taskTracker';
import type { ExtensionServices } from '../services';
import { JobsTreeProvider, JOBS_VIEW_ID } from './jobsTreeProvider';
import type { JobsTreeNode } from './jobsTreeProvider';
import { DisposableStore } from '../util/disposables';

/** Kinds whose answer carries an ISC task that GET /task-status follows (synchronize's job has no endpoint). */
const TRACKED_KINDS = new Set(['processIdentities', 'inviteIdentities', 'inviteAllUnregistered']);

export class JobsController implements vscode.Disposable {
  readonly store: JobStore;
  /** Before/after snapshots and what changed, per job. */
  readonly changes: JobChanges;
  readonly runner: JobRunner;
  readonly ready: Promise<void>;
  readonly provider: JobsTreeProvider;
  readonly view: vscode.TreeView<JobsTreeNode>;
  /** Poll delays of task tracking (tests shorten them). */
  taskPollDelays: Partial<TaskPollDelays> = {};
  private readonly tracking = new Map<string, AbortController>();
  private readonly trackingDone = new Set<Promise<unknown>>();
  private readonly disposables = new DisposableStore();

  constructor(private readonly services: ExtensionServices) {
    const jobsDir = path.join(services.context.globalStorageUri.fsPath, 'jobs');
    const journal = new JobJournal(jobsDir);
    this.changes = new JobChanges(jobsDir);
    this.store = new JobStore(journal);
    this.runner = new JobRunner({ store: this.store, logger: services.logger });
    this.provider = new JobsTreeProvider(this.store, this.changes);
    this.view = vscode.window.createTreeView(JOBS_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.disposables.addAll(this.provider, this.view, { dispose: () => this.store.dispose() });
    this.disposables.addAll(this.store.onDidChange(() => this.updateBadge()));
    this.ready = journal
      .loadAll()
      .then((records) => {
        this.store.adopt(records);
        for (const job of this.store.list()) if (this.hasOpenTasks(job)) this.followTasks(job.id);
        // The view reads changes synchronously: load the earlier windows' ones (a small file per job, if any).
        return Promise.all(this.store.list().map((job) => this.changes.get(job.id))).then(() => this.provider.refresh());
      })
      .catch((error: unknown) => services.logger.error(`Could not read the jobs of earlier windows: ${error instanceof Error ? error.message : String(error)}`));
  }

  async reveal(jobId: string): Promise<void> {
    await this.ready;
    const node = this.provider.jobNode(jobId);
    if (!node) return;
    try {
      await this.view.reveal(node, { select: true, focus: true, expand: true });
    } catch {
      // The view was never opened: focusing the container opens it.
      await vscode.commands.executeCommand(`${JOBS_VIEW_ID}.focus`);
    }
  }

  onFinished(jobId: string): void {
    const job = this.store.get(jobId);
    if (job && TRACKED_KINDS.has(job.kind)) this.followTasks(jobId);
    else void this.captureAfter(jobId);
  }

  private snapshotLimit(): number {
    return vscode.workspace.getConfiguration('iscExplorer').get<number>('jobs.snapshotChangesUpTo', 200);
  }

  /** The confirmation's word on before/after: its cost, or that a job over the bound records no changes. */
  snapshotNote(kind: JobView['kind'], count: number): string | undefined {
    const skipped = snapshotsSkipped(kind, count, this.snapshotLimit());
    if (skipped) {
      return vscode.l10n.t(
        'Changes not recorded: {0} identities is over the bound of {1} (iscExplorer.jobs.snapshotChangesUpTo). A higher bound reads each identity before and after, to show what changed.',
        skipped.identities,
        skipped.bound,
      );
    }
    if (!takesSnapshots(kind, count, this.snapshotLimit())) return undefined;
    return vscode.l10n.t(
      'Each identity is read before and after, to show what changed: {0}. The setting iscExplorer.jobs.snapshotChangesUpTo turns it off (0) or changes the bound.',
      snapshotCostText(count),
    );
  }

  async captureBefore(job: JobView, progress: (text: string) => void, signal: AbortSignal): Promise<void> {
    const skipped = snapshotsSkipped(job.kind, job.items.length, this.snapshotLimit());
    if (skipped) {
      // Kept beside the journal, so the job says why it shows no changes after a reload too.
      await this.changes.noteNotRecorded(job.id, skipped);
      this.provider.refresh();
      return;
    }
    if (!takesSnapshots(job.kind, job.items.length, this.snapshotLimit())) return;
    const client = await this.services.tenants.getClient(job.tenantId);
    await this.changes.capture(job.id, 'before', client, job.items.map((item) => item.ref), {
      signal,
      onProgress: (done, total) => progress(vscode.l10n.t('Reading the identities before the change: {0}/{1}', done, total)),
    });
  }

  /** Reads the job's identities again once ISC is done, and works out what changed. */
  private async captureAfter(jobId: string): Promise<void> {
    const job = this.store.get(jobId);
    const record = await this.changes.get(jobId);
    if (!job || !record || record.notRecorded) return;
    const work = (async () => {
      const client = await this.services.tenants.getClient(job.tenantId);
      const refs = job.items.filter((item) => item.state === 'done').map((item) => item.ref);
      await this.changes.capture(jobId, 'after', client, refs);
      this.provider.refresh();
    })().catch((error: unknown) => this.services.logger.warn(`Job ${jobId}: could not read the identities after the change: ${error instanceof Error ? error.message : String(error)}`));
    this.trackingDone.add(work);
    await work.finally(() => this.trackingDone.delete(work));
  }

  /** Resolves when every task being followed has completed or stopped (tests). */
  async tasksSettled(): Promise<void> {
    while (this.trackingDone.size) await Promise.allSettled([...this.trackingDone]);
  }

  private hasOpenTasks(job: JobView): boolean {
    if (!TRACKED_KINDS.has(job.kind)) return false;
    const ids = this.taskIdsOf(job);
    return ids.some((id) => {
      const task = job.tasks.find((t) => t.taskId === id);
      return !task || (!task.completed && !task.untrackable);
    });
  }

  private taskIdsOf(job: JobView): string[] {
    return [...new Set(job.items.filter((item) => item.state === 'done' && item.taskId).map((item) => item.taskId as string))];
  }

  /** Follows every ISC task the job's answers named, within the shared rate limit (the tenant's client). */
  private followTasks(jobId: string): void {
    const job = this.store.get(jobId);
    if (!job || !TRACKED_KINDS.has(job.kind) || this.tracking.has(jobId)) return;
    const open = this.taskIdsOf(job).filter((id) => {
      const task = job.tasks.find((t) => t.taskId === id);
      return !task || (!task.completed && !task.untrackable);
    });
    if (open.length === 0) {
      void this.captureAfter(jobId);
      return;
    }
    const controller = new AbortController();
    this.tracking.set(jobId, controller);
    const work = (async () => {
      const client = await this.services.tenants.getClient(job.tenantId);
      let notReported = false;
      let updates: Promise<void> = Promise.resolve();
      await Promise.all(
        open.map((taskId) =>
          trackTask(taskId, {
            getTaskStatus: (id, signal) => client.getTaskStatus(id, { signal }),
            signal: controller.signal,
            delays: this.taskPollDelays,
            onUpdate: (task) => {
              if (task.untrackable === UNTRACKABLE_TASK_MESSAGE) notReported = true;
              updates = updates.then(() => this.store.updateTask(jobId, task)).catch(() => undefined);
            },
          }),
        ),
      );
      await updates;
      if (controller.signal.aborted) return;
      await this.captureAfter(jobId);
      const finished = this.store.get(jobId);
      if (!finished) return;
      const tones = finished.tasks.map((task) => taskStatusTone(task.status));
      const worst = tones.includes('error') ? 'error' : tones.includes('warning') ? 'warning' : 'info';
      const statuses = [...new Set(finished.tasks.map((task) => task.status).filter((s): s is string => !!s))].join(', ');
      const recheck = finished.source.type === 'filter' ? await this.recheck(finished.tenantId, finished.source.filter) : '';
      const text = `${
        notReported
          ? vscode.l10n.t('{0} on “{1}”: {2}.', finished.label, finished.tenantLabel, UNTRACKABLE_TASK_MESSAGE)
          : vscode.l10n.t('{0} on “{1}”: ISC finished its task ({2}).', finished.label, finished.tenantLabel, statuses || vscode.l10n.t('no status'))
      }${recheck}`;
      this.lastTaskNotice = text;
      const show = vscode.l10n.t('Show Job');
      const shown = this.services.ui.showMessage(worst, text, show);
      void Promise.resolve(shown).then((choice) => (choice === show ? this.reveal(jobId) : undefined));
    })()
      .catch((error: unknown) => this.services.logger.warn(`Job ${jobId}: task tracking stopped: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.tracking.delete(jobId);
        this.trackingDone.delete(work);
      });
    this.trackingDone.add(work);
  }

  /** The last "task finished" notification's text (tests read it). */
  lastTaskNotice: string | undefined;

  /** After the task of a job on a filter: how many identities still match it (e.g. still in processing error). */
  private async recheck(tenantId: string, filter: string): Promise<string> {
    if (!filter) return '';
    try {
      const client = await this.services.tenants.getClient(tenantId);
      const page = await client.listIdentities({ filters: filter, limit: 1, count: true });
      const still = page.total ?? page.items.length;
      return ` ${vscode.l10n.t('{0} identities still match {1}.', still, filter)}`;
    } catch (error) {
      return ` ${vscode.l10n.t('Could not re-check {0}: {1}', filter, error instanceof Error ? error.message : String(error))}`;
    }
  }

  /** Stops following a job's tasks and forgets its snapshots (the job is removed). */
  async forget(jobId: string): Promise<void> {
    this.tracking.get(jobId)?.abort();
    await this.changes.remove(jobId);
  }

  private updateBadge(): void {
    const running = this.store.list().filter((job) => job.state === 'running').length;
    this.view.badge = running ? { value: running, tooltip: vscode.l10n.t('{0} running job(s)', running) } : undefined;
  }

  dispose(): void {
    for (const controller of this.tracking.values()) controller.abort();
    this.disposables.dispose();
  }
}
