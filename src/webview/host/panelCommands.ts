// Argument handling of the panel commands: refs from the tree/palette, and the pickers when no argument came.
import * as vscode from 'vscode';
import type { RoleAssignmentRef } from '../../api/types';
import { identityRefsFromArgs, isIdentityRef } from '../../model/identityRef';
import type { IdentityRef } from '../../model/identityRef';
import type { ExtensionServices } from '../../services';
import { pickIdentity, pickTenant } from '../../ui/pickers';

export interface RoleAssignmentTarget {
  tenantId: string;
  identityId: string;
  assignmentId: string;
  roleName?: string;
  identityName?: string;
}

/** Refs from a tree node / ref / multi-selection; with none, asks for a tenant and an identity. */
export async function identityRefsForCommand(services: ExtensionServices, primary: unknown, selection: unknown, title: string): Promise<IdentityRef[]> {
  const refs = identityRefsFromArgs(primary, selection);
  if (refs.length > 0) return refs;
  const picked = await pickIdentityRef(services, title);
  return picked ? [picked] : [];
}

async function pickIdentityRef(services: ExtensionServices, title: string): Promise<IdentityRef | undefined> {
  const tenant = await pickTenant(services.ui, services.tenants, vscode.l10n.t('Tenant of the identity'));
  if (!tenant) return undefined;
  return pickIdentity(services.ui, services.tenants, tenant.id, { title, recent: services.recentIdentities.list(tenant.id) });
}

/**
 * `{ tenantId, identityId, assignmentId, roleName }` as the tree passes it on click; also accepts the
 * role-assignment tree node itself (context menu), whose `args` carry that object.
 */
export function roleAssignmentArg(arg: unknown): RoleAssignmentTarget | undefined {
  const direct = asTarget(arg);
  if (direct) return direct;
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as { args?: unknown; command?: { arguments?: unknown[] }; parent?: { identityRef?: unknown } };
  const target = asTarget(node.args) ?? asTarget(node.command?.arguments?.[0]);
  if (target && !target.identityName && isIdentityRef(node.parent?.identityRef)) target.identityName = node.parent.identityRef.name;
  return target;
}

function asTarget(value: unknown): RoleAssignmentTarget | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.tenantId !== 'string' || typeof v.identityId !== 'string' || typeof v.assignmentId !== 'string') return undefined;
  if (!v.tenantId || !v.identityId || !v.assignmentId) return undefined;
  return {
    tenantId: v.tenantId,
    identityId: v.identityId,
    assignmentId: v.assignmentId,
    roleName: typeof v.roleName === 'string' ? v.roleName : undefined,
    identityName: typeof v.identityName === 'string' ? v.identityName : undefined,
  };
}

/** Palette flow: tenant, identity, then one of its role assignments. */
export async function pickRoleAssignment(services: ExtensionServices): Promise<RoleAssignmentTarget | undefined> {
  const ref = await pickIdentityRef(services, vscode.l10n.t('Open role assignment details: identity'));
  if (!ref) return undefined;
  const refs = await services.ui.withProgress(vscode.l10n.t('Loading role assignments of {0}…', ref.name), async (_progress, signal) => {
    const client = await services.tenants.getClient(ref.tenantId);
    return client.getRoleAssignmentRefs(ref.identityId, { signal });
  });
  if (refs.length === 0) {
    void services.ui.showMessage('info', vscode.l10n.t('{0} has no role assignments.', ref.name));
    return undefined;
  }
  const items = refs
    .filter((r): r is RoleAssignmentRef & { id: string } => typeof r.id === 'string' && r.id.length > 0)
    .map((r) => ({ label: r.role?.name ?? r.role?.id ?? r.id, description: r.addedDate ? vscode.l10n.t('added {0}', r.addedDate) : undefined, detail: r.id, id: r.id, roleName: r.role?.name ?? undefined }));
  const chosen = await services.ui.showQuickPick(items, { title: vscode.l10n.t('Role assignments of {0}', ref.name), matchOnDescription: true, matchOnDetail: true });
  if (!chosen) return undefined;
  return { tenantId: ref.tenantId, identityId: ref.identityId, assignmentId: chosen.id, roleName: chosen.roleName, identityName: ref.name };
}
