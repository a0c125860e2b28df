// What the acting tool returns after a run (counts, then the identities that need a look) and the sentences of its
// refusals. Names and ISC's error texts are identity data: they stay inside quoted data. No `vscode` import.
import type { ItemOutcome, OutcomeCounts } from '../outcome';
import { ITEM_OUTCOMES, OUTCOME_LABELS, countOutcomes } from '../outcome';
import { capRows, quotedData, tableLines, toolValue } from './toolText';
import type { Column } from './toolText';

export interface ToolActionItem {
  identityId: string;
  name: string;
  outcome: ItemOutcome;
  httpStatus: number | null;
  jobId: string | null;
  error: string | null;
}

export interface ToolActionSummary {
  action: string;
  tenant: { id: string; label: string };
  operationId: string;
  items: readonly ToolActionItem[];
  /** Ids asked for that ISC does not know (nothing was sent for them). */
  notFound?: readonly string[];
  cancelled: boolean;
}

function countsLine(counts: OutcomeCounts): string {
  return ITEM_OUTCOMES.filter((outcome) => counts[outcome] > 0)
    .map((outcome) => `${counts[outcome]} ${OUTCOME_LABELS[outcome]}`)
    .join(', ');
}

/** Counts first, then every identity that did not end "done" (failed first), then the done ids; all capped. */
export function actionResultText(summary: ToolActionSummary, rowCap = 25): string {
  const counts = countOutcomes(summary.items.map((item) => item.outcome));
  const lines = [
    `${toolValue(summary.action, 80)} on tenant ${toolValue(summary.tenant.label, 80)} (tenant id ${toolValue(summary.tenant.id, 40)}): ` +
      `${countsLine(counts) || 'nothing was sent'}${summary.cancelled ? ' (the run was cancelled)' : ''}.`,
    `Operation ${toolValue(summary.operationId, 64)}: one audit line per identity; the user sees the details with "ISC: Show Activity".`,
  ];
  if (counts.unknown > 0) lines.push('"Outcome unknown" means ISC may have acted: check those identities before sending again.');
  const notDone = [...summary.items]
    .filter((item) => item.outcome !== 'done')
    .sort((a, b) => ITEM_OUTCOMES.indexOf(a.outcome) - ITEM_OUTCOMES.indexOf(b.outcome));
  const data: string[] = [];
  if (notDone.length > 0) {
    const columns: Column<ToolActionItem>[] = [
      { header: 'id', value: (i) => i.identityId, max: 64 },
      { header: 'name', value: (i) => i.name, max: 60 },
      { header: 'outcome', value: (i) => OUTCOME_LABELS[i.outcome] },
      { header: 'HTTP', value: (i) => i.httpStatus ?? '' },
      { header: 'error', value: (i) => i.error, max: 200 },
    ];
    data.push('Not done:', ...tableLines(columns, notDone, rowCap));
  }
  const done = summary.items.filter((item) => item.outcome === 'done');
  if (done.length > 0) {
    const { shown, more } = capRows(done, 50);
    const jobs = [...new Set(done.map((item) => item.jobId).filter((id): id is string => !!id))];
    data.push(`Done (${done.length}): ${shown.map((item) => toolValue(item.identityId, 64)).join(', ')}${more ? ` … ${more} more` : ''}`);
    if (jobs.length > 0) {
      const capped = capRows(jobs, 10);
      data.push(`ISC tasks/jobs: ${capped.shown.map((id) => toolValue(id, 64)).join(', ')}${capped.more ? ` … ${capped.more} more` : ''}`);
    }
  }
  const notFound = summary.notFound ?? [];
  if (notFound.length > 0) {
    const { shown, more } = capRows(notFound, 25);
    data.push(`Not found in ISC, nothing sent (${notFound.length}): ${shown.map((id) => toolValue(id, 64)).join(', ')}${more ? ` … ${more} more` : ''}`);
  }
  if (data.length > 0) lines.push(quotedData(data));
  return lines.join('\n');
}

/** The identities a plan names, for a refusal or a cancellation (ids and names as quoted data). */
export function plannedIdentitiesText(identities: readonly { identityId: string; name: string }[], cap = 10): string {
  const columns: Column<{ identityId: string; name: string }>[] = [
    { header: 'id', value: (i) => i.identityId, max: 64 },
    { header: 'name', value: (i) => i.name, max: 60 },
  ];
  return quotedData(tableLines(columns, identities, cap, 'not listed'));
}
