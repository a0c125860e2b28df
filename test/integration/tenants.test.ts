// Tenants in the session WITH the environment tenant: its read-only default, the toggle, the status bar.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CredentialStore } from '../../src/auth/credentialStore';
import { TenantRegistry } from '../../src/auth/tenantRegistry';
import { Settings } from '../../src/config/settings';
import { silentLogger } from '../../src/util/redact';
import { coreApi, tenantRoot } from './coreSupport';

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
