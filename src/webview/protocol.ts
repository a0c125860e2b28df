// The ONE message protocol between the details-panel host (extension) and its webview app (browser).
// Shared by src/webview/host and src/webview/app: no `vscode`, no Node, no DOM. Types plus runtime guards.
import type { Identity, OwnedObject, RoleAssignment, RoleAssignmentRef } from '../api/types';
import type { FieldCheck, TypedParseResult } from '../model/messageChecks';
import { booleanField, countField, enumField, idField, isOneOf, isPlainObject, objectField, parseTypedMessage, textField } from '../model/messageChecks';
import { hasPageStrings } from '../model/pageStrings';

export const IDENTITY_PANEL_VIEW_TYPE = 'iscExplorer.identityDetails';

/** Identity actions (commands `iscExplorer.<name>`), the only ones a panel may run. */
export const PANEL_ACTIONS = [
  'resetIdentity',
  'synchronizeAttributes',
  'processIdentities',
  'inviteIdentities',
  'sendPasswordResetEmail',
  'deleteIdentity',
] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

const RETRY_SECTIONS = ['identity', 'assignments', 'ownership', 'assignment'] as const;
export type DataSection = (typeof RETRY_SECTIONS)[number];

/** `assignment`: the selected role assignment's details, focused once they are painted (opened from the tree). */
const FOCUS_SECTIONS = ['header', 'attributes', 'assignments', 'assignment', 'ownership'] as const;
export type FocusSection = (typeof FOCUS_SECTIONS)[number];

const SECTION_STATUSES = ['idle', 'loading', 'ready', 'error', 'notFound'] as const;
type SectionStatus = (typeof SECTION_STATUSES)[number];

const PANEL_STATES = ['loading', 'ready', 'error', 'notFound', 'deleted'] as const;
export type PanelState = (typeof PANEL_STATES)[number];

/** An API failure as the panel shows it: ISC's own message text first. */
export interface ErrorInfo {
  kind: string;
  status?: number;
  message: string;
  serverMessages: string[];
  trackingId?: string;
  detailCode?: string;
}

/** One section's data as it travels to the webview. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: ErrorInfo }
  | { status: 'notFound'; message: string };

/** OwnershipDetails without the raw body (that only goes to "Open raw JSON"). */
export interface OwnershipView {
  groups: { associationType: string; entities: OwnedObject[] }[];
  shape: 'nested' | 'flat' | 'empty' | 'unknown';
}

/** What the panel shows of its tenant; sent in `init` and again (`tenant`) whenever it changes. */
export interface PanelTenant {
  tenantLabel: string;
  readOnly: boolean;
}

export interface PanelIdentity extends PanelTenant {
  tenantId: string;
  identityId: string;
  name: string;
}

export interface AssignmentSelection {
  assignmentId: string;
  data: Loadable<RoleAssignment>;
}

// ---------------------------------------------------------------- page texts

/** Every text the page shows, by key; templates with `{0}`… are filled by the page. Localized by the host. */
export const PANEL_STRING_KEYS = [
  'valueBidi', 'valueBidiTitle', 'valueShowLess', 'valueShowAll', 'valueEmpty', 'valueNoValues', 'yes', 'no', 'valueDateLocale',
  'ownerTypeRole', 'ownerTypeSource', 'ownerTypeCampaign',
  'attributesHeading', 'assignmentsHeading', 'ownershipHeading', 'statusDeleted', 'statusIdentityError',
  'statusNotFound', 'statusRefreshing', 'statusLoadingIdentity', 'statusFailed', 'statusFailedJoin',
  'statusFailedAssignments', 'statusFailedOwnership', 'statusFailedAssignment', 'statusLoadingRest', 'statusLoaded',
  'httpStatus', 'trackingId', 'retry', 'refreshing', 'none', 'unknown', 'openDetailsOf', 'copy', 'tooBigToCopy',
  'deletedBanner', 'readOnlyBanner', 'identityNotFound', 'identityNotFoundMessage', 'identityError',
  'loadingIdentity', 'protectedTitle', 'protectedBadge', 'protectedValue', 'manuallyUpdated', 'factAlias',
  'factEmail', 'factIdentityStatus', 'factProcessingState', 'factLifecycleState', 'factManager', 'factIsManager',
  'factCreated', 'factModified', 'factLastRefresh', 'factId', 'factTenant', 'copyId', 'unknownManager',
  'actionSynchronize', 'actionSynchronizeTitle', 'actionProcess', 'actionProcessTitle', 'actionReset',
  'actionResetTitle', 'actionInvite', 'actionInviteTitle', 'actionPasswordReset', 'actionPasswordResetTitle',
  'actionDelete', 'actionDeleteTitle', 'actionNotAvailable', 'actionsGroup', 'actionsGroupLocked', 'panelGroup',
  'refresh', 'refreshTitle', 'openRawJson', 'openRawJsonTitle', 'filterPlaceholder', 'filterLabel',
  'noAttributeMatch', 'noAttributes', 'copyValueOf', 'attributeCountOne', 'attributeCountMany',
  'attributeFilteredOne', 'attributeFilteredMany', 'columnAttribute', 'columnValue', 'assignmentsError',
  'assignmentsNotFound', 'loadingAssignments', 'noAssignments', 'assignmentsTableOne', 'assignmentsTableMany',
  'unnamedRole', 'assignmentTitle', 'columnRole', 'columnAdded', 'columnStart', 'columnRemove', 'selectAssignment',
  'assignmentHeading', 'loadingAssignment', 'assignmentError', 'assignmentNotFound', 'factAssignmentId',
  'factAssigner', 'factAssignmentSource', 'factComments', 'factDimensions', 'factComputed', 'refType', 'refId',
  'accountTargetsHeading', 'noAccountTargets', 'columnSource', 'columnAccount', 'columnDisplayName', 'columnVia',
  'contextHeading', 'noContext', 'contextRequested', 'contextMatched', 'columnDerived', 'ownershipError',
  'ownershipNotFound', 'loadingOwnership', 'ownershipIntro', 'ownsNothing', 'ownershipUnexpected', 'objectCountOne',
  'objectCountMany', 'columnName', 'columnType', 'columnId',
] as const;
export type PanelStrings = Record<(typeof PANEL_STRING_KEYS)[number], string>;

