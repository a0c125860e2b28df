// Per-tenant filter/sort/default filter, persisted in globalState so they survive a reload.
import * as vscode from 'vscode';
import type { TenantViewState } from '../model/viewState';
import { DEFAULT_VIEW_STATE, isDefaultViewState, parseViewState, parseViewStates } from '../model/viewState';

const KEY = 'iscExplorer.viewState';

export class ViewStateStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the tenant id whose state changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento) {}

  get(tenantId: string): TenantViewState {
    return parseViewStates(this.memento.get(KEY))[tenantId] ?? { ...DEFAULT_VIEW_STATE };
  }

  async update(tenantId: string, change: Partial<TenantViewState>): Promise<TenantViewState> {
    const all = parseViewStates(this.memento.get(KEY));
    const next = parseViewState({ ...(all[tenantId] ?? DEFAULT_VIEW_STATE), ...change });
    if (isDefaultViewState(next)) delete all[tenantId];
    else all[tenantId] = next;
    await this.memento.update(KEY, all);
    this.changed.fire(tenantId);
    return next;
  }

  async delete(tenantId: string): Promise<void> {
    const all = parseViewStates(this.memento.get(KEY));
    if (!(tenantId in all)) return;
    delete all[tenantId];
    await this.memento.update(KEY, all);
    this.changed.fire(tenantId);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
