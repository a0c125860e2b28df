// Harness smoke test for the session WITHOUT the environment tenant.
import * as assert from 'assert';
import * as vscode from 'vscode';

describe('harness smoke (extension host, no environment tenant)', () => {
  it('has no environment tenant but still knows the simulator', () => {
    assert.ok(vscode.version, 'vscode API available');
    assert.strictEqual(process.env.ISC_BASE_URL, undefined);
    assert.strictEqual(process.env.ISC_CLIENT_ID, undefined);
    assert.strictEqual(process.env.ISC_CLIENT_SECRET, undefined);
    assert.match(process.env.ISC_SIM_URL ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(process.env.ISC_SIM_CLIENT_ID && process.env.ISC_SIM_CLIENT_SECRET, 'simulator credentials for adding a tenant by hand');
  });
});
