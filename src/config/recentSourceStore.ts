// The account sources a password-reset email went through lately, per tenant, newest first (offered first the next
// time), persisted in globalState.
import type { MementoLike } from './tenantMapStore';
import { TenantMapStore } from './tenantMapStore';

const KEY = 'iscExplorer.actions.recentPasswordResetSources';
const MAX_RECENT_SOURCES = 8;

function parseSourceLists(raw: unknown): Record<string, string[]> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const lists: Record<string, string[]> = {};
  for (const [tenantId, list] of Object.entries(raw)) {
    if (Array.isArray(list)) lists[tenantId] = list.filter((source): source is string => typeof source === 'string').slice(0, MAX_RECENT_SOURCES);
  }
  return lists;
}

export class RecentSourceStore {
  private readonly lists: TenantMapStore<string[]>;

  constructor(memento: MementoLike) {
    this.lists = new TenantMapStore(memento, KEY, parseSourceLists);
  }

  /** Newest first. */
  list(tenantId: string): string[] {
    return [...(this.lists.get(tenantId) ?? [])];
  }

  async remember(tenantId: string, sourceName: string): Promise<void> {
    await this.lists.set(tenantId, [sourceName, ...this.list(tenantId).filter((s) => s !== sourceName)].slice(0, MAX_RECENT_SOURCES));
  }

  async delete(tenantId: string): Promise<void> {
    if (this.lists.has(tenantId)) await this.lists.set(tenantId, undefined);
  }
}