/** The page's check of `init.strings`: every key present, a string, capped. */
export function isPanelStrings(value: unknown): value is PanelStrings {
  return hasPageStrings(value, PANEL_STRING_KEYS);
}

// ---------------------------------------------------------------- host -> webview

export type HostMessageBody =
  | {
      type: 'init';
      strings: PanelStrings;
      panel: PanelIdentity;
      identity: Loadable<Identity>;
      assignments: Loadable<RoleAssignmentRef[]>;
      ownership: Loadable<OwnershipView>;
      assignment?: AssignmentSelection;
      deleted: boolean;
      focus?: FocusSection;
    }
  | { type: 'identity'; data: Loadable<Identity> }
  | { type: 'assignments'; data: Loadable<RoleAssignmentRef[]> }
  | { type: 'ownership'; data: Loadable<OwnershipView> }
  | { type: 'assignment'; selection: AssignmentSelection }
  | { type: 'deleted' }
  | { type: 'focus'; section: FocusSection }
  | { type: 'tenant'; tenant: PanelTenant };

/** Every host message carries the host's revision counter; render reports echo the last one applied. */
export type HostToWebviewMessage = HostMessageBody & { rev: number };

const HOST_MESSAGE_TYPES = ['init', 'identity', 'assignments', 'ownership', 'assignment', 'deleted', 'focus', 'tenant'] as const;

/** Tenant labels are shown in a banner; the host never sends more (a longer one is not ours). */
const MAX_TENANT_LABEL = 1024;

function isPanelTenant(value: unknown): value is PanelTenant {
  return isPlainObject(value) && typeof value.readOnly === 'boolean' && typeof value.tenantLabel === 'string' && value.tenantLabel.length <= MAX_TENANT_LABEL;
}

/** Shallow check the app runs on what it receives (it renders defensively anyway). */
export function isHostToWebviewMessage(value: unknown): value is HostToWebviewMessage {
  if (!isPlainObject(value) || !isOneOf(value.type, HOST_MESSAGE_TYPES) || typeof value.rev !== 'number') return false;
  switch (value.type) {
    case 'init':
      return isPanelStrings(value.strings) && isPanelTenant(value.panel) && isLoadable(value.identity) && isLoadable(value.assignments) && isLoadable(value.ownership);
    case 'identity':
    case 'assignments':
    case 'ownership':
      return isLoadable(value.data);
    case 'assignment':
      return isPlainObject(value.selection) && typeof value.selection.assignmentId === 'string' && isLoadable(value.selection.data);
    case 'focus':
      return isOneOf(value.section, FOCUS_SECTIONS);
    case 'tenant':
      return isPanelTenant(value.tenant);
    default:
      return true;
  }
}

function isLoadable(value: unknown): boolean {
  return isPlainObject(value) && isOneOf(value.status, SECTION_STATUSES);
}

// ---------------------------------------------------------------- webview -> host

/** What the app reports after each paint: evidence for tests and the click-to-painted timing. */
export interface RenderReport {
  seq: number;
  /** `rev` of the last host message this paint reflects. */
  rev: number;
  identityId: string;
  /** Sections painted by this paint. */
  sections: string[];
  state: PanelState;
  header: SectionStatus;
  assignments: SectionStatus;
  ownership: SectionStatus;
  assignment: SectionStatus;
  name?: string;
  managerName?: string;
  attributeCount?: number;
  assignmentCount?: number;
  ownershipGroups?: number;
  ownedCount?: number;
  selectedAssignmentId?: string;
  errorMessage?: string;
  /** Whether the read-only banner shows. */
  readOnlyBanner?: boolean;
  /** How many action buttons are locked (read-only tenant). */
  lockedActions?: number;
  /** The `section-…` id around the element that has the keyboard focus. */
  focusedSection?: string;
}

