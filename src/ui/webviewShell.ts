// The HTML shell every webview of the extension loads: a strict CSP with a fresh nonce, the page's bundled script
// and stylesheet, and NO API data (data only ever arrives by postMessage and the page sets it as text).
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** What differs between the pages; everything that matters for security is the same for all. */
export interface WebviewShellSpec {
  /** The folder under `dist/` esbuild writes the page's `main.js` and `styles.css` to. */
  readonly bundle: 'webview' | 'table' | 'compare' | 'activity';
  readonly title?: string;
  /** Class of the `<main id="app">` element the page renders into. */
  readonly mainClass: string;
  /** Status line shown until the page's script has painted; none when omitted. */
  readonly loadingText?: string;
  /** Whether the page may load images from the extension's own resources (`img-src`); only what a page needs. */
  readonly images: boolean;
}

/** What the shell needs of the webview it is for. */
export type ShellWebview = Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>;

/** The page's bundle folder: the only local resource root it gets. */
function bundleRoot(extensionUri: vscode.Uri, bundle: WebviewShellSpec['bundle']): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', bundle);
}

/** Scripts on (nonce'd only, by the CSP), command links and forms off, resources from the page's bundle folder only. */
export function webviewShellOptions(extensionUri: vscode.Uri, spec: WebviewShellSpec): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [bundleRoot(extensionUri, spec.bundle)],
  };
}

function createNonce(): string {
  return randomBytes(18).toString('base64');
}

function contentSecurityPolicy(cspSource: string, nonce: string, images: boolean): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    ...(images ? [`img-src ${cspSource}`] : []),
    `font-src ${cspSource}`,
  ].join('; ') + ';';
}

/**
 * Builds the shell. Only values under our control go in: the spec, the CSP source, a fresh nonce, two bundle URIs and
 * VS Code's display language (screen readers pick their voice by `lang`; the page's texts come in that language).
 */
export function renderWebviewShell(
  webview: ShellWebview,
  extensionUri: vscode.Uri,
  spec: WebviewShellSpec,
  nonce: string = createNonce(),
): string {
  const root = bundleRoot(extensionUri, spec.bundle);
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.js')).toString();
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(root, 'styles.css')).toString();
  const csp = contentSecurityPolicy(webview.cspSource, nonce, spec.images);
  const title = spec.title === undefined ? '' : `\n<title>${escapeText(spec.title)}</title>`;
  const loading = spec.loadingText === undefined ? '' : `<p class="state-message" role="status">${escapeText(spec.loadingText)}</p>`;
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">${title}
</head>
<body>
<main id="app" class="${escapeAttribute(spec.mainClass)}">${loading}</main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
