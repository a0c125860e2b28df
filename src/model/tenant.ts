// Tenants as the rest of the extension sees them. No `vscode` import, no secrets.
import type { RateLimitWait } from '../api/types';
import type { IscClient } from '../api/iscClient';

export interface TenantInfo {
  /** Stable key: `env` for the environment tenant, a generated id for the others. */
  id: string;
  /** What the user calls it (tenant name or host). */
  label: string;
  /** API base URL without `/v2025`. */
  baseUrl: string;
  clientId: string;
  readOnly: boolean;
  source: 'user' | 'environment';
}

/** What panels and commands need from the tenant registry. */
export interface TenantDirectory {
  list(): readonly TenantInfo[];
  get(tenantId: string): TenantInfo | undefined;
  /** The tenant the user worked with last (selected or expanded in the tree), else the first one; pickers offer it first. */
  activeTenantId(): string | undefined;
  /** A ready client; rejects with an IscApiError of kind `auth` when credentials are missing. */
  getClient(tenantId: string): Promise<IscClient>;
  onDidChange(listener: () => void): { dispose(): void };
  /** A call on one of the tenants waits longer than a few seconds because ISC asked it to (rate limit). */
  onRateLimitWait(listener: (wait: TenantRateLimitWait) => void): { dispose(): void };
}

export interface TenantRateLimitWait extends RateLimitWait {
  tenantId: string;
}
