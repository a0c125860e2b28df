// Per-tenant list settings (filter, sort, ISC default filter) as persisted in globalState. No `vscode` import.
import * as l10n from '@vscode/l10n';
import { SORTABLE_FIELDS } from '../api/filters';
import { validateFilterExpression } from '../api/filterValidation';
import type { IdentityQuery } from './identityPager';

export type DefaultFilter = IdentityQuery['defaultFilter'];

export interface TenantViewState {
  filters?: string;
  sorters?: string;
  defaultFilter: DefaultFilter;
}

export const DEFAULT_VIEW_STATE: TenantViewState = Object.freeze({ defaultFilter: 'NONE' as const });

const SORTER = new RegExp(`^-?(${SORTABLE_FIELDS.join('|')})$`);

/** `name`, `-alias`, `name,-cloudStatus`: only fields list-identities can sort on. */
export function isValidSorters(value: string): boolean {
  const parts = value.split(',').map((part) => part.trim());
  return parts.length > 0 && parts.every((part) => SORTER.test(part));
}

/** Reads what globalState holds, dropping anything malformed (a hand-edited or older state must not break the tree). */
export function parseViewState(raw: unknown): TenantViewState {
  if (!raw || typeof raw !== 'object') return { ...DEFAULT_VIEW_STATE };
  const r = raw as Record<string, unknown>;
  const state: TenantViewState = { defaultFilter: r.defaultFilter === 'CORRELATED_ONLY' ? 'CORRELATED_ONLY' : 'NONE' };
  if (typeof r.filters === 'string' && r.filters.trim() && validateFilterExpression(r.filters.trim()) === undefined) {
    state.filters = r.filters.trim();
  }
  if (typeof r.sorters === 'string' && isValidSorters(r.sorters)) state.sorters = r.sorters.replace(/\s+/g, '');
  return state;
}

/** Parses a stored map `{ [tenantId]: state }`. */
export function parseViewStates(raw: unknown): Record<string, TenantViewState> {
  const out: Record<string, TenantViewState> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [tenantId, value] of Object.entries(raw as Record<string, unknown>)) out[tenantId] = parseViewState(value);
  return out;
}

export function isDefaultViewState(state: TenantViewState): boolean {
  return !state.filters && !state.sorters && state.defaultFilter === 'NONE';
}

export function toIdentityQuery(state: TenantViewState): IdentityQuery {
  return { filters: state.filters, sorters: state.sorters, defaultFilter: state.defaultFilter };
}

/** The sortable field as a person reads it; other fields as they are named. */
function sortLabel(field: string): string {
  if (field === 'name') return l10n.t('name');
  if (field === 'alias') return l10n.t('alias');
  if (field === 'cloudStatus') return l10n.t('status');
  return field;
}

/** `name ↑`, `status ↓, name ↑`. */
export function describeSorters(sorters: string): string {
  return sorters
    .split(',')
    .map((part) => {
      const descending = part.startsWith('-');
      const field = descending ? part.slice(1) : part;
      return `${sortLabel(field)} ${descending ? '↓' : '↑'}`;
    })
    .join(', ');
}

/** Short text for the tenant node's description; undefined when nothing is set. */
export function describeViewState(state: TenantViewState, maxFilterLength = 60): string | undefined {
  const parts: string[] = [];
  if (state.filters) {
    const f = state.filters.length > maxFilterLength ? `${state.filters.slice(0, maxFilterLength - 1)}…` : state.filters;
    parts.push(l10n.t('filter: {0}', f));
  }
  if (state.defaultFilter === 'CORRELATED_ONLY') parts.push(l10n.t('correlated only'));
  if (state.sorters) parts.push(l10n.t('sort: {0}', describeSorters(state.sorters)));
  return parts.length ? parts.join(' · ') : undefined;
}

export interface SortChoice {
  sorters: string | undefined;
  label: string;
}

/** What the sort picker offers: each sortable field ascending and descending, plus the server's default order. */
export function sortChoices(): SortChoice[] {
  return [
    { sorters: undefined, label: l10n.t('Server default order') },
    ...SORTABLE_FIELDS.flatMap((field) => [
      { sorters: field, label: l10n.t('{0} (ascending)', sortLabel(field)) },
      { sorters: `-${field}`, label: l10n.t('{0} (descending)', sortLabel(field)) },
    ]),
  ];
}
