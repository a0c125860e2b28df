// Every question the identity actions ask and every message they show goes through one `ActionPrompts` object.
// Production uses VS Code's UI; integration tests replace parts of it (IdentityActionsApi.setPrompts) — the only
// way to answer a dialog without a person.
import * as vscode from 'vscode';
import type { IdentityRef } from '../../model/identityRef';
import type { TenantDirectory, TenantInfo } from '../../model/tenant';
import { pickIdentity, pickTenant } from '../../ui/pickers';
import type { ConfirmationHandler, GuardUi, MessageLevel } from '../../model/writeGuard';
import { modalConfirmation } from '../writeGuard';
import { plainMessageText } from '../../model/actions/report';

export interface ProgressReporter {
  /** `increment` in percent of the whole. */
  report(message: string, increment?: number): void;
}


export interface ActionPrompts extends GuardUi {
  confirm: ConfirmationHandler;
  message(level: MessageLevel, text: string, ...buttons: string[]): Thenable<string | undefined>;
  inputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  pickTenant(placeHolder: string): Promise<TenantInfo | undefined>;
  pickIdentity(tenantId: string, title: string): Promise<IdentityRef | undefined>;
  /** A cancellable progress notification; `signal` aborts when the user presses Cancel. */
  withProgress<T>(title: string, task: (progress: ProgressReporter, signal: AbortSignal) => Promise<T>): Thenable<T>;
}

export function vscodePrompts(tenants: TenantDirectory): ActionPrompts {
  return {
    confirm: modalConfirmation,
    message: (level, raw, ...buttons) => {
      const text = plainMessageText(raw);
      if (level === 'error') return vscode.window.showErrorMessage(text, ...buttons);
      if (level === 'warning') return vscode.window.showWarningMessage(text, ...buttons);
      return vscode.window.showInformationMessage(text, ...buttons);
    },
    inputBox: (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
    quickPick: <T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions) =>
      vscode.window.showQuickPick<T>([...items], { ignoreFocusOut: true, ...options }),
    pickTenant: (placeHolder) => pickTenant(tenants, placeHolder),
    pickIdentity: (tenantId, title) => pickIdentity(tenants, tenantId, { title }),
    withProgress: (title, task) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        if (token.isCancellationRequested) controller.abort();
        try {
          return await task({ report: (message, increment) => progress.report({ message, increment }) }, controller.signal);
        } finally {
          subscription.dispose();
        }
      }),
  };
}

/** Large sets need their size typed: a slip of the filter should not reach 40,000 people. */
export async function confirmTypedCount(ui: Pick<ActionPrompts, 'inputBox'>, action: string, count: number): Promise<boolean> {
  const expected = String(count);
  const typed = await ui.inputBox({
    title: vscode.l10n.t('{0}: {1} identities', action, count.toLocaleString()),
    prompt: vscode.l10n.t('Type {0} (the number of identities) to go on', expected),
    validateInput: (value) => (value.trim() === '' || value.trim() === expected ? undefined : vscode.l10n.t('Type exactly {0}', expected)),
  });
  return typed?.trim() === expected;
}
