// A corporate network, made by the harness on 127.0.0.1 (test/harness/networkSession.ts): the tenant is an HTTPS
// simulator at https://sim.test:PORT, a name only the proxy resolves; the proxy requires Basic credentials, given the
// way a user gives them (the `http.proxy` setting, http://USER:PASSWORD@HOST:PORT); the simulator's CA is trusted
// through NODE_EXTRA_CA_CERTS in code-server's environment. A second simulator's CA is trusted nowhere.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TenantInfo } from '../../src/model/tenant';
import { children, coreApi, identities, placeholders, tenantRoot } from '../integration/coreSupport';

interface ProxyStats {
  tunnels: number;
  refused: number;
  targets: string[];
}

function required(name: string): string {
  const value = process.env[name];
  assert.ok(value, `${name} is set by the harness (networkSession.ts)`);
  return value;
}

const SIM_URL = required('ISC_NET_SIM_URL');
const UNTRUSTED_SIM_URL = required('ISC_NET_UNTRUSTED_SIM_URL');
const PROXY_PASSWORD = required('ISC_NET_PROXY_PASSWORD');
const WRONG_PASSWORD = 'not-the-proxy-password-93c2';

async function proxyStats(): Promise<ProxyStats> {
  const response = await fetch(`${required('ISC_NET_PROXY_URL')}/__proxy/stats`);
  assert.strictEqual(response.status, 200);
  return (await response.json()) as ProxyStats;
}

type HttpSettings = Partial<Record<'proxy' | 'proxySupport' | 'proxyStrictSSL', string | boolean>>;

/** Sets VS Code's `http.*` user settings for the duration of `body`, then puts the previous values back. */
async function withHttpSettings<T>(settings: HttpSettings, body: () => Promise<T>): Promise<T> {
  const config = () => vscode.workspace.getConfiguration('http');
  const before = Object.fromEntries(Object.keys(settings).map((key) => [key, config().inspect(key)?.globalValue]));
  try {
    for (const [key, value] of Object.entries(settings)) await config().update(key, value, vscode.ConfigurationTarget.Global);
    return await body();
  } finally {
    for (const [key, value] of Object.entries(before)) await config().update(key, value, vscode.ConfigurationTarget.Global);
  }
}

function wrongCredentialsProxy(): string {
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy') ?? '';
  assert.ok(proxy.includes(encodeURIComponent(PROXY_PASSWORD)), 'the harness put the proxy credentials into http.proxy');
  return proxy.replace(encodeURIComponent(PROXY_PASSWORD), WRONG_PASSWORD);
}

