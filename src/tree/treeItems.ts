// TreeItems of the nodes: labels, descriptions, codicons, markdown tooltips (identity data escaped), context values.
// Identity and role assignment rows get their tooltips on hover (IdentityTreeProvider.resolveTreeItem).
import * as vscode from 'vscode';
import type { RoleAssignmentRef } from '../api/types';
import type { IdentityRow } from '../model/identityRow';
import { shownIdentity } from '../model/identityRow';
import type { TenantInfo } from '../model/tenant';
import type { TenantViewState } from '../model/viewState';
import { describeSorters, describeViewState } from '../model/viewState';
import type { DateOptions, IdentityStatusInfo, IdentityVisualState } from '../model/identityDisplay';
import {
  displayText,
  escapeMarkdown,
  identityDescription,
  identityFacts,
  identityLabel,
  identityStatusInfo,
  roleAssignmentDescription,
  roleAssignmentFacts,
  roleAssignmentLabel,
} from '../model/identityDisplay';
import type { CredentialStatus } from '../auth/tenantRegistry';
import { credentialsFailed } from '../auth/tenantRegistry';
import type { IdentityNode, PlaceholderNode, RoleAssignmentNode, TenantNode } from './nodes';

const OPEN_IDENTITY_COMMAND = 'iscExplorer.openIdentityDetails';
const OPEN_ROLE_ASSIGNMENT_COMMAND = 'iscExplorer.openRoleAssignmentDetails';
/**
 * The last argument of a row's click command: the details panel opens as a preview, replaced by the next click and
 * kept on a double click (as the Explorer opens files). VS Code runs a row's command only while one row is selected.
 */
const TREE_CLICK = Object.freeze({ preview: true });

/** A tooltip that renders identity data as text: no HTML, no command links, no theme icons. */
function safeMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

/** Appends `**Label:** value` lines; values are data, escaped so that nothing in them is markup. */
function appendFacts(md: vscode.MarkdownString, facts: [string, string][]): void {
  for (const [label, value] of facts) md.appendMarkdown(`**${label}:** ${escapeMarkdown(displayText(value, 300))}  \n`);
}

function appendTitle(md: vscode.MarkdownString, title: string, suffix = ''): void {
  md.appendMarkdown(`**${escapeMarkdown(title)}**${suffix}  \n`);
}

/**
 * Codicon and colour per state. The two errors look different on purpose: identity status ERROR is the identity's
 * own state (red error), processing state ERROR means its last processing (recalculation) failed (orange sync-ignored).
 */
const STATUS_ICONS: Record<IdentityVisualState, [string, string | undefined]> = {
  processingError: ['sync-ignored', 'charts.orange'],
  error: ['error', 'list.errorForeground'],
  locked: ['lock', 'list.warningForeground'],
  disabled: ['circle-slash', 'disabledForeground'],
  inactive: ['person', 'disabledForeground'],
  unregistered: ['person-add', 'descriptionForeground'],
  pending: ['clock', 'descriptionForeground'],
  warning: ['warning', 'list.warningForeground'],
  active: ['person', undefined],
};

/** One ThemeIcon per state, shared by every row in that state (cached rows keep theirs). */
const STATUS_THEME_ICONS = Object.fromEntries(
  Object.entries(STATUS_ICONS).map(([state, [icon, color]]) => [state, new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined)]),
) as Record<IdentityVisualState, vscode.ThemeIcon>;

/** What a screen reader says about a state (the label says which ERROR it is). */
function statusPhrase(state: Exclude<IdentityVisualState, 'processingError'>, identityStatus: string): string {
  switch (state) {
    case 'error':
      return vscode.l10n.t('identity status ERROR');
    case 'locked':
      return vscode.l10n.t('locked');
    case 'disabled':
      return vscode.l10n.t('disabled');
    case 'inactive':
      return identityStatus === 'TERMINATED' ? vscode.l10n.t('terminated') : vscode.l10n.t('deactivated');
    case 'unregistered':
      return vscode.l10n.t('unregistered');
    case 'pending':
      return vscode.l10n.t('pending (invited, not registered yet)');
    case 'warning':
      return vscode.l10n.t('identity status WARNING');
    case 'active':
      return identityStatus ? vscode.l10n.t('identity status {0}', displayText(identityStatus, 40)) : vscode.l10n.t('active');
  }
}

