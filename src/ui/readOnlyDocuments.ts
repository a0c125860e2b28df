// Read-only virtual documents (a TextDocumentContentProvider with its own scheme): what the extension shows as text
// — raw JSON of a panel, reports — opens in an editor that cannot be edited, is never dirty and never asks to be
// saved, unlike an Untitled document.
import * as vscode from 'vscode';
import { DisposableStore } from '../util/disposables';

/** Characters that would end or escape a path segment of the document's URI, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are what is removed here.
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\?#%*:|"<>\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A file-name-like title from data: one line, no path or URI characters, at most 60 characters. */
function documentTitle(text: string, fallback: string): string {
  const cleaned = text.replace(UNSAFE_NAME, ' ').replace(/\s+/g, ' ').trim();
  const title = cleaned || fallback;
  return title.length > 60 ? `${title.slice(0, 59)}…` : title;
}

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions = new DisposableStore();

  /** `scheme` must be this extension's own (e.g. `isc-explorer-json`). */
  constructor(readonly scheme: string) {
    this.subscriptions.addAll(
      vscode.workspace.registerTextDocumentContentProvider(scheme, this),
      // Closed documents drop their text; reopening one shows what `show` stored last, or nothing.
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === scheme) this.contents.delete(document.uri.toString());
      }),
      this.changed,
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /**
   * Shows `content` as a read-only document. `key` names the document (the same key replaces an open document's text),
   * `title` is what its tab says, `extension` picks the language (e.g. `.json`).
   */
  async show(key: string, title: string, extension: string, content: string, viewColumn = vscode.ViewColumn.Beside): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${key.replace(/[^A-Za-z0-9._-]/g, '_')}/${documentTitle(title, 'document')}${extension}` });
    const id = uri.toString();
    const known = this.contents.has(id);
    this.contents.set(id, content);
    if (known) this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn, preview: false });
    return document;
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.contents.clear();
  }
}
