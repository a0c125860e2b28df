// The recently opened identities of each tenant, persisted in globalState (Find Identity's empty list).
import type * as vscode from 'vscode';
import type { IdentityRef } from '../model/identityRef';
import { parseRecentIdentities, withRecentIdentity } from '../model/recentIdentities';
import { TenantMapStore } from './tenantMapStore';

const KEY = 'iscExplorer.recentIdentities';

export class RecentIdentityStore {
  private readonly lists: TenantMapStore<IdentityRef[]>;

  constructor(memento: vscode.Memento) {
    this.lists = new TenantMapStore(memento, KEY, parseRecentIdentities);
  }

  /** Newest first. */
  list(tenantId: string): IdentityRef[] {
    return [...(this.lists.get(tenantId) ?? [])];
  }

  async record(ref: IdentityRef): Promise<void> {
    await this.lists.set(ref.tenantId, withRecentIdentity(this.lists.get(ref.tenantId) ?? [], ref));
  }

  async delete(tenantId: string): Promise<void> {
    if (this.lists.has(tenantId)) await this.lists.set(tenantId, undefined);
  }
}
