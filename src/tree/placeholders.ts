// Placeholder rows (load more, loading, empty, error with retry, sign in): one object per parent and kind.
import * as vscode from 'vscode';
import { errorText, isSignInError } from '../model/connectionErrors';
import { ENV_TENANT_ID } from '../auth/environmentTenant';
import { PlaceholderNode } from './nodes';
import type { IdentityNode, NeedsAttentionNode, PlaceholderKind, TenantNode } from './nodes';

type PlaceholderParent = TenantNode | NeedsAttentionNode | IdentityNode;

export class Placeholders {
  private readonly byParent = new WeakMap<PlaceholderParent, Map<PlaceholderKind, PlaceholderNode>>();

  /** The placeholder of `kind` under `parent` (the same object every time), with its texts cleared. */
  get(parent: PlaceholderParent, kind: PlaceholderKind, label = ''): PlaceholderNode {
    let map = this.byParent.get(parent);
    if (!map) {
      map = new Map();
      this.byParent.set(parent, map);
    }
    let node = map.get(kind);
    if (!node) {
      node = new PlaceholderNode(parent, kind);
      map.set(kind, node);
    }
    node.label = label;
    node.description = '';
    node.tooltip = '';
    node.error = undefined;
    return node;
  }

  /** A sign-in row for credential failures, else an error row with ISC's message and a retry click. */
  error(parent: PlaceholderParent, error: unknown, what: string): PlaceholderNode {
    const env = parent.tenantId === ENV_TENANT_ID;
    if (isSignInError(error)) {
      const node = this.get(parent, 'signIn', env ? vscode.l10n.t('Sign-in failed') : vscode.l10n.t('Sign in…'));
      node.description = errorText(error);
      node.tooltip = env
        ? vscode.l10n.t('{0}\nThe environment tenant uses ISC_CLIENT_ID and ISC_CLIENT_SECRET; fix them and restart, or click to retry.', errorText(error))
        : vscode.l10n.t('{0}\nClick to enter the client ID and secret of a personal access token.', errorText(error));
      node.error = error;
      return node;
    }
    const node = this.get(parent, 'error', vscode.l10n.t('Could not load {0}', what));
    node.description = errorText(error);
    node.tooltip = vscode.l10n.t('{0}\nClick to retry.', errorText(error));
    node.error = error;
    return node;
  }

  /** What clicking a placeholder does. */
  static command(node: PlaceholderNode): vscode.Command | undefined {
    switch (node.placeholder) {
      case 'loadMore':
        return { command: 'iscExplorer.loadMore', title: vscode.l10n.t('Load More'), arguments: [node] };
      case 'error':
        return { command: 'iscExplorer.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
      case 'signIn':
        return node.tenantId === ENV_TENANT_ID
          ? { command: 'iscExplorer.retry', title: vscode.l10n.t('Retry'), arguments: [node] }
          : { command: 'iscExplorer.updateCredentials', title: vscode.l10n.t('Sign In'), arguments: [node.tenantId] };
      default:
        return undefined;
    }
  }
}
