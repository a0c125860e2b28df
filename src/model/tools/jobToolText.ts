// What the job tool returns: the recent jobs, or one job's counts, ISC tasks, what changed and the identities that
// need a look (failed and outcome unknown first), ids always included. Names and messages are identity data: they
// stay inside quoted data. No `vscode` import.
import { notRecordedText } from '../jobs/jobChanges';
import type { ChangesNotRecorded } from '../jobs/jobChanges';
import type { JobCounts, JobView } from '../jobs/jobStore';
import type { JobItem } from '../jobs/jobTypes';
import { itemsNeedingLookFirst } from '../jobs/jobTypes';
import { quotedData, tableLines, toolValue } from './toolText';

function countsText(counts: JobCounts): string {
  return `${counts.done} done, ${counts.failed} failed, ${counts.unknown} outcome unknown, ${counts.skipped} skipped, ${counts.cancelled} cancelled, ${counts.pending} not sent (of ${counts.total})`;
}

/** The newest jobs, one row each. */
export function jobListText(jobs: readonly { job: JobView; counts: JobCounts }[], cap = 10): string {
  if (jobs.length === 0) return 'No jobs yet.';
  const table = tableLines(
    [
      { header: 'job id', value: (row: { job: JobView; counts: JobCounts }) => row.job.id, max: 40 },
      { header: 'action', value: (row) => row.job.label },
      { header: 'tenant id', value: (row) => row.job.tenantId },
      { header: 'state', value: (row) => row.job.state },
      { header: 'counts', value: (row) => countsText(row.counts), max: 200 },
      { header: 'created', value: (row) => new Date(row.job.createdAt).toISOString() },
    ],
    jobs,
    cap,
    'older jobs are in the Jobs view',
  );
  return [`${jobs.length} job(s), newest first. Ask again with a job id for its results.`, quotedData(table)].join('\n');
}

/**
 * One job: header facts outside the quote (ours), identities inside it (ISC's data). `changes`: the before/after
 * summary, or why the job recorded none (over the bound).
 */
export function jobDetailText(job: JobView, counts: JobCounts, changes: string | ChangesNotRecorded | null, cap = 20): string {
  const items = itemsNeedingLookFirst(job.items);
  const attention = items.filter((item) => item.state !== 'done');
  const lines = [
    `Job ${job.id}: ${job.label} on tenant ${job.tenantId}, ${job.state}.`,
    `Results: ${countsText(counts)}.`,
    ...job.tasks.map((task) => `ISC task ${task.taskId}: ${task.untrackable ?? task.status ?? (task.percentComplete !== null ? `${task.percentComplete}% complete` : 'queued')}.`),
    ...(typeof changes === 'string' && changes ? [`What changed (read before and after): ${changes}.`] : []),
    ...(changes && typeof changes === 'object' ? [`${notRecordedText(changes)}.`] : []),
    counts.unknown ? 'Outcome unknown means ISC may have carried it out: it is checked (the Jobs view\'s Check Unknown Outcomes) before anything is sent again.' : '',
  ].filter(Boolean);
  const rows = attention.length ? attention : items;
  const table = tableLines(
    [
      { header: 'identity id', value: (item: JobItem) => item.ref.identityId, max: 40 },
      { header: 'name', value: (item) => item.ref.name },
      { header: 'result', value: (item) => (item.state === 'pending' ? 'not sent' : item.state) },
      { header: 'HTTP', value: (item) => item.httpStatus ?? '' },
      { header: 'message', value: (item) => toolValue(item.message ?? '', 200), max: 200 },
    ],
    rows,
    cap,
    'the Jobs view and Export Job Results list every identity',
  );
  return [...lines, attention.length ? 'Identities that are not done:' : 'Every identity is done:', quotedData(table)].join('\n');
}
