// The saved filters of each tenant, persisted in globalState next to the view state (and, like it, per tenant).
import * as vscode from 'vscode';
import type { SavedFilter } from '../model/savedFilters';
import { MAX_SAVED_FILTERS, findSavedFilter, parseSavedFilterMap, removeSavedFilter, renameSavedFilter, sortSavedFilters, upsertSavedFilter } from '../model/savedFilters';
import { TenantMapStore } from './tenantMapStore';

const KEY = 'iscExplorer.savedFilters';

export class SavedFilterStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the tenant id whose saved filters changed. */
  readonly onDidChange = this.changed.event;

  private readonly filters: TenantMapStore<SavedFilter[]>;

  constructor(memento: vscode.Memento) {
    this.filters = new TenantMapStore(memento, KEY, parseSavedFilterMap);
  }

  /** The tenant's saved filters, sorted by name. */
  list(tenantId: string): SavedFilter[] {
    return sortSavedFilters(this.filters.get(tenantId) ?? []);
  }

  get(tenantId: string, name: string): SavedFilter | undefined {
    return findSavedFilter(this.list(tenantId), name);
  }

  /** Saves `saved`, replacing the one of the same name (case-insensitive); the caller asked before overwriting. */
  async save(tenantId: string, saved: SavedFilter): Promise<void> {
    await this.change(tenantId, (list) => {
      const next = upsertSavedFilter(list, saved);
      if (next.length > MAX_SAVED_FILTERS) throw new Error(vscode.l10n.t('A tenant keeps at most {0} saved filters: delete one first.', MAX_SAVED_FILTERS));
      return next;
    });
  }

  async rename(tenantId: string, from: string, to: string): Promise<void> {
    await this.change(tenantId, (list) => renameSavedFilter(list, from, to));
  }

  async remove(tenantId: string, name: string): Promise<void> {
    await this.change(tenantId, (list) => removeSavedFilter(list, name));
  }

  /** Forgets every saved filter of a tenant (the tenant was removed). */
  async delete(tenantId: string): Promise<void> {
    if (!this.filters.has(tenantId)) return;
    await this.filters.set(tenantId, undefined);
    this.changed.fire(tenantId);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async change(tenantId: string, edit: (list: SavedFilter[]) => SavedFilter[]): Promise<void> {
    const next = edit(this.filters.get(tenantId) ?? []);
    await this.filters.set(tenantId, next.length > 0 ? next : undefined);
    this.changed.fire(tenantId);
  }
}
