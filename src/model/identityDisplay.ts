// How identities and role assignments are shown: sanitised labels, status classification, tooltip facts.
// Identity data is hostile HR data: strip bidi/control characters and cut huge values before they reach the UI.
// No `vscode` import.
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
      return { state: 'error', text: 'Identity status ERROR' };
    case 'LOCKED':
      return { state: 'locked', text: 'Locked' };
    case 'DISABLED':
      return { state: 'disabled', text: 'Disabled' };
    case 'TERMINATED':
    case 'DEACTIVATED':
      return { state: 'inactive', text: status === 'TERMINATED' ? 'Terminated' : 'Deactivated' };
    case 'UNREGISTERED':
      return { state: 'unregistered', text: 'Unregistered' };
    case 'PENDING':
      return { state: 'pending', text: 'Pending (invited, not registered yet)' };
    case 'WARNING':
      return { state: 'warning', text: 'Warning' };
    default:
      return { state: 'active', text: status ? displayText(status, 40) : 'Active' };
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
    const also = byStatus.state === 'active' ? '' : `; ${byStatus.text}`;
    return { state: 'processingError', text: `Processing state ERROR (processing failed)${also}`, identityStatus, statusState: byStatus.state };
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

/** Label/value pairs for an identity tooltip (values already sanitised; dates local, with how long ago). */
export function identityFacts(identity: Identity, dates: DateOptions = {}): [string, string][] {
  const attrs = identity.attributes ?? {};
  const status = identityStatusInfo(identity);
  const facts: [string, string | undefined][] = [
    ['ID', identity.id],
    ['Alias', displayText(identity.alias)],
    ['Email', displayText(identity.emailAddress ?? attrs.email)],
    ['Status', status.identityStatus ? displayText(status.identityStatus, 40) : 'Active'],
    ['Processing state', displayText(identity.processingState)],
    ['Lifecycle state', displayText(identity.lifecycleState?.stateName ?? attrs.cloudLifecycleState)],
    ['Department', displayText(attrs.department)],
    ['Job title', displayText(attrs.jobTitle)],
    ['Manager', displayText(identity.managerRef?.name)],
    ['Is a manager', identity.isManager ? 'yes' : undefined],
    ['Last refresh', identity.lastRefresh ? dateFact(identity.lastRefresh, dates) : undefined],
    ['Modified', identity.modified ? dateFact(identity.modified, dates) : undefined],
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
  return displayText(ref.role?.name, 120) || displayText(ref.role?.id, 40) || displayText(ref.id, 40) || '(unnamed role)';
}

/** `added 2025-07-11 · until 2026-07-11`. */
export function roleAssignmentDescription(ref: RoleAssignmentRef): string {
  const parts: string[] = [];
  const added = day(ref.addedDate);
  const start = day(ref.startDate);
  const remove = day(ref.removeDate);
  if (added) parts.push(`added ${added}`);
  if (start) parts.push(`from ${start}`);
  if (remove) parts.push(`until ${remove}`);
  return parts.join(' · ');
}

export function roleAssignmentFacts(ref: RoleAssignmentRef, dates: DateOptions = {}): [string, string][] {
  const facts: [string, string | undefined][] = [
    ['Role', displayText(ref.role?.name)],
    ['Role ID', displayText(ref.role?.id)],
    ['Assignment ID', displayText(ref.id)],
    ['Added', ref.addedDate ? dateFact(ref.addedDate, dates) : undefined],
    ['Starts', ref.startDate ? dateFact(ref.startDate, dates) : undefined],
    ['Ends', ref.removeDate ? dateFact(ref.removeDate, dates) : undefined],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
}
