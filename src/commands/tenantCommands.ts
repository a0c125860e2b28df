// Tenants and credentials: add, update credentials, remove, read-only toggle, active tenant.
import { COMMAND_IDS } from './commandIds';
import * as vscode from 'vscode';
import { InvalidBaseUrlError, describeBaseUrlHost, normalizeBaseUrl } from '../api/baseUrl';
import type { CachedToken } from '../api/iscClient';
import { describeConnectionProblem } from '../model/connectionErrors';
import type { TenantInfo } from '../model/tenant';
import { tenantLabelFor } from '../auth/environmentTenant';
import type { CoreServices } from '../services';
import type { TreeController } from '../tree/treeController';
import { UserCancelledError, orCancel } from '../util/cancellation';
import { registerCommand } from './commandWrapper';
import { filteredDirectory, resolveTenant } from './commandArgs';
import { pickTenant } from '../ui/pickers';

/** Argument of `iscExplorer.addTenant` for tests and automation (no UI is shown). */
interface AddTenantArgs {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  label?: string;
  readOnly?: boolean;
  /** Fetch a token before saving (default true). */
  verify?: boolean;
}

interface CredentialInput {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

function isAddTenantArgs(value: unknown): value is AddTenantArgs {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.baseUrl === 'string' && typeof v.clientId === 'string' && typeof v.clientSecret === 'string';
}

function proxyConfigured(): boolean {
  const env = process.env;
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || vscode.workspace.getConfiguration('http').get<string>('proxy'));
}

