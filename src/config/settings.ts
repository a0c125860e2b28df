// Typed access to the extension's settings (contributes.configuration in package.json).
import * as vscode from 'vscode';
import { clampPageSize } from '../model/identityPager';

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

  /** Fires with the changed key (relative to the section, e.g. `pageSize`). */
  onDidChange(listener: (key: string) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      for (const key of ['pageSize', 'environmentTenant.enabled', 'environmentTenant.readOnly']) {
        if (event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`)) listener(key);
      }
    });
  }
}
