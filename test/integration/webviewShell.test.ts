// The HTML shell of every webview, built in the extension host: the CSP, the nonce, the language and the resource
// roots are what the security rules ask for, for each of the four pages.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ShellWebview, WebviewShellSpec } from '../../src/ui/webviewShell';
import { renderWebviewShell, webviewShellOptions } from '../../src/ui/webviewShell';

const EXTENSION = vscode.Uri.file('/ext');
const CSP_SOURCE = 'https://webview.test';
const webview: ShellWebview = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (uri: vscode.Uri) => vscode.Uri.parse(`${CSP_SOURCE}${uri.path}`),
};

const BUNDLES: WebviewShellSpec['bundle'][] = ['webview', 'table', 'compare', 'activity'];
const spec = (bundle: WebviewShellSpec['bundle']): WebviewShellSpec => ({ bundle, mainClass: 'app', title: 'T <b>&', loadingText: 'Loading…', images: bundle !== 'activity' });

describe('webview shell (extension host)', () => {
  for (const bundle of BUNDLES) {
    it(`gives the ${bundle} page a CSP that allows only its nonce'd script and its own styles, fonts and images`, () => {
      const html = renderWebviewShell(webview, EXTENSION, spec(bundle), 'NONCE123');
      const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
      const images = bundle === 'activity' ? '' : ` img-src ${CSP_SOURCE};`;
      assert.strictEqual(csp, `default-src 'none'; script-src 'nonce-NONCE123'; style-src ${CSP_SOURCE};${images} font-src ${CSP_SOURCE};`);
    });
  }

  it('loads one script, by src with the nonce, and no inline script', () => {
    const html = renderWebviewShell(webview, EXTENSION, spec('compare'), 'NONCE123');
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.deepStrictEqual(scripts.map((m) => [m[1].trim(), m[2]]), [[`nonce="NONCE123" src="${CSP_SOURCE}/ext/dist/compare/main.js"`, '']]);
  });

  it('uses a fresh nonce for each shell', () => {
    const nonces = [1, 2, 3].map(() => /script-src 'nonce-([^']+)'/.exec(renderWebviewShell(webview, EXTENSION, spec('table')))?.[1]);
    assert.strictEqual(new Set(nonces).size, 3, JSON.stringify(nonces));
  });

  it("sets the document's language to VS Code's display language", () => {
    const html = renderWebviewShell(webview, EXTENSION, spec('webview'));
    assert.ok(html.includes(`<html lang="${vscode.env.language}">`), html.slice(0, 80));
  });

  it('escapes the title and loading text it is given', () => {
    const html = renderWebviewShell(webview, EXTENSION, spec('table'));
    assert.ok(html.includes('<title>T &lt;b&gt;&amp;</title>'), html);
    assert.ok(!html.includes('<b>'));
  });

  it('limits local resources to the page’s own bundle folder and turns command links and forms off', () => {
    for (const bundle of BUNDLES) {
      const options = webviewShellOptions(EXTENSION, spec(bundle));
      assert.deepStrictEqual(options.localResourceRoots?.map((uri) => uri.path), [`/ext/dist/${bundle}`]);
      assert.strictEqual(options.enableScripts, true);
      assert.strictEqual(options.enableCommandUris, false);
      assert.strictEqual(options.enableForms, false);
    }
  });
});
