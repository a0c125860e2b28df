// A job's per-identity results as CSV for a ticket or a spreadsheet. No `vscode` import.
import { stringify } from 'csv-stringify/sync';
import type { JobView } from './jobStore';
import { neutralizeFormula } from '../csvSafety';

const JOB_RESULT_COLUMNS = ['id', 'name', 'result', 'httpStatus', 'message', 'iscTaskId', 'time'] as const;

export function jobResultsCsv(job: JobView): string {
  const rows = job.items.map((item) => [
    item.ref.identityId,
    item.ref.name,
    item.state === 'pending' ? 'not sent' : item.state,
    item.httpStatus === null ? '' : String(item.httpStatus),
    item.message ?? '',
    item.taskId ?? '',
    item.at === null ? '' : new Date(item.at).toISOString(),
  ].map(neutralizeFormula));
  return stringify([[...JOB_RESULT_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
