// Localization of the manifest and the runtime strings: every user-facing string of package.json is a %key% found in
// package.nls.json, and l10n/bundle.l10n.json holds exactly the strings the sources pass to vscode.l10n.t.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

interface Manifest {
  displayName: string;
  description: string;
  contributes: {
    viewsContainers: Record<string, { title: string }[]>;
    views: Record<string, { name: string; contextualTitle?: string }[]>;
    viewsWelcome: { contents: string }[];
    commands: { title: string; category?: string }[];
    configuration: { title: string; properties: Record<string, { description?: string; markdownDescription?: string }> };
    walkthroughs?: { title: string; description: string; steps: { title: string; description?: string }[] }[];
    languageModelTools?: { displayName: string; userDescription?: string }[];
  };
}

/** Every string of the manifest a person reads. */
function userFacingStrings(manifest: Manifest): string[] {
  const c = manifest.contributes;
  return [
    manifest.displayName,
    manifest.description,
    ...Object.values(c.viewsContainers).flat().map((v) => v.title),
    ...Object.values(c.views).flat().flatMap((v) => [v.name, v.contextualTitle ?? '%%']),
    ...c.viewsWelcome.map((w) => w.contents),
    ...c.commands.flatMap((command) => [command.title, command.category ?? '%%']),
    c.configuration.title,
    ...Object.values(c.configuration.properties).flatMap((p) => [p.description ?? '%%', p.markdownDescription ?? '%%']),
    ...(c.walkthroughs ?? []).flatMap((w) => [w.title, w.description, ...w.steps.flatMap((s) => [s.title, s.description ?? '%%'])]),
    ...(c.languageModelTools ?? []).flatMap((t) => [t.displayName, t.userDescription ?? '%%']),
  ].filter((text) => text !== '%%');
}

describe('localization', () => {
  const manifest = readJson('package.json') as Manifest;
  const nls = readJson('package.nls.json') as Record<string, string>;

  it('every user-facing manifest string is a %key%, not literal text', () => {
    assert.deepStrictEqual(userFacingStrings(manifest).filter((text) => !/^%[^%]+%$/.test(text)), []);
  });

  it('every %key% of the manifest is in package.nls.json', () => {
    const keys = userFacingStrings(manifest).map((text) => text.slice(1, -1));
    assert.deepStrictEqual(keys.filter((key) => typeof nls[key] !== 'string' || !nls[key].trim()), []);
  });

  it('package.nls.json holds no key the manifest does not use', () => {
    const used = new Set(userFacingStrings(manifest).map((text) => text.slice(1, -1)));
    assert.deepStrictEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  });

  it('l10n/bundle.l10n.json is up to date with the vscode.l10n.t strings of the sources (npm run l10n)', function () {
    this.timeout(60_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', out, path.join(root, 'src')], { stdio: 'pipe' });
      const fresh = JSON.parse(fs.readFileSync(path.join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      const committed = readJson('l10n/bundle.l10n.json') as Record<string, unknown>;
      assert.deepStrictEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
