// Parsing of what a language model passes to the tools. VS Code checks the input against the declared schema, but a
// model's JSON is still untrusted: every field is checked here again, and every problem is a sentence the model can
// act on (ToolInputError). No `vscode` import.
import { FilterBuildError, SORTABLE_FIELDS, and, eq, filterFieldInfo, inList, sw } from '../../api/filters';
import type { FilterField } from '../../api/filters';
import { validateFilterExpression } from '../../api/filterValidation';
import type { ListIdentitiesQuery, VerificationVia } from '../../api/types';
import { isValidSorters } from '../viewState';

/** A problem with the tool input: the message tells the model what to change. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/** Rows a find may ask for at once, and the default. */
const MAX_FIND_LIMIT = 50;
const DEFAULT_FIND_LIMIT = 20;

/** ISC ids are 32 hex characters; anything id-shaped is accepted, nothing that could smuggle filter syntax. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

type Json = Record<string, unknown>;

function asObject(raw: unknown): Json {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Json) : {};
}

function optionalString(input: Json, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ToolInputError(`"${key}" must be a string.`);
  return value.trim() || undefined;
}

function optionalInteger(input: Json, key: string, min: number, max: number, fallback: number): number {
  const value = input[key];
  if (value === undefined || value === null) return fallback;
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new ToolInputError(`"${key}" must be a number.`);
  return Math.min(max, Math.max(min, Math.floor(n)));
}

export function tenantFromInput(raw: unknown): string | undefined {
  return optionalString(asObject(raw), 'tenant');
}

/** One identity id (trimmed, id-shaped). */
export function identityIdFromInput(raw: unknown, key = 'identityId'): string {
  const id = optionalString(asObject(raw), key);
  if (!id) throw new ToolInputError(`"${key}" is required (the identity id, e.g. from the find-identities tool).`);
  if (!ID_PATTERN.test(id)) throw new ToolInputError(`"${key}" is not an identity id: ids are letters, digits, ".", "_" and "-".`);
  return id;
}

/** Distinct, id-shaped ids; undefined when the key is absent. */
export function identityIdsFromInput(raw: unknown, key = 'identityIds'): string[] | undefined {
  const value = asObject(raw)[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new ToolInputError(`"${key}" must be a list of identity ids.`);
  const ids: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !ID_PATTERN.test(item.trim())) {
      throw new ToolInputError(`"${key}" holds something that is not an identity id; ids are letters, digits, ".", "_" and "-".`);
    }
    if (!ids.includes(item.trim())) ids.push(item.trim());
  }
  if (ids.length === 0) throw new ToolInputError(`"${key}" is empty.`);
  return ids;
}

function conditionFilter(condition: unknown, index: number): string {
  const c = asObject(condition);
  const where = `conditions[${index}]`;
  if (typeof c.field !== 'string' || typeof c.op !== 'string') throw new ToolInputError(`${where} needs "field", "op" and "value".`);
  const info = filterFieldInfo(c.field);
  if (!info) throw new ToolInputError(`${where}: "${c.field}" cannot be filtered on (fields: id, name, alias, firstname, lastname, email, cloudStatus, processingState, correlated, protected).`);
  const field: FilterField = info.field;
  const op = c.op.toLowerCase();
  let value = c.value;
  if (info.valueType === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value)) value = value.toLowerCase() === 'true';
  try {
    if (op === 'eq' && (typeof value === 'string' || typeof value === 'boolean')) return eq(field, value);
    if (op === 'sw' && typeof value === 'string') return sw(field, value);
    if (op === 'in' && Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return inList(field, value);
  } catch (error) {
    if (error instanceof FilterBuildError) throw new ToolInputError(`${where}: ${error.message}`);
    throw error;
  }
  if (!(info.operators as readonly string[]).includes(op)) {
    throw new ToolInputError(`${where}: "${info.field}" does not support "${c.op}" (allowed: ${info.operators.join(', ')}).`);
  }
  throw new ToolInputError(
    `${where}: "${op}" on "${info.field}" takes ${op === 'in' ? 'a list of strings' : info.valueType === 'boolean' ? 'true or false' : 'a string'}.`,
  );
}

/** The filters expression of `filter` (ISC syntax, checked) and `conditions` (structured), joined with `and`. */
export function filtersFromInput(raw: unknown): string | undefined {
  const input = asObject(raw);
  const parts: string[] = [];
  const filter = optionalString(input, 'filter');
  if (filter) {
    const problem = validateFilterExpression(filter);
    if (problem) throw new ToolInputError(`${problem} Strings go in double quotes, e.g. name sw "Ann" and cloudStatus eq "ACTIVE".`);
    parts.push(filter);
  }
  const conditions = input.conditions;
  if (conditions !== undefined && conditions !== null) {
    if (!Array.isArray(conditions)) throw new ToolInputError('"conditions" must be a list of {field, op, value}.');
    conditions.forEach((condition, index) => parts.push(conditionFilter(condition, index)));
  }
  return and(...parts) || undefined;
}

