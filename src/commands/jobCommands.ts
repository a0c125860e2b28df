// Commands on jobs, from the Jobs view's rows and the palette: Cancel, Pause, Resume, Retry Failed, Check unknown
// outcomes, Export Results, Open in Activity, Remove.
import * as vscode from 'vscode';
import { jobResultsCsv } from '../model/jobs/jobExport';
import type { JobView } from '../model/jobs/jobStore';
import type { JobsController } from '../jobs/jobsController';
import type { ExtensionServices } from '../services';
import type { ActionRuntime } from './actions/actionRuntime';
import { COMMAND_IDS } from './commandIds';
import { registerCommand } from './commandWrapper';
import { displayName } from '../model/actions/report';
import { changesToCsv } from '../model/compare/compareExport';
import { openSnapshotDiff } from '../compare/host/snapshotDiff';

/** A job row's node, or a job id (tests, notifications). */
function jobIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { jobId?: unknown }).jobId === 'string') return (arg as { jobId: string }).jobId;
  return undefined;
}


export function registerJobCommands(
  services: ExtensionServices,
  jobs: JobsController,
  runtime: ActionRuntime,
  showJobActivity: (jobId: string) => Promise<unknown>,
): void {
  const { ui } = services;

  const pickJob = async (arg: unknown, filter: (job: JobView) => boolean = () => true): Promise<JobView | undefined> => {
    await jobs.ready;
    const id = jobIdOf(arg);
    if (id) return jobs.store.get(id);
    const candidates = jobs.store.list().filter(filter);
    const picked = await ui.showQuickPick(
      candidates.map((job) => ({ label: `${job.label} — ${displayName(job.tenantLabel, 40)}`, description: job.state, detail: new Date(job.createdAt).toLocaleString(), job })),
      { title: vscode.l10n.t('Choose a job') },
    );
    return picked?.job;
  };
  const register = (id: string, handler: (arg?: unknown) => Promise<unknown>): void => registerCommand(services, id, handler);

  register(COMMAND_IDS.cancelJob, async (arg) => {
    const job = await pickJob(arg, (j) => j.state === 'running' || j.state === 'paused' || j.state === 'interrupted');
    if (!job) return false;
    if (jobs.runner.cancel(job.id)) return true;
    // Not running (paused or interrupted): what was never sent ends cancelled.
    for (const item of job.items.filter((i) => i.state === 'pending')) {
      await jobs.store.recordResult(job.id, { id: item.ref.identityId, outcome: 'cancelled', httpStatus: null, message: vscode.l10n.t('Cancelled before it was sent.'), taskId: null });
    }
    await jobs.store.setState(job.id, 'cancelled');
    return true;
  });
  register(COMMAND_IDS.pauseJob, async (arg) => {
    const job = await pickJob(arg, (j) => j.state === 'running');
    return job ? jobs.runner.pause(job.id) : false;
  });
  register(COMMAND_IDS.resumeJob, async (arg) => {
    const job = await pickJob(arg, (j) => j.state === 'paused' || j.state === 'interrupted');
    return job ? runtime.track(runtime.resume(job.id)) : undefined;
  });
  register(COMMAND_IDS.retryFailedJob, async (arg) => {
    const job = await pickJob(arg, (j) => jobs.store.counts(j.id).failed > 0);
    return job ? runtime.track(runtime.retryFailed(job.id)) : undefined;
  });
  register(COMMAND_IDS.checkJobOutcomes, async (arg) => {
    const job = await pickJob(arg, (j) => jobs.store.counts(j.id).unknown > 0);
    return job ? runtime.track(runtime.checkUnknown(job.id)) : undefined;
  });
  register(COMMAND_IDS.exportJobResults, async (arg) => {
    const job = await pickJob(arg);
    if (!job) return undefined;
    const stamp = new Date(job.createdAt).toISOString().replace(/[:.]/g, '-');
    const target = await ui.showSaveDialog({
      title: vscode.l10n.t('Export job results'),
      defaultUri: vscode.Uri.file(`${job.kind}-${stamp}.csv`),
      filters: { CSV: ['csv'] },
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(jobResultsCsv(job), 'utf8'));
    void ui.showMessage('info', vscode.l10n.t('Exported {0} results to {1}.', job.items.length, target.fsPath));
    return target;
  });
  register(COMMAND_IDS.openJobInActivity, async (arg) => {
    const job = await pickJob(arg);
    return job ? showJobActivity(job.id) : undefined;
  });
  register(COMMAND_IDS.removeJob, async (arg) => {
    const job = await pickJob(arg, (j) => j.state !== 'running');
    if (!job) return false;
    if (job.state === 'running') {
      void ui.showMessage('warning', vscode.l10n.t('The job is running: cancel or pause it before removing it.'));
      return false;
    }
    await jobs.forget(job.id);
    await jobs.store.remove(job.id);
    return true;
  });
  register(COMMAND_IDS.openJobChange, async (arg) => {
    const node = arg && typeof arg === 'object' ? (arg as { jobId?: unknown; identityId?: unknown }) : {};
    if (typeof node.jobId !== 'string' || typeof node.identityId !== 'string') return undefined;
    const record = await jobs.changes.get(node.jobId);
    const job = jobs.store.get(node.jobId);
    const before = record?.before[node.identityId];
    const after = record?.after[node.identityId];
    if (!record || !job || !before || !after) {
      void ui.showMessage('info', vscode.l10n.t('This job has no before and after snapshot of that identity.'));
      return undefined;
    }
    const name = job.items.find((item) => item.ref.identityId === node.identityId)?.ref.name ?? node.identityId;
    return openSnapshotDiff(before, after, vscode.l10n.t('{0}: before ↔ after {1}', displayName(name, 60), job.label));
  });
  register(COMMAND_IDS.exportJobChanges, async (arg) => {
    const job = await pickJob(arg);
    const record = job ? await jobs.changes.get(job.id) : undefined;
    if (!job || !record || record.notRecorded) return undefined;
    const target = await ui.showSaveDialog({ title: vscode.l10n.t('Export what changed'), defaultUri: vscode.Uri.file(`${job.kind}-changes.csv`), filters: { CSV: ['csv'] } });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(changesToCsv(record.changes), 'utf8'));
    return target;
  });
  register(COMMAND_IDS.showJob, async (arg) => {
    const job = await pickJob(arg);
    if (job) await jobs.reveal(job.id);
    return job?.id;
  });
}
