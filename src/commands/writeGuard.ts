// The write guard's VS Code side: the modal confirmation and the command that makes a tenant writable.
// The guard itself (src/model/writeGuard.ts) has no `vscode` import.
import { COMMAND_IDS } from './commandIds';
import * as vscode from 'vscode';
import type { ConfirmationHandler } from '../model/writeGuard';
import type { TenantInfo } from '../model/tenant';
import { plainMessageText } from '../model/actions/report';
import type { UserInput } from '../ui/userInput';

/**
 * A modal warning through `ui`: its icon marks it, its own Cancel (Escape) cancels. VS Code makes the first button
 * the default one (Enter), so a request with a `safeButton` (delete) shows that one first and the confirming one
 * second: Enter keeps, only a deliberate click on the second button goes on.
 */
export function modalConfirmation(ui: UserInput): ConfirmationHandler {
  return async (request) => {
    const buttons = request.safeButton ? [request.safeButton, request.confirmButton] : [request.confirmButton];
    return ui.showModal('warning', plainMessageText(request.message), plainMessageText(request.detail), ...buttons);
  };
}

/** Runs "Toggle Read-Only Mode" on the tenant (it asks for confirmation before allowing writes). */
export function makeWritable(tenant: TenantInfo): Thenable<unknown> {
  return vscode.commands.executeCommand(COMMAND_IDS.toggleReadOnly, { tenantId: tenant.id });
}