/** The spoken state per identity visual state and status; rows in the same state share the text. */
const STATE_PHRASES = new Map<string, string>();
/** Identity statuses are an open enum: hostile data must not grow the map without bound. */
const MAX_STATE_PHRASES = 200;

function statePhrase(status: IdentityStatusInfo): string {
  const key = `${status.state}|${status.statusState}|${status.identityStatus}`;
  let phrase = STATE_PHRASES.get(key);
  if (phrase === undefined) {
    const parts: string[] = [];
    if (status.state === 'processingError') {
      parts.push(vscode.l10n.t('processing state ERROR (its last processing failed)'));
      if (status.statusState !== 'active') parts.push(statusPhrase(status.statusState, status.identityStatus));
    } else {
      parts.push(statusPhrase(status.statusState, status.identityStatus));
    }
    phrase = parts.join(', ');
    if (STATE_PHRASES.size < MAX_STATE_PHRASES) STATE_PHRASES.set(key, phrase);
  }
  return phrase;
}

/** Dates in tooltips: VS Code's display language, local time. */
function dateOptions(): DateOptions {
  return { locale: vscode.env.language };
}

export interface TenantItemInput {
  info: TenantInfo;
  viewState: TenantViewState;
  status: CredentialStatus;
  loaded?: number;
  /** X-Total-Count of the first page (undefined when ISC sent none). */
  total?: number;
  /** Whether more pages follow the loaded ones. */
  hasMore?: boolean;
}

/** "3 identities" from X-Total-Count; without a count, what is loaded ("250+ identities" while more follow). */
function identityCount(input: TenantItemInput): string | undefined {
  if (input.loaded === undefined) return undefined;
  const count = input.total ?? input.loaded;
  const text = count.toLocaleString(vscode.env.language);
  if (input.total === undefined && input.hasMore) return vscode.l10n.t('{0}+ identities', text);
  return count === 1 ? vscode.l10n.t('1 identity') : vscode.l10n.t('{0} identities', text);
}

