// The Jobs view: one row per job (action, tenant, progress by outcome, state), its ISC tasks and per-identity
// results beneath it (failed and outcome unknown first). The rows only read the job store.
import * as vscode from 'vscode';
import type { IdentityRef } from '../model/identityRef';
import type { JobStore, JobView } from '../model/jobs/jobStore';
import type { JobItem, JobTask } from '../model/jobs/jobTypes';
import { itemsNeedingLookFirst } from '../model/jobs/jobTypes';
import { taskStatusTone } from '../model/jobs/taskTracker';
import { displayName } from '../model/actions/report';
import { jobDescription, jobTooltip, itemDescription } from './jobText';
import type { ChangesNotRecorded, JobChanges } from '../model/jobs/jobChanges';
import { describeChange } from '../model/compare/changeSummary';
import type { IdentityChange } from '../model/compare/changeSummary';

export const JOBS_VIEW_ID = 'iscJobs';

/** Results listed under a job; the rest is in Export Results. */
const MAX_ITEM_ROWS = 500;

export type JobsTreeNode =
  | { kind: 'job'; jobId: string }
  | { kind: 'task'; jobId: string; taskId: string }
  | { kind: 'changes'; jobId: string }
  | { kind: 'item'; jobId: string; identityId: string }
  | { kind: 'more'; jobId: string; hidden: number };

const ITEM_ICONS: Record<JobItem['state'], vscode.ThemeIcon> = {
  done: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unknown: new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground')),
  skipped: new vscode.ThemeIcon('debug-step-over'),
  cancelled: new vscode.ThemeIcon('circle-slash'),
  pending: new vscode.ThemeIcon('circle-outline'),
  sent: new vscode.ThemeIcon('loading~spin'),
};

function jobIcon(job: JobView, counts: ReturnType<JobStore['counts']>): vscode.ThemeIcon {
  switch (job.state) {
    case 'running':
      return new vscode.ThemeIcon('sync~spin');
    case 'paused':
      return new vscode.ThemeIcon('debug-pause');
    case 'interrupted':
      return new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground'));
    case 'cancelled':
      return new vscode.ThemeIcon('circle-slash');
    case 'finished':
      if (counts.failed) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      if (counts.unknown) return new vscode.ThemeIcon('question', new vscode.ThemeColor('list.warningForeground'));
      if (job.tasks.some((task) => taskStatusTone(task.status) === 'error')) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground'));
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  }
}

/** What the menus key on: `job.<state>` plus `.failed` / `.unknown` / `.pending` when the job has such items. */
function jobContext(job: JobView, counts: ReturnType<JobStore['counts']>): string {
  const flags = [counts.failed ? 'failed' : '', counts.unknown ? 'unknown' : '', counts.pending ? 'pending' : ''].filter(Boolean);
  return ['job', job.state, ...flags].join('.');
}

