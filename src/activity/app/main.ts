// Entry point of the activity page (browser code: no `vscode`, no Node). Paints the audit rows the host sends as a
// table, newest first, filtered here; every value is text (the DOM helpers refuse HTML and data-driven URLs).
// Links are buttons whose click is a message to the host, never a URL from data.
import type { ActivityFilter, ActivityRow, ActivityStrings, ActivityWebviewMessage } from '../protocol';
import { EMPTY_FILTER, filterRows, isActivityHostMessage } from '../protocol';
import { h, linkButton, button } from '../../webview/app/dom';

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): RawVsCodeApi;

const api = acquireVsCodeApi();
const post = (message: ActivityWebviewMessage): void => api.postMessage(message);
const root = document.getElementById('app') ?? document.body;

/** Rows painted at most; the filter reaches all rows the host sent. */
const MAX_PAINTED = 1_000;

function savedFilter(): ActivityFilter {
  const state = api.getState();
  if (!state || typeof state !== 'object') return { ...EMPTY_FILTER };
  const value = state as Record<string, unknown>;
  const text = (key: keyof ActivityFilter): string => (typeof value[key] === 'string' ? (value[key] as string).slice(0, 500) : '');
  return { tenantId: text('tenantId'), action: text('action'), outcome: text('outcome'), identity: text('identity') };
}

let strings: ActivityStrings | undefined;
let rows: ActivityRow[] = [];
let notes: string[] = [];
let filter: ActivityFilter = savedFilter();

/** Distinct [value, label] pairs of a column, in first-seen order (rows are newest first). */
function choices(key: 'tenantId' | 'action' | 'outcome', label: 'tenantLabel' | 'actionLabel' | 'outcomeLabel'): [string, string][] {
  const seen = new Map<string, string>();
  for (const row of rows) if (!seen.has(row[key])) seen.set(row[key], row[label] || row[key]);
  if (filter[key] && !seen.has(filter[key])) seen.set(filter[key], filter[key]);
  return [...seen];
}

function select(id: string, label: string, key: 'tenantId' | 'action' | 'outcome', values: [string, string][], all: string): HTMLElement {
  const element = h('select', { className: 'activity-filter', attrs: { id, 'aria-label': label } });
  element.appendChild(h('option', { text: all, attrs: { 'data-value': '' } }));
  for (const [value, text] of values) element.appendChild(h('option', { text, attrs: { 'data-value': value } }));
  element.selectedIndex = Math.max(0, values.findIndex(([value]) => value === filter[key]) + 1);
  element.addEventListener('change', () => {
    filter = { ...filter, [key]: element.selectedIndex <= 0 ? '' : values[element.selectedIndex - 1][0] };
    api.setState(filter);
    paintTable();
  });
  return h('label', { className: 'activity-filter-label', attrs: { for: id }, children: [label, element] });
}

let table = h('div');
let count = h('p');

function paint(): void {
  const s = strings;
  if (!s) return;
  const identityInput = h('input', { className: 'activity-filter', attrs: { id: 'activity-identity', type: 'text', placeholder: s.identityPlaceholder, spellcheck: 'false', autocomplete: 'off' } });
  identityInput.value = filter.identity;
  identityInput.addEventListener('input', () => {
    filter = { ...filter, identity: identityInput.value.slice(0, 500) };
    api.setState(filter);
    paintTable();
  });
  const toolbar = h('div', {
    className: 'activity-toolbar',
    attrs: { role: 'toolbar', 'aria-label': s.title },
    children: [
      select('activity-tenant', s.tenant, 'tenantId', choices('tenantId', 'tenantLabel'), s.all),
      select('activity-action', s.action, 'action', choices('action', 'actionLabel'), s.all),
      select('activity-outcome', s.result, 'outcome', choices('outcome', 'outcomeLabel'), s.all),
      h('label', { className: 'activity-filter-label', attrs: { for: 'activity-identity' }, children: [s.identity, identityInput] }),
      button(s.openLogFile, () => post({ type: 'openLogFile' }), { icon: 'go-to-file', attrs: { id: 'activity-open-file' } }),
    ],
  });
  count = h('p', { className: 'activity-count', attrs: { role: 'status', 'aria-live': 'polite' } });
  table = h('div', { className: 'activity-table-wrap' });
  root.replaceChildren(
    h('h1', { className: 'activity-title', text: s.title }),
    ...notes.map((note) => h('p', { className: 'notes', text: note })),
    toolbar,
    count,
    table,
  );
  paintTable();
}

function outcomeCell(row: ActivityRow): HTMLElement {
  return h('td', { children: [h('span', { className: `badge outcome outcome-${row.outcome.replace(/[^a-z]/g, '')}`, text: row.outcomeLabel })] });
}

function paintTable(): void {
  const s = strings;
  if (!s) return;
  const shown = filterRows(rows, filter);
  count.textContent = s.showing.replace('{0}', shown.length.toLocaleString()).replace('{1}', rows.length.toLocaleString());
  if (rows.length === 0 || shown.length === 0) {
    table.replaceChildren(h('p', { className: 'state-message', text: rows.length === 0 ? s.empty : s.noMatch }));
  } else {
    const head = h('thead', {
      children: [h('tr', { children: [s.time, s.tenant, s.action, s.identity, s.result, s.job, s.error].map((text) => h('th', { text, attrs: { scope: 'col' } })) })],
    });
    const body = h('tbody');
    for (const row of shown.slice(0, MAX_PAINTED)) {
      const identity =
        row.identityId && row.identityId !== '*'
          ? linkButton(row.identityName || row.identityId, () => post({ type: 'openIdentity', tenantId: row.tenantId, identityId: row.identityId, name: row.identityName }), `${s.openIdentity} (${row.identityId})`)
          : h('span', { className: 'value', text: row.identityName || row.identityId });
      const job = row.jobId
        ? linkButton(row.jobId.slice(0, 8), () => post({ type: 'showJob', jobId: row.jobId ?? '' }), `${s.showJob} ${row.jobId}${row.iscTask ? ` — ISC ${row.iscTask}` : ''}`)
        : h('span', { className: 'muted', text: '—', attrs: { title: s.noJob } });
      body.appendChild(
        h('tr', {
          attrs: { 'data-outcome': row.outcome },
          children: [
            h('td', { text: row.when, attrs: { title: row.time } }),
            h('td', { text: row.tenantLabel, attrs: { title: row.tenantId } }),
            h('td', { text: row.actionLabel }),
            h('td', { className: 'identity-cell', children: [identity] }),
            outcomeCell(row),
            h('td', { children: [job] }),
            h('td', { className: 'error-cell', text: [row.httpStatus === null ? '' : String(row.httpStatus), row.error ?? ''].filter(Boolean).join(' · ') }),
          ],
        }),
      );
    }
    table.replaceChildren(h('table', { className: 'activity-table', children: [head, body] }));
  }
  const firstNames = [...table.querySelectorAll('tbody tr td.identity-cell')].slice(0, 20).map((cell) => cell.textContent ?? '');
  post({ type: 'rendered', report: { total: rows.length, shown: table.querySelectorAll('tbody tr').length, filter: { ...filter }, firstNames } });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isActivityHostMessage(message)) return;
  if (message.type === 'filter') {
    filter = { ...message.filter };
    api.setState(filter);
    paint();
    return;
  }
  strings = message.strings;
  rows = message.rows;
  notes = message.notes;
  paint();
});

post({ type: 'ready' });
