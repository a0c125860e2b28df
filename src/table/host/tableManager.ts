// One identities table per tenant: opens or reveals it, restores it after a window reload, closes it with its tenant.
import * as vscode from 'vscode';
import { toIdentityQuery } from '../../model/viewState';
import type { CoreServices } from '../../services';
import { TABLE_VIEW_TYPE, parseTablePersistedState } from '../protocol';
import type { TableQuery } from '../protocol';
import { ColumnStore } from './columnStore';
import type { TableHost } from './tablePanel';
import { TablePanel } from './tablePanel';

export class TableManager implements TableHost, vscode.Disposable {
  readonly columnStore: ColumnStore;
  private readonly panels = new Map<string, TablePanel>();

  constructor(
    readonly services: CoreServices,
    readonly extensionUri: vscode.Uri,
  ) {
    this.columnStore = new ColumnStore(services.context.globalState);
  }

  /** The tree's filter, sort and default filter of the tenant, copied: the table changes its own copy only. */
  initialQuery(tenantId: string): TableQuery {
    const query = toIdentityQuery(this.services.viewStates.get(tenantId));
    return { filters: query.filters, sorters: query.sorters, defaultFilter: query.defaultFilter };
  }

  /** `query`: what to list instead of the tree's query (a saved filter); an open table of the tenant switches to it. */
  open(tenantId: string, query?: TableQuery): TablePanel {
    const existing = this.panels.get(tenantId);
    if (existing) {
      if (query) existing.setQuery(query);
      existing.reveal();
      return existing;
    }
    const webviewPanel = vscode.window.createWebviewPanel(TABLE_VIEW_TYPE, vscode.l10n.t('Identities'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { enableFindWidget: false });
    return this.adopt(tenantId, webviewPanel, 'Opened', query);
  }

  /** Called by the webview panel serializer after a window reload. */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const persisted = parseTablePersistedState(state);
    if (!persisted || !this.services.tenants.get(persisted.tenantId) || this.panels.has(persisted.tenantId)) {
      this.services.logger.info('Closed a restored identities table: its state or tenant is gone, or it is open already.');
      webviewPanel.dispose();
      return;
    }
    this.adopt(persisted.tenantId, webviewPanel, 'Restored');
  }

  get(tenantId: string): TablePanel | undefined {
    return this.panels.get(tenantId);
  }

  all(): TablePanel[] {
    return [...this.panels.values()];
  }

  panelDisposed(panel: TablePanel): void {
    if (this.panels.get(panel.tenantId) === panel) this.panels.delete(panel.tenantId);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }

  private adopt(tenantId: string, webviewPanel: vscode.WebviewPanel, verb: string, query?: TableQuery): TablePanel {
    const panel = new TablePanel(this, webviewPanel, tenantId, query ? { filters: query.filters, sorters: query.sorters, defaultFilter: query.defaultFilter } : this.initialQuery(tenantId));
    this.panels.set(tenantId, panel);
    this.services.logger.info(`${verb} the identities table of ${tenantId}.`);
    return panel;
  }
}
