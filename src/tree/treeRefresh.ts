// When the Identities tree redraws and what it loads again: after tenant, credential, filter and settings changes,
// after writes (the identity change bus), and on the user's refresh, load more and retry.
import * as vscode from 'vscode';
import { isIscApiError } from '../api/errors';
import { errorText } from '../model/connectionErrors';
import type { IdentityChange } from '../model/identityEvents';
import { toIdentityRow } from '../model/identityRow';
import type { CoreServices } from '../services';
import { DisposableStore } from '../util/disposables';
import type { NeedsAttentionRows } from './needsAttention';
import { IdentityNode, NeedsAttentionNode, RoleAssignmentNode, TenantNode } from './nodes';
import type { PlaceholderNode, TreeNode } from './nodes';
import { resetRoleAssignments } from './roleAssignments';
import type { TenantPagers } from './tenantPagers';

/** More changed identities than this in one event refresh the whole tenant instead of fetching each. */
const MAX_SINGLE_REFRESH = 20;
const REDRAW_DELAY_MS = 20;

export class TreeRefresh implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscriptions = new DisposableStore();
  private redrawTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly services: CoreServices,
    private readonly pagers: TenantPagers,
    private readonly attention: NeedsAttentionRows,
  ) {
    const { tenants, viewStates, changes } = services;
    [
      tenants.onDidChange(() => {
        this.pagers.sync();
        this.redraw();
      }),
      tenants.onDidChangeCredentialStatus((tenantId) => this.onCredentialStatus(tenantId)),
      viewStates.onDidChange((tenantId) => {
        const state = this.pagers.get(tenantId);
        if (!state) return;
        this.pagers.reset(state);
        this.redraw();
      }),
      changes.subscribe((change) => void this.onIdentityChange(change)),
      services.settings.onDidChange(() => this.redraw()),
    ].forEach((subscription) => this.subscriptions.add(subscription));
  }

  /**
   * Every change redraws from the root, coalesced. VS Code (1.100) registers the children of an element refresh
   * under the parent's node object it saw when the fetch started; a second element refresh of the same parent in
   * between leaves those children registered, and the next fetch throws "Element with id … is already registered".
   * A root refresh cancels fetches in flight instead. Nodes are kept, so a root refresh costs no request.
   */
  redraw(): void {
    if (this.redrawTimer) return;
    this.redrawTimer = setTimeout(() => {
      this.redrawTimer = undefined;
      this.emitter.fire(undefined);
    }, REDRAW_DELAY_MS);
  }

  /** Refreshes everything (tenants list, every tenant's paging). */
  refreshAll(): void {
    for (const state of this.pagers.all()) this.pagers.reset(state);
    this.redraw();
  }

  /** Refresh of a tenant resets its paging (and its "Needs attention" count); of an identity re-fetches it and its role assignments. */
  async refresh(node: TreeNode): Promise<void> {
    if (node instanceof TenantNode) {
      const state = this.pagers.get(node.tenantId);
      if (state) this.pagers.reset(state);
      this.redraw();
    } else if (node instanceof NeedsAttentionNode) {
      this.attention.reset(node.tenantId);
      this.redraw();
    } else if (node instanceof IdentityNode) {
      // A row under "Needs attention" may have left processing error: that list is read again too.
      if (node.group) this.attention.reset(node.tenantId);
      await this.refreshIdentities(node.tenantId, [node.identityId]);
    } else if (node instanceof RoleAssignmentNode) {
      resetRoleAssignments(node.parent);
      this.redraw();
    } else if (node.kind === 'placeholder') {
      await this.retry(node);
    } else {
      this.redraw(); // saved filters: nothing to load, they are read from globalState on each draw
    }
  }

  /** Loads the next page of a tenant; the load-more row shows "Loading…" meanwhile. */
  async loadMore(tenantId: string): Promise<void> {
    const state = this.pagers.get(tenantId);
    if (!state) return;
    const load = state.pager.snapshot().firstPageLoaded ? state.pager.loadMore() : state.pager.ensureFirstPage();
    this.redraw();
    await load;
    this.redraw();
  }

  /** Retries what an error row stands for. */
  async retry(node: PlaceholderNode): Promise<void> {
    if (node.parent instanceof IdentityNode) {
      resetRoleAssignments(node.parent);
      this.redraw();
      return;
    }
    if (node.parent instanceof NeedsAttentionNode) return this.attention.retry(node.tenantId);
    const state = this.pagers.get(node.parent.tenantId);
    if (!state) return;
    if (state.pager.snapshot().firstPageLoaded) {
      const load = state.pager.retry();
      this.redraw();
      await load;
    } else {
      state.pager.reset();
    }
    this.redraw();
  }

  dispose(): void {
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.subscriptions.dispose();
    this.emitter.dispose();
  }

  private onCredentialStatus(tenantId: string): void {
    const state = this.pagers.get(tenantId);
    if (!state) return;
    const status = this.services.tenants.credentialStatus(tenantId).state;
    const failing = this.services.tenants.credentialsFailing(tenantId);
    // Credentials replaced (here or in another window): start over with the new client.
    if (status === 'unknown') {
      this.pagers.reset(state);
      this.redraw();
    } else if (failing !== (state.failing ?? false)) {
      this.redraw(); // the tenant's icon changes
    }
    state.failing = failing;
  }

  /** Reads changed identities again (get-identity) and puts their rows in the pager; a 404 removes the row. */
  private async refreshIdentities(tenantId: string, identityIds: readonly string[]): Promise<void> {
    const state = this.pagers.get(tenantId);
    if (!state) return;
    const loaded = identityIds.filter((id) => state.pager.get(id));
    if (loaded.length > MAX_SINGLE_REFRESH) {
      this.pagers.reset(state);
      this.redraw();
      return;
    }
    const client = await this.services.tenants.getClient(tenantId);
    let removed = false;
    await Promise.all(
      loaded.map(async (id) => {
        try {
          const row = toIdentityRow(await client.getIdentity(id));
          state.pager.update(row);
          const node = state.identities.get(id);
          if (node) {
            node.row = row;
            resetRoleAssignments(node);
            this.redraw();
          }
        } catch (error) {
          if (!isIscApiError(error) || error.kind !== 'notFound') throw error;
          this.pagers.remove(state, [id]);
          removed = true;
        }
      }),
    );
    if (removed) this.redraw();
  }

  private async onIdentityChange(change: IdentityChange): Promise<void> {
    const state = this.pagers.get(change.tenantId);
    if (!state) return;
    try {
      if (change.kind === 'deleted') {
        this.pagers.remove(state, change.identityIds);
        this.redraw();
      } else {
        await this.refreshIdentities(change.tenantId, change.identityIds);
      }
    } catch (error) {
      this.services.logger.warn(`Could not refresh changed identities: ${errorText(error)}`);
    }
  }
}
