// The write guard's VS Code side: the modal confirmation and the command that makes a tenant writable.
// The guard itself (src/model/writeGuard.ts) has no `vscode` import.
import { COMMAND_IDS } from './commandIds';
import * as vscode from 'vscode';
import type { ConfirmationHandler } from '../model/writeGuard';
import type { TenantInfo } from '../model/tenant';
import { plainMessageText } from '../model/actions/report';

/** VS Code's own modal warning: its icon marks it, its own Cancel button is the default. */
export const modalConfirmation: ConfirmationHandler = async (request) =>
  vscode.window.showWarningMessage(plainMessageText(request.message), { modal: true, detail: plainMessageText(request.detail) }, request.confirmButton);

/** Runs "Toggle Read-Only Mode" on the tenant (it asks for confirmation before allowing writes). */
export function makeWritable(tenant: TenantInfo): Thenable<unknown> {
  return vscode.commands.executeCommand(COMMAND_IDS.toggleReadOnly, { tenantId: tenant.id });
}
