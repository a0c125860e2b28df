// The read tools: tenants, find identities, one identity, role assignments, the identities needing attention.
// Nothing here writes; results are compact tables with ids, identity data quoted (src/model/tools).
import * as vscode from 'vscode';
import { isIscApiError } from '../api/errors';
import { and } from '../api/filters';
import type { IscClient } from '../api/iscClient';
import type { ListIdentitiesQuery } from '../api/types';
import { displayName } from '../model/actions/report';
import type { TenantInfo } from '../model/tenant';
import {
  identityDetailText,
  identityListText,
  queryDescription,
  roleAssignmentRefsText,
  roleAssignmentsText,
  tenantListText,
} from '../model/tools/identityToolText';
import type { Optional } from '../model/tools/identityToolText';
import {
  NEEDS_ATTENTION_FILTER,
  ToolInputError,
  findQueryFromInput,
  identityIdFromInput,
  identityIncludesFromInput,
  tenantFromInput,
} from '../model/tools/toolInput';
import { toolErrorText } from '../model/tools/toolText';
import type { CoreServices } from '../services';
import { credentialText, resolveTenant, runTool } from './toolSupport';

/** What the model passes: a JSON object, checked field by field in src/model/tools/toolInput.ts. */
export type ToolInput = Readonly<Record<string, unknown>>;

export type IscTool = vscode.LanguageModelTool<ToolInput>;

function tenantLabel(tenant: TenantInfo): string {
  return displayName(tenant.label);
}

/** Resolves the tenant (before any request) for the progress message; a bad tenant shows as a plain message. */
function invocationMessage(services: CoreServices, input: ToolInput, what: (tenant: string) => string): string {
  try {
    return what(tenantLabel(resolveTenant(services.tenants, tenantFromInput(input))));
  } catch {
    return what('ISC');
  }
}

async function clientFor(services: CoreServices, input: ToolInput): Promise<{ tenant: TenantInfo; client: IscClient }> {
  const tenant = resolveTenant(services.tenants, tenantFromInput(input));
  return { tenant, client: await services.tenants.getClient(tenant.id) };
}

async function settle<T>(work: Promise<T>): Promise<Optional<T>> {
  try {
    return { value: await work };
  } catch (error) {
    return { error: toolErrorText(error) };
  }
}

export function listTenantsTool(services: CoreServices): IscTool {
  return {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Listing ISC tenants…') }),
    invoke: (_options, token) =>
      runTool(token, async () => {
        const tenants = services.tenants.list().map((t) => ({
          id: t.id,
          label: t.label,
          baseUrl: t.baseUrl,
          readOnly: t.readOnly,
          source: t.source,
          credentials: credentialText(services.tenants.credentialStatus(t.id)),
        }));
        return tenantListText(tenants);
      }),
  };
}

async function listPage(services: CoreServices, input: ToolInput, query: ListIdentitiesQuery, signal: AbortSignal, noun?: string): Promise<string> {
  const { tenant, client } = await clientFor(services, input);
  const page = await client.listIdentities(query, { signal });
  return identityListText({ tenant, query: queryDescription(query), identities: page.items, offset: page.offset, total: page.total, noun });
}

export function findIdentitiesTool(services: CoreServices): IscTool {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: invocationMessage(services, input, (tenant) => vscode.l10n.t('Finding identities on “{0}”…', tenant)),
    }),
    invoke: ({ input }, token) => runTool(token, (signal) => listPage(services, input, findQueryFromInput(input), signal)),
  };
}

export function needsAttentionTool(services: CoreServices): IscTool {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: invocationMessage(services, input, (tenant) => vscode.l10n.t('Listing identities needing attention on “{0}”…', tenant)),
    }),
    invoke: ({ input }, token) =>
      runTool(token, (signal) => {
        const query = findQueryFromInput(input);
        const filters = and(NEEDS_ATTENTION_FILTER, query.filters ?? '');
        return listPage(services, input, { ...query, filters }, signal, 'identities needing attention (processing state ERROR)');
      }),
  };
}

export function getIdentityTool(services: CoreServices): IscTool {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: invocationMessage(services, input, (tenant) => vscode.l10n.t('Reading an identity on “{0}”…', tenant)),
    }),
    invoke: ({ input }, token) =>
      runTool(token, async (signal) => {
        const identityId = identityIdFromInput(input);
        const include = identityIncludesFromInput(input);
        const { tenant, client } = await clientFor(services, input);
        const [identity, roleAssignments, ownership] = await Promise.all([
          client.getIdentity(identityId, { signal }).catch((error: unknown) => notFoundAsInputError(error, identityId, tenant)),
          include.roleAssignments ? settle(client.getRoleAssignmentRefs(identityId, { signal })) : undefined,
          include.ownership ? settle(client.getOwnershipDetails(identityId, { signal })) : undefined,
        ]);
        return identityDetailText({ tenant, identity, roleAssignments, ownership });
      }),
  };
}

function notFoundAsInputError(error: unknown, identityId: string, tenant: TenantInfo): never {
  if (isIscApiError(error) && error.kind === 'notFound') {
    throw new ToolInputError(`No identity with id ${identityId} on tenant ${tenant.id}; find it first with the find-identities tool.`);
  }
  throw error;
}

export function getRoleAssignmentTool(services: CoreServices): IscTool {
  return {
    prepareInvocation: ({ input }) => ({
      invocationMessage: invocationMessage(services, input, (tenant) => vscode.l10n.t('Reading role assignments on “{0}”…', tenant)),
    }),
    invoke: ({ input }, token) =>
      runTool(token, async (signal) => {
        const identityId = identityIdFromInput(input);
        const assignmentId = typeof input.assignmentId === 'string' && input.assignmentId.trim() ? identityIdFromInput(input, 'assignmentId') : undefined;
        const roleId = typeof input.roleId === 'string' && input.roleId.trim() ? identityIdFromInput(input, 'roleId') : undefined;
        const roleName = typeof input.roleName === 'string' && input.roleName.trim() ? input.roleName.trim().slice(0, 200) : undefined;
        const { tenant, client } = await clientFor(services, input);
        if (assignmentId) {
          const assignment = await client.getRoleAssignment(identityId, assignmentId, { signal });
          return roleAssignmentsText(tenant, identityId, [assignment]);
        }
        if (roleId || roleName) {
          const assignments = await client.findRoleAssignments(identityId, { roleId, roleName }, { signal });
          return roleAssignmentsText(tenant, identityId, assignments);
        }
        return roleAssignmentRefsText(tenant, identityId, await client.getRoleAssignmentRefs(identityId, { signal }));
      }),
  };
}
