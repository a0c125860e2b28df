// Builder of list-identities `filters` expressions (V3 standard collection parameters).
// Strings are double-quoted with `\` → `\\` and `"` → `\"`; the whole expression is URL-encoded by the transport.

export type FilterField =
  | 'id'
  | 'name'
  | 'alias'
  | 'firstname'
  | 'lastname'
  | 'email'
  | 'cloudStatus'
  | 'processingState'
  | 'correlated'
  | 'protected';

type FilterOperator = 'eq' | 'sw' | 'in';

export interface FilterFieldInfo {
  field: FilterField;
  operators: readonly FilterOperator[];
  valueType: 'string' | 'boolean';
}

/** The fields and operators list-identities accepts (anything else gets a 400). */
export const FILTER_FIELDS: readonly FilterFieldInfo[] = [
  { field: 'id', operators: ['eq', 'in'], valueType: 'string' },
  { field: 'name', operators: ['eq', 'sw'], valueType: 'string' },
  { field: 'alias', operators: ['eq', 'sw'], valueType: 'string' },
  { field: 'firstname', operators: ['eq', 'sw'], valueType: 'string' },
  { field: 'lastname', operators: ['eq', 'sw'], valueType: 'string' },
  { field: 'email', operators: ['eq', 'sw'], valueType: 'string' },
  { field: 'cloudStatus', operators: ['eq'], valueType: 'string' },
  { field: 'processingState', operators: ['eq'], valueType: 'string' },
  { field: 'correlated', operators: ['eq'], valueType: 'boolean' },
  { field: 'protected', operators: ['eq'], valueType: 'boolean' },
];

export const SORTABLE_FIELDS = ['name', 'alias', 'cloudStatus'] as const;
export type SortableField = (typeof SORTABLE_FIELDS)[number];

export class FilterBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterBuildError';
  }
}

export function filterFieldInfo(field: string): FilterFieldInfo | undefined {
  return FILTER_FIELDS.find((info) => info.field === field);
}

function requireOperator(field: FilterField, operator: FilterOperator): FilterFieldInfo {
  const info = filterFieldInfo(field);
  if (!info) throw new FilterBuildError(`"${field}" cannot be filtered on.`);
  if (!info.operators.includes(operator)) {
    throw new FilterBuildError(`Field "${field}" does not support "${operator}" (allowed: ${info.operators.join(', ')}).`);
  }
  return info;
}

/** `"…"` with `\` → `\\` and `"` → `\"`. */
export function quoteFilterString(s: string): string {
  return `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function literal(info: FilterFieldInfo, value: string | boolean): string {
  if (info.valueType === 'boolean') {
    if (typeof value !== 'boolean') throw new FilterBuildError(`Field "${info.field}" takes true or false, not ${JSON.stringify(value)}.`);
    return value ? 'true' : 'false';
  }
  if (typeof value !== 'string') throw new FilterBuildError(`Field "${info.field}" takes a string, not ${JSON.stringify(value)}.`);
  return quoteFilterString(value);
}

/** `field eq "value"` (or `field eq true` for boolean fields). */
export function eq(field: FilterField, value: string | boolean): string {
  return `${field} eq ${literal(requireOperator(field, 'eq'), value)}`;
}

/** `field sw "prefix"` (starts with). */
export function sw(field: FilterField, value: string): string {
  return `${field} sw ${literal(requireOperator(field, 'sw'), value)}`;
}

/** `field in ("a","b")`. */
export function inList(field: FilterField, values: string[]): string {
  const info = requireOperator(field, 'in');
  if (values.length === 0) throw new FilterBuildError(`"${field} in" needs at least one value.`);
  return `${field} in (${values.map((value) => literal(info, value)).join(',')})`;
}

function join(operator: 'and' | 'or', parts: string[]): string {
  const present = parts.filter((part) => part && part.trim());
  if (present.length === 0) return '';
  if (present.length === 1) return present[0];
  return present.map((part) => `(${part})`).join(` ${operator} `);
}

/** Conjunction; empty parts are skipped, each part is parenthesised. */
export function and(...parts: string[]): string {
  return join('and', parts);
}

/** Disjunction; empty parts are skipped, each part is parenthesised. */
export function or(...parts: string[]): string {
  return join('or', parts);
}

export function not(part: string): string {
  if (!part.trim()) throw new FilterBuildError('"not" needs an expression.');
  return `not (${part})`;
}

/** A sorters entry: `name` or `-name`. */
export function sorter(field: SortableField, descending = false): string {
  if (!SORTABLE_FIELDS.includes(field)) throw new FilterBuildError(`"${field}" cannot be sorted on (allowed: ${SORTABLE_FIELDS.join(', ')}).`);
  return descending ? `-${field}` : field;
}

