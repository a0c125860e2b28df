// What the "Filter identities…" picker offers for what the user types: the conditions list-identities accepts for a
// value (fields and operators of FILTER_FIELDS), or the typed expression checked. No `vscode` import.
import { FILTER_FIELDS, and, eq, filterFieldInfo, inList, or, sw } from '../api/filters';
import type { FilterField } from '../api/filters';
import { validateFilterExpression } from '../api/filterValidation';

/**
 * One item of the "Filter identities…" picker: a condition built from the typed value, the typed expression itself,
 * or a common filter offered before anything is typed. The picker (src/ui) words it.
 */
export interface FilterSuggestion {
  expression: string;
  kind: 'condition' | 'expression' | 'quick';
  /** Conditions: the field and operator. */
  field?: FilterField;
  operator?: 'eq' | 'sw' | 'in';
  /** Conditions: the value as it goes into the expression (`in`: how many ids). */
  value?: string | boolean;
  count?: number;
  /** Quick conditions: which one. */
  quick?: QuickConditionId;
}

/** Why typed text is no filter: a field list-identities cannot filter on, or a broken expression. */
export type FilterProblem =
  | { kind: 'unknownField'; field: string; filterable: readonly FilterField[] }
  | { kind: 'invalid'; message: string };

export interface FilterInput {
  suggestions: FilterSuggestion[];
  problem?: FilterProblem;
}

export type QuickConditionId = 'uncorrelated' | 'correlated' | 'processingErrors' | 'protected' | 'unregistered' | 'locked' | 'disabled';

/** Status values worth offering before anything is typed. */
const QUICK_CONDITIONS: readonly { id: QuickConditionId; expression: () => string }[] = [
  { id: 'uncorrelated', expression: () => eq('correlated', false) },
  { id: 'correlated', expression: () => eq('correlated', true) },
  { id: 'processingErrors', expression: () => eq('processingState', 'ERROR') },
  { id: 'protected', expression: () => eq('protected', true) },
  { id: 'unregistered', expression: () => eq('cloudStatus', 'UNREGISTERED') },
  { id: 'locked', expression: () => eq('cloudStatus', 'LOCKED') },
  { id: 'disabled', expression: () => eq('cloudStatus', 'DISABLED') },
];

/** The values ISC documents for the enum fields (enums are open: a typed expression may use others). */
const KNOWN_VALUES: Partial<Record<FilterField, readonly string[]>> = {
  cloudStatus: ['ACTIVE', 'DEACTIVATED', 'DISABLED', 'ERROR', 'LOCKED', 'PENDING', 'REGISTERED', 'TERMINATED', 'UNREGISTERED', 'WARNING'],
  processingState: ['ERROR', 'OK'],
};

const OPERATOR = '(eq|ne|sw|co|in|gt|ge|lt|le|pr|isnull)';

/** True when the text reads like an expression (`name sw "Jo"`, `manager.name eq "x"`), not like a value to search for. */
export function looksLikeExpression(text: string): boolean {
  return new RegExp(`^\\s*(not\\s*)?\\(?\\s*[A-Za-z_][\\w.]*\\s+${OPERATOR}\\b`, 'i').test(text);
}

/** The first field of an expression that list-identities cannot filter on (strings skipped), if any. */
function unknownField(expression: string): string | undefined {
  const code = expression.replace(/"(?:[^"\\]|\\.)*"?/g, '""');
  const comparisons = new RegExp(`([A-Za-z_][\\w.]*)\\s+${OPERATOR}\\b`, 'gi');
  for (const match of code.matchAll(comparisons)) {
    const field = match[1];
    if (['and', 'or', 'not'].includes(field.toLowerCase())) continue;
    if (!filterFieldInfo(field)) return field;
  }
  return undefined;
}

/** What is wrong with an expression (undefined: nothing); an unknown field is named with the fields that do work. */
export function filterProblem(expression: string): FilterProblem | undefined {
  const field = unknownField(expression);
  if (field) return { kind: 'unknownField', field, filterable: FILTER_FIELDS.map((info) => info.field) };
  const message = validateFilterExpression(expression);
  return message ? { kind: 'invalid', message } : undefined;
}

const ID_LIKE = /^[0-9a-f]{32}$/i;

/** Enum values the typed text names: an exact value, or the start of one (two letters at least). */
function matchingValues(field: FilterField, value: string): string[] {
  const upper = value.toUpperCase();
  const known = KNOWN_VALUES[field] ?? [];
  if (!/^[A-Z_]+$/.test(upper)) return [];
  return known.filter((v) => v === upper || (upper.length >= 2 && v.startsWith(upper)));
}

/** Conditions on the string fields that make sense for `value`: a name has spaces, an alias or email has none. */
function stringConditions(value: string): FilterSuggestion[] {
  const spaced = /\s/.test(value);
  const fields: FilterField[] = spaced ? ['name'] : value.includes('@') ? ['email', 'alias', 'name'] : ['name', 'alias', 'email', 'firstname', 'lastname'];
  const out: FilterSuggestion[] = [];
  for (const operator of ['sw', 'eq'] as const) {
    for (const field of fields) out.push({ kind: 'condition', field, operator, value, expression: operator === 'sw' ? sw(field, value) : eq(field, value) });
  }
  return out;
}

/**
 * The typed text (trimmed) as the picker shows it, live: a whole expression is checked (an unknown field named); a
 * value gives only the conditions that make sense for it — ids for ids, known statuses, booleans for booleans. An
 * empty text gives the common filters.
 */
export function parseFilterInput(text: string): FilterInput {
  const value = text.trim();
  if (!value) return { suggestions: QUICK_CONDITIONS.map((c) => ({ kind: 'quick', quick: c.id, expression: c.expression() })) };
  if (looksLikeExpression(value)) {
    const problem = filterProblem(value);
    return problem ? { suggestions: [], problem } : { suggestions: [{ kind: 'expression', expression: value }] };
  }
  const list = value.includes(',') ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
  if (list.length > 1 && list.every((v) => ID_LIKE.test(v))) {
    return { suggestions: [{ kind: 'condition', field: 'id', operator: 'in', count: list.length, expression: inList('id', list) }] };
  }
  if (ID_LIKE.test(value)) return { suggestions: [{ kind: 'condition', field: 'id', operator: 'eq', value, expression: eq('id', value) }] };
  const out: FilterSuggestion[] = [];
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    for (const field of ['correlated', 'protected'] as const) out.push({ kind: 'condition', field, operator: 'eq', value: lower === 'true', expression: eq(field, lower === 'true') });
  }
  const statuses: FilterSuggestion[] = (['cloudStatus', 'processingState'] as const).flatMap((field) =>
    matchingValues(field, value).map((v): FilterSuggestion => ({ kind: 'condition', field, operator: 'eq', value: v, expression: eq(field, v) })),
  );
  // A status named in full comes first; the start of one after the name conditions.
  const exact = statuses.filter((s) => s.value === value.toUpperCase());
  out.push(...exact, ...stringConditions(value), ...statuses.filter((s) => !exact.includes(s)));
  return { suggestions: out };
}

export type CombineMode = 'replace' | 'and' | 'or';

/** Combines the active filter with a new condition. */
export function combineFilters(current: string | undefined, next: string, mode: CombineMode): string {
  if (!current || mode === 'replace') return next;
  return mode === 'and' ? and(current, next) : or(current, next);
}
