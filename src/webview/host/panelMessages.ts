// What the host does with each (already validated) message from a details panel's webview.
// It sees the panel through the two interfaces below, so the panel module imports this one and never the reverse.
import * as vscode from 'vscode';
import type { Identity, RoleAssignmentRef } from '../../api/types';
import type { IdentityRef } from '../../model/identityRef';
import type { ExtensionServices } from '../../services';
import type { ReadOnlyDocuments } from '../../ui/readOnlyDocuments';
import type { AssignmentSelection, DataSection, Loadable, OwnershipView, WebviewToHostMessage } from '../protocol';
import { PANEL_ACTIONS } from '../protocol';
import { rawJsonDocument, rawOf } from './panelData';
import type { PaintCycle, RenderTracker } from './renderTracker';

/** What the message handling reads and asks of a details panel. */
export interface MessagePanel {
  readonly tracker: RenderTracker;
  readonly ref: IdentityRef;
  readonly key: string;
  readonly label: string;
  readonly retiredIdentities: ReadonlySet<string>;
  readonly identityData: Loadable<Identity>;
  readonly assignmentData: Loadable<RoleAssignmentRef[]>;
  readonly ownershipData: Loadable<OwnershipView>;
  readonly rawOwnership: unknown;
  readonly selectedAssignment: AssignmentSelection | undefined;
  sendInit(): void;
  reload(reason: PaintCycle['reason']): Promise<void>;
  retry(section: DataSection): Promise<void>;
  selectAssignment(assignmentId: string): Promise<void>;
  linkableIdentity(identityId: string): IdentityRef | undefined;
  isKnownAssignment(assignmentId: string): boolean;
}

/** What the message handling asks of the panels' owner, for panels of type P. */
export interface MessageHost<P extends MessagePanel> {
  readonly services: ExtensionServices;
  /** Where "Open Raw JSON" shows its read-only document. */
  readonly rawDocuments: ReadOnlyDocuments;
  /** Opens (or reveals) another identity's panel, e.g. from the manager link. */
  openIdentity(ref: IdentityRef): void;
  /** The user worked in the panel: a preview panel is kept (no longer replaced by the next tree click). */
  keep(panel: P): void;
}

/** Messages that mean the user works in the panel: a preview panel is kept, as an edited preview editor is. */
const KEEPING_MESSAGES: ReadonlySet<WebviewToHostMessage['type']> = new Set(['keep', 'selectAssignment', 'copy', 'runAction', 'refresh', 'openRawJson']);

export async function handlePanelMessage<P extends MessagePanel>(panel: P, host: MessageHost<P>, message: WebviewToHostMessage): Promise<void> {
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

async function runAction(panel: MessagePanel, host: MessageHost<never>, action: string): Promise<void> {
  // The guard already limited `action` to the whitelist; check again right where the command id is built.
  if (!(PANEL_ACTIONS as readonly string[]).includes(action)) return;
  const command = `iscExplorer.${action}`;
  const available = await vscode.commands.getCommands(true);
  if (!available.includes(command)) {
    host.services.logger.warn(`Details panel ${panel.label}: command ${command} is not available.`);
    void host.services.ui.showMessage('warning', vscode.l10n.t('The action "{0}" is not available in this version of the extension.', action));
    return;
  }
  host.services.logger.info(`Details panel ${panel.label}: running ${command}.`);
  // Same command as palette and tree, so the same guards (read-only tenants, confirmations) apply.
  await vscode.commands.executeCommand(command, panel.ref);
}

async function openRawJson(panel: MessagePanel, host: MessageHost<never>): Promise<void> {
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
