// TreeItems of the nodes: labels, descriptions, codicons, markdown tooltips (identity data escaped), context values.
// Identity and role assignment rows get their tooltips on hover (IdentityTreeProvider.resolveTreeItem).
import * as vscode from 'vscode';
import type { Identity, RoleAssignmentRef } from '../api/types';
import type { TenantInfo } from '../model/tenant';
import type { TenantViewState } from '../model/viewState';
import { describeSorters, describeViewState } from '../model/viewState';
import type { IdentityVisualState } from '../model/identityDisplay';
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
import type { IdentityNode, PlaceholderNode, RoleAssignmentNode, TenantNode } from './nodes';

const OPEN_IDENTITY_COMMAND = 'iscExplorer.openIdentityDetails';
const OPEN_ROLE_ASSIGNMENT_COMMAND = 'iscExplorer.openRoleAssignmentDetails';

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

const STATUS_ICONS: Record<IdentityVisualState, [string, string | undefined]> = {
  processingError: ['error', 'list.errorForeground'],
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

export interface TenantItemInput {
  info: TenantInfo;
  viewState: TenantViewState;
  status: CredentialStatus;
  loaded?: number;
  total?: number;
}

export function tenantItem(node: TenantNode, input: TenantItemInput): vscode.TreeItem {
  const { info, viewState, status } = input;
  const item = new vscode.TreeItem(displayText(info.label, 80) || info.baseUrl, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  const filterText = describeViewState(viewState, 50);
  item.description = [info.readOnly ? 'read-only' : undefined, filterText].filter(Boolean).join(' · ');
  item.contextValue = info.readOnly ? 'tenant.readOnly' : 'tenant.writable';
  const failing = status.state === 'rejected' || status.state === 'missing';
  item.iconPath = failing
    ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
    : new vscode.ThemeIcon(info.source === 'environment' ? 'server-environment' : 'cloud');
  const md = safeMarkdown();
  appendTitle(md, displayText(info.label, 80), ` — ${info.source === 'environment' ? 'environment tenant' : 'tenant'}`);
  const facts: [string, string][] = [
    ['API', info.baseUrl],
    ['Client ID', displayText(info.clientId, 80)],
    ['Mode', info.readOnly ? 'read-only (writes are blocked)' : 'writable'],
  ];
  if (viewState.filters) facts.push(['Filter', viewState.filters]);
  facts.push(['Identities', viewState.defaultFilter === 'CORRELATED_ONLY' ? 'correlated only' : 'all (defaultFilter NONE)']);
  if (viewState.sorters) facts.push(['Sort', describeSorters(viewState.sorters)]);
  if (input.loaded !== undefined) facts.push(['Loaded', input.total !== undefined ? `${input.loaded} of ${input.total}` : String(input.loaded)]);
  if (failing) facts.push(['Credentials', status.message]);
  appendFacts(md, facts);
  item.tooltip = md;
  return item;
}

/**
 * The row of an identity, without a tooltip (built on hover by `identityTooltip`, via resolveTreeItem). Cached on the
 * node while the identity object and the tenant's read-only state stay the same: VS Code asks for every child again
 * on every refresh of the tree, and with tens of thousands of rows building them anew each time is what costs.
 */
export function identityItem(node: IdentityNode, readOnly: boolean): vscode.TreeItem {
  const identity = node.identity;
  const cached = node.treeItemCache;
  if (cached && cached.identity === identity && cached.readOnly === readOnly) return cached.item;
  const item = new vscode.TreeItem(identityLabel(identity), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = identityDescription(identity);
  const status = identityStatusInfo(identity);
  item.iconPath = STATUS_THEME_ICONS[status.state];
  const flags = [readOnly ? 'readOnly' : 'writable'];
  if (status.state !== 'active') flags.push(status.state);
  if (identity.isManager) flags.push('manager');
  item.contextValue = `identity.${flags.join('.')}`;
  item.accessibilityInformation = { label: `${identityLabel(identity)}, ${status.text}` };
  item.command = { command: OPEN_IDENTITY_COMMAND, title: 'Open Identity Details', arguments: [node.identityRef] };
  node.treeItemCache = { identity, readOnly, item };
  return item;
}

/** The hover of an identity row: its facts as escaped text. */
export function identityTooltip(identity: Identity): vscode.MarkdownString {
  const md = safeMarkdown();
  appendTitle(md, identityLabel(identity));
  appendFacts(md, identityFacts(identity));
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
  item.command = { command: OPEN_ROLE_ASSIGNMENT_COMMAND, title: 'Open Role Assignment Details', arguments: [node.args] };
  node.treeItemCache = { ref, item };
  return item;
}

/** The hover of a role assignment row. */
export function roleAssignmentTooltip(ref: RoleAssignmentRef): vscode.MarkdownString {
  const md = safeMarkdown();
  appendFacts(md, roleAssignmentFacts(ref));
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
