// Tree commands: refresh, load more, retry, copy, find identity. (The details commands are the panels module's.)
import { COMMAND_IDS } from './commandIds';
import * as vscode from 'vscode';
import { isIdentityRef } from '../model/identityRef';
import type { CoreServices } from '../services';
import type { TreeController } from '../tree/treeController';
import { IdentityNode, NeedsAttentionNode, PlaceholderNode, RoleAssignmentNode, TenantNode, isTreeNode } from '../tree/nodes';
import type { TreeNode } from '../tree/nodes';
import { UserCancelledError } from '../util/cancellation';
import { registerCommand } from './commandWrapper';
import { resolveTenant, tenantIdOf } from './commandArgs';
import { pickIdentity } from '../ui/pickers';

/** The nodes a command acts on: the multi-selection VS Code passes second, else the clicked node. */
function nodesOf(primary: unknown, selection: unknown): TreeNode[] {
  const list = Array.isArray(selection) && selection.length > 0 ? selection : [primary];
  return list.filter(isTreeNode);
}

/** What Copy as JSON copies: an identity as ISC returns it (read again: the tree keeps only what its rows show). */
async function jsonOf(node: TreeNode, services: CoreServices): Promise<unknown> {
  if (node instanceof IdentityNode) return (await services.tenants.getClient(node.tenantId)).getIdentity(node.identityId);
  if (node instanceof RoleAssignmentNode) return node.ref;
  if (node instanceof TenantNode) return services.tenants.get(node.tenantId); // TenantInfo holds no secret
  return undefined;
}

function idOf(node: TreeNode): string | undefined {
  if (node instanceof IdentityNode) return node.identityId;
  if (node instanceof RoleAssignmentNode) return node.ref.id;
  if (node instanceof TenantNode) return node.tenantId;
  return undefined;
}

export function registerTreeCommands(services: CoreServices, tree: TreeController): void {
  const { tenants } = services;
  const provider = tree.provider;

  registerCommand(services, COMMAND_IDS.refreshAll, () => provider.refreshAll());

  registerCommand(services, COMMAND_IDS.refresh, async (arg?: unknown, selection?: unknown) => {
    const nodes = nodesOf(arg, selection);
    if (nodes.length === 0) {
      const id = tenantIdOf(arg);
      const node = id ? provider.tenantNode(id) : undefined;
      if (node) nodes.push(node);
      else return provider.refreshAll();
    }
    await Promise.all(nodes.map((node) => provider.refresh(node)));
  });

  registerCommand(services, COMMAND_IDS.loadMore, async (arg?: unknown) => {
    if (arg instanceof PlaceholderNode && arg.parent instanceof NeedsAttentionNode) return provider.attention.loadMore(arg.tenantId);
    const tenantId = tenantIdOf(arg);
    if (!tenantId) throw new Error(vscode.l10n.t('Load more needs a tenant.'));
    await provider.loadMore(tenantId);
    return provider.snapshot(tenantId)?.items.length;
  });

  registerCommand(services, COMMAND_IDS.retry, async (arg?: unknown) => {
    if (arg instanceof PlaceholderNode) return provider.retry(arg);
    const id = tenantIdOf(arg);
    const node = id ? provider.tenantNode(id) : undefined;
    if (node) await provider.refresh(node);
  });

  registerCommand(services, COMMAND_IDS.copyId, async (arg?: unknown, selection?: unknown) => {
    const ids = nodesOf(arg, selection).map(idOf).filter((id): id is string => Boolean(id));
    if (ids.length === 0 && isIdentityRef(arg)) ids.push(arg.identityId);
    if (ids.length === 0) throw new Error(vscode.l10n.t('Select an identity or role assignment to copy its ID.'));
    await vscode.env.clipboard.writeText(ids.join('\n'));
    vscode.window.setStatusBarMessage(ids.length === 1 ? `Copied ID ${ids[0]}` : `Copied ${ids.length} IDs`, 3000);
    return ids.join('\n');
  });

  registerCommand(services, COMMAND_IDS.copyJson, async (arg?: unknown, selection?: unknown) => {
    const values = (await Promise.all(nodesOf(arg, selection).map((node) => jsonOf(node, services)))).filter((v) => v !== undefined);
    if (values.length === 0) throw new Error(vscode.l10n.t('Select an identity or role assignment to copy it as JSON.'));
    const text = JSON.stringify(values.length === 1 ? values[0] : values, null, 2);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(values.length === 1 ? vscode.l10n.t('Copied as JSON') : vscode.l10n.t('Copied {0} objects as JSON', values.length), 3000);
    return text;
  });

  registerCommand(services, COMMAND_IDS.findIdentity, async (arg?: unknown, options?: { value?: string }) => {
    const tenant = await resolveTenant(services.ui, tenants, arg, vscode.l10n.t('Find an identity in which tenant?'));
    tree.active.set(tenant.id);
    const ref = await pickIdentity(services.ui, tenants, tenant.id, { value: options?.value, recent: services.recentIdentities.list(tenant.id) });
    if (!ref) throw new UserCancelledError();
    // Select it in the tree when it is loaded there, and open its details (the panels module).
    await tree.revealIdentity(ref, false).catch(() => undefined);
    await vscode.commands.executeCommand(COMMAND_IDS.openIdentityDetails, ref);
    return ref;
  });
}

