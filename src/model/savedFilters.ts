// Saved filters of a tenant: a filter, sort and default filter kept under a name, so that one click brings them back.
// Names are the admin's own text, but they are shown in the tree, quick picks and modals: they follow the same
// one-line rule as identity data (textSafety.ts). No `vscode` import.
import { safeLine } from './textSafety';
import type { DefaultFilter, TenantViewState } from './viewState';
import { describeViewState, parseViewState } from './viewState';

export interface SavedFilter {
  name: string;
  filters?: string;
  sorters?: string;
  defaultFilter: DefaultFilter;
}

/** Longer names do not fit a tree row next to the description. */
export const MAX_SAVED_FILTER_NAME = 60;
/** A tenant's saved filters are one collapsed group of rows: more than this is a list nobody reads. */
export const MAX_SAVED_FILTERS = 50;

export type SavedFilterNameProblem = 'empty' | 'tooLong' | 'unsafeCharacters' | 'duplicate';

/** A typed name as stored: whitespace runs collapsed to one space, trimmed. */
export function normalizeSavedFilterName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** The key names are compared by: "Contractors" and "contractors" are the same saved filter. */
export function savedFilterKey(name: string): string {
  return normalizeSavedFilterName(name).toLocaleLowerCase('en-US');
}

/**
 * What is wrong with `raw` as the name of a saved filter among `existing` (undefined: nothing). `renaming` is the name
 * being renamed: keeping it, or changing only its case, is no duplicate.
 */
export function savedFilterNameProblem(raw: string, existing: readonly SavedFilter[], renaming?: string): SavedFilterNameProblem | undefined {
  const name = normalizeSavedFilterName(raw);
  if (!name) return 'empty';
  if (name.length > MAX_SAVED_FILTER_NAME) return 'tooLong';
  // Controls, bidi overrides and invisible characters would make two names look alike (or a name look like another).
  if (safeLine(name, MAX_SAVED_FILTER_NAME) !== name) return 'unsafeCharacters';
  const key = savedFilterKey(name);
  if (renaming !== undefined && savedFilterKey(renaming) === key) return undefined;
  if (existing.some((saved) => savedFilterKey(saved.name) === key)) return 'duplicate';
  return undefined;
}

export function findSavedFilter(list: readonly SavedFilter[], name: string): SavedFilter | undefined {
  const key = savedFilterKey(name);
  return list.find((saved) => savedFilterKey(saved.name) === key);
}

/** A saved filter holding the view state's query under `name`. */
export function savedFilterOf(name: string, state: TenantViewState): SavedFilter {
  const saved: SavedFilter = { name: normalizeSavedFilterName(name), defaultFilter: state.defaultFilter };
  if (state.filters) saved.filters = state.filters;
  if (state.sorters) saved.sorters = state.sorters;
  return saved;
}

/** The view state applying `saved` gives the tree (every part set, so that nothing of the previous query is left). */
export function viewStateOf(saved: SavedFilter): TenantViewState {
  return { filters: saved.filters, sorters: saved.sorters, defaultFilter: saved.defaultFilter };
}

/** Whether the tree's current query is the saved filter's (the "active" mark). */
export function isSavedFilterActive(saved: SavedFilter, state: TenantViewState): boolean {
  return (saved.filters ?? '') === (state.filters ?? '') && (saved.sorters ?? '') === (state.sorters ?? '') && saved.defaultFilter === state.defaultFilter;
}

/** Adds `saved`, or replaces the one of the same name (case-insensitive) in its place. */
export function upsertSavedFilter(list: readonly SavedFilter[], saved: SavedFilter): SavedFilter[] {
  const key = savedFilterKey(saved.name);
  const index = list.findIndex((entry) => savedFilterKey(entry.name) === key);
  if (index < 0) return [...list, saved];
  const next = [...list];
  next[index] = saved;
  return next;
}

/** Renames `from` to `to`; the list is unchanged when `from` is not in it. */
export function renameSavedFilter(list: readonly SavedFilter[], from: string, to: string): SavedFilter[] {
  const key = savedFilterKey(from);
  return list.map((entry) => (savedFilterKey(entry.name) === key ? { ...entry, name: normalizeSavedFilterName(to) } : entry));
}

export function removeSavedFilter(list: readonly SavedFilter[], name: string): SavedFilter[] {
  const key = savedFilterKey(name);
  return list.filter((entry) => savedFilterKey(entry.name) !== key);
}

/** In the order the tree shows them: by name, as a person sorts. */
export function sortSavedFilters(list: readonly SavedFilter[]): SavedFilter[] {
  return [...list].sort((a, b) => a.name.localeCompare(b.name, 'en-US', { sensitivity: 'base', numeric: true }));
}

/** The name as a tree row or quick pick shows it. */
export function savedFilterLabel(saved: SavedFilter): string {
  return safeLine(saved.name, MAX_SAVED_FILTER_NAME);
}

/** What the saved filter lists, for its row's description and tooltip; undefined when it lists everything. */
export function describeSavedFilter(saved: SavedFilter, maxFilterLength = 60): string | undefined {
  return describeViewState(viewStateOf(saved), maxFilterLength);
}

/**
 * Reads a tenant's list as globalState holds it: entries whose name is unusable are dropped, as are later entries of
 * a name already seen; the query parts are read as the view state is (malformed parts dropped). At most MAX_SAVED_FILTERS.
 */
export function parseSavedFilters(raw: unknown): SavedFilter[] {
  if (!Array.isArray(raw)) return [];
  const out: SavedFilter[] = [];
  for (const entry of raw as unknown[]) {
    if (!entry || typeof entry !== 'object') continue;
    const name = (entry as { name?: unknown }).name;
    if (typeof name !== 'string') continue;
    if (savedFilterNameProblem(name, out) !== undefined) continue;
    out.push(savedFilterOf(name, parseViewState(entry)));
    if (out.length >= MAX_SAVED_FILTERS) break;
  }
  return out;
}

/** Parses the stored map `{ [tenantId]: SavedFilter[] }`; tenants without any are left out. */
export function parseSavedFilterMap(raw: unknown): Record<string, SavedFilter[]> {
  const out: Record<string, SavedFilter[]> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [tenantId, value] of Object.entries(raw as Record<string, unknown>)) {
    const list = parseSavedFilters(value);
    if (list.length > 0) out[tenantId] = list;
  }
  return out;
}