export class JobsTreeProvider implements vscode.TreeDataProvider<JobsTreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<JobsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly jobNodes = new Map<string, JobsTreeNode & { kind: 'job' }>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: JobStore,
    private readonly changes: JobChanges,
  ) {
    // Results arrive by the hundred per second in a bulk: redraw at most every 250 ms.
    this.subscription = store.onDidChange(() => {
      this.refreshTimer ??= setTimeout(() => {
        this.refreshTimer = undefined;
        this.emitter.fire(undefined);
      }, 250);
    });
  }

  /** Redraws every row (the job's changes arrived). */
  refresh(): void {
    this.emitter.fire(undefined);
  }

  /** The change of one identity of a job, when the job took snapshots. */
  changeOf(jobId: string, identityId: string): IdentityChange | undefined {
    return this.changes.peek(jobId)?.changes.find((change) => change.identityId === identityId);
  }

  jobNode(jobId: string): (JobsTreeNode & { kind: 'job' }) | undefined {
    if (!this.store.get(jobId)) return undefined;
    let node = this.jobNodes.get(jobId);
    if (!node) {
      node = { kind: 'job', jobId };
      this.jobNodes.set(jobId, node);
    }
    return node;
  }

  getChildren(node?: JobsTreeNode): JobsTreeNode[] {
    if (!node) return this.store.list().flatMap((job) => this.jobNode(job.id) ?? []);
    if (node.kind !== 'job') return [];
    const job = this.store.get(node.jobId);
    if (!job) return [];
    const tasks: JobsTreeNode[] = job.tasks.map((task) => ({ kind: 'task', jobId: job.id, taskId: task.taskId }));
    const record = this.changes.peek(job.id);
    if (record?.summary || record?.notRecorded) tasks.unshift({ kind: 'changes', jobId: job.id });
    const items = itemsNeedingLookFirst(job.items);
    const shown: JobsTreeNode[] = items.slice(0, MAX_ITEM_ROWS).map((item) => ({ kind: 'item', jobId: job.id, identityId: item.ref.identityId }));
    const more: JobsTreeNode[] = items.length > MAX_ITEM_ROWS ? [{ kind: 'more', jobId: job.id, hidden: items.length - MAX_ITEM_ROWS }] : [];
    return [...tasks, ...shown, ...more];
  }

  getParent(node: JobsTreeNode): JobsTreeNode | undefined {
    return node.kind === 'job' ? undefined : this.jobNode(node.jobId);
  }

  getTreeItem(node: JobsTreeNode): vscode.TreeItem {
    const job = this.store.get(node.jobId);
    if (!job) return new vscode.TreeItem(vscode.l10n.t('(removed job)'));
    switch (node.kind) {
      case 'job':
        return this.jobItem(job);
      case 'task':
        return taskItem(job.tasks.find((task) => task.taskId === node.taskId));
      case 'item':
        return identityItem(job, job.items.find((item) => item.ref.identityId === node.identityId), this.changeOf(job.id, node.identityId));
      case 'changes': {
        const record = this.changes.peek(job.id);
        if (record?.notRecorded) return notRecordedItem(record.notRecorded);
        const item = new vscode.TreeItem(vscode.l10n.t('What changed: {0}', record?.summary ?? ''));
        item.iconPath = new vscode.ThemeIcon('diff');
        item.tooltip = record?.missing.length ? vscode.l10n.t('{0} identities could not be read before or after.', record.missing.length) : undefined;
        item.contextValue = 'jobChanges';
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('{0} more — Export Results lists every identity', node.hidden));
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'iscExplorer.exportJobResults', title: vscode.l10n.t('Export Results'), arguments: [{ kind: 'job', jobId: job.id }] };
        return item;
      }
    }
  }

  private jobItem(job: JobView): vscode.TreeItem {
    const counts = this.store.counts(job.id);
    const item = new vscode.TreeItem(`${job.label} — ${displayName(job.tenantLabel, 40)}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `job:${job.id}`;
    item.description = jobDescription(job, counts);
    const notRecorded = this.changes.peek(job.id)?.notRecorded;
    item.tooltip = jobTooltip(job, counts, notRecorded ? notRecordedLabel(notRecorded) : undefined);
    item.iconPath = jobIcon(job, counts);
    item.contextValue = jobContext(job, counts);
    item.accessibilityInformation = { label: `${item.label as string}, ${item.description}` };
    return item;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function notRecordedLabel(skipped: ChangesNotRecorded): string {
  return vscode.l10n.t('Changes not recorded: {0} identities is over the bound of {1} (iscExplorer.jobs.snapshotChangesUpTo)', skipped.identities, skipped.bound);
}

function notRecordedItem(skipped: ChangesNotRecorded): vscode.TreeItem {
  const item = new vscode.TreeItem(notRecordedLabel(skipped));
  item.iconPath = new vscode.ThemeIcon('info');
  item.tooltip = vscode.l10n.t('The job did not read its identities before and after. A bound of at least {0} in the setting iscExplorer.jobs.snapshotChangesUpTo makes such a job show what changed.', skipped.identities);
  item.contextValue = 'jobChangesNotRecorded';
  return item;
}

function taskItem(task: JobTask | undefined): vscode.TreeItem {
  if (!task) return new vscode.TreeItem(vscode.l10n.t('(task)'));
  const status = task.untrackable ?? task.status ?? (task.percentComplete !== null ? `${task.percentComplete}%` : vscode.l10n.t('queued'));
  const item = new vscode.TreeItem(vscode.l10n.t('ISC task {0}', task.taskId));
  item.description = [status, task.progress ?? ''].filter(Boolean).join(' · ');
  item.tooltip = [status, task.progress, ...task.messages].filter(Boolean).join('\n');
  const tone = taskStatusTone(task.status);
  item.iconPath = task.untrackable
    ? new vscode.ThemeIcon('eye-closed')
    : tone === 'success'
      ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
      : tone === 'error'
        ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
        : tone === 'warning'
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon('loading~spin');
  item.contextValue = 'jobTask';
  return item;
}

function identityItem(job: JobView, entry: JobItem | undefined, change: IdentityChange | undefined): vscode.TreeItem {
  if (!entry) return new vscode.TreeItem(vscode.l10n.t('(identity)'));
  const item = new vscode.TreeItem(displayName(entry.ref.name));
  const changeText = change ? (change.changed ? describeChange(change).join('; ') : vscode.l10n.t('no change')) : '';
  item.description = [itemDescription(entry), displayName(changeText, 120)].filter((text) => text && text !== '(no name)').join(' · ');
  item.tooltip = [displayName(entry.ref.name, 200), entry.ref.identityId, itemDescription(entry), entry.message ? displayName(entry.message, 500) : ''].filter(Boolean).join('\n');
  item.iconPath = ITEM_ICONS[entry.state];
  item.contextValue = `jobItem.${entry.state}${change?.changed ? '.changed' : ''}`;
  const ref: IdentityRef = { tenantId: job.tenantId, identityId: entry.ref.identityId, name: entry.ref.name };
  item.command = ref.identityId === '*' ? undefined : { command: 'iscExplorer.openIdentityDetails', title: vscode.l10n.t('Open Details'), arguments: [ref] };
  return item;
}
