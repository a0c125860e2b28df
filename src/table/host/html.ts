// The HTML shell of the identities table: a strict CSP, the bundled script and stylesheet, and NO API data
// (rows only ever arrive by postMessage and are set as text by the app).
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** The folder esbuild writes the table bundle to; the only local resource root of the table. */
function tableRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'table');
}

export function tableWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [tableRoot(extensionUri)],
  };
}

function createNonce(): string {
  return randomBytes(18).toString('base64');
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

/** Builds the shell. Only values under our control go in: the CSP source, a fresh nonce, two bundle URIs. */
export function renderTableHtml(webview: vscode.Webview, extensionUri: vscode.Uri, nonce: string = createNonce()): string {
  const root = tableRoot(extensionUri);
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
<title>Identities</title>
</head>
<body>
<main id="app" class="table-app"><p class="state-message" role="status">Loading…</p></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
