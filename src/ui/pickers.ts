// Quick picks shared by all command groups: choose a tenant; find an identity by name as you type.
import { COMMAND_IDS } from '../commands/commandIds';
import * as vscode from 'vscode';
import type { Identity } from '../api/types';
import type { IdentityRef } from '../model/identityRef';
import type { TenantDirectory, TenantInfo } from '../model/tenant';
import { FIND_DEBOUNCE_MS, findQuery } from '../model/identitySearch';
import { displayText, identityDescription, identityLabel, identityStatusInfo } from '../model/identityDisplay';
import { errorText } from '../model/connectionErrors';
import { isAbortError } from '../api/errors';
import type { UserInput } from './userInput';

/** Quick-pick text must not render `$(icon)` from identity data: escape it as VS Code does (`\$(`). */
export function escapeQuickPickText(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** "$(lock) read-only · client abc · active": whole sentences per case, so a translation can order them. */
function tenantPickDetail(tenant: TenantInfo, active: boolean): string {
  const client = escapeQuickPickText(displayText(tenant.clientId, 60));
  if (tenant.readOnly) {
    return active ? vscode.l10n.t('$(lock) read-only · client {0} · active', client) : vscode.l10n.t('$(lock) read-only · client {0}', client);
  }
  return active ? vscode.l10n.t('$(unlock) writable · client {0} · active', client) : vscode.l10n.t('$(unlock) writable · client {0}', client);
}

interface TenantItem extends vscode.QuickPickItem {
  tenant: TenantInfo;
}

/** Picks a tenant; with one tenant it is returned without asking. Undefined when there is none or the user cancels. */
export async function pickTenant(ui: UserInput, directory: TenantDirectory, placeHolder = vscode.l10n.t('Choose an ISC tenant')): Promise<TenantInfo | undefined> {
  const tenants = [...directory.list()];
  if (tenants.length === 0) {
    const choice = await ui.showMessage('info', vscode.l10n.t('No ISC tenant is set up yet.'), vscode.l10n.t('Add Tenant…'));
    if (choice) await vscode.commands.executeCommand(COMMAND_IDS.addTenant);
    return undefined;
  }
  if (tenants.length === 1) return tenants[0];
  const preferred = directory.activeTenantId();
  tenants.sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
  const items: TenantItem[] = tenants.map((tenant) => ({
    tenant,
    label: escapeQuickPickText(displayText(tenant.label, 80)),
    description: tenant.baseUrl,
    detail: tenantPickDetail(tenant, tenant.id === preferred),
  }));
  const picked = await ui.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.tenant;
}

interface IdentityItem extends vscode.QuickPickItem {
  ref?: IdentityRef;
}

function identityQuickPickItem(tenantId: string, identity: Identity): IdentityItem {
  return {
    label: escapeQuickPickText(identityLabel(identity)),
    description: escapeQuickPickText(identityDescription(identity)),
    detail: `${identity.id} · ${escapeQuickPickText(identityStatusInfo(identity).text)}`,
    alwaysShow: true, // the server already filtered; the quick pick must not filter again
    ref: { tenantId, identityId: identity.id, name: identity.name ?? identity.id },
  };
}

/** The recently opened identities, offered before anything is typed. */
function recentItems(recent: readonly IdentityRef[]): IdentityItem[] {
  return recent.map((ref, index) => ({
    label: escapeQuickPickText(displayText(ref.name, 120)),
    description: index === 0 ? vscode.l10n.t('recently opened') : undefined,
    detail: ref.identityId,
    alwaysShow: true,
    ref,
  }));
}

/**
 * "Find identity…": searches list-identities for a name, alias or email starting with the typed text (or `id eq`
 * for a 32-hex id) as the user types, debounced, aborting the request of a stale query; before anything is typed it
 * lists `recent`. Resolves with the chosen identity, undefined on Escape.
 */
export async function pickIdentity(
  ui: UserInput,
  directory: TenantDirectory,
  tenantId: string,
  options: { title?: string; value?: string; recent?: readonly IdentityRef[] } = {},
): Promise<IdentityRef | undefined> {
  const tenant = directory.get(tenantId);
  if (!tenant) throw new Error(vscode.l10n.t('Unknown tenant {0}.', tenantId));
  const recent = (options.recent ?? []).filter((ref) => ref.tenantId === tenantId);
  const search = async (value: string, signal: AbortSignal): Promise<IdentityItem[]> => {
    const query = findQuery(value);
    if (!query) return recentItems(recent);
    try {
      const client = await directory.getClient(tenantId);
      const page = await client.listIdentities(query, { signal });
      return page.items.length
        ? page.items.map((identity) => identityQuickPickItem(tenantId, identity))
        : [{ label: vscode.l10n.t('No identity found'), description: vscode.l10n.t('no name, alias or email starts with "{0}"', escapeQuickPickText(displayText(value, 60))), alwaysShow: true }];
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return [];
      return [{ label: `$(error) ${vscode.l10n.t('Search failed')}`, detail: escapeQuickPickText(errorText(error)), alwaysShow: true }];
    }
  };
  const picked = await ui.showLivePick<IdentityItem>({
    title: options.title ?? vscode.l10n.t('Find identity in {0}', displayText(tenant.label, 60)),
    placeholder: vscode.l10n.t('Type the beginning of a name, alias or email (or an identity ID)'),
    value: options.value,
    items: search,
    debounceMs: FIND_DEBOUNCE_MS,
    acceptable: (item) => item.ref !== undefined,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.item.ref;
}
