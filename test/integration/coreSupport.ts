// Helpers of the tree/tenant integration tests (tree*.test.ts, tenants*.test.ts and the no-env session).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { CoreServices } from '../../src/services';
import type { IdentityNode, PlaceholderNode, RoleAssignmentNode, TenantNode, TreeNode } from '../../src/tree/nodes';
import type { SimRequestRecord } from '../../sim/requestLog';

export const EXTENSION_ID = 'isc-tools.isc-identity-explorer';

export async function coreApi(): Promise<{ api: ExtensionTestHandle; services: CoreServices }> {
  const extension = vscode.extensions.getExtension<ExtensionTestHandle>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returns the test handle in test mode');
  return { api, services: api.services };
}

export function simUrl(): string {
  const url = process.env.ISC_SIM_URL;
  assert.ok(url, 'ISC_SIM_URL is set by the harness');
  return url;
}

export type SimRequest = SimRequestRecord;

/** The simulator's request log after `since` (a seq). */
export async function simRequests(since = 0): Promise<SimRequest[]> {
  const response = await fetch(`${simUrl()}/__sim/requests?since=${since}`);
  assert.strictEqual(response.status, 200);
  return (await response.json()) as SimRequest[];
}

/** The seq of the newest logged request (requests after it are "new"), without downloading the log. */
export async function lastSeq(): Promise<number> {
  const response = await fetch(`${simUrl()}/__sim/info`);
  assert.strictEqual(response.status, 200);
  const { lastSeq: seq } = (await response.json()) as { lastSeq?: unknown };
  assert.strictEqual(typeof seq, 'number', 'GET /__sim/info reports lastSeq');
  return seq as number;
}

/** Sets the simulator's fault injection (`{}` clears it). */
export async function setFaults(faults: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${simUrl()}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  assert.ok(response.ok, `POST /__sim/faults answered ${response.status}`);
}

/**
 * The list-identities requests of the tenant's own list. Left out: the "Needs attention" row's count (processingState
 * eq "ERROR", sorted by name; whenever the tree is drawn after a change) and the protected ids read for tooltips.
 */
export function listRequests(requests: SimRequest[]): SimRequest[] {
  return requests.filter((r) => r.method === 'GET' && /\/v2025\/identities$/.test(r.path) && !isNeedsAttentionRequest(r) && r.query.filters !== 'protected eq true');
}

export function isNeedsAttentionRequest(request: SimRequest): boolean {
  return request.query.filters === 'processingState eq "ERROR"' && request.query.sorters === 'name';
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function children(api: ExtensionTestHandle, node?: TreeNode): Promise<TreeNode[]> {
  return (await api.tree.getChildren(node)) ?? [];
}

export function tenantRoot(api: ExtensionTestHandle, tenantId: string): TenantNode {
  const node = api.tree.tenantNode(tenantId);
  assert.ok(node, `tenant ${tenantId} is a root`);
  return node;
}

// Node classes of the bundled extension are not the classes tests import: tell nodes apart by `kind`.
export function identities(nodes: TreeNode[]): IdentityNode[] {
  return nodes.filter((n): n is IdentityNode => n.kind === 'identity');
}

export function placeholders(nodes: TreeNode[]): PlaceholderNode[] {
  return nodes.filter((n): n is PlaceholderNode => n.kind === 'placeholder');
}

export function roleAssignments(nodes: TreeNode[]): RoleAssignmentNode[] {
  return nodes.filter((n): n is RoleAssignmentNode => n.kind === 'roleAssignment');
}

export function isPlaceholder(node: TreeNode | undefined, kind: PlaceholderNode['placeholder']): node is PlaceholderNode {
  return node?.kind === 'placeholder' && node.placeholder === kind;
}

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export function descriptionOf(item: vscode.TreeItem): string {
  return typeof item.description === 'string' ? item.description : '';
}
