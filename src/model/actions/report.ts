// Texts of an action's result: the one-line summary and the "Show details" markdown document. No `vscode` import.
import * as l10n from '@vscode/l10n';
import type { ItemReport, OperationReport } from './operations';
import { outcomeLabel } from '../outcome';
import type { OutcomeCounts } from '../outcome';
import { safeLine, safeLines } from '../textSafety';

/** Short, single-line form of an identity name for messages (names may be huge or carry control characters). */
export function displayName(name: string, max = 60): string {
  return safeLine(name, max) || l10n.t('(no name)');
}

/**
 * Text for a VS Code notification or dialog: notifications render `[label](target)` as a link (command: links
 * included), so data (identity names, server messages) must never form one. Bidi overrides are dropped.
 */
export function plainMessageText(text: string): string {
  return safeLines(text).replace(/\]\s*\(/g, '] (');
}

/** "“Alice”, “Bob”, “Carol” and 7 more". */
export function namesPreview(names: readonly string[], first = 3): string {
  const shown = names.slice(0, first).map((name) => `“${displayName(name, 40)}”`);
  const rest = names.length - shown.length;
  return rest > 0 ? l10n.t('{0} and {1} more', shown.join(', '), rest) : shown.join(', ');
}

/** "198 done, 2 failed, 1 outcome unknown": the non-zero counts, in the order that needs attention first. */
export function countsText(counts: OutcomeCounts): string {
  const parts: string[] = [];
  if (counts.done) parts.push(l10n.t('{0} done', counts.done));
  if (counts.failed) parts.push(l10n.t('{0} failed', counts.failed));
  if (counts.unknown) parts.push(l10n.t('{0} outcome unknown', counts.unknown));
  if (counts.skipped) parts.push(l10n.t('{0} skipped', counts.skipped));
  if (counts.cancelled) parts.push(l10n.t('{0} cancelled', counts.cancelled));
  return parts.join(', ');
}

/** The summary notification text, e.g. "Synchronize attributes on “Acme”: 198 done, 2 failed." */
export function summaryText(report: OperationReport): string {
  const { cancelled } = report.counts;
  const total = report.items.length;
  const tenant = displayName(report.tenantLabel);
  const head = report.cancelled
    ? l10n.t('{0} on “{1}” was cancelled after {2} of {3}', report.label, tenant, total - cancelled, total)
    : l10n.t('{0} on “{1}”', report.label, tenant);
  if (total === 1) return singleItemText(report, report.items[0]);
  // Process and invite answer with one task per request: name them when there are few.
  const jobs = new Map<string, string | null>();
  for (const item of report.items) if (item.outcome === 'done' && item.jobId) jobs.set(item.jobId, item.jobStatus);
  const taskList = [...jobs].map(([id, status]) => (status ? `${id} (${status})` : id)).join(', ');
  const sentences = [l10n.t('{0}: {1}.', head, countsText(report.counts) || l10n.t('nothing to do'))];
  if (jobs.size > 0 && jobs.size <= 3) sentences.push(jobs.size === 1 ? l10n.t('Task: {0}.', taskList) : l10n.t('Tasks: {0}.', taskList));
  if (report.counts.unknown) sentences.push(l10n.t('ISC may have carried out the ones with unknown outcome: use Check… before sending them again.'));
  return sentences.join(' ');
}

/** The summary of an action on one identity (or on all unregistered ones, id `*`). */
function singleItemText(report: OperationReport, item: ItemReport): string {
  const name = displayName(item.ref.name);
  const subject = item.ref.identityId === '*' ? report.label : l10n.t('{0} for “{1}”', report.label, name);
  if (item.outcome === 'done' && report.kind === 'inviteIdentities' && item.ref.identityId !== '*') {
    // "Invitation sent to Ulla Unregistered (task QUEUED)": what happened, in the words a person would use.
    const task = item.jobStatus ?? item.jobId;
    return task ? l10n.t('Invitation sent to {0} (task {1})', name, task) : l10n.t('Invitation sent to {0}', name);
  }
  if (item.outcome === 'done') {
    if (!item.jobId) return l10n.t('{0}: done.', subject);
    return item.jobStatus ? l10n.t('{0}: done — job {1} ({2}).', subject, item.jobId, item.jobStatus) : l10n.t('{0}: done — job {1}.', subject, item.jobId);
  }
  if (item.outcome === 'failed') return l10n.t('{0} failed: {1}', subject, item.error ?? l10n.t('unknown error'));
  if (item.outcome === 'unknown') return l10n.t('{0}: outcome unknown. {1}', subject, item.error ?? '').trim();
  return item.error ? l10n.t('{0}: {1} ({2}).', subject, outcomeLabel(item.outcome), item.error) : l10n.t('{0}: {1}.', subject, outcomeLabel(item.outcome));
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
  return l10n.t('{0} — {1}', report.label, new Date(report.startedAt).toLocaleTimeString());
}

/** The "Show details" document: one row per identity. */
export function reportMarkdown(report: OperationReport): string {
  const started = new Date(report.startedAt).toISOString();
  const seconds = (report.durationMs / 1000).toFixed(1);
  const { done, failed, unknown, skipped, cancelled } = report.counts;
  const lines = [
    `# ${report.label}`,
    '',
    l10n.t('- Tenant: {0} ({1}), client id {2}', markdownCell(report.tenantLabel), markdownCell(report.tenantId), markdownCell(report.clientId)),
    report.requests === 1
      ? l10n.t('- Started: {0}, took {1} s, 1 request', started, seconds)
      : l10n.t('- Started: {0}, took {1} s, {2} requests', started, seconds, report.requests),
    report.retryOf ? l10n.t('- Operation: {0} (retry of {1})', report.operationId, report.retryOf) : l10n.t('- Operation: {0}', report.operationId),
    report.cancelled
      ? l10n.t('- Results: {0} done, {1} failed, {2} outcome unknown, {3} skipped, {4} cancelled — the run was cancelled', done, failed, unknown, skipped, cancelled)
      : l10n.t('- Results: {0} done, {1} failed, {2} outcome unknown, {3} skipped, {4} cancelled', done, failed, unknown, skipped, cancelled),
    ...(report.pausedMs > 0 ? [l10n.t('- Paused {0} s while ISC was unreachable', (report.pausedMs / 1000).toFixed(0))] : []),
    '',
    `| # | ${[l10n.t('Identity'), l10n.t('Id'), l10n.t('Result'), l10n.t('HTTP'), l10n.t('Job / task'), l10n.t('Error')].join(' | ')} |`,
    '|---|---|---|---|---|---|---|',
  ];
  report.items.forEach((item, i) => {
    lines.push(
      `| ${i + 1} | ${markdownCell(item.ref.name)} | ${markdownCell(item.ref.identityId)} | ${outcomeLabel(item.outcome)} | ${item.httpStatus ?? ''} | ${markdownCell(
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
  return l10n.t('ISC asked to wait {0} (rate limit) — resumes at {1}', span, new Date(wait.resumesAt).toLocaleTimeString());
}
