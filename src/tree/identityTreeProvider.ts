// The "Identities" tree: tenants → identities (paged) → role assignments, with placeholders instead of notifications.
// The provider answers VS Code (children, items, parents); tenant state lives in tenantPagers.ts, and when the tree
// redraws or loads again is treeRefresh.ts's. The methods after the TreeDataProvider ones are for commands and tests.
import * as vscode from 'vscode';
import { isAbortError } from '../api/errors';
import type { IdentityQuery, PagerSnapshot } from '../model/identityPager';
import type { IdentityRow } from '../model/identityRow';
import type { CoreServices } from '../services';
import { NeedsAttentionRows } from './needsAttention';
import { IdentityNode, NeedsAttentionNode, RoleAssignmentNode, SavedFilterNode, SavedFiltersNode, TenantNode } from './nodes';
import type { PlaceholderNode, TreeNode } from './nodes';
import { Placeholders } from './placeholders';
import { ProtectedIdentities } from './protectedIdentities';
import { roleAssignmentChildren } from './roleAssignments';
import { SavedFilterRows } from './savedFilterRows';
import { TenantPagers } from './tenantPagers';
import { TreeRefresh } from './treeRefresh';
import { identityItem, identityTooltip, placeholderItem, roleAssignmentItem, roleAssignmentTooltip, tenantItem } from './treeItems';

export const TREE_VIEW_ID = 'iscIdentities';
const HAS_TENANTS_CONTEXT = 'iscExplorer.hasTenants';

