// "Compare Identities" (two tree rows, one row plus a Find Identity step, or two Find Identity steps from the
// palette) and "Open Change as Diff" (two JSON snapshots in VS Code's diff editor).
import * as vscode from 'vscode';
import { CompareManager } from '../compare/host/compareManager';
import { openSnapshotDiff, registerSnapshotDocuments } from '../compare/host/snapshotDiff';
import type { CompareRenderReport, CompareState, CopyFormat, CopyScope } from '../compare/protocol';
import { COMPARE_VIEW_TYPE } from '../compare/protocol';
import { identityRefsFromArgs } from '../model/identityRef';
import type { IdentityRef } from '../model/identityRef';
import type { ExtensionServices } from '../services';
import { pickIdentity, pickTenant } from '../ui/pickers';
import { COMMAND_IDS } from './commandIds';
import { registerCommand } from './commandWrapper';

/** The handle tests get as `ExtensionTestHandle.compare`. `key` picks a comparison; without it, the newest. */
export interface CompareApi {
  readonly viewType: string;
  openComparisons(): { key: string; a: IdentityRef; b: IdentityRef }[];
  state(key?: string): CompareState | undefined;
  /** Resolves with the first paint report for which `predicate` holds (default: the comparison settled). */
  waitForRender(predicate?: (report: CompareRenderReport) => boolean, timeoutMs?: number, key?: string): Promise<CompareRenderReport>;
  exportText(format: CopyFormat, scope: CopyScope, key?: string): string | undefined;
  /** Reasons of the page messages that failed validation. */
  rejectedMessages(key?: string): string[];
  /** TEST HOOK: delivers `message` as if the page posted it (same validation and handling). */
  simulateWebviewMessage(message: unknown, key?: string): void;
  closeAll(): void;
}

const MAX_SNAPSHOT_BYTES = 20 * 1024 * 1024;

export function registerCompareCommands(services: ExtensionServices): CompareApi {
  const { context } = services;
  const manager = new CompareManager(services, context.extensionUri);
  context.subscriptions.push(manager);
  registerSnapshotDocuments(context);
  const { ui, tenants } = services;
  const message = (text: string): void => void ui.showMessage('info', text);

  const pickStep = async (step: number): Promise<IdentityRef | undefined> => {
    const tenant = await pickTenant(ui, tenants, vscode.l10n.t('Tenant of identity {0} of 2 to compare', step));
    if (!tenant) return undefined;
    return pickIdentity(ui, tenants, tenant.id, {
      title: vscode.l10n.t('Compare identities: identity {0} of 2 (in {1})', step, tenant.label),
      recent: services.recentIdentities.list(tenant.id),
    });
  };

  registerCommand(services, COMMAND_IDS.compareIdentities, async (primary?: unknown, selection?: unknown) => {
    const refs = identityRefsFromArgs(primary, selection);
    if (refs.length > 2) {
      message(vscode.l10n.t('Select exactly two identities to compare ({0} are selected).', refs.length));
      return undefined;
    }
    const a = refs[0] ?? (await pickStep(1));
    if (!a) return undefined;
    const b = refs[1] ?? (await pickStep(2));
    if (!b) return undefined;
    if (a.tenantId === b.tenantId && a.identityId === b.identityId) {
      message(vscode.l10n.t('Choose two different identities to compare.'));
      return undefined;
    }
    return manager.open(a, b).key;
  });

  registerCommand(services, COMMAND_IDS.openChangeAsDiff, async (before?: unknown, after?: unknown, title?: unknown) => {
    if (before !== undefined && after !== undefined) {
      await openSnapshotDiff(before, after, typeof title === 'string' ? title : vscode.l10n.t('Change'));
      return;
    }
    const pickSnapshotFile = async (title: string): Promise<vscode.Uri | undefined> =>
      (await ui.showOpenDialog({ title, canSelectMany: false, openLabel: vscode.l10n.t('Choose'), filters: { JSON: ['json'] } }))?.[0];
    const left = await pickSnapshotFile(vscode.l10n.t('Snapshot before the change (JSON)'));
    if (!left) return;
    const right = await pickSnapshotFile(vscode.l10n.t('Snapshot after the change (JSON)'));
    if (!right) return;
    const [beforeText, afterText] = await Promise.all([readSnapshotFile(left), readSnapshotFile(right)]);
    await openSnapshotDiff(beforeText, afterText, vscode.l10n.t('{0} ↔ {1}', baseName(left), baseName(right)));
  });

  const panel = (key?: string) => manager.get(key);
  const settled = (report: CompareRenderReport) => report.state !== 'loading';
  return {
    viewType: COMPARE_VIEW_TYPE,
    openComparisons: () => manager.all().map((p) => ({ key: p.key, ...p.identities })),
    state: (key) => panel(key)?.currentState,
    waitForRender: async (predicate = settled, timeoutMs = 30_000, key) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = panel(key);
        if (found) return found.reports.waitFor(predicate, Math.max(1, deadline - Date.now()));
        if (Date.now() > deadline) throw new Error(vscode.l10n.t('No comparison is open.'));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    exportText: (format, scope, key) => panel(key)?.exportText(format, scope),
    rejectedMessages: (key) => [...(panel(key)?.rejected ?? [])],
    simulateWebviewMessage: (message, key) => {
      const found = panel(key);
      if (!found) throw new Error(vscode.l10n.t('No comparison is open.'));
      found.receive(message);
    },
    closeAll: () => manager.all().forEach((p) => p.dispose()),
  };
}

async function readSnapshotFile(uri: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_SNAPSHOT_BYTES) throw new Error(vscode.l10n.t('{0} is larger than 20 MB.', baseName(uri)));
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}
