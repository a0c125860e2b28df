// The tenants: user tenants in globalState (no secrets), their secrets in SecretStorage, plus the environment tenant.
// Builds and caches one IscClient per tenant, disposed when its credentials change or the tenant goes away.
import * as vscode from 'vscode';
import { randomBytes } from 'crypto';
import { normalizeBaseUrl } from '../api/baseUrl';
import { IscApiError } from '../api/errors';
import { IscClient } from '../api/iscClient';
import type { CachedToken, TokenCache } from '../api/iscClient';
import { errorText, isSignInError } from '../model/connectionErrors';
import type { TenantDirectory, TenantInfo, TenantRateLimitWait } from '../model/tenant';
import type { Settings } from '../config/settings';
import type { Logger } from '../util/redact';
import { registerSecret } from '../util/redact';
import type { CredentialStore } from './credentialStore';
import { ENV_TENANT_ID, readEnvironmentTenant, tenantLabelFor } from './environmentTenant';
import type { EnvironmentTenant } from './environmentTenant';
import { DisposableStore } from '../util/disposables';

const TENANTS_KEY = 'iscExplorer.tenants';

interface StoredTenant {
  id: string;
  label: string;
  baseUrl: string;
  clientId: string;
  readOnly: boolean;
}

export type CredentialStatus =
  | { state: 'unknown' }
  | { state: 'ok' }
  | { state: 'missing'; message: string }
  | { state: 'rejected'; message: string };

/** Credentials that a sign-in fixes: no secret stored, or ISC refused them. */
export function credentialsFailed(status: CredentialStatus): status is Extract<CredentialStatus, { message: string }> {
  return status.state === 'missing' || status.state === 'rejected';
}

export interface NewTenant {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  label?: string;
  readOnly?: boolean;
  /** The token `verify` got with these credentials. */
  token?: CachedToken;
}

function parseStored(raw: unknown): StoredTenant[] {
  if (!Array.isArray(raw)) return [];
  const out: StoredTenant[] = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object') continue;
    const t = item as Record<string, unknown>;
    if (typeof t.id !== 'string' || typeof t.baseUrl !== 'string' || typeof t.clientId !== 'string') continue;
    if (t.id === ENV_TENANT_ID || out.some((o) => o.id === t.id)) continue;
    out.push({
      id: t.id,
      baseUrl: t.baseUrl,
      clientId: t.clientId,
      label: typeof t.label === 'string' && t.label.trim() ? t.label : tenantLabelFor(t.baseUrl),
      readOnly: t.readOnly !== false,
    });
  }
  return out;
}

const ACTIVE_KEY = 'iscExplorer.activeTenant';