export class IdentityTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly pagers: TenantPagers;
  private readonly refresher: TreeRefresh;
  readonly onDidChangeTreeData: vscode.Event<TreeNode | undefined>;
  private readonly placeholders = new Placeholders();
  private hasTenants: boolean | undefined;
  /** The "Needs attention" row of each tenant and its list. */
  readonly attention: NeedsAttentionRows;
  /** Which identities are protected (for their tooltips). */
  readonly protectedIds: ProtectedIdentities;
  /** The "Saved Filters" row of each tenant and its rows. */
  readonly savedFilterRows: SavedFilterRows;

  constructor(private readonly services: CoreServices) {
    // Both redraw through the refresher, which exists by the time anything loads.
    this.attention = new NeedsAttentionRows(services, this.placeholders, () => this.refresher.redraw());
    // Identity items are built on each draw without a tooltip, so a redraw is what makes hovered rows say "protected".
    this.protectedIds = new ProtectedIdentities(services.tenants, () => this.refresher.redraw());
    this.pagers = new TenantPagers(services, {
      reset: (tenantId) => {
        this.attention.reset(tenantId);
        this.protectedIds.reset(tenantId);
      },
      forget: (tenantId) => {
        this.attention.forget(tenantId);
        this.protectedIds.reset(tenantId);
      },
    });
    this.refresher = new TreeRefresh(services, this.pagers, this.attention);
    this.savedFilterRows = new SavedFilterRows(services, () => this.refresher.redraw());
    this.onDidChangeTreeData = this.refresher.onDidChangeTreeData;
  }

  // ---- TreeDataProvider ------------------------------------------------------------------------------------------

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof TenantNode) {
      const info = this.services.tenants.get(node.tenantId);
      const snap = this.pagers.get(node.tenantId)?.pager.snapshot();
      if (!info) return new vscode.TreeItem(node.tenantId);
      return tenantItem(node, {
        info,
        viewState: this.services.viewStates.get(node.tenantId),
        status: this.services.tenants.credentialStatus(node.tenantId),
        loaded: snap?.firstPageLoaded ? snap.items.length : undefined,
        total: snap?.total,
        hasMore: snap?.hasMore,
      });
    }
    if (node instanceof IdentityNode) return identityItem(node, this.pagers.readOnly(node.tenantId));
    if (node instanceof NeedsAttentionNode) return this.attention.item(node);
    if (node instanceof RoleAssignmentNode) return roleAssignmentItem(node);
    if (node instanceof SavedFiltersNode) return this.savedFilterRows.groupItem(node);
    if (node instanceof SavedFilterNode) return this.savedFilterRows.rowItem(node);
    return placeholderItem(node, Placeholders.command(node));
  }

  /**
   * Tooltips of identity and role assignment rows are built here, on hover, not in getTreeItem (VS Code calls
   * getTreeItem for every child on every refresh). Tenant and placeholder rows already carry theirs.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode, _token?: vscode.CancellationToken): vscode.TreeItem {
    if (item.tooltip !== undefined) return item;
    if (node instanceof IdentityNode) item.tooltip = identityTooltip(node.row, this.protectedIds.isProtected(node.tenantId, node.identityId));
    else if (node instanceof RoleAssignmentNode) item.tooltip = roleAssignmentTooltip(node.ref);
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (node instanceof TenantNode) return this.savedFilterRows.withGroup(node, await this.tenantChildren(node));
    if (node instanceof SavedFiltersNode) return this.savedFilterRows.children(node);
    if (node instanceof NeedsAttentionNode) return this.attention.children(node);
    if (node instanceof IdentityNode) return roleAssignmentChildren(node, this.services.tenants, this.placeholders);
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof TenantNode) return undefined;
    if (node instanceof IdentityNode) return node.group ?? node.parent;
    return node.parent;
  }

  // ---- for commands and tests ------------------------------------------------------------------------------------

  tenantNode(tenantId: string): TenantNode | undefined {
    this.pagers.sync();
    return this.pagers.get(tenantId)?.node;
  }

  /** The paging state of a tenant (tests, status bar): its loaded identities as the rows the tree keeps. */
  snapshot(tenantId: string): PagerSnapshot<IdentityRow> | undefined {
    return this.pagers.get(tenantId)?.pager.snapshot();
  }

  /** The query a tenant's list is loaded with (tests): its filter, sort and default filter. */
  pagerQuery(tenantId: string): IdentityQuery | undefined {
    return this.pagers.get(tenantId)?.pager.currentQuery;
  }

  /** The node of an identity if it is loaded in the tree. */
  loadedIdentityNode(tenantId: string, identityId: string): IdentityNode | undefined {
    return this.pagers.loadedNode(tenantId, identityId);
  }

  refreshAll(): void {
    this.refresher.refreshAll();
  }

  refresh(node: TreeNode): Promise<void> {
    return this.refresher.refresh(node);
  }

  loadMore(tenantId: string): Promise<void> {
    return this.refresher.loadMore(tenantId);
  }

  retry(node: PlaceholderNode): Promise<void> {
    return this.refresher.retry(node);
  }

  dispose(): void {
    this.refresher.dispose();
    this.attention.dispose();
    this.savedFilterRows.dispose();
    this.pagers.dispose();
  }

  // ---- children --------------------------------------------------------------------------------------------------

  private roots(): TreeNode[] {
    this.pagers.sync();
    const roots = this.services.tenants.list().flatMap((t) => this.pagers.get(t.id)?.node ?? []);
    const hasTenants = roots.length > 0;
    if (hasTenants !== this.hasTenants) {
      this.hasTenants = hasTenants;
      void vscode.commands.executeCommand('setContext', HAS_TENANTS_CONTEXT, hasTenants);
    }
    return roots;
  }

  private async tenantChildren(node: TenantNode): Promise<TreeNode[]> {
    const state = this.pagers.get(node.tenantId);
    if (!state || !this.services.tenants.get(node.tenantId)) return [];
    let snap = state.pager.snapshot();
    if (snap.error !== undefined && isAbortError(snap.error) && !snap.firstPageLoaded) state.pager.reset();
    snap = state.pager.snapshot();
    const firstPage = !snap.firstPageLoaded && snap.error === undefined ? state.pager.ensureFirstPage() : undefined;
    if (firstPage) {
      await this.services.ui.withProgress('', () => firstPage, { location: { viewId: TREE_VIEW_ID } });
      snap = state.pager.snapshot();
      // The tenant row's description shows the count ("3 identities") that the first page brought.
      if (snap.firstPageLoaded) this.refresher.redraw();
    }
    this.services.tenants.reportCallOutcome(node.tenantId, snap.error);
    if (snap.error !== undefined && !snap.firstPageLoaded) return [this.placeholders.error(node, snap.error, vscode.l10n.t('identities'))];
    // "Needs attention" is counted when it is expanded: opening the tenant costs its own list request only.
    const attentionNode = this.attention.nodeFor(node);
    const children: TreeNode[] = snap.items.map((row) => this.pagers.nodeFor(state, row));
    if (attentionNode && children.length > 0) children.unshift(attentionNode);
    if (children.length === 0) {
      const filtered = this.services.viewStates.get(node.tenantId);
      const p = this.placeholders.get(node, 'empty', filtered.filters || filtered.defaultFilter === 'CORRELATED_ONLY' ? vscode.l10n.t('No identities match the filter') : vscode.l10n.t('No identities'));
      p.tooltip = filtered.filters ? vscode.l10n.t('Filter: {0}', filtered.filters) : '';
      return [p];
    }
    if (snap.loading) {
      const p = this.placeholders.get(node, 'loading', vscode.l10n.t('Loading…'));
      p.description = snap.total !== undefined ? `${snap.items.length}/${snap.total}` : String(snap.items.length);
      children.push(p);
    } else if (snap.error !== undefined && !isAbortError(snap.error)) {
      children.push(this.placeholders.error(node, snap.error, vscode.l10n.t('more identities')));
    } else if (snap.hasMore) {
      const p = this.placeholders.get(node, 'loadMore', vscode.l10n.t('Load more… ({0}/{1})', snap.items.length, snap.total ?? '?'));
      p.tooltip = vscode.l10n.t('Load the next {0} identities', this.services.settings.pageSize);
      children.push(p);
    }
    return children;
  }
}
