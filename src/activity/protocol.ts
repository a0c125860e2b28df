// The message protocol between the activity view's host (extension) and its page (browser). Shared by
// src/activity/host and src/activity/app: no `vscode`, no Node, no DOM. Types plus the runtime checks of both ends.

import { describeValue, isPlainObject, textField } from '../model/messageChecks';

export const ACTIVITY_VIEW_TYPE = 'iscExplorer.activity';

/** One audit line as the page shows it; every text is data and is rendered as text only. */
export interface ActivityRow {
  /** ISO time, for sorting and the tooltip. */
  time: string;
  /** Local time as the host formatted it. */
  when: string;
  tenantId: string;
  tenantLabel: string;
  /** The action's kind (`synchronizeAttributes`) and its label ("Synchronize attributes"). */
  action: string;
  actionLabel: string;
  identityId: string;
  identityName: string;
  /** done, failed, unknown, skipped, cancelled; `outcomeLabel` is what the page shows. */
  outcome: string;
  outcomeLabel: string;
  /** The job of the run (its id is the audit line's operationId); null when no job exists (a refused write). */
  jobId: string | null;
  /** ISC's task id, if it answered with one. */
  iscTask: string | null;
  httpStatus: number | null;
  error: string | null;
}

/** What the page can filter by; empty strings mean "all". */
export interface ActivityFilter {
  tenantId: string;
  action: string;
  outcome: string;
  /** Part of the identity's name or id (case-insensitive). */
  identity: string;
}

export const EMPTY_FILTER: ActivityFilter = { tenantId: '', action: '', outcome: '', identity: '' };

/** The page's texts: it holds none of its own (localized by the host). */
export interface ActivityStrings {
  title: string;
  tenant: string;
  action: string;
  result: string;
  identity: string;
  identityPlaceholder: string;
  all: string;
  time: string;
  job: string;
  error: string;
  openLogFile: string;
  /** "Showing {0} of {1} entries". */
  showing: string;
  empty: string;
  noMatch: string;
  openIdentity: string;
  showJob: string;
  noJob: string;
}

// ---------------------------------------------------------------- host -> page

export type ActivityHostMessage =
  | { type: 'show'; strings: ActivityStrings; rows: ActivityRow[]; notes: string[] }
  | { type: 'filter'; filter: ActivityFilter };

function isRow(value: unknown): value is ActivityRow {
  if (!isPlainObject(value)) return false;
  const texts = ['time', 'when', 'tenantId', 'tenantLabel', 'action', 'actionLabel', 'identityId', 'identityName', 'outcome', 'outcomeLabel'];
  return (
    texts.every((key) => typeof value[key] === 'string') &&
    ['jobId', 'iscTask', 'error'].every((key) => value[key] === null || typeof value[key] === 'string') &&
    (value.httpStatus === null || typeof value.httpStatus === 'number')
  );
}

const filterText = textField(500);

function isFilter(value: unknown): value is ActivityFilter {
  return isPlainObject(value) && ['tenantId', 'action', 'outcome', 'identity'].every((key) => filterText(value[key]) === undefined);
}

/** The page's check of what it receives (it renders as text anyway). */
export function isActivityHostMessage(value: unknown): value is ActivityHostMessage {
  if (!isPlainObject(value)) return false;
  if (value.type === 'filter') return isFilter(value.filter);
  return (
    value.type === 'show' &&
    isPlainObject(value.strings) &&
    Object.values(value.strings).every((text) => typeof text === 'string') &&
    Array.isArray(value.rows) &&
    value.rows.every(isRow) &&
    Array.isArray(value.notes) &&
    value.notes.every((note) => typeof note === 'string')
  );
}

// ---------------------------------------------------------------- page -> host

/** What the page reports after each paint, read back from the DOM it built: evidence for tests. */
export interface ActivityRenderReport {
  total: number;
  shown: number;
  filter: ActivityFilter;
  /** Identity names of the first rows shown, in order. */
  firstNames: string[];
}

export type ActivityWebviewMessage =
  | { type: 'ready' }
  | { type: 'openIdentity'; tenantId: string; identityId: string; name: string }
  | { type: 'showJob'; jobId: string }
  | { type: 'openLogFile' }
  | { type: 'rendered'; report: ActivityRenderReport };

const ID = /^[A-Za-z0-9_.:*-]{1,200}$/;

/** The host's check: anything else is rejected with a reason. */
export function parseActivityMessage(value: unknown): { message: ActivityWebviewMessage } | { error: string } {
  if (!isPlainObject(value) || typeof value.type !== 'string') return { error: 'not a message object' };
  switch (value.type) {
    case 'ready':
    case 'openLogFile':
      return { message: { type: value.type } };
    case 'openIdentity': {
      const { tenantId, identityId, name } = value;
      if (typeof tenantId !== 'string' || !ID.test(tenantId)) return { error: 'openIdentity: bad tenantId' };
      if (typeof identityId !== 'string' || !ID.test(identityId) || identityId === '*') return { error: 'openIdentity: bad identityId' };
      if (typeof name !== 'string' || name.length > 2_100) return { error: 'openIdentity: bad name' };
      return { message: { type: 'openIdentity', tenantId, identityId, name } };
    }
    case 'showJob': {
      const { jobId } = value;
      if (typeof jobId !== 'string' || !ID.test(jobId)) return { error: 'showJob: bad jobId' };
      return { message: { type: 'showJob', jobId } };
    }
    case 'rendered': {
      const report = value.report;
      if (
        !isPlainObject(report) ||
        typeof report.total !== 'number' ||
        typeof report.shown !== 'number' ||
        !isFilter(report.filter) ||
        !Array.isArray(report.firstNames) ||
        report.firstNames.length > 50 ||
        !report.firstNames.every((name) => typeof name === 'string')
      ) {
        return { error: 'rendered: bad report' };
      }
      return { message: { type: 'rendered', report: { total: report.total, shown: report.shown, filter: { ...report.filter }, firstNames: [...report.firstNames] } } };
    }
    default:
      return { error: `unknown message type ${describeValue(value.type)}` };
  }
}

/** The rows the filter lets through (both ends use it: the page to paint, tests to compare). */
export function filterRows(rows: readonly ActivityRow[], filter: ActivityFilter): ActivityRow[] {
  const needle = filter.identity.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (!filter.tenantId || row.tenantId === filter.tenantId) &&
      (!filter.action || row.action === filter.action) &&
      (!filter.outcome || row.outcome === filter.outcome) &&
      (!needle || row.identityName.toLowerCase().includes(needle) || row.identityId.toLowerCase().includes(needle)),
  );
}
