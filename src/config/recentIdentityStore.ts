// The recently opened identities of each tenant, persisted in globalState (Find Identity's empty list). This
// window's copy is the one it reads and changes: globalState can hand back an older value while a write of it is
// still on its way to storage, and openings come quickly one after another.
import type * as vscode from 'vscode';
import type { IdentityRef } from '../model/identityRef';
import { parseRecentIdentities, withRecentIdentity } from '../model/recentIdentities';

const KEY = 'iscExplorer.recentIdentities';

export class RecentIdentityStore {
  private lists: Record<string, IdentityRef[]> | undefined;

  constructor(private readonly memento: vscode.Memento) {}

  private all(): Record<string, IdentityRef[]> {
    this.lists ??= parseRecentIdentities(this.memento.get(KEY));
    return this.lists;
  }

  /** Newest first. */
  list(tenantId: string): IdentityRef[] {
    return [...(this.all()[tenantId] ?? [])];
  }

  async record(ref: IdentityRef): Promise<void> {
    const all = this.all();
    all[ref.tenantId] = withRecentIdentity(all[ref.tenantId] ?? [], ref);
    await this.memento.update(KEY, { ...all });
  }

  async delete(tenantId: string): Promise<void> {
    const all = this.all();
    if (!(tenantId in all)) return;
    delete all[tenantId];
    await this.memento.update(KEY, { ...all });
  }
}
