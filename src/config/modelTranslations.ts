// The vscode-free layers (api, model, util) build sentences with @vscode/l10n, which cannot ask VS Code for the
// display language. This hands it the bundle VS Code loaded for this extension; without a bundle (English, or no
// translation for the display language) @vscode/l10n returns the English texts as written.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/** Called once, first thing in activate: every sentence built afterwards is in the display language. */
export function configureModelTranslations(): void {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
}
