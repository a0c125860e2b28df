// Tenants in the session WITH the environment tenant: its read-only default, the toggle, the status bar.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { CredentialStore } from '../../src/auth/credentialStore';
import { TenantRegistry } from '../../src/auth/tenantRegistry';
import { Settings } from '../../src/config/settings';
import { silentLogger } from '../../src/util/redact';
import type { TenantInfo } from '../../src/model/tenant';
import { CANCEL } from '../../src/testing/testUserInput';
import { coreApi, lastSeq, simRequests, simUrl, tenantRoot } from './coreSupport';

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

  it('adds a tenant from its three questions (URL, client ID, secret), checks the connection and removes it after the modal', async () => {
    const { api, services } = await coreApi();
    const input = api.userInput;
    // The same simulator under another loopback name: another tenant for the registry.
    const url = simUrl().replace('127.0.0.1', 'localhost');
    const clientId = process.env.ISC_SIM_CLIENT_ID ?? '';
    const secret = process.env.ISC_SIM_CLIENT_SECRET ?? '';
    input.clearLog();
    const added = await input.runWithInputs([url, clientId, secret], () => vscode.commands.executeCommand<TenantInfo | undefined>('iscExplorer.addTenant'));
    assert.ok(added, 'the tenant is added');
    try {
      assert.deepStrictEqual(input.asked('inputBox').map((p) => p.title), ['Add ISC Tenant (1/3)', 'Add ISC Tenant (2/3)', 'Add ISC Tenant (3/3)']);
      assert.strictEqual(input.asked('inputBox')[2].inputOptions?.password, true, 'the secret is typed hidden');
      assert.strictEqual(services.tenants.get(added.id)?.readOnly, true, 'a new tenant starts read-only');
      assert.ok(input.progress.some((p) => p.title.startsWith('Connecting to')), 'the connection is checked with progress');
      input.clearLog();
      assert.strictEqual(await input.runWithInputs(['Remove'], () => vscode.commands.executeCommand('iscExplorer.removeTenant', added.id)), true);
      assert.deepStrictEqual(input.asked('modal').map((p) => p.buttons), [['Remove']]);
      assert.strictEqual(services.tenants.get(added.id), undefined);
    } finally {
      if (services.tenants.get(added.id)) await services.tenants.removeTenant(added.id);
    }
  });

  it('offers the active tenant first in tenant pickers and keeps it across a registry restart', async () => {
    const { api, services } = await coreApi();
    const url = simUrl().replace('127.0.0.1', 'localhost');
    const added = await vscode.commands.executeCommand<TenantInfo | undefined>('iscExplorer.addTenant', { baseUrl: url, clientId: process.env.ISC_SIM_CLIENT_ID, clientSecret: process.env.ISC_SIM_CLIENT_SECRET });
    assert.ok(added, 'a second tenant');
    const firstOffered = async (): Promise<string | undefined> => {
      api.userInput.clearLog();
      await api.userInput.runWithInputs([CANCEL], () => vscode.commands.executeCommand('iscExplorer.clearFilter'));
      return api.userInput.asked('quickPick')[0]?.labels?.[0];
    };
    const envLabel = services.tenants.get('env')?.label;
    try {
      services.tenants.setActiveTenant(added.id);
      assert.strictEqual(await firstOffered(), added.label);
      assert.strictEqual(api.activeTenant.tenantId, added.id, 'the status bar follows');
      const reopened = new TenantRegistry(services.context.globalState, new CredentialStore(services.context.secrets), new Settings(), silentLogger);
      try {
        assert.strictEqual(reopened.activeTenantId(), added.id, 'persisted');
      } finally {
        reopened.dispose();
      }
      services.tenants.setActiveTenant('env');
      assert.strictEqual(await firstOffered(), envLabel);
    } finally {
      await services.tenants.removeTenant(added.id);
      services.tenants.setActiveTenant('env');
    }
  });

  it('refuses an already added URL and client ID at the client ID question', async () => {
    const { api, services } = await coreApi();
    const env = services.tenants.get('env');
    assert.ok(env);
    await assert.rejects(
      api.userInput.runWithInputs([env.baseUrl, env.clientId], () => vscode.commands.executeCommand('iscExplorer.addTenant')),
      /does not accept .*already added/,
    );
    assert.deepStrictEqual(services.tenants.list().map((t) => t.id), ['env']);
  });

  it('allows writes only after the modal is confirmed (Cancel keeps the tenant read-only)', async () => {
    const { api, services } = await coreApi();
    const before = services.tenants.get('env')?.readOnly;
    try {
      await services.tenants.setReadOnly('env', true);
      await api.userInput.runWithInputs([CANCEL], () => vscode.commands.executeCommand('iscExplorer.toggleReadOnly', 'env'));
      assert.strictEqual(services.tenants.get('env')?.readOnly, true);
      assert.strictEqual(await api.userInput.runWithInputs(['Allow Changes'], () => vscode.commands.executeCommand('iscExplorer.toggleReadOnly', 'env')), false);
      assert.strictEqual(services.tenants.get('env')?.readOnly, false);
    } finally {
      await services.tenants.setReadOnly('env', before ?? true);
    }
  });
});
