// What `activate()` hands to other extensions: nothing in production. An installed extension could otherwise reach
// the user's authenticated ISC clients (delete identities) or answer the write guard's confirmation.
import * as vscode from 'vscode';

/** The test handle when VS Code runs the extension's tests (ExtensionMode.Test), else undefined; `create` only runs then. */
export function exportedApi<T>(mode: vscode.ExtensionMode, create: () => T): T | undefined {
  return mode === vscode.ExtensionMode.Test ? create() : undefined;
}
