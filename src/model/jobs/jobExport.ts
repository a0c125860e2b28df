// A job's per-identity results as CSV for a ticket or a spreadsheet. No `vscode` import.
import { stringify } from 'csv-stringify/sync';
import type { JobView } from './jobStore';

/** Cells a spreadsheet would run as a formula get a leading apostrophe (CSV injection from HR data). */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const JOB_RESULT_COLUMNS = ['id', 'name', 'result', 'httpStatus', 'message', 'iscTaskId', 'time'] as const;

export function jobResultsCsv(job: JobView): string {
  const rows = job.items.map((item) => [
    item.ref.identityId,
    item.ref.name,
    item.state === 'pending' ? 'not sent' : item.state,
    item.httpStatus === null ? '' : String(item.httpStatus),
    item.message ?? '',
    item.taskId ?? '',
    item.at === null ? '' : new Date(item.at).toISOString(),
  ].map(spreadsheetSafe));
  return stringify([[...JOB_RESULT_COLUMNS], ...rows], { record_delimiter: 'windows' });
}
