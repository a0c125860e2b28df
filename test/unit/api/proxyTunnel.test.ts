// The client behind an authenticating CONNECT proxy (test/harness/connectProxy.ts), talking to an HTTPS simulator at
// https://sim.test:PORT (a name only the proxy resolves) whose certificate comes from a throw-away CA (openssl).
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { Simulator } from '../../../sim/server';
import { writeMayHaveActed } from '../../../src/api/errors';
import type { IscApiError } from '../../../src/api/errors';
import type { IscClientOptions } from '../../../src/api/iscClient';
import { IscClient } from '../../../src/api/iscClient';
import { ProxyTunnelError, openTunnel } from '../../../src/api/proxyAgent';
import { parseProxyUrl } from '../../../src/api/proxyConfig';
import { errorText } from '../../../src/model/connectionErrors';
import { startConnectProxy } from '../../harness/connectProxy';
import type { ConnectProxy } from '../../harness/connectProxy';
import { createTestCa, opensslAvailable } from '../../harness/testCa';
import type { TestCa } from '../../harness/testCa';
import { FAST_LIMIT, expectApiError, startSim } from './helpers';

const USER = 'proxy-user';
const PASSWORD = 'proxy-pass-1f0a';

describe('HTTPS through an authenticating CONNECT proxy (ProxyTunnelAgent)', function () {
  this.timeout(30_000);
  let dir: string;
  let ca: TestCa;
  let otherCa: TestCa;
  let sim: Simulator;
  let proxy: ConnectProxy;
  let simHostUrl: string;

  before(async function () {
    if (!opensslAvailable()) {
      console.log('    (skipped: `openssl` is not installed)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-proxy-'));
    ca = createTestCa(dir, 'trusted', ['sim.test']);
    otherCa = createTestCa(dir, 'other', ['sim.test']);
    sim = await startSim({ identities: 600, tls: { key: ca.key, cert: ca.cert } });
    proxy = await startConnectProxy({ user: USER, password: PASSWORD, hosts: { 'sim.test': '127.0.0.1' } });
    simHostUrl = sim.url.replace('127.0.0.1', 'sim.test');
  });

  after(async () => {
    await proxy?.close();
    await sim?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function proxyUrl(password = PASSWORD): string {
    return `http://${USER}:${password}@127.0.0.1:${proxy.port}`;
  }

  function client(options: Partial<IscClientOptions> = {}): IscClient {
    return new IscClient({
      baseUrl: simHostUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      rateLimit: FAST_LIMIT,
      network: { proxyUrl: proxyUrl(), ca: [ca.caPem] },
      ...options,
    });
  }

  async function counted<T>(fn: () => Promise<T>): Promise<{ value: T; tunnels: number; refused: number }> {
    const before = { ...proxy.stats };
    const value = await fn();
    return { value, tunnels: proxy.stats.tunnels - before.tunnels, refused: proxy.stats.refused - before.refused };
  }

  it('lists identities through the proxy, and one kept-alive tunnel carries the token and every page', async () => {
    const c = client();
    try {
      const { value, tunnels } = await counted(async () => [await c.listIdentities({ limit: 250 }), await c.listIdentities({ limit: 250, offset: 250 })]);
      assert.strictEqual(value[0].items.length, 250);
      assert.strictEqual(value[1].items.length, 250);
      assert.strictEqual(tunnels, 1, 'token + 2 pages in one tunnel');
      assert.ok(proxy.stats.targets.every((target) => target === new URL(simHostUrl).host));
    } finally {
      c.dispose();
    }
  });

  it('wrong credentials: a network error that says the proxy refused them (407), never sent, not retried, no password', async () => {
    const wrong = 'wrong-pass-77';
    const c = client({ network: { proxyUrl: proxyUrl(wrong), ca: [ca.caPem] } });
    try {
      const { value: error, refused } = await counted(() => expectApiError(c.verifyCredentials(), 'network'));
      assert.match(error.message, /the proxy refused the credentials \(ERR_PROXY_AUTH\): proxy 127\.0\.0\.1:\d+ answered 407 Proxy Authentication Required \(it asks for Basic\)/);
      assert.strictEqual(error.requestSent, false);
      assert.strictEqual(refused, 1, 'one CONNECT: refused credentials are not retried');
      assert.match(errorText(error), /check the user name and password in the proxy URL, in the http\.proxy setting or HTTPS_PROXY/);
      assert.ok(!errorText(error).includes(wrong));
    } finally {
      c.dispose();
    }
  });

  it('no credentials in the proxy URL: the 407 says so', async () => {
    const c = client({ network: { proxyUrl: `http://127.0.0.1:${proxy.port}`, ca: [ca.caPem] } });
    try {
      const error = await expectApiError(c.verifyCredentials(), 'network');
      assert.match(error.message, /answered 407 .*; the proxy URL holds no credentials/);
    } finally {
      c.dispose();
    }
  });

  it('a write refused by the proxy is certainly not carried out (outcome known: not sent)', async () => {
    const c = client({ network: { proxyUrl: proxyUrl('wrong'), ca: [ca.caPem] } });
    try {
      const error: IscApiError = await expectApiError(c.deleteIdentity('any-id'), 'network');
      assert.strictEqual(writeMayHaveActed(error), false);
    } finally {
      c.dispose();
    }
  });

  it("the server's certificate from a CA that is not trusted: not trusted, never sent, not retried", async () => {
    const c = client({ network: { proxyUrl: proxyUrl(), ca: [otherCa.caPem] } });
    try {
      const { value: error, tunnels } = await counted(() => expectApiError(c.verifyCredentials(), 'network'));
      assert.match(error.message, /the server's certificate is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
      assert.strictEqual(error.requestSent, false);
      assert.strictEqual(tunnels, 1, 'one handshake: a certificate failure is not retried');
      assert.match(errorText(error), /NODE_EXTRA_CA_CERTS/);
    } finally {
      c.dispose();
    }
  });

  it('with rejectUnauthorized false (http.proxyStrictSSL: false) the untrusted certificate is accepted', async () => {
    const c = client({ network: { proxyUrl: proxyUrl(), ca: [otherCa.caPem], rejectUnauthorized: false } });
    try {
      assert.strictEqual((await c.listIdentities({ limit: 5 })).items.length, 5);
    } finally {
      c.dispose();
    }
  });

  it('a proxy that cannot be reached: ERR_PROXY_UNREACHABLE, never sent', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const c = client({ network: { proxyUrl: `http://127.0.0.1:${port}`, ca: [ca.caPem] }, maxRetries: 0 });
    try {
      const error = await expectApiError(c.verifyCredentials(), 'network');
      assert.match(error.message, /the proxy could not be reached \(ERR_PROXY_UNREACHABLE\): proxy 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      assert.strictEqual(error.requestSent, false);
      assert.match(errorText(error), /Check the proxy settings/);
    } finally {
      c.dispose();
    }
  });

  it('a tunnel the proxy cannot open (502 for a closed target port): ERR_PROXY_REFUSED with the status', async () => {
    const endpoint = parseProxyUrl(proxyUrl());
    await assert.rejects(openTunnel(endpoint, '127.0.0.1', 1), (error: unknown) => {
      assert.ok(error instanceof ProxyTunnelError);
      assert.strictEqual(error.code, 'ERR_PROXY_REFUSED');
      assert.strictEqual(error.status, 502);
      assert.match(error.message, /answered 502 Bad Gateway to the CONNECT to 127\.0\.0\.1:1/);
      return true;
    });
  });

  it('a proxy that never answers the CONNECT: ERR_PROXY_TIMEOUT after the tunnel timeout', async () => {
    const silent = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      await assert.rejects(openTunnel({ host: '127.0.0.1', port, display: `127.0.0.1:${port}` }, 'sim.test', 443, 300), (error: unknown) => {
        assert.ok(error instanceof ProxyTunnelError);
        assert.strictEqual(error.code, 'ERR_PROXY_TIMEOUT');
        return true;
      });
      assert.ok(Date.now() - started < 3000);
    } finally {
      silent.close();
    }
  });

  it('a loopback base URL goes direct even with a proxy configured', async () => {
    const c = client({ baseUrl: sim.url });
    try {
      const { tunnels, refused } = await counted(() => c.listIdentities({ limit: 1 }));
      assert.strictEqual(tunnels + refused, 0);
    } finally {
      c.dispose();
    }
  });
});
