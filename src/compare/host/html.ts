// The HTML shell of the compare panel: a strict CSP, the bundled script and stylesheet, and NO API data
// (data only arrives by postMessage and the page renders it as text).
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** The folder esbuild writes the compare page to; the panel's only local resource root. */
function compareRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'compare');
}

export function compareWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, enableForms: false, localResourceRoots: [compareRoot(extensionUri)] };
}

function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ') + ';';
}

/** Only values under our control go in: the CSP source, a fresh nonce, two bundle URIs. */
export function renderCompareShell(webview: vscode.Webview, extensionUri: vscode.Uri, nonce = randomBytes(18).toString('base64')): string {
  const root = compareRoot(extensionUri);
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString();
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(root, 'styles.css')).toString();
  const csp = contentSecurityPolicy(webview.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Compare identities</title>
</head>
<body>
<main id="app" class="app compare-app"><p class="state-message" role="status">Loading…</p></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
