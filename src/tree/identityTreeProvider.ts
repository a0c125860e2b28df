// The "Identities" tree: tenants → identities (paged) → role assignments, with placeholders instead of notifications.
import * as vscode from 'vscode';
import { isAbortError, isIscApiError } from '../api/errors';
import type { Identity } from '../api/types';
import type { IdentityChange } from '../model/identityEvents';
import { IdentityPager } from '../model/identityPager';
import type { PagerSnapshot } from '../model/identityPager';
import { errorText } from '../model/connectionErrors';
import { toIdentityQuery } from '../model/viewState';
import { DisposableStore } from '../util/disposables';
import type { CoreServices } from '../services';
import { IdentityNode, NeedsAttentionNode, RoleAssignmentNode, TenantNode } from './nodes';
import { NeedsAttentionRows } from './needsAttention';
import { ProtectedIdentities } from './protectedIdentities';
import type { TreeNode , PlaceholderNode} from './nodes';
import { Placeholders, isSignInError } from './placeholders';
import { resetRoleAssignments, roleAssignmentChildren } from './roleAssignments';
import { identityItem, identityTooltip, placeholderItem, roleAssignmentItem, roleAssignmentTooltip, tenantItem } from './treeItems';

export const TREE_VIEW_ID = 'iscIdentities';
const HAS_TENANTS_CONTEXT = 'iscExplorer.hasTenants';
/** More changed identities than this in one event refresh the whole tenant instead of fetching each. */
const MAX_SINGLE_REFRESH = 20;

interface TenantState {
  node: TenantNode;
  pager: IdentityPager;
  identities: Map<string, IdentityNode>;
  /** Whether the tenant node shows the credentials warning. */
  failing?: boolean;
}

