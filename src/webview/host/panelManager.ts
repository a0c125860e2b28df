// One details panel per (tenant, identity): opens or reveals panels, restores them after a reload,
// and refreshes them when the IdentityChangeBus announces a change.
import * as vscode from 'vscode';
import type { IdentityChange } from '../../model/identityEvents';
import type { IdentityRef } from '../../model/identityRef';
import type { ExtensionServices } from '../../services';
import type { ReadOnlyDocuments } from '../../ui/readOnlyDocuments';
import { IDENTITY_PANEL_VIEW_TYPE, parsePersistedState } from '../protocol';
import type { PanelHost, RevealOptions } from './identityPanel';
import { IdentityPanel } from './identityPanel';
import { panelKey } from './panelData';
import { DisposableStore } from '../../util/disposables';

/** How a panel opens: pinned (commands, links) or as the preview a tree click opens (replaced by the next click). */
export type OpenMode = 'pinned' | 'preview';

/** Two tree clicks on the same row this close together are a double click: the preview is kept (pinned). */
const DOUBLE_CLICK_MS = 500;

export class PanelManager implements PanelHost, vscode.Disposable {
  private readonly panels = new Map<string, IdentityPanel>();
  private readonly disposables = new DisposableStore();
  /**
   * The panel the next tree click replaces. VS Code opens every webview panel pinned (its workbench passes
   * `pinned: true`), so the Explorer's preview tab is emulated: one panel is the preview until it is kept.
   */
  private preview: IdentityPanel | undefined;
  private lastPreviewClick: { key: string; at: number } | undefined;

  constructor(
    readonly services: ExtensionServices,
    readonly extensionUri: vscode.Uri,
    readonly rawDocuments: ReadOnlyDocuments,
  ) {
    this.disposables.addAll(
      services.changes.subscribe((change) => this.onIdentityChange(change)),
      services.tenants.onDidChange(() => this.onTenantsChanged()),
    );
  }

  /** Opens the identity's panel, or reveals it when it is already open (a preview that is opened pinned is kept). */
  open(ref: IdentityRef, options: RevealOptions = {}, startedAt = Date.now(), mode: OpenMode = 'pinned'): IdentityPanel {
    void this.services.recentIdentities.record(ref).catch((error: unknown) => this.services.logger.warn(`Could not remember the recently opened identity: ${String(error)}`));
    const existing = this.panels.get(panelKey(ref.tenantId, ref.identityId));
    if (mode === 'preview') return this.openPreview(ref, options, startedAt, existing);
    if (existing) {
      this.keep(existing);
      existing.reveal(options);
      return existing;
    }
    return this.create(ref, options, startedAt, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false });
  }

  /** Whether `panel` is the preview (the next tree click replaces it). */
  isPreview(panel: IdentityPanel): boolean {
    return this.preview === panel;
  }

  /** The preview becomes an ordinary panel: double click, or the user worked in it. */
  keep(panel: IdentityPanel): void {
    if (this.preview !== panel) return;
    this.preview = undefined;
    this.services.logger.debug(`Details panel ${panel.label} is kept (no longer the preview).`);
  }

  /**
   * A tree click: the preview shows the identity (a new panel in the preview's place, which closes). Focus stays in
   * the tree, as after a single click in the Explorer; a double click keeps the preview and focuses it.
   */
  private openPreview(ref: IdentityRef, options: RevealOptions, startedAt: number, existing: IdentityPanel | undefined): IdentityPanel {
    const key = panelKey(ref.tenantId, ref.identityId);
    const now = Date.now();
    const doubleClick = this.lastPreviewClick?.key === key && now - this.lastPreviewClick.at <= DOUBLE_CLICK_MS;
    this.lastPreviewClick = { key, at: now };
    if (existing) {
      if (doubleClick) this.keep(existing);
      existing.reveal(options, !doubleClick);
      return existing;
    }
    const replaced = this.preview;
    if (replaced) {
      // The preview shows the next identity in place: quicker than a new webview, and no tab moves.
      const before = replaced.label;
      this.panels.delete(replaced.key);
      replaced.retarget(ref, startedAt, options);
      this.panels.set(replaced.key, replaced);
      this.services.logger.info(`Details panel ${before} replaced by the preview of ${replaced.label}.`);
      return replaced;
    }
    const panel = this.create(ref, options, startedAt, { viewColumn: vscode.ViewColumn.Active, preserveFocus: true });
    this.preview = panel;
    return panel;
  }

  private create(ref: IdentityRef, options: RevealOptions, startedAt: number, show: { viewColumn: vscode.ViewColumn; preserveFocus: boolean }): IdentityPanel {
    const webviewPanel = vscode.window.createWebviewPanel(IDENTITY_PANEL_VIEW_TYPE, ref.name || ref.identityId, show, { enableFindWidget: true });
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
    if (this.preview === panel) this.preview = undefined;
  }

  dispose(): void {
    this.disposables.dispose();
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

  /** Panels of a removed tenant close; the others follow the tenant's label and read-only state live. */
  private onTenantsChanged(): void {
    for (const panel of [...this.panels.values()]) {
      if (!this.services.tenants.get(panel.ref.tenantId)) {
        this.services.logger.info(`Closing details panel ${panel.label}: its tenant was removed.`);
        panel.dispose();
      } else {
        panel.tenantChanged();
      }
    }
  }
}
