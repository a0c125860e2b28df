// Creates the tree view and ties provider, view, active tenant and status bar together.
import * as vscode from 'vscode';
import type { IdentityRef } from '../model/identityRef';
import type { CoreServices } from '../services';
import { setPreferredTenantProvider } from '../ui/pickers';
import { ActiveTenant } from './activeTenant';
import { IdentityTreeProvider, TREE_VIEW_ID } from './identityTreeProvider';
import type { IdentityNode, TreeNode } from './nodes';

export class TreeController implements vscode.Disposable {
  readonly provider: IdentityTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  readonly active: ActiveTenant;

  constructor(services: CoreServices) {
    this.provider = new IdentityTreeProvider(services);
    this.view = vscode.window.createTreeView(TREE_VIEW_ID, {
      treeDataProvider: this.provider,
      canSelectMany: true,
      showCollapseAll: true,
    });
    this.active = new ActiveTenant(services, this.view);
    setPreferredTenantProvider(() => this.active.tenantId);
  }

  /** Shows a tenant node (optionally expanded, which loads its first page). */
  async revealTenant(tenantId: string, expand = false): Promise<void> {
    const node = this.provider.tenantNode(tenantId);
    if (!node) return;
    try {
      await this.view.reveal(node, { select: true, focus: false, expand });
    } catch {
      // The view is not visible yet (never opened): nothing to reveal.
    }
  }

  /** Selects an identity that is loaded in the tree; returns its node, or undefined when it is not loaded. */
  async revealIdentity(ref: IdentityRef, focus = true): Promise<IdentityNode | undefined> {
    const node = this.provider.loadedIdentityNode(ref.tenantId, ref.identityId);
    if (!node) return undefined;
    await this.view.reveal(node, { select: true, focus, expand: false });
    return node;
  }

  dispose(): void {
    this.active.dispose();
    this.view.dispose();
    this.provider.dispose();
  }
}
