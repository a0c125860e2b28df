// Shared helpers of the details-panel integration tests (extension host, simulator as tenant `env`).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { DetailsPanelsApi } from '../../src/webview/host/registerPanels';
import type { RenderReport } from '../../src/webview/protocol';
import type { PaintCycle } from '../../src/webview/host/renderTracker';
import { EXTENSION_ID, setFaults } from './coreSupport';

export { setFaults };

export const TENANT = 'env';

export interface PanelsTestContext {
  api: ExtensionTestHandle;
  panels: DetailsPanelsApi;
}

export async function activateExtension(): Promise<PanelsTestContext> {
  const extension = vscode.extensions.getExtension<ExtensionTestHandle>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returns the test handle in test mode');
  return { api, panels: api.panels };
}

export function ref(identityId: string, name = identityId): { tenantId: string; identityId: string; name: string } {
  return { tenantId: TENANT, identityId, name };
}

/** Runs the open command and waits for the panel's complete paint; returns the report and click-to-painted ms. */
export async function openAndPaint(panels: DetailsPanelsApi, identityId: string, name?: string): Promise<{ report: RenderReport; ms: number; cycle: PaintCycle }> {
  const clicked = Date.now();
  await vscode.commands.executeCommand('iscExplorer.openIdentityDetails', ref(identityId, name));
  const { report, cycle } = await panels.waitForCompletePaint(TENANT, identityId, 45_000);
  assert.strictEqual(cycle.reason, 'open');
  const ms = cycle.completeMs ?? Date.now() - clicked;
  return { report, ms, cycle };
}

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function closeAllPanels(panels: DetailsPanelsApi): Promise<void> {
  panels.closeAll();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