export function tenantItem(node: TenantNode, input: TenantItemInput): vscode.TreeItem {
  const { info, viewState, status } = input;
  const item = new vscode.TreeItem(displayText(info.label, 80) || info.baseUrl, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const filterText = describeViewState(viewState, 50);
  item.description = [info.readOnly ? vscode.l10n.t('read-only') : undefined, identityCount(input), filterText].filter(Boolean).join(' · ');
  item.contextValue = info.readOnly ? 'tenant.readOnly' : 'tenant.writable';
  item.iconPath = credentialsFailed(status)
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : new vscode.ThemeIcon(info.source === 'environment' ? 'server-environment' : 'cloud');
  const md = safeMarkdown();
  appendTitle(md, displayText(info.label, 80), info.source === 'environment' ? vscode.l10n.t(' — environment tenant') : vscode.l10n.t(' — tenant'));
  const facts: [string, string][] = [
    [vscode.l10n.t('API'), info.baseUrl],
    [vscode.l10n.t('Client ID'), displayText(info.clientId, 80)],
    [vscode.l10n.t('Mode'), info.readOnly ? vscode.l10n.t('read-only (writes are blocked)') : vscode.l10n.t('writable')],
  ];
  if (viewState.filters) facts.push([vscode.l10n.t('Filter'), viewState.filters]);
  facts.push([vscode.l10n.t('Identities'), viewState.defaultFilter === 'CORRELATED_ONLY' ? vscode.l10n.t('correlated only') : vscode.l10n.t('all (defaultFilter NONE)')]);
  if (viewState.sorters) facts.push([vscode.l10n.t('Sort'), describeSorters(viewState.sorters)]);
  if (input.loaded !== undefined) {
    facts.push([vscode.l10n.t('Loaded'), input.total !== undefined ? vscode.l10n.t('{0} of {1}', input.loaded, input.total) : String(input.loaded)]);
  }
  if (credentialsFailed(status)) facts.push([vscode.l10n.t('Credentials'), status.message]);
  appendFacts(md, facts);
  item.tooltip = md;
  return item;
}

let openIdentityTitleText: string | undefined;

/** The click command's title, translated once (the display language changes only with a reload). */
function openIdentityTitle(): string {
  openIdentityTitleText ??= vscode.l10n.t('Open Identity Details');
  return openIdentityTitleText;
}

/** Context values of identity rows, one string per combination (every row in the same state shares it). */
const IDENTITY_CONTEXT_VALUES = new Map<string, string>();

function identityContextValue(readOnly: boolean, state: IdentityVisualState, isManager: boolean): string {
  const key = `${readOnly}|${state}|${isManager}`;
  let value = IDENTITY_CONTEXT_VALUES.get(key);
  if (value === undefined) {
    const flags = [readOnly ? 'readOnly' : 'writable'];
    if (state !== 'active') flags.push(state);
    if (isManager) flags.push('manager');
    value = `identity.${flags.join('.')}`;
    IDENTITY_CONTEXT_VALUES.set(key, value);
  }
  return value;
}

/**
 * The row of an identity, without a tooltip (built on hover by `identityTooltip`, via resolveTreeItem). Built on every
 * call and not kept: a TreeItem per loaded row would cost more memory than the row itself, and it is built from the
 * few fields of the IdentityRow (VS Code asks for every child again on every refresh of the tree).
 */
export function identityItem(node: IdentityNode, readOnly: boolean): vscode.TreeItem {
  const identity = shownIdentity(node.row);
  const label = identityLabel(identity);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = identityDescription(identity);
  const status = identityStatusInfo(identity);
  item.iconPath = STATUS_THEME_ICONS[status.state];
  item.contextValue = identityContextValue(readOnly, status.state, identity.isManager === true);
  // What a screen reader says: the label, then the state in words (both errors named apart).
  item.accessibilityInformation = { label: `${label}, ${statePhrase(status)}` };
  item.command = { command: OPEN_IDENTITY_COMMAND, title: openIdentityTitle(), arguments: [node.identityRef, undefined, TREE_CLICK] };
  return item;
}

/** The hover of an identity row: its facts as escaped text; `isProtected` when known (list `protected eq true`). */
export function identityTooltip(row: IdentityRow, isProtected?: boolean): vscode.MarkdownString {
  const identity = shownIdentity(row);
  const md = safeMarkdown();
  appendTitle(md, identityLabel(identity));
  const facts = identityFacts(identity, dateOptions());
  if (isProtected) facts.push([vscode.l10n.t('Protected'), vscode.l10n.t('yes (ISC does not delete it)')]);
  appendFacts(md, facts);
  return md;
}

const ROLE_ICONS = { ending: new vscode.ThemeIcon('shield'), permanent: new vscode.ThemeIcon('verified') };

/** The row of a role assignment, without a tooltip (`roleAssignmentTooltip`); cached while the reference is the same. */
export function roleAssignmentItem(node: RoleAssignmentNode): vscode.TreeItem {
  const cached = node.treeItemCache;
  if (cached && cached.ref === node.ref) return cached.item;
  const ref = node.ref;
  const item = new vscode.TreeItem(roleAssignmentLabel(ref), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = roleAssignmentDescription(ref);
  item.iconPath = ref.removeDate ? ROLE_ICONS.ending : ROLE_ICONS.permanent;
  item.contextValue = 'roleAssignment';
  item.command = { command: OPEN_ROLE_ASSIGNMENT_COMMAND, title: vscode.l10n.t('Open Role Assignment Details'), arguments: [node.args, TREE_CLICK] };
  node.treeItemCache = { ref, item };
  return item;
}

/** The hover of a role assignment row. */
export function roleAssignmentTooltip(ref: RoleAssignmentRef): vscode.MarkdownString {
  const md = safeMarkdown();
  appendFacts(md, roleAssignmentFacts(ref, dateOptions()));
  return md;
}

const PLACEHOLDER_ICONS: Record<PlaceholderNode['placeholder'], vscode.ThemeIcon> = {
  loadMore: new vscode.ThemeIcon('fold-down'),
  loading: new vscode.ThemeIcon('loading~spin'),
  empty: new vscode.ThemeIcon('info'),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  signIn: new vscode.ThemeIcon('sign-in'),
};

export function placeholderItem(node: PlaceholderNode, command?: vscode.Command): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.description;
  item.iconPath = PLACEHOLDER_ICONS[node.placeholder];
  item.contextValue = `placeholder.${node.placeholder}`;
  if (node.tooltip) {
    const md = safeMarkdown();
    for (const line of node.tooltip.split('\n')) md.appendMarkdown(`${escapeMarkdown(displayText(line, 500))}  \n`);
    item.tooltip = md;
  }
  if (command) item.command = command;
  return item;
}
