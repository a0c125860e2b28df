// How identities and role assignments are shown: sanitised labels, status classification, tooltip facts.
// Identity data is hostile HR data: strip bidi/control characters and cut huge values before they reach the UI.
// No `vscode` import.
import * as l10n from '@vscode/l10n';
import type { Identity, RoleAssignmentRef } from '../api/types';
import { safeLine } from './textSafety';

/** One line of display text: unsafe characters removed (textSafety), whitespace collapsed, at most `max` characters. */
export function displayText(value: unknown, max = 120): string {
  if (value === null || value === undefined) return '';
  return safeLine(typeof value === 'string' ? value : typeof value === 'object' ? (JSON.stringify(value) ?? '') : String(value), max);
}

/** Markdown-escapes every ASCII punctuation character (CommonMark backslash escapes): data renders as plain text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

export function identityLabel(identity: Identity): string {
  return displayText(identity.name, 120) || displayText(identity.alias, 120) || identity.id;
}

/** Alias, else email. */
export function identityDescription(identity: Identity): string {
  const email = identity.emailAddress ?? (typeof identity.attributes?.email === 'string' ? identity.attributes.email : undefined);
  return displayText(identity.alias, 80) || displayText(email, 80);
}

export type IdentityVisualState =
  | 'processingError'
  | 'error'
  | 'locked'
  | 'disabled'
  | 'inactive'
  | 'unregistered'
  | 'pending'
  | 'warning'
  | 'active';

export interface IdentityStatusInfo {
  state: IdentityVisualState;
  /** Human sentence for the tooltip, e.g. "Locked". */
  text: string;
  /** The identity status alone (upper case, '' when ISC sent none), apart from the processing state. */
  identityStatus: string;
  /** The state the identity status alone gives (what `state` would be without a processing error). */
  statusState: Exclude<IdentityVisualState, 'processingError'>;
}

function statusOf(identity: Identity): string {
  const cloudStatus = identity.attributes?.cloudStatus;
  const status = identity.identityStatus ?? (typeof cloudStatus === 'string' ? cloudStatus : '');
  return String(status).toUpperCase();
}

function statusStateOf(status: string): { state: Exclude<IdentityVisualState, 'processingError'>; text: string } {
  switch (status) {
    case 'ERROR':
      return { state: 'error', text: l10n.t('Identity status ERROR') };
    case 'LOCKED':
      return { state: 'locked', text: l10n.t('Locked') };
    case 'DISABLED':
      return { state: 'disabled', text: l10n.t('Disabled') };
    case 'TERMINATED':
    case 'DEACTIVATED':
      return { state: 'inactive', text: status === 'TERMINATED' ? l10n.t('Terminated') : l10n.t('Deactivated') };
    case 'UNREGISTERED':
      return { state: 'unregistered', text: l10n.t('Unregistered') };
    case 'PENDING':
      return { state: 'pending', text: l10n.t('Pending (invited, not registered yet)') };
    case 'WARNING':
      return { state: 'warning', text: l10n.t('Warning') };
    default:
      return { state: 'active', text: status ? displayText(status, 40) : l10n.t('Active') };
  }
}

/**
 * The most important thing to know about an identity's state (enums are open: unknown values count as active). A
 * processing error (the last processing of the identity failed) comes first; the identity status stays known beside it.
 */
export function identityStatusInfo(identity: Identity): IdentityStatusInfo {
  const identityStatus = statusOf(identity);
  const byStatus = statusStateOf(identityStatus);
  if (String(identity.processingState ?? '').toUpperCase() === 'ERROR') {
    const text =
      byStatus.state === 'active'
        ? l10n.t('Processing state ERROR (processing failed)')
        : l10n.t('Processing state ERROR (processing failed); {0}', byStatus.text);
    return { state: 'processingError', text, identityStatus, statusState: byStatus.state };
  }
  return { ...byStatus, identityStatus, statusState: byStatus.state };
}

// ---------------------------------------------------------------- dates, as VS Code shows them

