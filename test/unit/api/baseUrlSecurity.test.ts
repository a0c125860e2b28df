// Base URLs that would send a secret somewhere the user did not mean.
import * as assert from 'assert';
import { InvalidBaseUrlError, describeBaseUrlHost, isLoopbackHost, normalizeBaseUrl } from '../../../src/api/baseUrl';

describe('base URL safety', () => {
  it('refuses plain http for a name that only ends in .localhost', () => {
    assert.throws(() => normalizeBaseUrl('http://evil.localhost:4010'), InvalidBaseUrlError);
  });

  it('treats only literal localhost, 127.0.0.0/8 and ::1 as loopback', () => {
    assert.deepStrictEqual(
      ['localhost', '127.0.0.1', '127.9.8.7', '[::1]', 'evil.localhost', '127.0.0.256', '128.0.0.1'].map(isLoopbackHost),
      [true, true, true, true, false, false, false],
    );
  });

  it('refuses a scheme with a single slash instead of reading "http" as the host', () => {
    assert.throws(() => normalizeBaseUrl('http:/127.0.0.1'), /must be followed by "\/\/"/);
  });

  it('refuses a backslash-at URL whose real host is not the one a person reads', () => {
    assert.throws(() => normalizeBaseUrl('https://evil.com\\@acme.api.identitynow.com'), /must not contain/);
  });

  it('refuses user info in the URL', () => {
    assert.throws(() => normalizeBaseUrl('https://user@acme.api.identitynow.com'), InvalidBaseUrlError);
  });

  it('still accepts a loopback host with a port and no scheme', () => {
    assert.strictEqual(normalizeBaseUrl('http://127.0.0.1:4010/v2025/'), 'http://127.0.0.1:4010');
  });

  it('tells a SailPoint domain from a vanity domain and shows the host in Unicode and punycode', () => {
    assert.strictEqual(describeBaseUrlHost('https://acme.api.identitynow.com').isSailPointDomain, true);
    assert.strictEqual(describeBaseUrlHost('https://acme.api.identitynow-demo.com').isSailPointDomain, true);
    const vanity = describeBaseUrlHost(normalizeBaseUrl('https://xn--bcher-kva.example'));
    assert.deepStrictEqual([vanity.isSailPointDomain, vanity.asciiHost, vanity.unicodeHost], [false, 'xn--bcher-kva.example', 'bücher.example']);
  });

  it('does not take identitynow.com.evil.example for a SailPoint domain', () => {
    assert.strictEqual(describeBaseUrlHost('https://identitynow.com.evil.example').isSailPointDomain, false);
  });
});
