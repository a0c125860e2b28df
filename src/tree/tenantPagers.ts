// Per-tenant state of the Identities tree: the tenant node, its pager (the one owner of the loaded identities, kept
// as IdentityRows) and the identity nodes made for them. Created for new tenants and dropped for removed ones.
import type * as vscode from 'vscode';
import type { Identity } from '../api/types';
import { IdentityPager } from '../model/identityPager';
import type { FetchIdentityPage } from '../model/identityPager';
import { toIdentityRow } from '../model/identityRow';
import type { IdentityRow } from '../model/identityRow';
import type { TenantDirectory } from '../model/tenant';
import { toIdentityQuery } from '../model/viewState';
import type { CoreServices } from '../services';
import { DisposableStore } from '../util/disposables';
import { IdentityNode, TenantNode } from './nodes';
import { resetRoleAssignments } from './roleAssignments';

export type TreePager = IdentityPager<IdentityRow>;

export interface TenantState {
  readonly node: TenantNode;
  readonly pager: TreePager;
  /** The node of each loaded identity, by identity id (the same node for as long as the identity stays loaded). */
  readonly identities: Map<string, IdentityNode>;
  /** Whether the tenant node shows the credentials warning. */
  failing?: boolean;
}

function isListedIdentity(identity: Identity | null | undefined): identity is Identity {
  return Boolean(identity) && typeof identity?.id === 'string' && identity.id !== '';
}

/** list-identities for the tree: each identity kept as its IdentityRow, the rest of the response let go. */
export function rowPageFetcher(tenants: TenantDirectory, tenantId: string): FetchIdentityPage<IdentityRow> {
  return async (query, signal) => {
    const page = await (await tenants.getClient(tenantId)).listIdentities(query, { signal });
    const items: readonly (Identity | null | undefined)[] = Array.isArray(page.items) ? page.items : [];
    return { ...page, items: items.filter(isListedIdentity).map(toIdentityRow) };
  };
}

/** What else the tree keeps per tenant (the "Needs attention" list, protected ids): started over and dropped with it. */
export interface TenantCompanions {
  reset(tenantId: string): void;
  forget(tenantId: string): void;
}

export class TenantPagers implements vscode.Disposable {
  private readonly states = new Map<string, TenantState>();
  private readonly subscriptions = new DisposableStore();
  /** Read-only state per tenant, for the current synchronous run of getTreeItem calls only (see `readOnly`). */
  private readonly readOnlyMemo = new Map<string, boolean>();

  constructor(
    private readonly services: CoreServices,
    private readonly companions: TenantCompanions,
  ) {
    const clearMemo = (): void => this.readOnlyMemo.clear();
    this.subscriptions.add(services.tenants.onDidChange(clearMemo));
    this.subscriptions.add(services.settings.onDidChange(clearMemo));
  }

  get(tenantId: string): TenantState | undefined {
    return this.states.get(tenantId);
  }

  all(): IterableIterator<TenantState> {
    return this.states.values();
  }

  /** Creates state for new tenants and drops state of removed ones. */
  sync(): void {
    const ids = new Set(this.services.tenants.list().map((t) => t.id));
    for (const [id, state] of this.states) {
      if (!ids.has(id)) {
        state.pager.dispose();
        this.companions.forget(id);
        this.states.delete(id);
      }
    }
    for (const id of ids) {
      if (this.states.has(id)) continue;
      const pager = new IdentityPager(rowPageFetcher(this.services.tenants, id), () => this.services.settings.pageSize, toIdentityQuery(this.services.viewStates.get(id)));
      this.states.set(id, { node: new TenantNode(id), pager, identities: new Map() });
    }
  }

  /** Starts a tenant's list over (with its current filter and sort) and its companions; loaded role assignments are forgotten. */
  reset(state: TenantState): void {
    state.pager.reset(toIdentityQuery(this.services.viewStates.get(state.node.tenantId)));
    this.companions.reset(state.node.tenantId);
    for (const node of state.identities.values()) resetRoleAssignments(node);
  }

  /** The node of a loaded identity, made on first use; it always holds the pager's current row. */
  nodeFor(state: TenantState, row: IdentityRow): IdentityNode {
    let node = state.identities.get(row.id);
    if (!node) {
      node = new IdentityNode(state.node, row);
      state.identities.set(row.id, node);
    } else {
      node.row = row;
    }
    return node;
  }

  /** The node of an identity if it is loaded in the tree. */
  loadedNode(tenantId: string, identityId: string): IdentityNode | undefined {
    const state = this.states.get(tenantId);
    const row = state?.pager.get(identityId);
    return state && row ? this.nodeFor(state, row) : undefined;
  }

  /** Drops deleted identities from the pager and their nodes. */
  remove(state: TenantState, identityIds: readonly string[]): void {
    state.pager.remove(identityIds);
    for (const id of identityIds) state.identities.delete(id);
  }

  /**
   * Whether a tenant is read-only (unknown tenants count as read-only). VS Code calls getTreeItem for all children of a
   * tenant in one go, and `tenants.get` builds the tenant list each time, so the answer is kept until the current
   * synchronous run ends (a microtask) or the tenants or settings change, whichever comes first.
   */
  readOnly(tenantId: string): boolean {
    let value = this.readOnlyMemo.get(tenantId);
    if (value === undefined) {
      value = this.services.tenants.get(tenantId)?.readOnly !== false;
      if (this.readOnlyMemo.size === 0) queueMicrotask(() => this.readOnlyMemo.clear());
      this.readOnlyMemo.set(tenantId, value);
    }
    return value;
  }

  dispose(): void {
    for (const state of this.states.values()) state.pager.dispose();
    this.states.clear();
    this.subscriptions.dispose();
  }
}