describe('corporate network: HTTPS tenant behind an authenticating CONNECT proxy (extension host)', function () {
  this.timeout(120_000);
  const added: string[] = [];

  async function addTenant(baseUrl: string, label: string, verify = true): Promise<TenantInfo | undefined> {
    const tenant = await vscode.commands.executeCommand<TenantInfo | undefined>('iscExplorer.addTenant', {
      baseUrl, clientId: required('ISC_SIM_CLIENT_ID'), clientSecret: required('ISC_SIM_CLIENT_SECRET'), label, verify,
    });
    if (tenant) added.push(tenant.id);
    return tenant;
  }

  /** Runs Add Tenant (which checks the connection first) and returns the error it shows, or undefined. */
  async function addTenantError(baseUrl: string): Promise<string | undefined> {
    const { services } = await coreApi();
    const shown: string[] = [];
    const original = services.logger.error;
    services.logger.error = (message: string | Error) => {
      shown.push(String(message));
      original.call(services.logger, message);
    };
    try {
      const tenant = await addTenant(baseUrl, 'checked');
      assert.strictEqual(tenant, undefined, 'the tenant is not added when the connection check fails');
    } finally {
      services.logger.error = original;
    }
    const message = shown.find((line) => line.startsWith('iscExplorer.addTenant failed: '));
    return message?.slice('iscExplorer.addTenant failed: '.length);
  }

  /** The description of the error row under a new (unchecked) tenant at `baseUrl`. */
  async function treeError(baseUrl: string, label: string): Promise<string> {
    const { api } = await coreApi();
    const tenant = await addTenant(baseUrl, label, false);
    assert.ok(tenant);
    const rows = await children(api, tenantRoot(api, tenant.id));
    assert.strictEqual(identities(rows).length, 0);
    const [row] = placeholders(rows);
    assert.strictEqual(row?.placeholder, 'error', `an error row, got ${rows.map((r) => r.kind).join(', ')}`);
    return String(row.description ?? '');
  }

  afterEach(async () => {
    for (const id of added.splice(0)) await vscode.commands.executeCommand('iscExplorer.removeTenant', id, { confirm: false });
  });

  for (const proxySupport of ['override', 'on'] as const) {
    const route = proxySupport === 'override' ? "VS Code's proxy support" : "the extension's own CONNECT tunnel";
    it(`lists the identities through the proxy with the CA trusted (http.proxySupport "${proxySupport}": ${route})`, async () => {
      await withHttpSettings({ proxySupport }, async () => {
        const { api } = await coreApi();
        const before = await proxyStats();
        const tenant = await addTenant(SIM_URL, `behind proxy (${proxySupport})`);
        assert.ok(tenant, 'Add Tenant checked the connection through the proxy and added the tenant');
        const rows = await children(api, tenantRoot(api, tenant.id));
        assert.strictEqual(identities(rows).length, 250, `the first page, got rows: ${rows.map((r) => r.kind).join(', ')}`);
        const after = await proxyStats();
        const tunnels = after.tunnels - before.tunnels;
        assert.ok(tunnels >= 1, 'the requests went through the proxy');
        const host = new URL(SIM_URL).host;
        assert.ok(after.targets.slice(before.tunnels).every((target) => target === host), `every tunnel went to ${host}: ${after.targets.slice(before.tunnels).join(', ')}`);
        console.log(`    [measure] http.proxySupport "${proxySupport}": Add Tenant's check + the first page through ${tunnels} tunnel(s)`);
      });
    });
  }

  it('without the CA trusted, the tree and Add Tenant say the certificate is not trusted and what to do; no retry', async () => {
    // Add Tenant first: it adds nothing, so the tree's tenant of the same URL and client ID is not a duplicate.
    const shown = await addTenantError(UNTRUSTED_SIM_URL);
    const before = await proxyStats();
    const rowText = await treeError(UNTRUSTED_SIM_URL, 'untrusted CA');
    const tunnels = (await proxyStats()).tunnels - before.tunnels;
    for (const text of [rowText, shown ?? '(no error shown)']) {
      assert.match(text, /certificate (of \S+ )?is not trusted/, text);
      assert.match(text, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/, text);
      assert.match(text, /NODE_EXTRA_CA_CERTS/, text);
      assert.match(text, /system certificate store/, text);
      assert.match(text, /http\.proxyStrictSSL/, text);
    }
    assert.strictEqual(tunnels, 1, 'a certificate failure is not retried: one tunnel, one TLS handshake');
  });

  it('with http.proxyStrictSSL false, the tenant whose CA is trusted nowhere loads (the escape the message names)', async () => {
    await withHttpSettings({ proxyStrictSSL: false }, async () => {
      const { api } = await coreApi();
      const tenant = await addTenant(UNTRUSTED_SIM_URL, 'strict SSL off');
      assert.ok(tenant, 'Add Tenant succeeded with certificate checks off');
      assert.strictEqual(identities(await children(api, tenantRoot(api, tenant.id))).length, 30);
    });
  });

  for (const proxySupport of ['override', 'on'] as const) {
    it(`with wrong proxy credentials, the tree and Add Tenant say the proxy refused the credentials (407; http.proxySupport "${proxySupport}")`, async () => {
      await withHttpSettings({ proxySupport, proxy: wrongCredentialsProxy() }, async () => {
        const before = await proxyStats();
        const shown = await addTenantError(SIM_URL);
        const rowText = await treeError(SIM_URL, `wrong proxy password (${proxySupport})`);
        const after = await proxyStats();
        for (const text of [rowText, shown ?? '(no error shown)']) {
          assert.match(text, /proxy refused the credentials/, text);
          assert.match(text, /407/, text);
          assert.match(text, /http\.proxy/, text);
          assert.ok(!text.includes(WRONG_PASSWORD), `the proxy password is not shown: ${text}`);
        }
        assert.ok(after.refused - before.refused >= 2, 'the proxy answered 407 (tree and Add Tenant)');
        assert.strictEqual(after.tunnels, before.tunnels, 'no tunnel was opened');
      });
    });
  }
});
