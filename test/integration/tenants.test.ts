// Tenants in the session WITH the environment tenant: its read-only default, the toggle, the status bar.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CredentialStore } from '../../src/auth/credentialStore';
import { TenantRegistry } from '../../src/auth/tenantRegistry';
import { Settings } from '../../src/config/settings';
import { silentLogger } from '../../src/util/redact';
import { coreApi, lastSeq, simRequests, tenantRoot } from './coreSupport';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

describe('tenants: environment tenant (extension host)', function () {
  this.timeout(60_000);

  it('builds the environment tenant from ISC_* variables: read-only unless ISC_READ_ONLY=false', async () => {
    const { services } = await coreApi();
    const credentials = new CredentialStore(services.context.secrets);
    const env = { ISC_BASE_URL: `${process.env.ISC_SIM_URL}/v2025/`, ISC_CLIENT_ID: 'id', ISC_CLIENT_SECRET: 'secret-xyz' };
    const registries = [
      new TenantRegistry(new MemoryMemento(), credentials, new Settings(), silentLogger, env),
      new TenantRegistry(new MemoryMemento(), credentials, new Settings(), silentLogger, { ...env, ISC_READ_ONLY: 'false' }),
      new TenantRegistry(new MemoryMemento(), credentials, new Settings(), silentLogger, { ...env, ISC_BASE_URL: 'http://example.com' }),
    ];
    try {
      const [plain, writable, insecure] = registries;
      assert.deepStrictEqual(plain.list().map((t) => [t.id, t.baseUrl, t.readOnly, t.source]), [['env', process.env.ISC_SIM_URL, true, 'environment']]);
      assert.strictEqual(writable.get('env')?.readOnly, false);
      assert.deepStrictEqual(insecure.list(), [], 'plain http to a non-loopback host is refused');
    } finally {
      registries.forEach((r) => r.dispose());
      credentials.dispose();
    }
  });

  it('names the environment tenant after ISC_TENANT_NAME when it is set, else after its host', async () => {
    const { services } = await coreApi();
    const credentials = new CredentialStore(services.context.secrets);
    const env = { ISC_BASE_URL: `${process.env.ISC_SIM_URL}`, ISC_CLIENT_ID: 'id', ISC_CLIENT_SECRET: 'secret-xyz' };
    const host = new URL(`${process.env.ISC_SIM_URL}`).host;
    const registries = [
      new TenantRegistry(new MemoryMemento(), credentials, new Settings(), silentLogger, { ...env, ISC_TENANT_NAME: '  Demo tenant (simulator) ' }),
      new TenantRegistry(new MemoryMemento(), credentials, new Settings(), silentLogger, { ...env, ISC_TENANT_NAME: 'Two\nlines\u0007' }),
      new TenantRegistry(new MemoryMemento(), credentials, new Settings(), silentLogger, { ...env, ISC_TENANT_NAME: '   ' }),
      new TenantRegistry(new MemoryMemento(), credentials, new Settings(), silentLogger, env),
    ];
    try {
      assert.deepStrictEqual(
        registries.map((r) => r.get('env')?.label),
        ['Demo tenant (simulator)', 'Two lines', `${host} (environment)`, `${host} (environment)`],
      );
    } finally {
      registries.forEach((r) => r.dispose());
      credentials.dispose();
    }
  });

  it('refuses to add a tenant whose URL and client ID are already added, before any token request', async () => {
    const { services } = await coreApi();
    const env = services.tenants.get('env');
    assert.ok(env);
    const seq = await lastSeq();
    // The command wrapper shows the refusal and resolves with undefined.
    const added = await vscode.commands.executeCommand('iscExplorer.addTenant', { baseUrl: `${env.baseUrl}/v2025/`, clientId: env.clientId, clientSecret: 'whatever' });
    assert.strictEqual(added, undefined);
    assert.deepStrictEqual((await simRequests(seq)).map((r) => `${r.method} ${r.path}`), [], 'no token request for a duplicate');
    assert.deepStrictEqual(services.tenants.list().map((t) => t.id), ['env']);
  });

  it('toggles read-only per tenant (session-only for the environment tenant); node and status bar follow', async () => {
    const { api, services } = await coreApi();
    const before = services.tenants.get('env')?.readOnly;
    try {
      await vscode.commands.executeCommand('iscExplorer.toggleReadOnly', 'env', true);
      assert.strictEqual(services.tenants.get('env')?.readOnly, true);
      assert.strictEqual((await api.tree.getTreeItem(tenantRoot(api, 'env'))).contextValue, 'tenant.readOnly');
      await vscode.commands.executeCommand('iscExplorer.selectActiveTenant', 'env');
      assert.strictEqual(api.activeTenant.tenantId, 'env');
      assert.match(api.activeTenant.statusText, /\$\(lock\)/);
      await vscode.commands.executeCommand('iscExplorer.toggleReadOnly', 'env', false);
      assert.strictEqual((await api.tree.getTreeItem(tenantRoot(api, 'env'))).contextValue, 'tenant.writable');
      assert.doesNotMatch(api.activeTenant.statusText, /\$\(lock\)/);
    } finally {
      await vscode.commands.executeCommand('iscExplorer.toggleReadOnly', 'env', before ?? true);
    }
  });

  it('refuses to remove the environment tenant or change its credentials (they come from the environment)', async () => {
    const { services } = await coreApi();
    await vscode.commands.executeCommand('iscExplorer.removeTenant', 'env', { confirm: false });
    assert.ok(services.tenants.get('env'), 'still there');
  });
});