export class IdentityTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly states = new Map<string, TenantState>();
  private readonly subscriptions = new DisposableStore();
  private hasTenants: boolean | undefined;
  private readonly placeholders = new Placeholders();
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Read-only state per tenant, for the current synchronous run of getTreeItem calls only (see `readOnly`). */
  private readonly readOnlyMemo = new Map<string, boolean>();
  /** The "Needs attention" row of each tenant and its list. */
  readonly attention: NeedsAttentionRows;
  /** Which identities are protected (for their tooltips). */
  readonly protectedIds: ProtectedIdentities;

  constructor(private readonly services: CoreServices) {
    const { tenants, viewStates, changes } = services;
    this.attention = new NeedsAttentionRows(services, this.placeholders, () => this.scheduleRefresh());
    this.subscriptions.add(this.attention);
    this.protectedIds = new ProtectedIdentities(tenants, (tenantId, ids) => this.forgetTooltips(tenantId, ids));
    [
      tenants.onDidChange(() => {
        this.readOnlyMemo.clear();
        this.syncTenants();
        this.scheduleRefresh();
      }),
      tenants.onDidChangeCredentialStatus((tenantId) => {
        const state = this.states.get(tenantId);
        if (!state) return;
        const status = tenants.credentialStatus(tenantId).state;
        const failing = status === 'rejected' || status === 'missing';
        // Credentials replaced (here or in another window): start over with the new client.
        if (status === 'unknown') {
          this.resetTenant(state);
          this.scheduleRefresh();
        } else if (failing !== (state.failing ?? false)) {
          this.scheduleRefresh(); // the tenant's icon changes
        }
        state.failing = failing;
      }),
      viewStates.onDidChange((tenantId) => {
        const state = this.states.get(tenantId);
        if (!state) return;
        this.resetTenant(state);
        this.scheduleRefresh();
      }),
      changes.subscribe((change) => void this.onIdentityChange(change)),
      services.settings.onDidChange(() => {
        this.readOnlyMemo.clear();
        this.scheduleRefresh();
      }),
    ].forEach((subscription) => this.subscriptions.add(subscription));
  }

  // ---- TreeDataProvider ------------------------------------------------------------------------------------------

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node instanceof TenantNode) {
      const info = this.services.tenants.get(node.tenantId);
      const snap = this.states.get(node.tenantId)?.pager.snapshot();
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
    if (node instanceof IdentityNode) return identityItem(node, this.readOnly(node.tenantId));
    if (node instanceof NeedsAttentionNode) return this.attention.item(node);
    if (node instanceof RoleAssignmentNode) return roleAssignmentItem(node);
    return placeholderItem(node, Placeholders.command(node));
  }

  /**
   * Tooltips of identity and role assignment rows are built here, on hover, not in getTreeItem (VS Code calls
   * getTreeItem for every child on every refresh). Tenant and placeholder rows already carry theirs.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode, _token?: vscode.CancellationToken): vscode.TreeItem {
    if (item.tooltip !== undefined) return item;
    if (node instanceof IdentityNode) item.tooltip = identityTooltip(node.identity, this.protectedIds.isProtected(node.tenantId, node.identity.id));
    else if (node instanceof RoleAssignmentNode) item.tooltip = roleAssignmentTooltip(node.ref);
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.roots();
    if (node instanceof TenantNode) return this.tenantChildren(node);
    if (node instanceof NeedsAttentionNode) return this.attention.children(node);
    if (node instanceof IdentityNode) return roleAssignmentChildren(node, this.services.tenants, this.placeholders);
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof TenantNode) return undefined;
    if (node instanceof IdentityNode) return node.group ?? node.parent;
    return node.parent;
  }

  // ---- API for commands and tests --------------------------------------------------------------------------------

  tenantNode(tenantId: string): TenantNode | undefined {
    this.syncTenants();
    return this.states.get(tenantId)?.node;
  }

  /** The paging state of a tenant (tests, status bar). */
  snapshot(tenantId: string): PagerSnapshot | undefined {
    return this.states.get(tenantId)?.pager.snapshot();
  }

  /** The node of an identity if it is loaded in the tree. */
  loadedIdentityNode(tenantId: string, identityId: string): IdentityNode | undefined {
    const state = this.states.get(tenantId);
    const identity = state?.pager.get(identityId);
    return state && identity ? this.identityNodeFor(state, identity) : undefined;
  }

  /** Refreshes everything (tenants list, every tenant's paging). */
  refreshAll(): void {
    for (const state of this.states.values()) this.resetTenant(state);
    this.scheduleRefresh();
  }

  /** Refresh of a tenant resets its paging; of an identity re-fetches it and its role assignments. */
  async refresh(node: TreeNode): Promise<void> {
    if (node instanceof TenantNode) {
      const state = this.states.get(node.tenantId);
      if (state) this.resetTenant(state);
      this.scheduleRefresh();
    } else if (node instanceof NeedsAttentionNode) {
      this.attention.reset(node.tenantId);
      this.scheduleRefresh();
    } else if (node instanceof IdentityNode) {
      if (node.group) this.attention.reset(node.tenantId);
      await this.refreshIdentities(node.tenantId, [node.identity.id]);
    } else if (node instanceof RoleAssignmentNode) {
      resetRoleAssignments(node.parent);
      this.scheduleRefresh();
    } else {
      await this.retry(node);
    }
  }

  /** Loads the next page of a tenant; the load-more row shows "Loading…" meanwhile. */
  async loadMore(tenantId: string): Promise<void> {
    const state = this.states.get(tenantId);
    if (!state) return;
    const load = state.pager.snapshot().firstPageLoaded ? state.pager.loadMore() : state.pager.ensureFirstPage();
    this.scheduleRefresh();
    await load;
    this.scheduleRefresh();
  }

  /** Retries what an error row stands for. */
  async retry(node: PlaceholderNode): Promise<void> {
    if (node.parent instanceof IdentityNode) {
      resetRoleAssignments(node.parent);
      this.scheduleRefresh();
      return;
    }
    if (node.parent instanceof NeedsAttentionNode) return this.attention.retry(node.tenantId);
    const state = this.states.get(node.parent.tenantId);
    if (!state) return;
    if (state.pager.snapshot().firstPageLoaded) {
      const load = state.pager.retry();
      this.scheduleRefresh();
      await load;
    } else {
      state.pager.reset();
    }
    this.scheduleRefresh();
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const state of this.states.values()) state.pager.dispose();
    this.subscriptions.dispose();
    this.emitter.dispose();
  }

  // ---- internals -------------------------------------------------------------------------------------------------

  /**
   * Every change refreshes from the root, coalesced. VS Code (1.100) registers the children of an element refresh
   * under the parent's node object it saw when the fetch started; a second element refresh of the same parent in
   * between leaves those children registered, and the next fetch throws "Element with id … is already registered".
   * A root refresh cancels fetches in flight instead. Nodes are cached, so a root refresh costs no request.
   */
  private scheduleRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.emitter.fire(undefined);
    }, 20);
  }

  /**
   * Whether a tenant is read-only (unknown tenants count as read-only). VS Code calls getTreeItem for all children of a
   * tenant in one go, and `tenants.get` builds the tenant list each time, so the answer is kept until the current
   * synchronous run ends (a microtask) or the tenants or settings change, whichever comes first.
   */
  private readOnly(tenantId: string): boolean {
    let value = this.readOnlyMemo.get(tenantId);
    if (value === undefined) {
      value = this.services.tenants.get(tenantId)?.readOnly !== false;
      if (this.readOnlyMemo.size === 0) queueMicrotask(() => this.readOnlyMemo.clear());
      this.readOnlyMemo.set(tenantId, value);
    }
    return value;
  }

  private roots(): TreeNode[] {
    this.syncTenants();
    const roots = this.services.tenants.list().map((t) => (this.states.get(t.id) as TenantState).node);
    const hasTenants = roots.length > 0;
    if (hasTenants !== this.hasTenants) {
      this.hasTenants = hasTenants;
      void vscode.commands.executeCommand('setContext', HAS_TENANTS_CONTEXT, hasTenants);
    }
    return roots;
  }

  /** Creates state for new tenants and drops state of removed ones. */
  private syncTenants(): void {
    const ids = new Set(this.services.tenants.list().map((t) => t.id));
    for (const [id, state] of this.states) {
      if (!ids.has(id)) {
        state.pager.dispose();
        this.attention.forget(id);
        this.states.delete(id);
      }
    }
    for (const id of ids) {
      if (this.states.has(id)) continue;
      const node = new TenantNode(id);
      const pager = new IdentityPager(
        async (query, signal) => (await this.services.tenants.getClient(id)).listIdentities(query, { signal }),
        () => this.services.settings.pageSize,
        toIdentityQuery(this.services.viewStates.get(id)),
      );
      this.states.set(id, { node, pager, identities: new Map() });
    }
  }

  private resetTenant(state: TenantState): void {
    state.pager.reset(toIdentityQuery(this.services.viewStates.get(state.node.tenantId)));
    this.attention.reset(state.node.tenantId);
    this.protectedIds.reset(state.node.tenantId);
    for (const node of state.identities.values()) resetRoleAssignments(node);
  }

  private async tenantChildren(node: TenantNode): Promise<TreeNode[]> {
    const state = this.states.get(node.tenantId);
    if (!state || !this.services.tenants.get(node.tenantId)) return [];
    let snap = state.pager.snapshot();
    if (snap.error !== undefined && isAbortError(snap.error) && !snap.firstPageLoaded) state.pager.reset();
    snap = state.pager.snapshot();
    const firstPage = !snap.firstPageLoaded && snap.error === undefined ? state.pager.ensureFirstPage() : undefined;
    // Counted alongside the first page (asked after it): the row shows first, only when someone is in processing error.
    const attention = this.attention.load(node).catch(() => undefined);
    if (firstPage) {
      await vscode.window.withProgress({ location: { viewId: TREE_VIEW_ID } }, () => firstPage);
      snap = state.pager.snapshot();
      // The tenant row's description shows the count ("3 identities") that the first page brought.
      if (snap.firstPageLoaded) this.scheduleRefresh();
    }
    this.reportStatus(node.tenantId, snap.error);
    if (snap.error !== undefined && !snap.firstPageLoaded) return [this.placeholders.error(node, snap.error, 'identities')];
    await attention;
    const attentionNode = this.attention.nodeFor(node);
    const children: TreeNode[] = snap.items.map((identity) => this.identityNodeFor(state, identity));
    if (attentionNode && children.length > 0) children.unshift(attentionNode);
    if (children.length === 0) {
      const filtered = this.services.viewStates.get(node.tenantId);
      const p = this.placeholders.get(node, 'empty', filtered.filters || filtered.defaultFilter === 'CORRELATED_ONLY' ? 'No identities match the filter' : 'No identities');
      p.tooltip = filtered.filters ? `Filter: ${filtered.filters}` : '';
      return [p];
    }
    if (snap.loading) {
      const p = this.placeholders.get(node, 'loading', 'Loading…');
      p.description = snap.total !== undefined ? `${snap.items.length}/${snap.total}` : String(snap.items.length);
      children.push(p);
    } else if (snap.error !== undefined && !isAbortError(snap.error)) {
      children.push(this.placeholders.error(node, snap.error, 'more identities'));
    } else if (snap.hasMore) {
      const p = this.placeholders.get(node, 'loadMore', `Load more… (${snap.items.length}/${snap.total ?? '?'})`);
      p.tooltip = `Load the next ${this.services.settings.pageSize} identities`;
      children.push(p);
    }
    return children;
  }

  /** Rows hovered before the protected ids arrived get their tooltip built again (VS Code keeps a resolved one). */
  private forgetTooltips(tenantId: string, ids: ReadonlySet<string>): void {
    const rows = [...(this.states.get(tenantId)?.identities.values() ?? []), ...this.attention.rows(tenantId)];
    for (const row of rows) if (ids.has(row.identity.id)) row.treeItemCache = undefined;
    this.scheduleRefresh();
  }

  private identityNodeFor(state: TenantState, identity: Identity): IdentityNode {
    let node = state.identities.get(identity.id);
    if (!node) {
      node = new IdentityNode(state.node, identity);
      state.identities.set(identity.id, node);
    } else {
      node.identity = identity;
    }
    return node;
  }

  private reportStatus(tenantId: string, error: unknown): void {
    const tenants = this.services.tenants;
    if (error === undefined) {
      if (tenants.credentialStatus(tenantId).state !== 'ok') tenants.reportCredentialStatus(tenantId, { state: 'ok' });
    } else if (isSignInError(error)) {
      const before = tenants.credentialStatus(tenantId).state;
      tenants.reportCredentialStatus(tenantId, { state: before === 'missing' ? 'missing' : 'rejected', message: errorText(error) });
    }
  }

  private async refreshIdentities(tenantId: string, identityIds: readonly string[]): Promise<void> {
    const state = this.states.get(tenantId);
    if (!state) return;
    const loaded = identityIds.filter((id) => state.pager.get(id));
    if (loaded.length > MAX_SINGLE_REFRESH) {
      this.resetTenant(state);
      this.scheduleRefresh();
      return;
    }
    const client = await this.services.tenants.getClient(tenantId);
    let removed = false;
    await Promise.all(
      loaded.map(async (id) => {
        const node = state.identities.get(id);
        try {
          const identity = await client.getIdentity(id);
          state.pager.update(identity);
          if (node) {
            node.identity = identity;
            resetRoleAssignments(node);
            this.scheduleRefresh();
          }
        } catch (error) {
          if (!isIscApiError(error) || error.kind !== 'notFound') throw error;
          state.pager.remove([id]);
          state.identities.delete(id);
          removed = true;
        }
      }),
    );
    if (removed) this.scheduleRefresh();
  }

  private async onIdentityChange(change: IdentityChange): Promise<void> {
    const state = this.states.get(change.tenantId);
    if (!state) return;
    try {
      if (change.kind === 'deleted') {
        state.pager.remove(change.identityIds);
        for (const id of change.identityIds) state.identities.delete(id);
        this.scheduleRefresh();
      } else {
        await this.refreshIdentities(change.tenantId, change.identityIds);
      }
    } catch (error) {
      this.services.logger.warn(`Could not refresh changed identities: ${errorText(error)}`);
    }
  }
}
