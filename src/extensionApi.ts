// What `activate` returns: the handle integration tests (and other extensions) use.
import type * as vscode from 'vscode';
import type { ExtensionServices } from './services';
import type { IdentityTreeProvider } from './tree/identityTreeProvider';
import type { TreeNode } from './tree/nodes';

export interface ExtensionApi {
  services: ExtensionServices;
  /** The tree's data provider: tests call getChildren/getParent on its nodes. */
  tree: IdentityTreeProvider;
  /** The "Identities" tree view (reveal, selection). */
  treeView: vscode.TreeView<TreeNode>;
  /** The active tenant shown in the status bar (last selected/expanded). */
  activeTenant: { readonly tenantId: string | undefined; readonly statusText: string };
  /** Details panels (engineer E), cast to their own type in their tests. */
  panels?: unknown;
  /** Identity actions (engineer F), cast to their own type in their tests. */
  actions?: unknown;
}
