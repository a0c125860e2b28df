// Suggestions of the "Filter identities…" quick input: from what the user types, the conditions list-identities
// accepts (fields and operators of FILTER_FIELDS), or the text itself as a raw expression. No `vscode` import.
import { FILTER_FIELDS, and, eq, inList, or, sw } from '../api/filters';
import { validateFilterExpression } from '../api/filterValidation';

export interface FilterSuggestion {
  expression: string;
  label: string;
  detail?: string;
  /** The typed text used as it is. */
  raw?: boolean;
}

const FIELD_LABELS: Record<string, string> = {
  id: 'ID', name: 'Name', alias: 'Alias (username)', firstname: 'First name', lastname: 'Last name', email: 'Email',
  cloudStatus: 'Status', processingState: 'Processing state', correlated: 'Correlated', protected: 'Protected',
};

/** Status values worth offering before anything is typed (ISC adds values: typing another value still works). */
const QUICK_CONDITIONS: readonly { expression: () => string; label: string }[] = [
  { expression: () => eq('correlated', false), label: 'Uncorrelated identities' },
  { expression: () => eq('correlated', true), label: 'Correlated identities' },
  { expression: () => eq('processingState', 'ERROR'), label: 'Identities with processing errors' },
  { expression: () => eq('protected', true), label: 'Protected identities' },
  { expression: () => eq('cloudStatus', 'UNREGISTERED'), label: 'Unregistered identities' },
  { expression: () => eq('cloudStatus', 'LOCKED'), label: 'Locked identities' },
  { expression: () => eq('cloudStatus', 'DISABLED'), label: 'Disabled identities' },
];

/** True when the text reads like an expression (`name sw "Jo"`), not like a value to search for. */
export function looksLikeExpression(text: string): boolean {
  return /^\s*(not\s*)?\(?\s*[A-Za-z]+\s+(eq|sw|in|ne|co|gt|ge|lt|le|pr|isnull)\b/i.test(text);
}

const ID_LIKE = /^[0-9a-f]{32}$/i;

/** The suggestions for `text` (trimmed); an empty text gives the quick conditions. */
export function suggestFilters(text: string): FilterSuggestion[] {
  const value = text.trim();
  if (!value) return QUICK_CONDITIONS.map((c) => ({ expression: c.expression(), label: c.label }));
  const out: FilterSuggestion[] = [];
  if (looksLikeExpression(value)) {
    const problem = validateFilterExpression(value);
    out.push({ expression: value, label: 'Use this expression', detail: problem ? `⚠ ${problem}` : undefined, raw: true });
  }
  const lower = value.toLowerCase();
  const isBoolean = lower === 'true' || lower === 'false';
  const list = value.includes(',') ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
  for (const info of FILTER_FIELDS) {
    const label = FIELD_LABELS[info.field] ?? info.field;
    if (info.valueType === 'boolean') {
      if (isBoolean) out.push({ expression: eq(info.field, lower === 'true'), label: `${label} is ${lower}` });
      continue;
    }
    if (info.field === 'cloudStatus' || info.field === 'processingState') {
      if (/^[A-Za-z_]+$/.test(value)) out.push({ expression: eq(info.field, value.toUpperCase()), label: `${label} is ${value.toUpperCase()}` });
      continue;
    }
    if (info.field === 'id') {
      if (list.length > 1 && list.every((v) => ID_LIKE.test(v))) out.push({ expression: inList('id', list), label: `ID is one of ${list.length}` });
      else if (ID_LIKE.test(value)) out.push({ expression: eq('id', value), label: 'ID is' });
      continue;
    }
    if (info.operators.includes('sw')) out.push({ expression: sw(info.field, value), label: `${label} starts with` });
    if (info.operators.includes('eq')) out.push({ expression: eq(info.field, value), label: `${label} is exactly` });
  }
  return out;
}

export type CombineMode = 'replace' | 'and' | 'or';

/** Combines the active filter with a new condition. */
export function combineFilters(current: string | undefined, next: string, mode: CombineMode): string {
  if (!current || mode === 'replace') return next;
  return mode === 'and' ? and(current, next) : or(current, next);
}
