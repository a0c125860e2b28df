// "Saved Filters", the first row under a tenant while it has any: one row per saved filter, a click applies it
// (iscExplorer.applySavedFilter), and the one matching the tree's current query is marked active.
import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commands/commandIds';
import type { SavedFilter } from '../model/savedFilters';
import { describeSavedFilter, isSavedFilterActive, savedFilterKey, savedFilterLabel } from '../model/savedFilters';
import { safeLines } from '../model/textSafety';
import { describeSorters } from '../model/viewState';
import type { CoreServices } from '../services';
import type { DisposableLike } from '../util/disposables';
import { SavedFilterNode, SavedFiltersNode } from './nodes';
import type { TenantNode, TreeNode } from './nodes';

const GROUP_CONTEXT = 'savedFilters';
const ROW_CONTEXT = 'savedFilter';

interface TenantRows {
  group: SavedFiltersNode;
  /** The row of each saved filter by its key, the same node for as long as the filter exists. */
  rows: Map<string, SavedFilterNode>;
}

export class SavedFilterRows implements vscode.Disposable {
  private readonly tenants = new Map<string, TenantRows>();
  private readonly subscription: DisposableLike;

  constructor(
    private readonly services: CoreServices,
    /** Redraws the tree (the provider's coalesced root refresh). */
    redraw: () => void,
  ) {
    // A change of the view state also redraws (the tree's refresher does): that is what moves the "active" mark.
    this.subscription = services.savedFilters.onDidChange(() => redraw());
  }

  /** The tenant's children with the "Saved Filters" row first, when the tenant has saved filters. */
  withGroup(tenant: TenantNode, children: TreeNode[]): TreeNode[] {
    if (children.length === 0 || this.services.savedFilters.list(tenant.tenantId).length === 0) return children;
    return [this.stateFor(tenant).group, ...children];
  }

  children(group: SavedFiltersNode): SavedFilterNode[] {
    const state = this.stateFor(group.parent);
    const list = this.services.savedFilters.list(group.tenantId);
    const keys = new Set<string>();
    const nodes = list.map((saved) => {
      const key = savedFilterKey(saved.name);
      keys.add(key);
      let node = state.rows.get(key);
      if (node) node.saved = saved;
      else {
        node = new SavedFilterNode(state.group, key, saved);
        state.rows.set(key, node);
      }
      return node;
    });
    for (const key of [...state.rows.keys()]) if (!keys.has(key)) state.rows.delete(key);
    return nodes;
  }

  groupItem(node: SavedFiltersNode): vscode.TreeItem {
    const list = this.services.savedFilters.list(node.tenantId);
    const viewState = this.services.viewStates.get(node.tenantId);
    const active = list.find((saved) => isSavedFilterActive(saved, viewState));
    const item = new vscode.TreeItem(vscode.l10n.t('Saved Filters'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.contextValue = GROUP_CONTEXT;
    item.iconPath = new vscode.ThemeIcon('bookmark');
    item.description = active ? vscode.l10n.t('{0} · {1} active', list.length, savedFilterLabel(active)) : String(list.length);
    item.tooltip = vscode.l10n.t('Filters saved for this tenant: click one to list its identities.');
    return item;
  }

  rowItem(node: SavedFilterNode): vscode.TreeItem {
    const { saved } = node;
    const viewState = this.services.viewStates.get(node.tenantId);
    const active = isSavedFilterActive(saved, viewState);
    const item = new vscode.TreeItem(savedFilterLabel(saved), vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = ROW_CONTEXT;
    item.iconPath = new vscode.ThemeIcon(active ? 'check' : 'filter');
    const what = describeSavedFilter(saved, 50) ?? vscode.l10n.t('all identities');
    item.description = active ? vscode.l10n.t('active · {0}', what) : what;
    item.tooltip = savedFilterTooltip(saved, active);
    item.command = { command: COMMAND_IDS.applySavedFilter, title: vscode.l10n.t('Apply Saved Filter'), arguments: [node] };
    item.accessibilityInformation = { label: active ? vscode.l10n.t('Saved filter {0}, active', item.label as string) : vscode.l10n.t('Saved filter {0}', item.label as string) };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.tenants.clear();
  }

  private stateFor(tenant: TenantNode): TenantRows {
    let state = this.tenants.get(tenant.tenantId);
    if (!state || state.group.parent !== tenant) {
      state = { group: new SavedFiltersNode(tenant), rows: new Map() };
      this.tenants.set(tenant.tenantId, state);
    }
    return state;
  }
}

function savedFilterTooltip(saved: SavedFilter, active: boolean): string {
  const lines = [savedFilterLabel(saved)];
  lines.push(vscode.l10n.t('Filter: {0}', saved.filters ? safeLines(saved.filters) : vscode.l10n.t('none')));
  lines.push(vscode.l10n.t('Sort: {0}', saved.sorters ? describeSorters(saved.sorters) : vscode.l10n.t('server default order')));
  lines.push(vscode.l10n.t('Identities: {0}', saved.defaultFilter === 'CORRELATED_ONLY' ? vscode.l10n.t('correlated only') : vscode.l10n.t('all')));
  if (active) lines.push(vscode.l10n.t('Active: the tree lists this filter.'));
  return lines.join('\n');
}
