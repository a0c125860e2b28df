// Texts of an action's result: the one-line summary and the "Show details" markdown document. No `vscode` import.
import type { ItemReport, OperationReport } from './operations';
import { OUTCOME_LABELS } from '../outcome';
import type { OutcomeCounts } from '../outcome';

/** Short, single-line form of an identity name for messages (names may be huge or carry control characters). */
export function displayName(name: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const flat = name.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  const text = flat || '(no name)';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Text for a VS Code notification or dialog: notifications render `[label](target)` as a link (command: links
 * included), so data (identity names, server messages) must never form one. Bidi overrides are dropped.
 */
export function plainMessageText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\]\s*\(/g, '] (');
}

/** "“Alice”, “Bob”, “Carol” and 7 more". */
export function namesPreview(names: readonly string[], first = 3): string {
  const shown = names.slice(0, first).map((name) => `“${displayName(name, 40)}”`);
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "198 done, 2 failed, 1 outcome unknown": the non-zero counts, in the order that needs attention first. */
export function countsText(counts: OutcomeCounts): string {
  const parts: string[] = [];
  if (counts.done) parts.push(`${counts.done} done`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.unknown) parts.push(`${counts.unknown} outcome unknown`);
  if (counts.skipped) parts.push(`${counts.skipped} skipped`);
  if (counts.cancelled) parts.push(`${counts.cancelled} cancelled`);
  return parts.join(', ');
}

/** The summary notification text, e.g. "Synchronize attributes on “Acme”: 198 done, 2 failed." */
export function summaryText(report: OperationReport): string {
  const { cancelled } = report.counts;
  const total = report.items.length;
  const head = report.cancelled
    ? `${report.label} on “${displayName(report.tenantLabel)}” was cancelled after ${total - cancelled} of ${total}`
    : `${report.label} on “${displayName(report.tenantLabel)}”`;
  if (total === 1) {
    const item = report.items[0];
    const who = item.ref.identityId === '*' ? '' : ` for “${displayName(item.ref.name)}”`;
    if (item.outcome === 'done' && report.kind === 'inviteIdentities' && item.ref.identityId !== '*') {
      // "Invitation sent to Ulla Unregistered (task QUEUED)": what happened, in the words a person would use.
      const task = item.jobStatus ?? item.jobId;
      return `Invitation sent to ${displayName(item.ref.name)}${task ? ` (task ${task})` : ''}`;
    }
    if (item.outcome === 'done') return `${report.label}${who}: done${jobText(item)}.`;
    if (item.outcome === 'failed') return `${report.label}${who} failed: ${item.error ?? 'unknown error'}`;
    if (item.outcome === 'unknown') return `${report.label}${who}: outcome unknown. ${item.error ?? ''}`.trim();
    return `${report.label}${who}: ${item.outcome}${item.error ? ` (${item.error})` : ''}.`;
  }
  // Process and invite answer with one task per request: name them when there are few.
  const jobs = new Map<string, string | null>();
  for (const item of report.items) if (item.outcome === 'done' && item.jobId) jobs.set(item.jobId, item.jobStatus);
  const jobList = jobs.size > 0 && jobs.size <= 3 ? ` ${jobs.size === 1 ? 'Task' : 'Tasks'}: ${[...jobs].map(([id, status]) => (status ? `${id} (${status})` : id)).join(', ')}.` : '';
  const unknownNote = report.counts.unknown ? ' ISC may have carried out the ones with unknown outcome: use Check… before sending them again.' : '';
  return `${head}: ${countsText(report.counts) || 'nothing to do'}.${jobList}${unknownNote}`;
}

function jobText(item: ItemReport): string {
  if (!item.jobId) return '';
  return item.jobStatus ? ` — job ${item.jobId} (${item.jobStatus})` : ` — job ${item.jobId}`;
}

/**
 * Escapes text for a markdown table cell: no HTML, no links, no line breaks, no pipes. The rendered preview also
 * turns bare addresses into links ("linkify": `evil.com`, `a@b.com`, `http://x`); an escaped `.`, `@` or `:` splits
 * the text so none forms.
 */
export function markdownCell(text: string): string {
  return displayName(text, 200).replace(/[\\`*_{}[\]()<>#+!|~&.:@]/g, (c) => `\\${c}`);
}

/** "Synchronize attributes — 10:42:07": what the report's tab says (local time of the start). */
export function reportTitle(report: Pick<OperationReport, 'label' | 'startedAt'>): string {
  return `${report.label} — ${new Date(report.startedAt).toLocaleTimeString()}`;
}

/** The "Show details" document: one row per identity. */
export function reportMarkdown(report: OperationReport): string {
  const lines = [
    `# ${report.label}`,
    '',
    `- Tenant: ${markdownCell(report.tenantLabel)} (${markdownCell(report.tenantId)}), client id ${markdownCell(report.clientId)}`,
    `- Started: ${new Date(report.startedAt).toISOString()}, took ${(report.durationMs / 1000).toFixed(1)} s, ${plural(report.requests, 'request')}`,
    `- Operation: ${report.operationId}${report.retryOf ? ` (retry of ${report.retryOf})` : ''}`,
    `- Results: ${report.counts.done} done, ${report.counts.failed} failed, ${report.counts.unknown} outcome unknown, ${report.counts.skipped} skipped, ${report.counts.cancelled} cancelled${report.cancelled ? ' — the run was cancelled' : ''}`,
    ...(report.pausedMs > 0 ? [`- Paused ${(report.pausedMs / 1000).toFixed(0)} s while ISC was unreachable`] : []),
    '',
    '| # | Identity | Id | Result | HTTP | Job / task | Error |',
    '|---|---|---|---|---|---|---|',
  ];
  report.items.forEach((item, i) => {
    lines.push(
      `| ${i + 1} | ${markdownCell(item.ref.name)} | ${markdownCell(item.ref.identityId)} | ${OUTCOME_LABELS[item.outcome]} | ${item.httpStatus ?? ''} | ${markdownCell(
        [item.jobId, item.jobStatus].filter(Boolean).join(' '),
      )} | ${item.error ? markdownCell(item.error) : ''} |`,
    );
  });
  lines.push('');
  return lines.join('\n');
}

/** "ISC asked to wait 5 min (rate limit) — resumes at 10:42:07". */
export function rateLimitWaitText(wait: { waitMs: number; resumesAt: number }): string {
  const seconds = Math.ceil(wait.waitMs / 1000);
  const span = seconds >= 90 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
  return `ISC asked to wait ${span} (rate limit) — resumes at ${new Date(wait.resumesAt).toLocaleTimeString()}`;
}