function defaultFilterFromInput(input: Json): 'NONE' | 'CORRELATED_ONLY' {
  const value = optionalString(input, 'defaultFilter');
  if (value === undefined || value.toUpperCase() === 'NONE') return 'NONE';
  if (value.toUpperCase() === 'CORRELATED_ONLY') return 'CORRELATED_ONLY';
  throw new ToolInputError('"defaultFilter" is NONE (every identity, the default) or CORRELATED_ONLY.');
}

/** The list-identities query of a find: filters, sorters, default filter, limit (≤ 50) and offset; always counted. */
export function findQueryFromInput(raw: unknown, defaultLimit = DEFAULT_FIND_LIMIT): ListIdentitiesQuery {
  const input = asObject(raw);
  const sorters = optionalString(input, 'sorters');
  if (sorters && !isValidSorters(sorters)) {
    throw new ToolInputError(`"sorters" takes ${SORTABLE_FIELDS.join(', ')}, comma-separated, "-" in front for descending (e.g. "-name").`);
  }
  return {
    filters: filtersFromInput(input),
    sorters: sorters?.replace(/\s+/g, ''),
    defaultFilter: defaultFilterFromInput(input),
    limit: optionalInteger(input, 'limit', 1, MAX_FIND_LIMIT, defaultLimit),
    offset: optionalInteger(input, 'offset', 0, Number.MAX_SAFE_INTEGER, 0),
    count: true,
  };
}

/** What the get-identity tool adds to the header and attributes. */
export function identityIncludesFromInput(raw: unknown): { roleAssignments: boolean; ownership: boolean } {
  const input = asObject(raw);
  return { roleAssignments: input.includeRoleAssignments === true, ownership: input.includeOwnership === true };
}

// --- the acting tool --------------------------------------------------------------------------------------------

const TOOL_ACTIONS = ['reset', 'synchronize', 'process', 'invite', 'passwordResetEmail'] as const;
export type ToolActionName = (typeof TOOL_ACTIONS)[number];

const VERIFICATION_VIAS: readonly VerificationVia[] = ['EMAIL_WORK', 'EMAIL_PERSONAL', 'LINK_WORK', 'LINK_PERSONAL'];

/** Identities one tool call may act on: more must be done in the Identities view (or as a job). */
export const MAX_ACTION_TARGETS = 100;

type ActionTarget =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'filter'; filters: string; defaultFilter: 'NONE' | 'CORRELATED_ONLY' };

export interface ActionInput {
  tenant?: string;
  action: ToolActionName;
  target: ActionTarget;
  /** Password-reset email only. */
  via?: VerificationVia;
  sourceName?: string;
}

export function actionInputFromInput(raw: unknown): ActionInput {
  const input = asObject(raw);
  const action = optionalString(input, 'action');
  if (action && /delete/i.test(action)) throw new ToolInputError('Deleting identities is not offered as a tool; a person can delete one identity at a time in the Identities view.');
  const known = TOOL_ACTIONS.find((a) => a.toLowerCase() === action?.toLowerCase());
  if (!known) throw new ToolInputError(`"action" is one of ${TOOL_ACTIONS.join(', ')}.`);
  const ids = identityIdsFromInput(input);
  const filters = filtersFromInput(input);
  if (ids && filters) throw new ToolInputError('Give either "identityIds" or a filter ("filter" / "conditions"), not both.');
  if (!ids && !filters) throw new ToolInputError('Say which identities: "identityIds" (from the find-identities tool) or a filter ("filter" / "conditions").');
  if (ids && ids.length > MAX_ACTION_TARGETS) {
    throw new ToolInputError(`At most ${MAX_ACTION_TARGETS} identities per call; ${ids.length} were given. Split the work or use the Identities view.`);
  }
  const target: ActionTarget = ids ? { kind: 'ids', ids } : { kind: 'filter', filters: filters as string, defaultFilter: defaultFilterFromInput(input) };
  const result: ActionInput = { tenant: optionalString(input, 'tenant'), action: known, target };
  if (known === 'passwordResetEmail') {
    const via = optionalString(input, 'via') ?? 'EMAIL_WORK';
    const knownVia = VERIFICATION_VIAS.find((v) => v.toLowerCase() === via.toLowerCase());
    if (!knownVia) throw new ToolInputError(`"via" is one of ${VERIFICATION_VIAS.join(', ')}.`);
    const sourceName = optionalString(input, 'sourceName');
    if (!sourceName) throw new ToolInputError('"sourceName" is required for a password-reset email: the source whose account password is reset (e.g. "Active Directory").');
    result.via = knownVia;
    result.sourceName = sourceName.slice(0, 200);
  }
  return result;
}

/** What "needs attention" means for the tools: identities whose last processing failed. */
export const NEEDS_ATTENTION_FILTER = 'processingState eq "ERROR"';
