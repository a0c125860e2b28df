// Query of "Find identity…": name starts-with across the whole tenant (ignores the tree's filter). No `vscode` import.
import { eq, sw } from '../api/filters';
import type { ListIdentitiesQuery } from '../api/types';

const FIND_LIMIT = 50;
export const FIND_DEBOUNCE_MS = 250;

/** The list-identities query for what the user typed; undefined for blank text. A 32-hex text is looked up as an id. */
export function findQuery(text: string, limit = FIND_LIMIT): ListIdentitiesQuery | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const filters = /^[0-9a-f]{32}$/i.test(value) ? eq('id', value) : sw('name', value);
  return { filters, sorters: 'name', defaultFilter: 'NONE', limit, offset: 0 };
}
