// Harness smoke test (extension host): the extension is there, activates, and registers every
// command its package.json contributes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'isc-tools.isc-identity-explorer';

interface Manifest {
  contributes?: { commands?: { command: string }[] };
}

describe('harness smoke (extension host)', () => {
  it('runs inside the extension host with the simulator environment', () => {
    assert.ok(vscode.version, 'vscode API available');
    assert.match(process.env.ISC_SIM_URL ?? '', /^http:\/\/127\.0\.0\.1:\d+$/, 'ISC_SIM_URL is set');
    assert.strictEqual(process.env.ISC_BASE_URL, process.env.ISC_SIM_URL, 'environment tenant points at the simulator');
  });

  it(`finds and activates ${EXTENSION_ID}`, async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers every command contributed in package.json', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    const manifest = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as Manifest;
    const contributed = (manifest.contributes?.commands ?? []).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
