// get-role-assignments, get-role-assignment, get-identity-ownership-details.

import type { SimContext } from '../context';
import { json, notFound } from '../http';
import type { SimRequest, SimResponse } from '../http';
import { ownershipBody, toRoleAssignmentRef } from '../roles';

/** Without roleId/roleName: RoleAssignmentRef[]; with either: the matching full RoleAssignmentDto[]. */
export function getRoleAssignments(ctx: SimContext, req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.identityId);
  if (!record) return notFound('identity', params.identityId);
  const assignments = ctx.store.roleAssignments(record);
  const roleId = req.query.get('roleId');
  const roleName = req.query.get('roleName');
  if (!roleId && !roleName) return json(200, assignments.map(toRoleAssignmentRef));
  const filtered = assignments.filter(
    (a) =>
      (!roleId || a.role?.id === roleId) &&
      (!roleName || (a.role?.name ?? '').toLowerCase() === roleName.toLowerCase()),
  );
  return json(200, filtered);
}

export function getRoleAssignment(ctx: SimContext, _req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.identityId);
  if (!record) return notFound('identity', params.identityId);
  const assignment = ctx.store.roleAssignments(record).find((a) => a.id === params.assignmentId);
  if (!assignment) return notFound('role assignment', params.assignmentId);
  return json(200, assignment);
}

export function getOwnership(ctx: SimContext, _req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.identityId);
  if (!record) return notFound('identity', params.identityId);
  return json(200, ownershipBody(ctx.store.owned(record), ctx.faults.ownershipShape));
}
