// "Open change as diff": VS Code's diff editor on two read-only virtual JSON documents (before, after), served by
// a TextDocumentContentProvider of our own scheme. The jobs room calls openSnapshotDiff for one identity's change.
import * as vscode from 'vscode';
import { canonicalJson } from '../../model/compare/values';
import { displayText } from '../../model/identityDisplay';

const SNAPSHOT_SCHEME = 'isc-snapshot';

/** Documents kept for reopening (a diff tab restored, "Reopen closed editor"); the oldest go first. */
const MAX_DOCUMENTS = 200;

class SnapshotDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private counter = 0;

  add(name: string, text: string): vscode.Uri {
    this.counter += 1;
    // The .json ending makes VS Code open it as JSON; the path never carries data beyond a sanitised name.
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'snapshot';
    const uri = vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: `/${this.counter}/${safe}.json` });
    this.contents.set(uri.toString(), text);
    while (this.contents.size > MAX_DOCUMENTS) this.contents.delete(this.contents.keys().next().value as string);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('// This snapshot is no longer available: open the change again.\n');
  }
}

let documents: { provider: SnapshotDocuments; registration: vscode.Disposable } | undefined;

function provider(): SnapshotDocuments {
  if (!documents) {
    const instance = new SnapshotDocuments();
    documents = { provider: instance, registration: vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, instance) };
  }
  return documents.provider;
}

/** Registers the document provider with the extension's lifetime. */
export function registerSnapshotDocuments(context: vscode.ExtensionContext): void {
  provider();
  context.subscriptions.push({
    dispose: () => {
      documents?.registration.dispose();
      documents = undefined;
    },
  });
}

/** A snapshot as document text: JSON text is re-indented, values become JSON with keys sorted so lines line up. */
function snapshotText(snapshot: unknown): string {
  if (typeof snapshot === 'string') {
    try {
      return `${canonicalJson(JSON.parse(snapshot) as unknown, 2)}\n`;
    } catch {
      return snapshot;
    }
  }
  return `${canonicalJson(snapshot, 2)}\n`;
}

/** Opens VS Code's diff editor: `before` on the left, `after` on the right, both read-only. */
export async function openSnapshotDiff(before: unknown, after: unknown, title: string): Promise<{ before: vscode.Uri; after: vscode.Uri }> {
  const docs = provider();
  const left = docs.add('before', snapshotText(before));
  const right = docs.add('after', snapshotText(after));
  await vscode.commands.executeCommand('vscode.diff', left, right, displayText(title, 120) || vscode.l10n.t('Change'), { preview: false });
  return { before: left, after: right };
}
