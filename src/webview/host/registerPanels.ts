// Entry point of the details panels: commands, the panel serializer, and the test API.
import * as vscode from 'vscode';
import type { IdentityRef } from '../../model/identityRef';
import type { ExtensionServices } from '../../services';
import { registerCommand } from '../../commands/commandWrapper';
import type { RenderReport } from '../protocol';
import { IDENTITY_PANEL_VIEW_TYPE } from '../protocol';
import { ReadOnlyDocuments } from '../../ui/readOnlyDocuments';
import { PanelManager } from './panelManager';
import type { OpenMode } from './panelManager';
import type { RevealOptions } from './identityPanel';
import type { PaintCycle } from './renderTracker';
import type { RoleAssignmentTarget } from './panelCommands';
import { identityRefsForCommand, pickRoleAssignment, roleAssignmentArg } from './panelCommands';

export interface DetailsPanelsApi {
  readonly viewType: string;
  /** Opens (or reveals) a panel, as the commands do; resolves once the panel exists. */
  open(ref: IdentityRef, options?: RevealOptions): void;
  isOpen(tenantId: string, identityId: string): boolean;
  /** Whether the identity's panel is the preview (opened by a tree click, replaced by the next one). */
  isPreview(tenantId: string, identityId: string): boolean;
  openPanels(): IdentityRef[];
  /** The last paint the panel's webview reported (real evidence that the webview rendered). */
  getRenderReport(tenantId: string, identityId: string): RenderReport | undefined;
  /** Resolves with the first report matching `predicate` (default: header, assignments and ownership settled). */
  waitForRender(tenantId: string, identityId: string, predicate?: (report: RenderReport) => boolean, timeoutMs?: number): Promise<RenderReport>;
  /** Resolves when the current load cycle (open, refresh, change) has painted completely. */
  waitForCompletePaint(tenantId: string, identityId: string, timeoutMs?: number): Promise<{ report: RenderReport; cycle: PaintCycle }>;
  /** Open/refresh -> painted timings, oldest first. */
  getTimings(tenantId: string, identityId: string): PaintCycle[];
  /** Test hook: delivers `message` as if the panel's webview posted it (same validation and handling). */
  simulateWebviewMessage(tenantId: string, identityId: string, message: unknown): void;
  close(tenantId: string, identityId: string): void;
  closeAll(): void;
}

const OPEN_IDENTITY_DETAILS = 'iscExplorer.openIdentityDetails';
const OPEN_DETAILS_FROM_TREE = 'iscExplorer.openDetails';
const OPEN_ROLE_ASSIGNMENT_DETAILS = 'iscExplorer.openRoleAssignmentDetails';
const OPEN_OWNERSHIP_DETAILS = 'iscExplorer.openOwnershipDetails';

const MAX_PANELS_PER_COMMAND = 10;
/** The scheme of the read-only "Open Raw JSON" documents. */
const RAW_JSON_SCHEME = 'isc-explorer-json';

/** `{ preview: true }` (a tree row's click) opens a preview panel; anything else a pinned one. */
function openModeOf(options: unknown): OpenMode {
  return options !== null && typeof options === 'object' && (options as { preview?: unknown }).preview === true ? 'preview' : 'pinned';
}