export function registerTenantCommands(services: CoreServices, tree: TreeController): void {
  const { logger, tenants, ui } = services;

  /** For pickers of commands that only apply to added tenants (the environment tenant has no stored credentials). */
  const userTenantsOnly = () => {
    const directory = filteredDirectory(tenants, (t) => t.source === 'user');
    if (directory.list().length === 0 && tenants.list().length > 0) {
      throw new Error(vscode.l10n.t('Only added tenants have stored credentials; the environment tenant uses ISC_BASE_URL, ISC_CLIENT_ID and ISC_CLIENT_SECRET. Use "ISC: Add Tenant…" to add one.'));
    }
    return directory;
  };

  /** Verifies with a progress notification: `{ token }` on success, `{ problem }` in plain language on failure. */
  const verify = async (input: CredentialInput): Promise<{ problem?: string; token?: CachedToken }> => {
    try {
      return await ui.withProgress(vscode.l10n.t('Connecting to {0}…', tenantLabelFor(input.baseUrl)), async (_progress, signal) => {
        const issued = await tenants.verify(input.baseUrl, input.clientId, input.clientSecret, signal);
        if (signal.aborted) throw new UserCancelledError();
        return { token: issued };
      });
    } catch (error) {
      if (error instanceof UserCancelledError) throw error;
      const problem = describeConnectionProblem(error, input.baseUrl, proxyConfigured());
      logger.warn(`Connection check of ${input.baseUrl} failed (${problem.kind}): ${problem.message}`);
      return { problem: problem.message };
    }
  };

  /** The tenant already added with this API base URL and client ID, if any (one tenant per pair). */
  const alreadyAdded = (baseUrl: string, clientId: string): TenantInfo | undefined =>
    tenants.list().find((t) => t.baseUrl === baseUrl && t.clientId === clientId.trim());

  const duplicateMessage = (existing: TenantInfo): string =>
    vscode.l10n.t('This tenant and client ID are already added as "{0}". Use "Update Credentials…" to change its secret.', existing.label);

  /**
   * A host outside identitynow.com / identitynow-demo.com may be a vanity domain, or a look-alike: show the host the
   * secret will go to (its punycode form too) before the secret is asked for.
   */
  const confirmUnusualHost = async (baseUrl: string): Promise<void> => {
    const host = describeBaseUrlHost(baseUrl);
    if (host.isSailPointDomain || host.isLoopback) return;
    const shown = host.unicodeHost === host.asciiHost ? host.asciiHost : `${host.unicodeHost} (${host.asciiHost})`;
    const go = vscode.l10n.t('Continue with {0}', host.asciiHost);
    const choice = await ui.showModal(
      'warning',
      vscode.l10n.t('The API host is {0}, which is not under identitynow.com.', shown),
      vscode.l10n.t('Tenants with a vanity domain have such hosts. The client ID and secret you enter next are sent to this host only: go on only if it is your tenant.'),
      go,
    );
    if (choice !== go) throw new UserCancelledError();
  };

  /** Asks URL (when `askUrl`), client ID and secret; with `refuseDuplicates` a known URL + client ID pair stops at the client ID. */
  const askCredentials = async (initial: Partial<CredentialInput>, title: string, askUrl: boolean, refuseDuplicates = false): Promise<CredentialInput> => {
    let baseUrl = initial.baseUrl ?? '';
    if (askUrl) {
      const typed = orCancel(
        await ui.showInputBox({
          title: `${title} (1/3)`,
          prompt: vscode.l10n.t('Tenant name (builds https://NAME.api.identitynow.com) or the full API base URL'),
          placeHolder: vscode.l10n.t('acme   or   https://acme.api.identitynow.com'),
          value: baseUrl,
          ignoreFocusOut: true,
          validateInput: (text) => {
            try {
              normalizeBaseUrl(text);
              return undefined;
            } catch (error) {
              return error instanceof InvalidBaseUrlError ? error.message : String(error);
            }
          },
        }),
      );
      baseUrl = normalizeBaseUrl(typed);
      await confirmUnusualHost(baseUrl);
    }
    const clientId = orCancel(
      await ui.showInputBox({
        title: `${title} (${askUrl ? '2/3' : '1/2'})`,
        prompt: vscode.l10n.t('Client ID of a personal access token for {0}', baseUrl),
        value: initial.clientId ?? '',
        ignoreFocusOut: true,
        validateInput: (text) => {
          if (!text.trim()) return vscode.l10n.t('Enter the client ID of the personal access token.');
          const existing = refuseDuplicates ? alreadyAdded(baseUrl, text) : undefined;
          return existing ? duplicateMessage(existing) : undefined;
        },
      }),
    ).trim();
    const clientSecret = orCancel(
      await ui.showInputBox({
        title: `${title} (${askUrl ? '3/3' : '2/2'})`,
        prompt: vscode.l10n.t('Client secret (stored only in VS Code\'s secret storage)'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text ? undefined : vscode.l10n.t('Enter the client secret.')),
      }),
    );
    return { baseUrl, clientId, clientSecret };
  };

  registerCommand(services, COMMAND_IDS.addTenant, async (arg?: unknown): Promise<TenantInfo | undefined> => {
    if (isAddTenantArgs(arg)) {
      const baseUrl = normalizeBaseUrl(arg.baseUrl);
      // Before the connection check: a duplicate needs no token request to be refused.
      const existing = alreadyAdded(baseUrl, arg.clientId);
      if (existing) throw new Error(duplicateMessage(existing));
      let token: CachedToken | undefined;
      if (arg.verify !== false) {
        const checked = await verify({ baseUrl, clientId: arg.clientId, clientSecret: arg.clientSecret });
        if (checked.problem) throw new Error(checked.problem);
        token = checked.token;
      }
      const added = await tenants.addTenant({ ...arg, baseUrl, token });
      void tree.revealTenant(added.id);
      return added;
    }
    let input: Partial<CredentialInput> = {};
    for (;;) {
      const entered = await askCredentials(input, vscode.l10n.t('Add ISC Tenant'), true, true);
      const { problem, token } = await verify(entered);
      if (!problem) {
        const added = await tenants.addTenant({ ...entered, token });
        void ui.showMessage('info', vscode.l10n.t('Added tenant "{0}" (read-only; use "Toggle Read-Only Mode" to allow changes).', added.label));
        void tree.revealTenant(added.id, true);
        return added;
      }
      const retry = vscode.l10n.t('Edit and Retry');
      const choice = await ui.showMessage('error', problem, retry);
      if (choice !== retry) return undefined;
      input = { baseUrl: entered.baseUrl, clientId: entered.clientId };
    }
  });

  registerCommand(services, COMMAND_IDS.updateCredentials, async (arg?: unknown, creds?: { clientId?: string; clientSecret?: string; verify?: boolean }) => {
    const tenant = await resolveTenant(ui, userTenantsOnly(), arg, vscode.l10n.t('Update the credentials of which tenant?'));
    if (tenant.source === 'environment') {
      throw new Error(vscode.l10n.t('The environment tenant uses ISC_CLIENT_ID and ISC_CLIENT_SECRET from the environment; change them and restart VS Code.'));
    }
    if (creds?.clientSecret) {
      const input = { baseUrl: tenant.baseUrl, clientId: creds.clientId ?? tenant.clientId, clientSecret: creds.clientSecret };
      let token: CachedToken | undefined;
      if (creds.verify !== false) {
        const checked = await verify(input);
        if (checked.problem) throw new Error(checked.problem);
        token = checked.token;
      }
      await tenants.updateCredentials(tenant.id, input.clientId, input.clientSecret, token);
      return true;
    }
    let initial: Partial<CredentialInput> = { baseUrl: tenant.baseUrl, clientId: tenant.clientId };
    for (;;) {
      const entered = await askCredentials(initial, vscode.l10n.t('Credentials of {0}', tenant.label), false);
      const { problem, token } = await verify(entered);
      if (!problem) {
        await tenants.updateCredentials(tenant.id, entered.clientId, entered.clientSecret, token);
        void ui.showMessage('info', vscode.l10n.t('Updated the credentials of "{0}".', tenant.label));
        return true;
      }
      const retry = vscode.l10n.t('Edit and Retry');
      const choice = await ui.showMessage('error', problem, retry);
      if (choice !== retry) return false;
      initial = { baseUrl: tenant.baseUrl, clientId: entered.clientId };
    }
  });

  registerCommand(services, COMMAND_IDS.removeTenant, async (arg?: unknown, options?: { confirm?: boolean }) => {
    const tenant = await resolveTenant(ui, userTenantsOnly(), arg, vscode.l10n.t('Remove which tenant?'));
    if (tenant.source === 'environment') {
      throw new Error(vscode.l10n.t('The environment tenant comes from ISC_BASE_URL, ISC_CLIENT_ID and ISC_CLIENT_SECRET; unset them (or turn off "iscExplorer.environmentTenant.enabled") to hide it.'));
    }
    if (options?.confirm !== false) {
      const remove = vscode.l10n.t('Remove');
      const choice = await ui.showModal('warning', vscode.l10n.t('Remove tenant "{0}"?', tenant.label), vscode.l10n.t('{0}\nIts client secret and cached token are deleted from the secret storage.', tenant.baseUrl), remove);
      if (choice !== remove) throw new UserCancelledError();
    }
    await tenants.removeTenant(tenant.id);
    await services.viewStates.delete(tenant.id);
    await services.savedFilters.delete(tenant.id);
    await services.recentIdentities.delete(tenant.id);
    await services.recentSources.delete(tenant.id);
    return true;
  });

  registerCommand(services, COMMAND_IDS.toggleReadOnly, async (arg?: unknown, value?: boolean) => {
    const tenant = await resolveTenant(ui, tenants, arg, vscode.l10n.t('Toggle read-only mode of which tenant?'));
    const readOnly = typeof value === 'boolean' ? value : !tenant.readOnly;
    if (!readOnly && typeof value !== 'boolean') {
      const allow = vscode.l10n.t('Allow Changes');
      const choice = await ui.showModal('warning', vscode.l10n.t('Allow changes to "{0}"?', tenant.label), vscode.l10n.t('Identity actions (delete, reset, process, invite…) will be able to change this tenant.'), allow);
      if (choice !== allow) throw new UserCancelledError();
    }
    await tenants.setReadOnly(tenant.id, readOnly);
    return readOnly;
  });

  registerCommand(services, COMMAND_IDS.selectActiveTenant, async (arg?: unknown) => {
    const tenant = arg ? await resolveTenant(ui, tenants, arg) : await pickTenant(ui, tenants, vscode.l10n.t('Make which tenant active?'));
    if (!tenant) throw new UserCancelledError();
    tree.active.set(tenant.id);
    await tree.revealTenant(tenant.id);
    return tenant.id;
  });
}
