// The message protocol between the compare panel's host (extension) and its page (browser). Shared by
// src/compare/host and src/compare/app: no `vscode`, no Node, no DOM. Types plus the runtime checks of both ends.
import type { IdentityDiff } from '../model/compare/identityDiff';
import type { FieldCheck, TypedParseResult } from '../model/messageChecks';
import { booleanField, countField, enumField, idField, isOneOf, isPlainObject, objectField, parseTypedMessage, textField } from '../model/messageChecks';
import { hasPageStrings } from '../model/pageStrings';

export const COMPARE_VIEW_TYPE = 'iscExplorer.compareIdentities';

export type Side = 'a' | 'b';
const SIDES = ['a', 'b'] as const;

export interface CompareSideInfo {
  tenantId: string;
  tenantLabel: string;
  identityId: string;
  name: string;
}

/** Why one side could not be loaded, as the page shows it (ISC's own message text first). */
export interface SideProblem {
  kind: 'error' | 'notFound';
  message: string;
  serverMessages: string[];
  status?: number;
  trackingId?: string;
}

export type CompareState =
  | { status: 'loading' }
  | { status: 'ready'; diff: IdentityDiff; notes: string[]; loadedAt: string }
  | { status: 'failed'; problems: Partial<Record<Side, SideProblem>> };

// ---------------------------------------------------------------- page texts

/** Every text the page shows, by key; templates with `{0}`… are filled by the page. Localized by the host. */
export const COMPARE_STRING_KEYS = [
  'valueBidi', 'valueBidiTitle', 'valueShowLess', 'valueShowAll', 'valueEmpty', 'valueNoValues', 'yes', 'no', 'valueDateLocale',
  'title', 'toolbarLabel', 'factsHeading', 'attributesHeading', 'rolesHeading', 'ownershipHeading', 'sideA', 'sideB',
  'identityA', 'identityB', 'openDetailsOf', 'crossTenant', 'viewGroup', 'hideEqual', 'hideEqualTitle', 'copyGroup',
  'copyMarkdown', 'copyMarkdownTitle', 'copyCsv', 'copyCsvTitle', 'refresh', 'refreshTitle', 'loadingBoth',
  'refreshing', 'factsDifferOne', 'factsDifferMany', 'attributesDifferOne', 'attributesDifferMany',
  'attributeCountOne', 'attributeCountMany', 'rolesSummary', 'sideWho', 'sideNotFound', 'sideError', 'httpStatus',
  'trackingId', 'retry', 'columnStatus', 'columnFact', 'columnAttribute', 'notSet', 'factsTable',
  'attributesTableOne', 'attributesTableMany', 'equalHiddenOne', 'equalHiddenMany', 'noAttributes',
  'noAttributeDiffers', 'onlyInAPrefix', 'onlyInBPrefix', 'statusEqual', 'statusDiffers', 'onlyInA', 'onlyInB',
  'inBoth', 'matchedByName', 'matchedById', 'noneInGroup', 'rolesTableOnlyA', 'rolesTableOnlyB', 'rolesTableBoth',
  'columnRole', 'columnSource', 'columnAdded', 'columnStart', 'columnRemove', 'notRead', 'assignmentTitle',
  'fieldsDiffer', 'ownershipUnreadable', 'ownsNothing', 'ownedTableOne', 'ownedTableMany', 'columnOwnerOf',
  'columnType', 'columnName',
] as const;
export type CompareStrings = Record<(typeof COMPARE_STRING_KEYS)[number], string>;

/** The page's check of `init.strings`: every key present, a string, capped. */
export function isCompareStrings(value: unknown): value is CompareStrings {
  return hasPageStrings(value, COMPARE_STRING_KEYS);
}

// ---------------------------------------------------------------- host -> page

export type CompareHostMessageBody =
  | { type: 'init'; strings: CompareStrings; a: CompareSideInfo; b: CompareSideInfo; crossTenant: boolean; state: CompareState }
  | { type: 'state'; a: CompareSideInfo; b: CompareSideInfo; state: CompareState };

/** Every host message carries the host's revision; render reports echo the last one applied. */
export type CompareHostMessage = CompareHostMessageBody & { rev: number };

const STATES = ['loading', 'ready', 'failed'] as const;

