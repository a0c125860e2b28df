// One compare panel per pair of identities: opens or reveals it, restores it after a window reload, reloads it
// when either identity changes, and closes it when a tenant it reads goes away.
import * as vscode from 'vscode';
import type { IdentityChange } from '../../model/identityEvents';
import type { IdentityRef } from '../../model/identityRef';
import type { ExtensionServices } from '../../services';
import { COMPARE_VIEW_TYPE, parseComparePersistedState } from '../protocol';
import type { CompareHost } from './comparePanel';
import { ComparePanel, compareKey } from './comparePanel';
import { DisposableStore } from '../../util/disposables';

export class CompareManager implements CompareHost, vscode.Disposable {
  private readonly panels = new Map<string, ComparePanel>();
  private readonly disposables = new DisposableStore();
  private newest: ComparePanel | undefined;

  constructor(
    readonly services: ExtensionServices,
    readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.addAll(
      services.changes.subscribe((change) => this.onIdentityChange(change)),
      services.tenants.onDidChange(() => this.onTenantsChanged()),
      vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
        deserializeWebviewPanel: async (webviewPanel, state: unknown) => this.restore(webviewPanel, state),
      }),
    );
  }

  open(a: IdentityRef, b: IdentityRef): ComparePanel {
    const existing = this.panels.get(compareKey(a, b));
    if (existing) {
      existing.reveal();
      this.newest = existing;
      return existing;
    }
    const webviewPanel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      vscode.l10n.t('Compare identities'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableFindWidget: true },
    );
    return this.track(new ComparePanel(this, webviewPanel, a, b));
  }

  /** The serializer's entry after a window reload: reopens the comparison the page's state names. */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const persisted = parseComparePersistedState(state);
    if (!persisted || !this.services.tenants.get(persisted.a.tenantId) || !this.services.tenants.get(persisted.b.tenantId)) {
      this.services.logger.info('Closed a restored comparison: its state or a tenant is gone.');
      webviewPanel.dispose();
      return;
    }
    if (this.panels.has(compareKey(persisted.a, persisted.b))) {
      webviewPanel.dispose();
      return;
    }
    this.track(new ComparePanel(this, webviewPanel, persisted.a, persisted.b));
  }

  get(key?: string): ComparePanel | undefined {
    return key === undefined ? this.newest : this.panels.get(key);
  }

  all(): ComparePanel[] {
    return [...this.panels.values()];
  }

  panelDisposed(panel: ComparePanel): void {
    if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
    if (this.newest === panel) this.newest = [...this.panels.values()].pop();
  }

  dispose(): void {
    this.disposables.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private track(panel: ComparePanel): ComparePanel {
    this.panels.set(panel.key, panel);
    this.newest = panel;
    this.services.logger.info(`Opened comparison ${panel.key}.`);
    return panel;
  }

  private onIdentityChange(change: IdentityChange): void {
    for (const panel of this.panels.values()) {
      if (change.identityIds.some((id) => panel.involves(change.tenantId, id))) panel.scheduleReload();
    }
  }

  private onTenantsChanged(): void {
    for (const panel of [...this.panels.values()]) {
      const { a, b } = panel.identities;
      if (!this.services.tenants.get(a.tenantId) || !this.services.tenants.get(b.tenantId)) {
        this.services.logger.info(`Closing comparison ${panel.key}: a tenant it reads was removed.`);
        panel.dispose();
      }
    }
  }
}
