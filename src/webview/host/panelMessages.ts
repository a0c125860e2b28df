// What the host does with each (already validated) message from a details panel's webview.
import * as vscode from 'vscode';
import type { WebviewToHostMessage } from '../protocol';
import { PANEL_ACTIONS } from '../protocol';
import type { IdentityPanel, PanelHost } from './identityPanel';
import { rawJsonDocument, rawOf } from './panelData';

/** Messages that mean the user works in the panel: a preview panel is kept, as an edited preview editor is. */
const KEEPING_MESSAGES: ReadonlySet<WebviewToHostMessage['type']> = new Set(['keep', 'selectAssignment', 'copy', 'runAction', 'refresh', 'openRawJson']);

export async function handlePanelMessage(panel: IdentityPanel, host: PanelHost, message: WebviewToHostMessage): Promise<void> {
  const logger = host.services.logger;
  if (KEEPING_MESSAGES.has(message.type)) host.keep(panel);
  switch (message.type) {
    case 'keep':
      return;
    case 'ready':
      panel.tracker.markWebviewReady();
      panel.sendInit();
      return;
    case 'rendered':
      if (message.report.identityId !== panel.ref.identityId) {
        if (panel.retiredIdentities.has(message.report.identityId)) return; // painted just before the panel was retargeted
        logger.warn(`Details panel ${panel.label}: ignored a render report for another identity.`);
        return;
      }
      panel.tracker.record(message.report);
      return;
    case 'refresh':
      await panel.reload('refresh');
      return;
    case 'retry':
      await panel.retry(message.section);
      return;
    case 'selectAssignment':
      if (!panel.isKnownAssignment(message.assignmentId)) {
        logger.warn(`Details panel ${panel.label}: ignored selection of an unknown role assignment.`);
        return;
      }
      await panel.selectAssignment(message.assignmentId);
      return;
    case 'openIdentity': {
      const target = panel.linkableIdentity(message.identityId);
      if (!target) {
        logger.warn(`Details panel ${panel.label}: ignored a link to an identity the panel does not show.`);
        return;
      }
      host.openIdentity(target);
      return;
    }
    case 'copy':
      await vscode.env.clipboard.writeText(message.text);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied to the clipboard'), 2000);
      return;
    case 'runAction':
      await runAction(panel, host, message.action);
      return;
    case 'openRawJson':
      await openRawJson(panel, host);
      return;
  }
}

async function runAction(panel: IdentityPanel, host: PanelHost, action: string): Promise<void> {
  // The guard already limited `action` to the whitelist; check again right where the command id is built.
  if (!(PANEL_ACTIONS as readonly string[]).includes(action)) return;
  const command = `iscExplorer.${action}`;
  const available = await vscode.commands.getCommands(true);
  if (!available.includes(command)) {
    host.services.logger.warn(`Details panel ${panel.label}: command ${command} is not available.`);
    void host.services.ui.showMessage('warning', `The action "${action}" is not available in this version of the extension.`);
    return;
  }
  host.services.logger.info(`Details panel ${panel.label}: running ${command}.`);
  // Same command as palette and tree, so the same guards (read-only tenants, confirmations) apply.
  await vscode.commands.executeCommand(command, panel.ref);
}

async function openRawJson(panel: IdentityPanel, host: PanelHost): Promise<void> {
  const ref = panel.ref;
  const tenant = host.services.tenants.get(ref.tenantId);
  const selection = panel.selectedAssignment;
  const content = rawJsonDocument({
    tenantLabel: tenant?.label ?? ref.tenantId,
    identityId: ref.identityId,
    identity: rawOf(panel.identityData),
    roleAssignments: rawOf(panel.assignmentData),
    ownership: rawOf(panel.ownershipData, panel.rawOwnership),
    selectedAssignment: selection ? rawOf(selection.data) : undefined,
  });
  // A read-only virtual document: nothing to save, no "Untitled-1" asking to be saved on close.
  await host.rawDocuments.show(panel.key, vscode.l10n.t('{0} (raw)', ref.name || ref.identityId), '.json', content);
}
