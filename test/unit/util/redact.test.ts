// redactText and redactValue: every spelling a secret takes in logs, errors and echoed server texts.
import * as assert from 'assert';
import { forgetSecret, redactText, redactValue, registerSecret } from '../../../src/util/redact';

describe('redactText', () => {
  it('cuts form and query fields', () => {
    assert.strictEqual(redactText('grant_type=client_credentials&client_secret=abc123&client_id=x'), 'grant_type=client_credentials&client_secret=[REDACTED]&client_id=x');
    assert.strictEqual(redactText('GET /cb?access_token=tok.en-1&state=2'), 'GET /cb?access_token=[REDACTED]&state=2');
  });

  it('cuts URL-encoded form fields up to the encoded separator', () => {
    assert.strictEqual(redactText('body=grant_type%3Dclient_credentials%26client_secret%3Dabc%2B123%26client_id%3Dx'), 'body=grant_type%3Dclient_credentials%26client_secret%3D[REDACTED]%26client_id%3Dx');
    assert.strictEqual(redactText('ACCESS_TOKEN%3Dxyz'), 'ACCESS_TOKEN%3D[REDACTED]');
  });

  it('cuts JSON fields, also with escaped quotes inside the value', () => {
    assert.strictEqual(redactText('{"client_secret":"abc","id":1}'), '{"client_secret":"[REDACTED]","id":1}');
    assert.strictEqual(redactText('{"access_token": "a\\"b", "x": 2}'), '{"access_token": "[REDACTED]", "x": 2}');
  });

  it('cuts JSON fields inside a JSON string (escaped quotes)', () => {
    assert.strictEqual(redactText('{"raw":"{\\"client_secret\\":\\"abc\\",\\"id\\":1}"}'), '{"raw":"{\\"client_secret\\":\\"[REDACTED]\\",\\"id\\":1}"}');
  });

  it('cuts bearer and basic credentials, also URL-encoded', () => {
    assert.strictEqual(redactText('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer [REDACTED]');
    assert.strictEqual(redactText('h=Bearer%20abc%2Fdef&x=1'), 'h=Bearer%20[REDACTED]&x=1');
    assert.strictEqual(redactText('basic dXNlcjpwdw=='), 'basic [REDACTED]');
  });

  it('cuts JWT-shaped strings anywhere', () => {
    assert.strictEqual(redactText('token eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl here'), 'token [REDACTED-JWT] here');
  });

  describe('registered secrets', () => {
    const secret = 'p@ss w/rd+&="q"\\x';
    before(() => registerSecret(secret));
    after(() => forgetSecret(secret));

    it('cuts the secret as it is', () => {
      assert.strictEqual(redactText(`value ${secret} end`), 'value [REDACTED] end');
    });

    it('cuts its encodeURIComponent form', () => {
      assert.strictEqual(redactText(`x=${encodeURIComponent(secret)}`), 'x=[REDACTED]');
    });

    it('cuts its form-encoded form', () => {
      assert.strictEqual(redactText(new URLSearchParams({ x: secret }).toString()), 'x=[REDACTED]');
    });

    it('cuts its JSON-escaped form', () => {
      assert.strictEqual(redactText(JSON.stringify({ x: secret })), '{"x":"[REDACTED]"}');
    });

    it('leaves text alone once the secret is forgotten', () => {
      const other = 'temporary-secret-1';
      registerSecret(other);
      forgetSecret(other);
      assert.strictEqual(redactText(other), other);
    });
  });
});

describe('redactValue', () => {
  it('redacts every string of a nested value and keeps the rest', () => {
    assert.deepStrictEqual(redactValue({ a: ['Bearer abc', 1, null], b: { c: 'client_secret=x', d: true } }), {
      a: ['Bearer [REDACTED]', 1, null],
      b: { c: 'client_secret=[REDACTED]', d: true },
    });
  });
});
