// Creates the tree view and ties provider, view, active tenant and status bar together.
import * as vscode from 'vscode';
import type { IdentityRef } from '../model/identityRef';
import type { CoreServices } from '../services';
import { ActiveTenant } from './activeTenant';
import { IdentityTreeProvider, TREE_VIEW_ID } from './identityTreeProvider';
import type { IdentityNode, TreeNode } from './nodes';

const REVEAL_ATTEMPTS = 20;
const REVEAL_RETRY_MS = 100;

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
  }

  /**
   * Shows and selects a tenant node (optionally expanded, which loads its first page). A tenant added a moment ago
   * is not in the view until VS Code has fetched the roots again: until then `reveal` fails ("Cannot resolve tree
   * item") or does nothing. So reveal until the selection holds the node, a few times at most.
   */
  async revealTenant(tenantId: string, expand = false): Promise<void> {
    for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
      const node = this.provider.tenantNode(tenantId);
      if (!node) return; // the tenant went away meanwhile
      try {
        await this.view.reveal(node, { select: true, focus: false, expand });
        if (this.view.selection.includes(node)) return;
      } catch {
        // Not fetched by the view yet (or the view cannot show anything now): try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
    }
  }

  /**
   * Selects an identity that is loaded in the tree; returns its node, or undefined when it is not loaded. Right after
   * a first page the tree redraws its tenant row (the count), which can swallow a reveal: so it is checked and retried.
   */
  async revealIdentity(ref: IdentityRef, focus = true): Promise<IdentityNode | undefined> {
    const node = this.provider.loadedIdentityNode(ref.tenantId, ref.identityId);
    if (!node) return undefined;
    for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
      await this.view.reveal(node, { select: true, focus, expand: false });
      if (this.view.selection.includes(node) || attempt === REVEAL_ATTEMPTS - 1) break;
      await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
    }
    return node;
  }

  dispose(): void {
    this.active.dispose();
    this.view.dispose();
    this.provider.dispose();
  }
}
