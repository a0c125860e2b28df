// The getting-started walkthrough: contributed, every step's page shipped, and it opens.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'isc-tools.isc-identity-explorer';

interface WalkthroughStep {
  id: string;
  title: string;
  media: { markdown?: string };
}
interface Manifest {
  contributes: { walkthroughs?: { id: string; steps: WalkthroughStep[] }[]; viewsWelcome?: { contents: string }[] };
}

function manifest(): { root: string; pkg: Manifest } {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return { root: extension.extensionPath, pkg: extension.packageJSON as Manifest };
}

describe('getting-started walkthrough', () => {
  it('is contributed with steps for the token, the tenant, read-only mode and the demo', () => {
    const walkthrough = manifest().pkg.contributes.walkthroughs?.find((w) => w.id === 'gettingStarted');
    assert.ok(walkthrough, 'walkthrough gettingStarted');
    assert.deepStrictEqual(walkthrough.steps.map((s) => s.id), ['pat', 'addTenant', 'readOnly', 'demo', 'bulk']);
  });

  it('ships a non-empty markdown page for every step', () => {
    const { root, pkg } = manifest();
    for (const step of pkg.contributes.walkthroughs?.[0]?.steps ?? []) {
      assert.ok(step.media.markdown, `${step.id} has a page`);
      const text = fs.readFileSync(path.join(root, step.media.markdown), 'utf8');
      assert.match(text, /^# /, `${step.media.markdown} starts with a heading`);
    }
  });

  it('is linked from the welcome view shown when there is no tenant', () => {
    const contents = manifest().pkg.contributes.viewsWelcome?.map((v) => v.contents).join('\n') ?? '';
    assert.match(contents, /workbench\.action\.openWalkthrough\?%22isc-tools\.isc-identity-explorer%23gettingStarted%22/);
  });

  it('opens through VS Code\'s walkthrough command', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
