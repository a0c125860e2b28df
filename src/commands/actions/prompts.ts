// The questions of the identity actions, over the one UserInput every command uses (services.ui): the guard's
// modal, messages, input boxes, quick picks, the tenant and identity pickers, progress. Tests answer them through
// the test input like any other prompt.
import * as vscode from 'vscode';
import type { IdentityRef } from '../../model/identityRef';
import type { TenantDirectory, TenantInfo } from '../../model/tenant';
import { pickIdentity, pickTenant } from '../../ui/pickers';
import type { ConfirmationHandler, GuardUi, MessageLevel } from '../../model/writeGuard';
import { modalConfirmation } from '../writeGuard';
import { plainMessageText } from '../../model/actions/report';
import type { ProgressReporter, SinglePickOptions, UserInput } from '../../ui/userInput';
import type { RecentIdentityStore } from '../../config/recentIdentityStore';

export type { ProgressReporter } from '../../ui/userInput';

export interface ActionPrompts extends GuardUi {
  confirm: ConfirmationHandler;
  message(level: MessageLevel, text: string, ...buttons: string[]): Promise<string | undefined>;
  inputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: SinglePickOptions): Promise<T | undefined>;
  openDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
  pickTenant(placeHolder: string): Promise<TenantInfo | undefined>;
  pickIdentity(tenantId: string, title: string): Promise<IdentityRef | undefined>;
  /** A cancellable progress notification; `signal` aborts when the user presses Cancel. */
  withProgress<T>(title: string, task: (progress: ProgressReporter, signal: AbortSignal) => Promise<T>): Promise<T>;
}

export function actionPrompts(ui: UserInput, tenants: TenantDirectory, recent: RecentIdentityStore): ActionPrompts {
  return {
    confirm: modalConfirmation(ui),
    message: (level, raw, ...buttons) => ui.showMessage(level, plainMessageText(raw), ...buttons),
    inputBox: (options) => ui.showInputBox(options),
    quickPick: (items, options) => ui.showQuickPick(items, options),
    openDialog: (options) => ui.showOpenDialog(options),
    pickTenant: (placeHolder) => pickTenant(ui, tenants, placeHolder),
    pickIdentity: (tenantId, title) => pickIdentity(ui, tenants, tenantId, { title, recent: recent.list(tenantId) }),
    withProgress: (title, task) => ui.withProgress(title, task),
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
