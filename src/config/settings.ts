// Typed access to the extension's settings (contributes.configuration in package.json).
import * as vscode from 'vscode';
import type { NetworkOptions } from '../api/proxyConfig';
import { clampPageSize } from '../model/identityPager';
import type { Logger } from '../util/redact';
import { NETWORK_SETTING_KEYS, readNetworkOptions } from './networkSettings';

const SETTINGS_SECTION = 'iscExplorer';

export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION);
  }

  /** Identities per page (1–250, default 250). */
  get pageSize(): number {
    return clampPageSize(this.config.get<number>('pageSize', 250));
  }

  /** Whether the ISC_* environment variables make an "environment tenant". */
  get environmentTenantEnabled(): boolean {
    return this.config.get<boolean>('environmentTenant.enabled', true) !== false;
  }

  /** The setting alone; ISC_READ_ONLY in the environment overrides it (see TenantRegistry). */
  get environmentTenantReadOnly(): boolean {
    return this.config.get<boolean>('environmentTenant.readOnly', true) !== false;
  }

  /** Proxy and trusted certificates of the ISC clients, from VS Code's `http.*` settings and `env`. */
  network(env: NodeJS.ProcessEnv, logger: Logger): NetworkOptions {
    return readNetworkOptions(env, logger);
  }

  /** Fires with the changed key (relative to the section, e.g. `pageSize`; `network` for VS Code's `http.*`). */
  onDidChange(listener: (key: string) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      for (const key of ['pageSize', 'environmentTenant.enabled', 'environmentTenant.readOnly']) {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`)) listener(key);
      }
      if (NETWORK_SETTING_KEYS.some((key) => event.affectsConfiguration(key))) listener('network');
    });
  }
}
