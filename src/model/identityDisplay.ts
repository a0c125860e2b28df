// How identities and role assignments are shown: sanitised labels, status classification, tooltip facts.
// Identity data is hostile HR data: strip bidi/control characters and cut huge values before they reach the UI.
// No `vscode` import.
import type { Identity, RoleAssignmentRef } from '../api/types';

// Bidi embeddings/overrides/isolates and other invisible format characters that can disguise text.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/** One line of display text: unsafe characters removed, whitespace collapsed, at most `max` characters. */
export function displayText(value: unknown, max = 120): string {
  if (value === null || value === undefined) return '';
  const text = (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) ?? '' : String(value))
    .slice(0, max * 4)
    .replace(UNSAFE_CHARS, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
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
}

function statusOf(identity: Identity): string {
  const cloudStatus = identity.attributes?.cloudStatus;
  const status = identity.identityStatus ?? (typeof cloudStatus === 'string' ? cloudStatus : '');
  return String(status).toUpperCase();
}

/** The most important thing to know about an identity's state (enums are open: unknown values count as active). */
export function identityStatusInfo(identity: Identity): IdentityStatusInfo {
  const status = statusOf(identity);
  if (String(identity.processingState ?? '').toUpperCase() === 'ERROR') return { state: 'processingError', text: 'Processing failed (processing state ERROR)' };
  switch (status) {
    case 'ERROR':
      return { state: 'error', text: 'Status ERROR' };
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

/** Label/value pairs for an identity tooltip (values already sanitised). */
export function identityFacts(identity: Identity): [string, string][] {
  const attrs = identity.attributes ?? {};
  const facts: [string, string | undefined][] = [
    ['ID', identity.id],
    ['Alias', displayText(identity.alias)],
    ['Email', displayText(identity.emailAddress ?? attrs.email)],
    ['Status', identityStatusInfo(identity).text],
    ['Processing state', displayText(identity.processingState)],
    ['Lifecycle state', displayText(identity.lifecycleState?.stateName ?? attrs.cloudLifecycleState)],
    ['Department', displayText(attrs.department)],
    ['Job title', displayText(attrs.jobTitle)],
    ['Manager', displayText(identity.managerRef?.name)],
    ['Is a manager', identity.isManager ? 'yes' : undefined],
    ['Last refresh', displayText(identity.lastRefresh)],
    ['Modified', displayText(identity.modified)],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
}

function day(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(value);
  return match ? match[0] : displayText(value, 30);
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

export function roleAssignmentFacts(ref: RoleAssignmentRef): [string, string][] {
  const facts: [string, string | undefined][] = [
    ['Role', displayText(ref.role?.name)],
    ['Role ID', displayText(ref.role?.id)],
    ['Assignment ID', displayText(ref.id)],
    ['Added', displayText(ref.addedDate)],
    ['Starts', displayText(ref.startDate)],
    ['Ends', displayText(ref.removeDate)],
  ];
  return facts.filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
}