export interface DateOptions {
  /** BCP 47 locale (VS Code's display language); the runtime's default when absent. */
  locale?: string;
  /** "Now" for the relative part (tests). */
  now?: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** Epoch values between 1990 and 2100 count as dates; seconds below 1e11, milliseconds above. */
const EPOCH_MS_MIN = Date.UTC(1990, 0, 1);
const EPOCH_MS_MAX = Date.UTC(2100, 0, 1);

const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, create: () => T): T {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

function dateTimeFormat(locale: string | undefined, dateOnly: boolean): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = dateOnly ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: 'medium' };
  return cached(`dt|${locale ?? ''}|${dateOnly}`, () => new Intl.DateTimeFormat(safeLocale(locale), options));
}

/** The locale if the runtime knows it, else undefined (its default): an unknown tag must not throw. */
function safeLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : undefined;
  } catch {
    return undefined;
  }
}

/** Milliseconds since the epoch of an ISO text, a date-only text or an epoch number (s or ms); undefined otherwise. */
function parseDateValue(value: unknown): { time: number; dateOnly: boolean } | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{9,13}$/.test(value.trim()))) {
    const n = Number(value);
    const ms = n < 1e11 ? n * 1000 : n;
    return Number.isFinite(ms) && ms >= EPOCH_MS_MIN && ms <= EPOCH_MS_MAX ? { time: ms, dateOnly: false } : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined; // only ISO-like texts: "12/03" means different days
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : { time, dateOnly: DATE_ONLY.test(text) };
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "2 days ago", "yesterday", "in 3 months", "now". */
function relativeTime(time: number, options: DateOptions = {}): string {
  const diff = time - (options.now ?? Date.now());
  const format = cached(`rt|${options.locale ?? ''}`, () => new Intl.RelativeTimeFormat(safeLocale(options.locale), { numeric: 'auto' }));
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return format.format(Math.round(diff / 1000 / 15) * 15, 'second');
}

export interface DateDisplay {
  /** Local date and time without milliseconds ("Oct 2, 2025, 8:14:51 AM"); date-only values as their day. */
  text: string;
  /** How long ago (or ahead) it is. */
  relative: string;
}

/** A date value as VS Code writes one; undefined for anything that is not a date. */
export function formatDate(value: unknown, options: DateOptions = {}): DateDisplay | undefined {
  const parsed = parseDateValue(value);
  if (!parsed) return undefined;
  return { text: dateTimeFormat(options.locale, parsed.dateOnly).format(parsed.time), relative: relativeTime(parsed.time, options) };
}

/** `Oct 2, 2025, 8:14:51 AM (2 months ago)`; the value itself (sanitised) when it is not a date. */
function dateFact(value: unknown, options: DateOptions = {}): string {
  const date = formatDate(value, options);
  return date ? `${date.text} (${date.relative})` : displayText(value);
}

/** Identity attributes ISC (or a typical source) fills with dates, often as epoch milliseconds. */
const DATE_ATTRIBUTES = new Set(
  ['lastSyncDate', 'startDate', 'endDate', 'hireDate', 'terminationDate', 'lastLoginDate', 'lastLogin', 'passwordLastSet', 'created', 'modified'].map((n) => n.toLowerCase()),
);

/** The time of a known date attribute's value, undefined for other attributes and for values that are no dates. */
export function attributeDate(name: string, value: unknown): { time: number; dateOnly: boolean } | undefined {
  return DATE_ATTRIBUTES.has(name.toLowerCase()) ? parseDateValue(value) : undefined;
}

interface FactLabels {
  id: string;
  alias: string;
  email: string;
  status: string;
  processingState: string;
  lifecycleState: string;
  department: string;
  jobTitle: string;
  manager: string;
  isManager: string;
  lastRefresh: string;
  modified: string;
  /** The status of an identity ISC sent none for, and the value of "Is a manager". */
  active: string;
  yes: string;
}

/** The labels a person reads (read when called, once translations are configured). */
function shownFactLabels(): FactLabels {
  return {
    id: l10n.t('ID'),
    alias: l10n.t('Alias'),
    email: l10n.t('Email'),
    status: l10n.t('Status'),
    processingState: l10n.t('Processing state'),
    lifecycleState: l10n.t('Lifecycle state'),
    department: l10n.t('Department'),
    jobTitle: l10n.t('Job title'),
    manager: l10n.t('Manager'),
    isManager: l10n.t('Is a manager'),
    lastRefresh: l10n.t('Last refresh'),
    modified: l10n.t('Modified'),
    active: l10n.t('Active'),
    yes: l10n.t('yes'),
  };
}

/** The labels the language model reads in tool results: English whatever the display language. */
const MODEL_FACT_LABELS: FactLabels = {
  id: 'ID',
  alias: 'Alias',
  email: 'Email',
  status: 'Status',
  processingState: 'Processing state',
  lifecycleState: 'Lifecycle state',
  department: 'Department',
  jobTitle: 'Job title',
  manager: 'Manager',
  isManager: 'Is a manager',
  lastRefresh: 'Last refresh',
  modified: 'Modified',
  active: 'Active',
  yes: 'yes',
};

/**
 * Label/value pairs for an identity tooltip (values already sanitised; dates local, with how long ago). `forModel`:
 * the English labels of a tool result.
 */
export function identityFacts(identity: Identity, dates: DateOptions = {}, forModel = false): [string, string][] {
  const attrs = identity.attributes ?? {};
  const status = identityStatusInfo(identity);
  const label = forModel ? MODEL_FACT_LABELS : shownFactLabels();
  const facts: [string, string | undefined][] = [
    [label.id, identity.id],
    [label.alias, displayText(identity.alias)],
    [label.email, displayText(identity.emailAddress ?? attrs.email)],
    [label.status, status.identityStatus ? displayText(status.identityStatus, 40) : label.active],
    [label.processingState, displayText(identity.processingState)],
    [label.lifecycleState, displayText(identity.lifecycleState?.stateName ?? attrs.cloudLifecycleState)],
    [label.department, displayText(attrs.department)],
    [label.jobTitle, displayText(attrs.jobTitle)],
    [label.manager, displayText(identity.managerRef?.name)],
    [label.isManager, identity.isManager ? label.yes : undefined],
    [label.lastRefresh, identity.lastRefresh ? dateFact(identity.lastRefresh, dates) : undefined],
    [label.modified, identity.modified ? dateFact(identity.modified, dates) : undefined],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The local day of a date (`2025-07-11`); a date-only value stays the day it names. */
function day(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const parsed = parseDateValue(value);
  if (!parsed) return displayText(value, 30);
  if (parsed.dateOnly) return value.trim();
  const date = new Date(parsed.time);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function roleAssignmentLabel(ref: RoleAssignmentRef): string {
  return displayText(ref.role?.name, 120) || displayText(ref.role?.id, 40) || displayText(ref.id, 40) || l10n.t('(unnamed role)');
}

/** `added 2025-07-11 · until 2026-07-11`. */
export function roleAssignmentDescription(ref: RoleAssignmentRef): string {
  const parts: string[] = [];
  const added = day(ref.addedDate);
  const start = day(ref.startDate);
  const remove = day(ref.removeDate);
  if (added) parts.push(l10n.t('added {0}', added));
  if (start) parts.push(l10n.t('from {0}', start));
  if (remove) parts.push(l10n.t('until {0}', remove));
  return parts.join(' · ');
}

export function roleAssignmentFacts(ref: RoleAssignmentRef, dates: DateOptions = {}): [string, string][] {
  const facts: [string, string | undefined][] = [
    [l10n.t('Role'), displayText(ref.role?.name)],
    [l10n.t('Role ID'), displayText(ref.role?.id)],
    [l10n.t('Assignment ID'), displayText(ref.id)],
    [l10n.t('Added'), ref.addedDate ? dateFact(ref.addedDate, dates) : undefined],
    [l10n.t('Starts'), ref.startDate ? dateFact(ref.startDate, dates) : undefined],
    [l10n.t('Ends'), ref.removeDate ? dateFact(ref.removeDate, dates) : undefined],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
}
