// Texts of the Jobs view rows and tooltips.
import * as vscode from 'vscode';
import { outcomeLabel } from '../model/outcome';
import type { JobCounts, JobView } from '../model/jobs/jobStore';
import type { JobItem } from '../model/jobs/jobTypes';
import { displayName } from '../model/actions/report';

const STATE_LABELS: Record<JobView['state'], string> = {
  running: 'running',
  paused: 'paused',
  interrupted: 'interrupted',
  finished: 'finished',
  cancelled: 'cancelled',
};

function time(at: number | null): string {
  return at === null ? '—' : new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "312/1,000 · 2 failed · 1 outcome unknown · interrupted". */
export function jobDescription(job: JobView, counts: JobCounts): string {
  const handled = counts.total - counts.pending - counts.sent;
  const parts = [`${handled.toLocaleString()}/${counts.total.toLocaleString()}`];
  if (counts.failed) parts.push(vscode.l10n.t('{0} failed', counts.failed));
  if (counts.unknown) parts.push(vscode.l10n.t('{0} outcome unknown', counts.unknown));
  if (counts.skipped) parts.push(vscode.l10n.t('{0} skipped', counts.skipped));
  if (counts.cancelled) parts.push(vscode.l10n.t('{0} cancelled', counts.cancelled));
  parts.push(job.state === 'interrupted' ? vscode.l10n.t('interrupted: {0} of {1} done', counts.done, counts.total) : STATE_LABELS[job.state]);
  return parts.join(' · ');
}

/** `changesNote`: what the job says of its before/after (e.g. that it recorded none, over the bound). */
export function jobTooltip(job: JobView, counts: JobCounts, changesNote?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  const source =
    job.source.type === 'filter'
      ? vscode.l10n.t('identities matching {0}', job.source.filter)
      : job.source.type === 'list'
        ? vscode.l10n.t('a list{0}', job.source.fileName ? ` (${job.source.fileName})` : '')
        : vscode.l10n.t('the selection');
  const lines = [
    `${job.label} — ${displayName(job.tenantLabel)}`,
    vscode.l10n.t('On: {0}', source),
    vscode.l10n.t('Ran by client id {0}', job.clientId),
    vscode.l10n.t('Created {0}, started {1}, finished {2}', time(job.createdAt), time(job.startedAt), time(job.finishedAt)),
    vscode.l10n.t(
      '{0} done, {1} failed, {2} outcome unknown, {3} skipped, {4} cancelled, {5} not sent',
      counts.done,
      counts.failed,
      counts.unknown,
      counts.skipped,
      counts.cancelled,
      counts.pending,
    ),
    ...job.tasks.map((task) => vscode.l10n.t('ISC task {0}: {1}', task.taskId, task.untrackable ?? task.status ?? (task.percentComplete !== null ? `${task.percentComplete}%` : 'queued'))),
    ...(changesNote ? [changesNote] : []),
  ];
  // appendText escapes markdown: job data (names, filters) is shown as text.
  for (const line of lines) {
    md.appendText(line);
    md.appendMarkdown('\n\n');
  }
  return md;
}

export function itemDescription(item: JobItem): string {
  const state = item.state === 'pending' ? vscode.l10n.t('not sent') : item.state === 'sent' ? vscode.l10n.t('sent, no answer yet') : outcomeLabel(item.state);
  return [state, item.httpStatus !== null ? `HTTP ${item.httpStatus}` : '', item.message ? displayName(item.message, 80) : ''].filter(Boolean).join(' · ');
}