export class TenantRegistry implements TenantDirectory, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly activeChanged = new vscode.EventEmitter<void>();
  /** Fires when another tenant became the active one. */
  readonly onDidChangeActiveTenant = this.activeChanged.event;
  /** The tenant last selected or expanded in the tree, as persisted (it may have been removed since). */
  private activeId: string | undefined;
  private readonly statusChanged = new vscode.EventEmitter<string>();
  private readonly rateLimitWaits = new vscode.EventEmitter<TenantRateLimitWait>();
  readonly onRateLimitWait = this.rateLimitWaits.event;
  /** Fires with a tenant id when its credential status changed (status bar, sign-in node). */
  readonly onDidChangeCredentialStatus = this.statusChanged.event;
  private readonly clients = new Map<string, Promise<IscClient>>();
  private readonly statuses = new Map<string, CredentialStatus>();
  private readonly subscriptions = new DisposableStore();
  private stored: StoredTenant[];
  private environment: EnvironmentTenant | undefined;
  /** Session-only read-only toggle of the environment tenant (never persisted: the env may point elsewhere next time). */
  private envReadOnlyOverride: boolean | undefined;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly credentials: CredentialStore,
    private readonly settings: Settings,
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.stored = parseStored(memento.get(TENANTS_KEY));
    this.activeId = memento.get<string>(ACTIVE_KEY);
    this.environment = this.readEnvironment();
    this.subscriptions.addAll(
      credentials.onDidChangeClientSecret((tenantId) => this.onSecretChangedElsewhere(tenantId)),
      settings.onDidChange((key) => {
        if (key === 'network') {
          // New clients pick up the new proxy and certificates; the tree reloads through them.
          for (const id of [...this.clients.keys()]) this.dropClient(id);
          this.changed.fire();
        }
        if (key.startsWith('environmentTenant')) {
          const before = this.environment;
          this.environment = this.readEnvironment();
          if (!before !== !this.environment) this.dropClient(ENV_TENANT_ID);
          this.changed.fire();
        }
      }),
    );
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.changed.event(listener);
  }

  list(): readonly TenantInfo[] {
    const out: TenantInfo[] = [];
    if (this.environment) out.push(this.environmentInfo(this.environment));
    for (const t of this.stored) out.push({ ...t, source: 'user' });
    return out;
  }

  get(tenantId: string): TenantInfo | undefined {
    return this.list().find((t) => t.id === tenantId);
  }

  activeTenantId(): string | undefined {
    const tenants = this.list();
    if (this.activeId && tenants.some((t) => t.id === this.activeId)) return this.activeId;
    return tenants[0]?.id;
  }

  setActiveTenant(tenantId: string): void {
    if (tenantId === this.activeId) return;
    this.activeId = tenantId;
    void this.memento.update(ACTIVE_KEY, tenantId);
    this.activeChanged.fire();
  }

  getClient(tenantId: string): Promise<IscClient> {
    let client = this.clients.get(tenantId);
    if (!client) {
      client = this.createClient(tenantId);
      this.clients.set(tenantId, client);
      // A failed creation (missing secret) must not stick: the next call tries again.
      client.catch(() => {
        if (this.clients.get(tenantId) === client) this.clients.delete(tenantId);
      });
    }
    return client;
  }

  credentialStatus(tenantId: string): CredentialStatus {
    return this.statuses.get(tenantId) ?? { state: 'unknown' };
  }

  /** Whether the tenant's credentials need a sign-in (the tree's warning icon, the status bar, the sign-in row). */
  credentialsFailing(tenantId: string): boolean {
    return credentialsFailed(this.credentialStatus(tenantId));
  }

  /**
   * What a call to ISC says about the credentials: it succeeded, so they are fine; a sign-in error, so they were
   * refused (a missing secret stays missing, its message tells what to do); any other error says nothing about them.
   */
  reportCallOutcome(tenantId: string, error: unknown): void {
    if (error === undefined) {
      if (this.credentialStatus(tenantId).state !== 'ok') this.reportCredentialStatus(tenantId, { state: 'ok' });
    } else if (isSignInError(error)) {
      const before = this.credentialStatus(tenantId).state;
      this.reportCredentialStatus(tenantId, { state: before === 'missing' ? 'missing' : 'rejected', message: errorText(error) });
    }
  }

  private reportCredentialStatus(tenantId: string, status: CredentialStatus): void {
    const before = this.statuses.get(tenantId);
    if (before && before.state === status.state && ('message' in before ? before.message : '') === ('message' in status ? status.message : '')) return;
    this.statuses.set(tenantId, status);
    this.statusChanged.fire(tenantId);
  }

  /**
   * Fetches a token with the given credentials (nothing is stored). Throws the IscApiError of the failure. Returns the
   * token, which addTenant/updateCredentials can keep so that the first expand needs no second token request.
   */
  async verify(baseUrl: string, clientId: string, clientSecret: string, signal?: AbortSignal): Promise<CachedToken | undefined> {
    let issued: CachedToken | undefined;
    const capture: TokenCache = { get: async () => undefined, set: async (token) => void (issued = token) };
    const client = new IscClient({ baseUrl, clientId, clientSecret, logger: this.logger, maxRetries: 1, tokenCache: capture, network: this.settings.network(this.env, this.logger) });
    try {
      await client.verifyCredentials({ signal });
      return issued;
    } finally {
      client.dispose();
    }
  }

  /** Saves a new tenant (read-only unless told otherwise). Does NOT verify: callers verify first. */
  async addTenant(input: NewTenant): Promise<TenantInfo> {
    const baseUrl = normalizeBaseUrl(input.baseUrl);
    const clientId = input.clientId.trim();
    if (!clientId) throw new Error(vscode.l10n.t('The client ID is empty.'));
    if (!input.clientSecret) throw new Error(vscode.l10n.t('The client secret is empty.'));
    const existing = this.list().find((t) => t.baseUrl === baseUrl && t.clientId === clientId);
    if (existing) throw new Error(vscode.l10n.t('This tenant and client ID are already added as "{0}". Use "Update Credentials…" to change its secret.', existing.label));
    registerSecret(input.clientSecret);
    const tenant: StoredTenant = {
      id: `t${randomBytes(6).toString('hex')}`,
      label: input.label?.trim() || tenantLabelFor(baseUrl),
      baseUrl,
      clientId,
      readOnly: input.readOnly !== false,
    };
    await this.credentials.setClientSecret(tenant.id, input.clientSecret);
    if (input.token) await this.credentials.tokenCache(tenant.id, baseUrl, clientId).set(input.token);
    this.stored = [...parseStored(this.memento.get(TENANTS_KEY)), tenant];
    await this.saveStored();
    this.logger.info(`Added tenant "${tenant.label}" (${baseUrl}, client ${clientId}, ${tenant.readOnly ? 'read-only' : 'writable'}).`);
    this.changed.fire();
    return { ...tenant, source: 'user' };
  }

  /** Replaces client id and secret of a user tenant in place (verify first). */
  async updateCredentials(tenantId: string, clientId: string, clientSecret: string, token?: CachedToken): Promise<void> {
    const tenant = this.requireUserTenant(tenantId);
    registerSecret(clientSecret);
    await this.credentials.setClientSecret(tenantId, clientSecret);
    if (token) await this.credentials.tokenCache(tenantId, tenant.baseUrl, clientId.trim()).set(token);
    if (tenant.clientId !== clientId.trim()) {
      this.stored = this.stored.map((t) => (t.id === tenantId ? { ...t, clientId: clientId.trim() } : t));
      await this.saveStored();
    }
    this.dropClient(tenantId);
    this.statuses.delete(tenantId);
    this.statusChanged.fire(tenantId);
    this.logger.info(`Updated the credentials of tenant "${tenant.label}".`);
    this.changed.fire();
  }

  async removeTenant(tenantId: string): Promise<void> {
    const tenant = this.requireUserTenant(tenantId);
    this.stored = this.stored.filter((t) => t.id !== tenantId);
    await this.saveStored();
    await this.credentials.deleteTenant(tenantId);
    this.dropClient(tenantId);
    this.statuses.delete(tenantId);
    this.logger.info(`Removed tenant "${tenant.label}" and its secrets.`);
    this.changed.fire();
  }

  async setReadOnly(tenantId: string, readOnly: boolean): Promise<void> {
    if (tenantId === ENV_TENANT_ID) {
      this.envReadOnlyOverride = readOnly;
    } else {
      this.requireUserTenant(tenantId);
      this.stored = this.stored.map((t) => (t.id === tenantId ? { ...t, readOnly } : t));
      await this.saveStored();
    }
    this.logger.info(`Tenant ${tenantId} is now ${readOnly ? 'read-only' : 'writable'}.`);
    this.changed.fire();
  }

  /** Re-reads the tenant list (globalState is shared between windows). */
  reload(): void {
    const next = parseStored(this.memento.get(TENANTS_KEY));
    if (JSON.stringify(next) === JSON.stringify(this.stored)) return;
    for (const gone of this.stored.filter((t) => !next.some((n) => n.id === t.id))) this.dropClient(gone.id);
    this.stored = next;
    this.changed.fire();
  }

  dispose(): void {
    for (const id of [...this.clients.keys()]) this.dropClient(id);
    this.subscriptions.dispose();
    this.changed.dispose();
    this.activeChanged.dispose();
    this.statusChanged.dispose();
    this.rateLimitWaits.dispose();
  }

  private readEnvironment(): EnvironmentTenant | undefined {
    if (!this.settings.environmentTenantEnabled) return undefined;
    const { tenant, problem } = readEnvironmentTenant(this.env);
    if (problem) this.logger.warn(problem);
    if (tenant) registerSecret(tenant.clientSecret);
    return tenant;
  }

  private environmentInfo(env: EnvironmentTenant): TenantInfo {
    const readOnly = this.envReadOnlyOverride ?? env.readOnly ?? this.settings.environmentTenantReadOnly;
    const label = env.name ?? vscode.l10n.t('{0} (environment)', tenantLabelFor(env.baseUrl));
    return { id: ENV_TENANT_ID, label, baseUrl: env.baseUrl, clientId: env.clientId, readOnly, source: 'environment' };
  }

  private requireUserTenant(tenantId: string): StoredTenant {
    if (tenantId === ENV_TENANT_ID) {
      throw new Error(vscode.l10n.t('The environment tenant comes from ISC_BASE_URL, ISC_CLIENT_ID and ISC_CLIENT_SECRET; change those variables and restart VS Code.'));
    }
    const tenant = this.stored.find((t) => t.id === tenantId);
    if (!tenant) throw new Error(vscode.l10n.t('Unknown tenant {0}.', tenantId));
    return tenant;
  }

  private async createClient(tenantId: string): Promise<IscClient> {
    const info = this.get(tenantId);
    if (!info) throw new IscApiError({ kind: 'notFound', operation: 'oauth-token', message: vscode.l10n.t('Unknown tenant {0}.', tenantId) });
    const secret = tenantId === ENV_TENANT_ID ? this.environment?.clientSecret : await this.credentials.getClientSecret(tenantId);
    if (!secret) {
      const message = vscode.l10n.t('No client secret is stored for "{0}". Sign in with "Update Credentials…".', info.label);
      this.reportCredentialStatus(tenantId, { state: 'missing', message });
      throw new IscApiError({ kind: 'auth', operation: 'oauth-token', message });
    }
    return new IscClient({
      baseUrl: info.baseUrl,
      clientId: info.clientId,
      clientSecret: secret,
      logger: this.logger,
      tokenCache: this.credentials.tokenCache(tenantId, info.baseUrl, info.clientId),
      onWait: (wait) => this.rateLimitWaits.fire({ ...wait, tenantId }),
      network: this.settings.network(this.env, this.logger),
    });
  }

  private dropClient(tenantId: string): void {
    const client = this.clients.get(tenantId);
    this.clients.delete(tenantId);
    client?.then((c) => c.dispose(), () => undefined);
  }

  private onSecretChangedElsewhere(tenantId: string): void {
    this.reload();
    this.dropClient(tenantId);
    this.statuses.delete(tenantId);
    this.statusChanged.fire(tenantId);
    this.logger.info(`The secret of tenant ${tenantId} changed in another window; reconnecting.`);
    this.changed.fire();
  }

  private async saveStored(): Promise<void> {
    await this.memento.update(TENANTS_KEY, this.stored);
  }
}
