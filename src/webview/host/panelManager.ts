// One details panel per (tenant, identity): opens or reveals panels, restores them after a reload,
// and refreshes them when the IdentityChangeBus announces a change.
import * as vscode from 'vscode';
import type { IdentityChange } from '../../model/identityEvents';
import type { IdentityRef } from '../../model/identityRef';
import type { ExtensionServices } from '../../services';
import { IDENTITY_PANEL_VIEW_TYPE, parsePersistedState } from '../protocol';
import type { PanelHost, RevealOptions } from './identityPanel';
import { IdentityPanel, panelKey } from './identityPanel';

export class PanelManager implements PanelHost, vscode.Disposable {
  private readonly panels = new Map<string, IdentityPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly services: ExtensionServices,
    readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      services.changes.subscribe((change) => this.onIdentityChange(change)),
      services.tenants.onDidChange(() => this.onTenantsChanged()),
    );
  }

  /** Opens the identity's panel, or reveals it when it is already open. */
  open(ref: IdentityRef, options: RevealOptions = {}, startedAt = Date.now()): IdentityPanel {
    const existing = this.panels.get(panelKey(ref.tenantId, ref.identityId));
    if (existing) {
      existing.reveal(options);
      return existing;
    }
    const webviewPanel = vscode.window.createWebviewPanel(
      IDENTITY_PANEL_VIEW_TYPE,
      ref.name || ref.identityId,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableFindWidget: true },
    );
    const panel = new IdentityPanel(this, webviewPanel, ref, 'open', startedAt, options);
    this.panels.set(panel.key, panel);
    this.services.logger.info(`Opened details panel ${panel.label}.`);
    return panel;
  }

  /** Called by the webview panel serializer after a window reload. */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const persisted = parsePersistedState(state);
    if (!persisted || !this.services.tenants.get(persisted.tenantId)) {
      this.services.logger.info('Closed a restored details panel: its state or tenant is gone.');
      webviewPanel.dispose();
      return;
    }
    const key = panelKey(persisted.tenantId, persisted.identityId);
    if (this.panels.has(key)) {
      webviewPanel.dispose();
      return;
    }
    const ref: IdentityRef = { tenantId: persisted.tenantId, identityId: persisted.identityId, name: persisted.name };
    const panel = new IdentityPanel(this, webviewPanel, ref, 'restore', Date.now(), { assignmentId: persisted.selectedAssignmentId });
    this.panels.set(key, panel);
    this.services.logger.info(`Restored details panel ${panel.label}.`);
  }

  get(tenantId: string, identityId: string): IdentityPanel | undefined {
    return this.panels.get(panelKey(tenantId, identityId));
  }

  all(): IdentityPanel[] {
    return [...this.panels.values()];
  }

  openIdentity(ref: IdentityRef): void {
    this.open(ref);
  }

  panelDisposed(panel: IdentityPanel): void {
    if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private onIdentityChange(change: IdentityChange): void {
    for (const identityId of change.identityIds) {
      const panel = this.get(change.tenantId, identityId);
      if (!panel) continue;
      if (change.kind === 'deleted') panel.markDeleted();
      else panel.scheduleReload();
    }
  }

  private onTenantsChanged(): void {
    for (const panel of [...this.panels.values()]) {
      if (!this.services.tenants.get(panel.ref.tenantId)) {
        this.services.logger.info(`Closing details panel ${panel.label}: its tenant was removed.`);
        panel.dispose();
      }
    }
  }
}
