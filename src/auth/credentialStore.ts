// Secrets of tenants (client secret, cached bearer token) in VS Code's SecretStorage, keyed per tenant.
// Nothing secret ever goes to globalState, settings or the log.
import * as vscode from 'vscode';
import type { CachedToken, TokenCache } from '../api/iscClient';
import { forgetSecret, registerSecret } from '../util/redact';

const PREFIX = 'iscExplorer.tenant.';
const secretKey = (tenantId: string): string => `${PREFIX}${tenantId}.clientSecret`;
const tokenKey = (tenantId: string): string => `${PREFIX}${tenantId}.token`;

interface StoredToken extends CachedToken {
  baseUrl: string;
  clientId: string;
}

export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a tenant id when its client secret changed in SecretStorage (another window, or us). */
  readonly onDidChangeClientSecret = this.changed.event;
  /** Last value seen per tenant, to tell real changes from the echo of our own writes. */
  private readonly known = new Map<string, string | undefined>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => void this.onSecretChanged(event.key));
  }

  async getClientSecret(tenantId: string): Promise<string | undefined> {
    const value = (await this.secrets.get(secretKey(tenantId))) || undefined;
    registerSecret(value);
    this.known.set(tenantId, value);
    return value;
  }

  async setClientSecret(tenantId: string, clientSecret: string): Promise<void> {
    registerSecret(clientSecret);
    this.known.set(tenantId, clientSecret);
    await this.secrets.store(secretKey(tenantId), clientSecret);
    await this.secrets.delete(tokenKey(tenantId)); // a token of the old secret must not be reused
  }

  async deleteTenant(tenantId: string): Promise<void> {
    const old = this.known.get(tenantId);
    this.known.set(tenantId, undefined);
    await this.secrets.delete(secretKey(tenantId));
    await this.secrets.delete(tokenKey(tenantId));
    forgetSecret(old);
  }

  /** A TokenCache for IscClient; a token stored for another URL or client id is ignored. */
  tokenCache(tenantId: string, baseUrl: string, clientId: string): TokenCache {
    const key = tokenKey(tenantId);
    return {
      get: async () => {
        const text = await this.secrets.get(key);
        if (!text) return undefined;
        try {
          const stored = JSON.parse(text) as Partial<StoredToken>;
          if (stored.baseUrl !== baseUrl || stored.clientId !== clientId) return undefined;
          if (typeof stored.token !== 'string' || typeof stored.expiresAt !== 'number') return undefined;
          registerSecret(stored.token);
          return { token: stored.token, expiresAt: stored.expiresAt, issuedAt: stored.issuedAt };
        } catch {
          return undefined;
        }
      },
      set: async (token) => {
        if (!token) {
          await this.secrets.delete(key);
          return;
        }
        registerSecret(token.token);
        const stored: StoredToken = { ...token, baseUrl, clientId };
        await this.secrets.store(key, JSON.stringify(stored));
      },
    };
  }

  private async onSecretChanged(key: string): Promise<void> {
    if (!key.startsWith(PREFIX) || !key.endsWith('.clientSecret')) return;
    const tenantId = key.slice(PREFIX.length, -'.clientSecret'.length);
    const value = (await this.secrets.get(key)) || undefined;
    if (this.known.has(tenantId) && this.known.get(tenantId) === value) return; // our own write echoing back
    registerSecret(value);
    this.known.set(tenantId, value);
    this.changed.fire(tenantId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
