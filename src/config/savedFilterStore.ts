// The saved filters of each tenant, persisted in globalState next to the view state (and, like it, per tenant).
import * as vscode from 'vscode';
import type { SavedFilter } from '../model/savedFilters';
import { MAX_SAVED_FILTERS, findSavedFilter, parseSavedFilterMap, removeSavedFilter, renameSavedFilter, sortSavedFilters, upsertSavedFilter } from '../model/savedFilters';

const KEY = 'iscExplorer.savedFilters';

export class SavedFilterStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the tenant id whose saved filters changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  /** The tenant's saved filters, sorted by name. */
  list(tenantId: string): SavedFilter[] {
    return sortSavedFilters(parseSavedFilterMap(this.memento.get(KEY))[tenantId] ?? []);
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
    const all = parseSavedFilterMap(this.memento.get(KEY));
    if (!(tenantId in all)) return;
    delete all[tenantId];
    await this.memento.update(KEY, all);
    this.changed.fire(tenantId);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async change(tenantId: string, edit: (list: SavedFilter[]) => SavedFilter[]): Promise<void> {
    const all = parseSavedFilterMap(this.memento.get(KEY));
    const next = edit(all[tenantId] ?? []);
    if (next.length > 0) all[tenantId] = next;
    else delete all[tenantId];
    await this.memento.update(KEY, all);
    this.changed.fire(tenantId);
  }
}