export type WebviewToHostMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'retry'; section: DataSection }
  | { type: 'openIdentity'; identityId: string }
  | { type: 'selectAssignment'; assignmentId: string }
  | { type: 'copy'; text: string }
  | { type: 'runAction'; action: PanelAction }
  | { type: 'openRawJson' }
  /** The user started working in the panel (typed in the filter): a preview panel is kept. */
  | { type: 'keep' }
  | { type: 'rendered'; report: RenderReport };

type WebviewMessageType = WebviewToHostMessage['type'];

export const LIMITS = {
  /** Identity and assignment ids: ISC uses 32 hex characters; allow some slack, never path characters. */
  idLength: 128,
  /** Copying a value: the 100 KB attribute values must fit. */
  copyText: 1_048_576,
  /** Strings inside a render report (a hostile name may be long). */
  reportText: 262_144,
  reportSections: 16,
} as const;

export type ParseResult = TypedParseResult<WebviewToHostMessage>;

const identityIdField = idField(LIMITS.idLength);

const REPORT_FIELDS: Record<keyof RenderReport, FieldCheck> = {
  seq: countField(false),
  rev: countField(false),
  identityId: identityIdField,
  sections: (v) =>
    !Array.isArray(v) ? 'not an array' : v.length > LIMITS.reportSections ? 'too many' : v.every((s) => typeof s === 'string' && s.length <= 32) ? undefined : 'bad section',
  state: enumField(PANEL_STATES),
  header: enumField(SECTION_STATUSES),
  assignments: enumField(SECTION_STATUSES),
  ownership: enumField(SECTION_STATUSES),
  assignment: enumField(SECTION_STATUSES),
  name: textField(LIMITS.reportText, true),
  managerName: textField(LIMITS.reportText, true),
  attributeCount: countField(),
  assignmentCount: countField(),
  ownershipGroups: countField(),
  ownedCount: countField(),
  selectedAssignmentId: (v) => (v === undefined ? undefined : identityIdField(v)),
  errorMessage: textField(LIMITS.reportText, true),
  readOnlyBanner: booleanField(true),
  lockedActions: countField(),
  focusedSection: textField(64, true),
};
const REPORT_REQUIRED: readonly (keyof RenderReport)[] = ['seq', 'rev', 'identityId', 'sections', 'state', 'header', 'assignments', 'ownership', 'assignment'];

const reportField = objectField(REPORT_FIELDS, REPORT_REQUIRED);

/** Allowed fields per message type; every listed field is required, no other field is allowed. */
const MESSAGE_FIELDS: Record<WebviewMessageType, Record<string, FieldCheck>> = {
  ready: {},
  refresh: {},
  openRawJson: {},
  keep: {},
  retry: { section: enumField(RETRY_SECTIONS) },
  openIdentity: { identityId: identityIdField },
  selectAssignment: { assignmentId: identityIdField },
  copy: { text: textField(LIMITS.copyText) },
  runAction: { action: enumField(PANEL_ACTIONS) },
  rendered: { report: reportField },
};

/**
 * Validates a message from the webview. Anything unexpected — not an object, unknown type, missing or
 * extra fields, wrong types, oversized strings — is rejected with a reason (the host logs it and ignores it).
 */
export function parseWebviewMessage(value: unknown): ParseResult {
  return parseTypedMessage<WebviewToHostMessage>(value, MESSAGE_FIELDS);
}

// ---------------------------------------------------------------- persisted webview state

/** What the app keeps with setState; the serializer restores a panel from it after a window reload. */
export interface PanelPersistedState {
  tenantId: string;
  identityId: string;
  name: string;
  filter?: string;
  selectedAssignmentId?: string;
}

export function parsePersistedState(value: unknown): PanelPersistedState | undefined {
  if (!isPlainObject(value)) return undefined;
  if (typeof value.tenantId !== 'string' || value.tenantId.length === 0 || value.tenantId.length > 256) return undefined;
  if (identityIdField(value.identityId) !== undefined) return undefined;
  const name = typeof value.name === 'string' ? value.name.slice(0, 1024) : String(value.identityId);
  const selected = typeof value.selectedAssignmentId === 'string' && identityIdField(value.selectedAssignmentId) === undefined ? value.selectedAssignmentId : undefined;
  const filter = typeof value.filter === 'string' ? value.filter.slice(0, 1024) : undefined;
  return { tenantId: value.tenantId, identityId: value.identityId as string, name, filter, selectedAssignmentId: selected };
}
