// Proxy selection: which proxy (environment), which hosts bypass it (NO_PROXY, literal loopback), the proxy URL's
// credentials, and the certificates NODE_EXTRA_CA_CERTS adds.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import { HttpTransport } from '../../../src/api/http';
import { IscClient } from '../../../src/api/iscClient';
import { SlidingWindowLimiter } from '../../../src/api/rateLimiter';
import { ProxyConfigError, bypassesProxy, extraCaTrust, parseProxyUrl, proxyForUrl, proxyFromEnvironment, splitNoProxy } from '../../../src/api/proxyConfig';
import { silentLogger } from '../../../src/util/redact';
import { expectApiError } from './helpers';

const PROXY = 'http://alice:s3cr%40t@proxy.corp.example:3128';

describe('proxy selection (proxyConfig)', () => {
  describe('the environment', () => {
    it('takes HTTPS_PROXY before HTTP_PROXY, in either case', () => {
      assert.strictEqual(proxyFromEnvironment({ HTTPS_PROXY: 'http://a:1', HTTP_PROXY: 'http://b:2' }).proxyUrl, 'http://a:1');
      assert.strictEqual(proxyFromEnvironment({ https_proxy: 'http://a:1', HTTP_PROXY: 'http://b:2' }).proxyUrl, 'http://a:1');
      assert.strictEqual(proxyFromEnvironment({ http_proxy: 'http://b:2' }).proxyUrl, 'http://b:2');
      assert.strictEqual(proxyFromEnvironment({}).proxyUrl, undefined);
    });

    it('reads NO_PROXY (or no_proxy) as a list split on commas and spaces', () => {
      assert.deepStrictEqual(proxyFromEnvironment({ NO_PROXY: 'a.com, .b.com  c.com:8443,' }).noProxy, ['a.com', '.b.com', 'c.com:8443']);
      assert.deepStrictEqual(proxyFromEnvironment({ no_proxy: 'x' }).noProxy, ['x']);
      assert.deepStrictEqual(splitNoProxy(undefined), []);
    });
  });

  describe('the proxy URL', () => {
    it('turns the credentials into a Basic Proxy-Authorization, percent-decoded, and keeps them out of `display`', () => {
      const endpoint = parseProxyUrl(PROXY);
      assert.strictEqual(endpoint.host, 'proxy.corp.example');
      assert.strictEqual(endpoint.port, 3128);
      assert.strictEqual(endpoint.authorization, `Basic ${Buffer.from('alice:s3cr@t').toString('base64')}`);
      assert.strictEqual(endpoint.display, 'proxy.corp.example:3128');
    });

    it('reads a bare host:port as http, port 80 when none is given, and no credentials as none', () => {
      assert.deepStrictEqual(parseProxyUrl('proxy.corp.example:8080'), { host: 'proxy.corp.example', port: 8080, display: 'proxy.corp.example:8080' });
      assert.strictEqual(parseProxyUrl('http://proxy.corp.example').port, 80);
      assert.strictEqual(parseProxyUrl('http://[::1]:3128').host, '::1');
    });

    it('refuses other proxy types with a reason that shows no credentials', () => {
      assert.throws(() => parseProxyUrl('socks5://bob:hunter2@proxy:1080'), (error: unknown) => {
        assert.ok(error instanceof ProxyConfigError);
        assert.strictEqual(error.code, 'ERR_PROXY_CONFIG');
        assert.match(error.message, /socks5:\/\/ are not supported/);
        assert.ok(!error.message.includes('hunter2'));
        return true;
      });
      assert.throws(() => parseProxyUrl('http://'), ProxyConfigError);
    });
  });

  describe('NO_PROXY', () => {
    it('matches a domain and its subdomains, with or without a leading dot or *.', () => {
      for (const entry of ['example.com', '.example.com', '*.example.com']) {
        assert.ok(bypassesProxy('api.example.com', 443, [entry]), entry);
        assert.ok(bypassesProxy('example.com', 443, [entry]), entry);
      }
    });

    it('does not match a name that merely ends in the same letters', () => {
      assert.ok(!bypassesProxy('evilexample.com', 443, ['example.com']));
      assert.ok(!bypassesProxy('example.com.evil.net', 443, ['example.com']));
    });

    it('honours a port in the entry, `*`, IP addresses and IPv6 in brackets, case-insensitively', () => {
      assert.ok(bypassesProxy('acme.api.identitynow.com', 443, ['identitynow.com:443']));
      assert.ok(!bypassesProxy('acme.api.identitynow.com', 443, ['identitynow.com:8443']));
      assert.ok(bypassesProxy('anything.net', 443, ['*']));
      assert.ok(bypassesProxy('10.1.2.3', 443, ['10.1.2.3']));
      assert.ok(bypassesProxy('[fd00::1]', 443, ['[fd00::1]:443']));
      assert.ok(bypassesProxy('ACME.Example.COM', 443, ['example.com']));
      assert.ok(!bypassesProxy('acme.example.com', 443, []));
    });
  });

  describe('proxyForUrl', () => {
    it('sends a tenant through the proxy unless NO_PROXY names it', () => {
      assert.strictEqual(proxyForUrl(new URL('https://acme.api.identitynow.com'), { proxyUrl: PROXY })?.display, 'proxy.corp.example:3128');
      assert.strictEqual(proxyForUrl(new URL('https://acme.api.identitynow.com'), { proxyUrl: PROXY, noProxy: ['.identitynow.com'] }), undefined);
      assert.strictEqual(proxyForUrl(new URL('https://acme.api.identitynow.com'), {}), undefined);
    });

    it('never sends literal loopback through the proxy, but does send a name that only ends in .localhost', () => {
      for (const url of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010', 'https://127.1.2.3']) {
        assert.strictEqual(proxyForUrl(new URL(url), { proxyUrl: PROXY }), undefined, url);
      }
      assert.ok(proxyForUrl(new URL('https://evil.localhost'), { proxyUrl: PROXY }));
    });

    it('makes the transport of a non-loopback tenant tunnel through the proxy, and a loopback one not', () => {
      const transport = (baseUrl: string) =>
        new HttpTransport({ baseUrl, timeoutMs: 1000, maxResponseBytes: 1024, limiter: new SlidingWindowLimiter({ requests: 10, windowMs: 1000 }), logger: silentLogger, network: { proxyUrl: PROXY } });
      const remote = transport('https://acme.api.identitynow.com');
      const local = transport('http://127.0.0.1:4010');
      try {
        assert.strictEqual(remote.proxy?.display, 'proxy.corp.example:3128');
        assert.strictEqual(local.proxy, undefined);
      } finally {
        remote.dispose();
        local.dispose();
      }
    });
  });

  it('an unusable proxy setting fails each request with the reason, never sent and not retried, instead of the client', async () => {
    const client = new IscClient({ baseUrl: 'https://acme.api.identitynow.com', clientId: 'id', clientSecret: 'unusable-proxy-secret', network: { proxyUrl: 'socks5://proxy:1080' } });
    try {
      const started = Date.now();
      const error = await expectApiError(client.verifyCredentials(), 'network');
      assert.match(error.message, /the proxy setting cannot be used \(ERR_PROXY_CONFIG\): Proxies of type socks5:\/\/ are not supported/);
      assert.strictEqual(error.requestSent, false);
      assert.ok(Date.now() - started < 1000, 'not retried');
    } finally {
      client.dispose();
    }
  });

  describe('NODE_EXTRA_CA_CERTS', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-ca-'));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('is nothing to add when unset', () => {
      assert.strictEqual(extraCaTrust({}), undefined);
    });

    it("adds the file's certificates to Node's roots", () => {
      const extra = tls.rootCertificates[0];
      const file = path.join(dir, 'bundle.pem');
      fs.writeFileSync(file, `comment line\n${extra}\n`);
      const ca = extraCaTrust({ NODE_EXTRA_CA_CERTS: file });
      assert.strictEqual(ca?.length, tls.rootCertificates.length + 1);
      assert.strictEqual(ca?.[ca.length - 1], extra.trim());
    });

    it('fails with the file name when the file holds no certificate or cannot be read', () => {
      const empty = path.join(dir, 'empty.pem');
      fs.writeFileSync(empty, 'nothing here');
      assert.throws(() => extraCaTrust({ NODE_EXTRA_CA_CERTS: empty }), /empty\.pem\) holds no PEM certificate/);
      assert.throws(() => extraCaTrust({ NODE_EXTRA_CA_CERTS: path.join(dir, 'missing.pem') }), /ENOENT/);
    });
  });
});
