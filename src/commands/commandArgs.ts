// Turning command arguments (tree nodes, ids, ref objects, nothing) into tenants.
import * as vscode from 'vscode';
import type { TenantDirectory, TenantInfo } from '../model/tenant';
import { IdentityNode, PlaceholderNode, RoleAssignmentNode, TenantNode } from '../tree/nodes';
import { UserCancelledError } from '../util/cancellation';
import { pickTenant } from '../ui/pickers';
import type { UserInput } from '../ui/userInput';

/** The tenant id an argument names: a tree node, a tenant id string, or an object with `tenantId`. */
export function tenantIdOf(arg: unknown): string | undefined {
  if (arg instanceof TenantNode || arg instanceof IdentityNode || arg instanceof PlaceholderNode) return arg.tenantId;
  if (arg instanceof RoleAssignmentNode) return arg.parent.tenantId;
  if (typeof arg === 'string' && arg) return arg;
  if (arg && typeof arg === 'object' && typeof (arg as { tenantId?: unknown }).tenantId === 'string') return (arg as { tenantId: string }).tenantId;
  return undefined;
}

/** A view of `directory` with only the tenants `keep` accepts (for pickers). */
export function filteredDirectory(directory: TenantDirectory, keep: (tenant: TenantInfo) => boolean): TenantDirectory {
  return {
    list: () => directory.list().filter(keep),
    get: (id) => directory.get(id),
    activeTenantId: () => directory.activeTenantId(),
    getClient: (id) => directory.getClient(id),
    onDidChange: (listener) => directory.onDidChange(listener),
    onRateLimitWait: (listener) => directory.onRateLimitWait(listener),
  };
}

/** The tenant `arg` names, else the one the user picks; throws UserCancelledError when there is none. */
export async function resolveTenant(ui: UserInput, directory: TenantDirectory, arg: unknown, placeHolder?: string): Promise<TenantInfo> {
  const id = tenantIdOf(arg);
  if (id) {
    const tenant = directory.get(id);
    if (!tenant) throw new Error(vscode.l10n.t('Unknown tenant "{0}".', id));
    return tenant;
  }
  const picked = await pickTenant(ui, directory, placeHolder);
  if (!picked) throw new UserCancelledError();
  return picked;
}
