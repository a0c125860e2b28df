// Query of "Find identity…": name, alias or email starting with the typed text, across the whole tenant (ignores
// the tree's filter), in one request — list-identities takes `or`, so the three searches cost one rate-limit slot
// and come back merged and without duplicates. An id pasted whole is looked up as an id. No `vscode` import.
import { eq, or, sw } from '../api/filters';
import type { ListIdentitiesQuery } from '../api/types';

const FIND_LIMIT = 50;
export const FIND_DEBOUNCE_MS = 250;

/** The list-identities query for what the user typed; undefined for blank text. A 32-hex text is looked up as an id. */
export function findQuery(text: string, limit = FIND_LIMIT): ListIdentitiesQuery | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const filters = /^[0-9a-f]{32}$/i.test(value) ? eq('id', value) : or(sw('name', value), sw('alias', value), sw('email', value));
  return { filters, sorters: 'name', defaultFilter: 'NONE', limit, offset: 0 };
}
