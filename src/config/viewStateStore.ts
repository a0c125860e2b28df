// Per-tenant filter/sort/default filter, persisted in globalState so they survive a reload.
import * as vscode from 'vscode';
import type { TenantViewState } from '../model/viewState';
import { DEFAULT_VIEW_STATE, isDefaultViewState, parseViewState, parseViewStates } from '../model/viewState';
import { TenantMapStore } from './tenantMapStore';

const KEY = 'iscExplorer.viewState';

export class ViewStateStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the tenant id whose state changed. */
  readonly onDidChange = this.changed.event;
  private readonly states: TenantMapStore<TenantViewState>;

  constructor(memento: vscode.Memento) {
    this.states = new TenantMapStore(memento, KEY, parseViewStates);
  }

  get(tenantId: string): TenantViewState {
    return this.states.get(tenantId) ?? { ...DEFAULT_VIEW_STATE };
  }

  async update(tenantId: string, change: Partial<TenantViewState>): Promise<TenantViewState> {
    const next = parseViewState({ ...(this.states.get(tenantId) ?? DEFAULT_VIEW_STATE), ...change });
    await this.states.set(tenantId, isDefaultViewState(next) ? undefined : next);
    this.changed.fire(tenantId);
    return next;
  }

  async delete(tenantId: string): Promise<void> {
    if (!this.states.has(tenantId)) return;
    await this.states.set(tenantId, undefined);
    this.changed.fire(tenantId);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