/** The page's check of what it receives (it renders defensively anyway). */
export function isCompareHostMessage(value: unknown): value is CompareHostMessage {
  if (!isPlainObject(value) || typeof value.rev !== 'number') return false;
  const state = value.state;
  if (!isPlainObject(state) || !isOneOf(state.status, STATES)) return false;
  if (state.status === 'ready' && !isPlainObject(state.diff)) return false;
  if (!isSideInfo(value.a) || !isSideInfo(value.b)) return false;
  if (value.type === 'state') return true;
  return value.type === 'init' && isCompareStrings(value.strings) && typeof value.crossTenant === 'boolean';
}

function isSideInfo(value: unknown): value is CompareSideInfo {
  return isPlainObject(value) && ['tenantId', 'tenantLabel', 'identityId', 'name'].every((key) => typeof value[key] === 'string');
}

// ---------------------------------------------------------------- page -> host

const COPY_FORMATS = ['markdown', 'csv'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];
const COPY_SCOPES = ['differences', 'all'] as const;
export type CopyScope = (typeof COPY_SCOPES)[number];

/** What the page reports after each paint: evidence for tests, read back from the DOM it built. */
export interface CompareRenderReport {
  seq: number;
  rev: number;
  state: (typeof STATES)[number];
  hideEqual: boolean;
  nameA?: string;
  nameB?: string;
  factRows?: number;
  factDifferences?: number;
  attributeRows?: number;
  attributeRowsShown?: number;
  attributeDifferences?: number;
  roleOnlyA?: number;
  roleOnlyB?: number;
  roleBoth?: number;
  ownershipRows?: number;
  errorMessage?: string;
}

export type CompareWebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'copy'; format: CopyFormat; scope: CopyScope }
  | { type: 'openIdentity'; side: Side }
  | { type: 'hideEqual'; value: boolean }
  | { type: 'rendered'; report: CompareRenderReport };

const REPORT_TEXT_MAX = 262_144;

const count = countField();
const requiredCount = countField(false);
const text = textField(REPORT_TEXT_MAX, true);
const bool = booleanField();
const oneOf = enumField;

const REPORT_FIELDS: Record<keyof CompareRenderReport, FieldCheck> = {
  seq: requiredCount,
  rev: requiredCount,
  state: oneOf(STATES),
  hideEqual: bool,
  nameA: text,
  nameB: text,
  factRows: count,
  factDifferences: count,
  attributeRows: count,
  attributeRowsShown: count,
  attributeDifferences: count,
  roleOnlyA: count,
  roleOnlyB: count,
  roleBoth: count,
  ownershipRows: count,
  errorMessage: text,
};

const report = objectField(REPORT_FIELDS, ['seq', 'rev', 'state', 'hideEqual']);

/** Allowed fields per message type: each listed field is required, no other field is allowed. */
const MESSAGE_FIELDS: Record<CompareWebviewMessage['type'], Record<string, FieldCheck>> = {
  ready: {},
  refresh: {},
  copy: { format: oneOf(COPY_FORMATS), scope: oneOf(COPY_SCOPES) },
  openIdentity: { side: oneOf(SIDES) },
  hideEqual: { value: bool },
  rendered: { report },
};

export type CompareParseResult = TypedParseResult<CompareWebviewMessage>;

/** Validates a message from the page; anything unexpected is rejected with a reason (logged, then ignored). */
export function parseCompareMessage(value: unknown): CompareParseResult {
  return parseTypedMessage<CompareWebviewMessage>(value, MESSAGE_FIELDS);
}

// ---------------------------------------------------------------- persisted page state

/** What the page keeps with setState; the serializer reopens the comparison from it after a window reload. */
export interface ComparePersistedState {
  a: { tenantId: string; identityId: string; name: string };
  b: { tenantId: string; identityId: string; name: string };
  hideEqual: boolean;
}

const identityIdField = idField(128);

export function parseComparePersistedState(value: unknown): ComparePersistedState | undefined {
  if (!isPlainObject(value)) return undefined;
  const side = (raw: unknown): ComparePersistedState['a'] | undefined => {
    if (!isPlainObject(raw) || typeof raw.tenantId !== 'string' || !raw.tenantId || raw.tenantId.length > 256) return undefined;
    if (typeof raw.identityId !== 'string' || identityIdField(raw.identityId) !== undefined) return undefined;
    return { tenantId: raw.tenantId, identityId: raw.identityId, name: typeof raw.name === 'string' ? raw.name.slice(0, 1024) : raw.identityId };
  };
  const a = side(value.a);
  const b = side(value.b);
  return a && b ? { a, b, hideEqual: value.hideEqual === true } : undefined;
}