export function registerDetailsPanels(services: ExtensionServices): DetailsPanelsApi {
  const { context } = services;
  const rawDocuments = new ReadOnlyDocuments(RAW_JSON_SCHEME);
  const manager = new PanelManager(services, context.extensionUri, rawDocuments);
  context.subscriptions.push(
    rawDocuments,
    manager,
    vscode.window.registerWebviewPanelSerializer(IDENTITY_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel, state: unknown) => manager.restore(webviewPanel, state),
    }),
  );

  const openIdentities = async (focus: RevealOptions['focus'], primary: unknown, selection: unknown, mode: OpenMode = 'pinned'): Promise<void> => {
    const startedAt = Date.now();
    const refs = await identityRefsForCommand(services, primary, selection, focus === 'ownership' ? vscode.l10n.t('Show ownership of identity') : vscode.l10n.t('Open identity details'));
    if (refs.length > MAX_PANELS_PER_COMMAND) {
      void services.ui.showMessage('info', vscode.l10n.t('Opening the first {0} of {1} selected identities.', MAX_PANELS_PER_COMMAND, refs.length));
    }
    // A preview shows one identity: a click never stands for several.
    const opened = mode === 'preview' ? refs.slice(0, 1) : refs.slice(0, MAX_PANELS_PER_COMMAND);
    for (const ref of opened) manager.open(ref, { focus }, startedAt, mode);
  };

  // A tree row's click passes a third argument `{ preview: true }` (after the selection VS Code passes second).
  registerCommand(services, OPEN_IDENTITY_DETAILS, (primary?: unknown, selection?: unknown, options?: unknown) =>
    openIdentities(undefined, primary, selection, openModeOf(options)),
  );
  registerCommand(services, OPEN_OWNERSHIP_DETAILS, (primary?: unknown, selection?: unknown) => openIdentities('ownership', primary, selection));
  const openAssignment = (target: RoleAssignmentTarget, startedAt: number, mode: OpenMode = 'pinned') => {
    const ref: IdentityRef = { tenantId: target.tenantId, identityId: target.identityId, name: target.identityName ?? target.identityId };
    // Focus the assignment's details once painted: in a narrow panel they sit below the whole table.
    manager.open(ref, { assignmentId: target.assignmentId, focus: 'assignment' }, startedAt, mode);
  };
  registerCommand(services, OPEN_ROLE_ASSIGNMENT_DETAILS, async (arg?: unknown, options?: unknown) => {
    const startedAt = Date.now();
    const target = roleAssignmentArg(arg) ?? (await pickRoleAssignment(services));
    if (target) openAssignment(target, startedAt, openModeOf(options));
  });
  // "Open Details" in the tree's context menu: identity nodes and role-assignment nodes.
  registerCommand(services, OPEN_DETAILS_FROM_TREE, (primary?: unknown, selection?: unknown) => {
    const target = roleAssignmentArg(primary);
    if (target) return openAssignment(target, Date.now());
    return openIdentities(undefined, primary, selection);
  });

  const panelOf = (tenantId: string, identityId: string) => manager.get(tenantId, identityId);
  const waitForPanel = async (tenantId: string, identityId: string, deadline: number) => {
    for (;;) {
      const panel = panelOf(tenantId, identityId);
      if (panel) return panel;
      if (Date.now() > deadline) throw new Error(`No details panel is open for ${tenantId}/${identityId}.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    viewType: IDENTITY_PANEL_VIEW_TYPE,
    open: (ref, options) => void manager.open(ref, options),
    isOpen: (tenantId, identityId) => panelOf(tenantId, identityId) !== undefined,
    isPreview: (tenantId, identityId) => {
      const panel = panelOf(tenantId, identityId);
      return panel !== undefined && manager.isPreview(panel);
    },
    openPanels: () => manager.all().map((panel) => panel.ref),
    getRenderReport: (tenantId, identityId) => panelOf(tenantId, identityId)?.lastReport,
    waitForRender: async (tenantId, identityId, predicate, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      const panel = await waitForPanel(tenantId, identityId, deadline);
      const test = predicate ?? ((r: RenderReport) => r.state !== 'loading' && r.assignments !== 'loading' && r.ownership !== 'loading');
      return panel.tracker.waitFor(test, Math.max(1, deadline - Date.now()));
    },
    waitForCompletePaint: async (tenantId, identityId, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      const panel = await waitForPanel(tenantId, identityId, deadline);
      const cycle = () => panel.tracker.cycles[panel.tracker.cycles.length - 1];
      const report = await panel.tracker.waitFor(() => cycle()?.completeMs !== undefined, Math.max(1, deadline - Date.now()));
      return { report, cycle: { ...cycle() } };
    },
    getTimings: (tenantId, identityId) => (panelOf(tenantId, identityId)?.tracker.cycles ?? []).map((c) => ({ ...c })),
    simulateWebviewMessage: (tenantId, identityId, message) => {
      const panel = panelOf(tenantId, identityId);
      if (!panel) throw new Error(`No details panel is open for ${tenantId}/${identityId}.`);
      panel.receive(message);
    },
    close: (tenantId, identityId) => panelOf(tenantId, identityId)?.dispose(),
    closeAll: () => manager.all().forEach((panel) => panel.dispose()),
  };
}
