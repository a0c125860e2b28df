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
import { LatestOnly } from '../util/cancellation';

let preferredTenant: () => string | undefined = () => undefined;

/** Lets the active tenant (status bar) come first in tenant pickers. */
export function setPreferredTenantProvider(provider: () => string | undefined): void {
  preferredTenant = provider;
}

/** Quick-pick text must not render `$(icon)` from identity data: escape it as VS Code does (`\$(`). */
export function escapeQuickPickText(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

interface TenantItem extends vscode.QuickPickItem {
  tenant: TenantInfo;
}

/** Picks a tenant; with one tenant it is returned without asking. Undefined when there is none or the user cancels. */
export async function pickTenant(directory: TenantDirectory, placeHolder = 'Choose an ISC tenant'): Promise<TenantInfo | undefined> {
  const tenants = [...directory.list()];
  if (tenants.length === 0) {
    const choice = await vscode.window.showInformationMessage('No ISC tenant is set up yet.', 'Add Tenant…');
    if (choice) await vscode.commands.executeCommand(COMMAND_IDS.addTenant);
    return undefined;
  }
  if (tenants.length === 1) return tenants[0];
  const preferred = preferredTenant();
  tenants.sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
  const items: TenantItem[] = tenants.map((tenant) => ({
    tenant,
    label: escapeQuickPickText(displayText(tenant.label, 80)),
    description: tenant.baseUrl,
    detail: `${tenant.readOnly ? '$(lock) read-only' : '$(unlock) writable'} · client ${escapeQuickPickText(displayText(tenant.clientId, 60))}${tenant.id === preferred ? ' · active' : ''}`,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
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

/**
 * "Find identity…": searches list-identities with `name sw` (or `id eq` for a 32-hex id) as the user types,
 * debounced, aborting the request of a stale query. Resolves with the chosen identity, undefined on Escape.
 */
export function pickIdentity(directory: TenantDirectory, tenantId: string, options: { title?: string; value?: string } = {}): Promise<IdentityRef | undefined> {
  const tenant = directory.get(tenantId);
  if (!tenant) return Promise.reject(new Error(`Unknown tenant ${tenantId}.`));
  const qp = vscode.window.createQuickPick<IdentityItem>();
  qp.title = options.title ?? `Find identity in ${displayText(tenant.label, 60)}`;
  qp.placeholder = 'Type the beginning of a name (or an identity ID)';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const latest = new LatestOnly();
  let timer: NodeJS.Timeout | undefined;

  const search = async (value: string): Promise<void> => {
    const query = findQuery(value);
    if (!query) return;
    const signal = latest.next();
    try {
      const client = await directory.getClient(tenantId);
      const page = await client.listIdentities(query, { signal });
      if (signal.aborted) return;
      qp.items = page.items.length
        ? page.items.map((identity) => identityQuickPickItem(tenantId, identity))
        : [{ label: 'No identity found', description: `no name starts with "${escapeQuickPickText(displayText(value, 60))}"`, alwaysShow: true }];
    } catch (error) {
      if (signal.aborted || isAbortError(error)) return;
      qp.items = [{ label: '$(error) Search failed', detail: escapeQuickPickText(errorText(error)), alwaysShow: true }];
    }
    qp.busy = false;
  };

  const onValue = (value: string): void => {
    if (timer) clearTimeout(timer);
    latest.cancel();
    if (!value.trim()) {
      qp.items = [];
      qp.busy = false;
      return;
    }
    qp.busy = true;
    timer = setTimeout(() => void search(value), FIND_DEBOUNCE_MS);
  };

  return new Promise<IdentityRef | undefined>((resolve) => {
    let done = false;
    const finish = (ref: IdentityRef | undefined): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      latest.cancel();
      resolve(ref);
      qp.dispose();
    };
    qp.onDidChangeValue(onValue);
    qp.onDidAccept(() => {
      const ref = qp.selectedItems[0]?.ref;
      if (ref) finish(ref);
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
    if (options.value) {
      qp.value = options.value;
      onValue(options.value);
    }
  });
}
