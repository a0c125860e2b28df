// Children of an identity node: its role assignments, loaded lazily and single-flight.
import * as vscode from 'vscode';
import type { TenantDirectory } from '../model/tenant';
import { RoleAssignmentNode } from './nodes';
import type { IdentityNode, TreeNode } from './nodes';
import type { Placeholders } from './placeholders';

/** Loads the role assignment references once; concurrent callers share the load. */
function loadRoleAssignments(node: IdentityNode, tenants: TenantDirectory): Promise<void> {
  if (node.roles.loading) return node.roles.loading;
  const generation = node.roles.generation;
  const load = (async () => {
    try {
      const client = await tenants.getClient(node.tenantId);
      const refs = await client.getRoleAssignmentRefs(node.identityId);
      if (node.roles.generation === generation) node.roles = { generation, refs };
    } catch (error) {
      if (node.roles.generation === generation) node.roles = { generation, error };
    }
  })();
  node.roles = { generation, loading: load };
  return load;
}

/** Forgets loaded role assignments (the next expand loads them again). */
export function resetRoleAssignments(node: IdentityNode): void {
  const { refs, error, loading, generation } = node.roles;
  if (refs === undefined && error === undefined && loading === undefined) return; // nothing to forget, nothing in flight
  node.roles = { generation: generation + 1 };
}

export async function roleAssignmentChildren(node: IdentityNode, tenants: TenantDirectory, placeholders: Placeholders): Promise<TreeNode[]> {
  if (!node.roles.refs && node.roles.error === undefined) await loadRoleAssignments(node, tenants);
  const { refs, error } = node.roles;
  if (error !== undefined || !refs) return [placeholders.error(node, error ?? new Error(vscode.l10n.t('Role assignments could not be loaded.')), vscode.l10n.t('role assignments'))];
  if (refs.length === 0) return [placeholders.get(node, 'empty', vscode.l10n.t('No role assignments'))];
  const seen = new Set<string>();
  const children: RoleAssignmentNode[] = [];
  refs.forEach((ref, index) => {
    const key = ref.id || `${ref.role?.id ?? 'role'}-${index}`;
    if (seen.has(key)) return;
    seen.add(key);
    node.roleNodes ??= new Map();
    let child = node.roleNodes.get(key);
    if (child) child.ref = ref;
    else {
      child = new RoleAssignmentNode(node, key, ref);
      node.roleNodes.set(key, child);
    }
    children.push(child);
  });
  return children;
}
