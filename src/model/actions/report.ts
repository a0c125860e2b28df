// Texts of an action's result: the one-line summary and the "Show details" markdown document. No `vscode` import.
import type { ItemReport, OperationReport } from './operations';

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

/** The summary notification text, e.g. "Synchronize attributes on “Acme”: 198 succeeded, 2 failed." */
export function summaryText(report: OperationReport): string {
  const { ok, failed, cancelled, skipped } = report.counts;
  const total = report.items.length;
  const parts: string[] = [];
  if (ok) parts.push(`${ok} succeeded`);
  if (failed) parts.push(`${failed} failed`);
  if (skipped) parts.push(`${skipped} skipped`);
  if (cancelled) parts.push(`${cancelled} cancelled`);
  const head = report.cancelled
    ? `${report.label} on “${displayName(report.tenantLabel)}” was cancelled after ${total - cancelled} of ${total}`
    : `${report.label} on “${displayName(report.tenantLabel)}”`;
  if (total === 1) {
    const item = report.items[0];
    const who = item.ref.identityId === '*' ? '' : ` for “${displayName(item.ref.name)}”`;
    if (item.result === 'ok') return `${report.label}${who}: done${jobText(item)}.`;
    if (item.result === 'failed') return `${report.label}${who} failed: ${item.error ?? 'unknown error'}`;
    return `${report.label}${who}: ${item.result}${item.error ? ` (${item.error})` : ''}.`;
  }
  // Process and invite answer with one task per request: name them when there are few.
  const jobs = new Map<string, string | null>();
  for (const item of report.items) if (item.result === 'ok' && item.jobId) jobs.set(item.jobId, item.jobStatus);
  const jobList = jobs.size > 0 && jobs.size <= 3 ? ` ${jobs.size === 1 ? 'Task' : 'Tasks'}: ${[...jobs].map(([id, status]) => (status ? `${id} (${status})` : id)).join(', ')}.` : '';
  return `${head}: ${parts.join(', ') || 'nothing to do'}.${jobList}`;
}

function jobText(item: ItemReport): string {
  if (!item.jobId) return '';
  return item.jobStatus ? ` — job ${item.jobId} (${item.jobStatus})` : ` — job ${item.jobId}`;
}

/** Escapes text for a markdown table cell: no HTML, no links, no line breaks, no pipes. */
export function markdownCell(text: string): string {
  return displayName(text, 200).replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

/** The "Show details" document: one row per identity. */
export function reportMarkdown(report: OperationReport): string {
  const { ok, failed, cancelled, skipped } = report.counts;
  const lines = [
    `# ${report.label}`,
    '',
    `- Tenant: ${markdownCell(report.tenantLabel)} (${markdownCell(report.tenantId)}), client id ${markdownCell(report.clientId)}`,
    `- Started: ${new Date(report.startedAt).toISOString()}, took ${(report.durationMs / 1000).toFixed(1)} s, ${plural(report.requests, 'request')}`,
    `- Operation: ${report.operationId}${report.retryOf ? ` (retry of ${report.retryOf})` : ''}`,
    `- Results: ${ok} ok, ${failed} failed, ${skipped} skipped, ${cancelled} cancelled${report.cancelled ? ' — the run was cancelled' : ''}`,
    '',
    '| # | Identity | Id | Result | HTTP | Job / task | Error |',
    '|---|---|---|---|---|---|---|',
  ];
  report.items.forEach((item, i) => {
    lines.push(
      `| ${i + 1} | ${markdownCell(item.ref.name)} | ${markdownCell(item.ref.identityId)} | ${item.result} | ${item.httpStatus ?? ''} | ${markdownCell(
        [item.jobId, item.jobStatus].filter(Boolean).join(' '),
      )} | ${item.error ? markdownCell(item.error) : ''} |`,
    );
  });
  lines.push('');
  return lines.join('\n');
}
