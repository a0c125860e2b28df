// "Needs attention" under the environment tenant: first row, counted when expanded (not with the tenant), the count
// of identities in processing error, its children, its inline "Process Identities in Processing Error" (the guarded job), and counting again after changes.
// Writes: process only (lastRefresh), on the identities in processing error.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import type { NeedsAttentionNode, TreeNode } from '../../src/tree/nodes';
import { ENV_TENANT, promptLog, withWritableTenant } from './actionsSupport';
import type { Handles } from './actionsSupport';
import { EXTENSION_ID, children, descriptionOf, identities, isNeedsAttentionRequest, labelOf, lastSeq, simRequests, waitFor } from './coreSupport';

const ERROR_FILTER = 'processingState eq "ERROR"';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

function isAttention(node: TreeNode | undefined): node is NeedsAttentionNode {
  return node?.kind === 'needsAttention';
}

describe('needs attention (tree, simulator)', function () {
  this.timeout(120_000);
  let h: Handles;
  let expected: string[];

  async function attentionNode(): Promise<NeedsAttentionNode> {
    const env = h.api.tree.tenantNode(ENV_TENANT);
    assert.ok(env, 'the environment tenant is a root');
    const [first] = await children(h.api, env);
    assert.ok(isAttention(first), `the first row under the tenant is "Needs attention" (got ${first?.kind})`);
    return first;
  }

  /** Every identity row under "Needs attention", loading more pages while they follow. */
  async function attentionRows(node: NeedsAttentionNode): Promise<string[]> {
    for (;;) {
      const kids = await children(h.api, node);
      const last = kids[kids.length - 1];
      if (last?.kind !== 'placeholder' || last.placeholder !== 'loadMore') return identities(kids).map((row) => row.identityId);
      await vscode.commands.executeCommand('iscExplorer.loadMore', last);
    }
  }

  withWritableTenant((handles) => (h = handles));

  before(async () => {
    h.api.jobs.taskPollDelays = { initialMs: 200, maxMs: 400, factor: 1.2 };
    await h.api.services.viewStates.update(ENV_TENANT, { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
    const client = await h.registry.getClient(ENV_TENANT);
    expected = [];
    for await (const page of client.iterateIdentities({ filters: ERROR_FILTER })) expected.push(...page.items.map((i) => i.id));
    assert.ok(expected.length > 0, 'the simulator has identities in processing error');
  });

  it('is not counted when the tenant opens: the tenant costs its own list request only', async () => {
    const env = h.api.tree.tenantNode(ENV_TENANT)!;
    await h.api.tree.refresh(env);
    const mark = await lastSeq();
    await attentionNode();
    assert.deepStrictEqual((await simRequests(mark)).filter(isNeedsAttentionRequest), [], 'no count request');
    assert.strictEqual(descriptionOf(await h.api.tree.getTreeItem(await attentionNode())), '', 'no count shown yet');
  });

  it('is counted once when expanded', async () => {
    const env = h.api.tree.tenantNode(ENV_TENANT)!;
    await h.api.tree.refresh(env);
    const node = await attentionNode();
    const mark = await lastSeq();
    await Promise.all([children(h.api, node), children(h.api, node)]);
    const counts = (await simRequests(mark)).filter((r) => isNeedsAttentionRequest(r) && r.query.count === 'true');
    assert.strictEqual(counts.length, 1, 'one count request');
  });

  it('comes first under the tenant, with the count of identities in processing error in its description once expanded', async () => {
    const env = h.api.tree.tenantNode(ENV_TENANT)!;
    await h.api.tree.refresh(env);
    const node = await attentionNode();
    await children(h.api, node);
    const item = await h.api.tree.getTreeItem(node);
    assert.strictEqual(labelOf(item), 'Needs attention');
    assert.strictEqual(descriptionOf(item), expected.length.toLocaleString(vscode.env.language));
    assert.strictEqual(item.contextValue, 'needsAttention');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'warning');
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.strictEqual(h.api.tree.getParent(node), env);
  });

  it('lists exactly those identities, as identity rows of their own under it', async () => {
    const node = await attentionNode();
    const ids = await attentionRows(node);
    assert.deepStrictEqual([...ids].sort(), [...expected].sort());
    const [row] = identities(await children(h.api, node));
    const item = await h.api.tree.getTreeItem(row);
    assert.match(item.contextValue ?? '', /^identity\.writable\.processingError/, 'the same row (and menus) as under the tenant');
    assert.strictEqual(item.id, `${ENV_TENANT}/needsAttention/identity/${row.identityId}`, 'an id apart from the tenant list\'s row');
    assert.strictEqual(h.api.tree.getParent(row), node);
  });

  it('contributes "Process Identities in Processing Error" inline and in its context menu', () => {
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as MenuEntry[];
    const onNode = menus.filter((m) => m.command === 'iscExplorer.processIdentitiesInError' && m.when?.includes('viewItem == needsAttention'));
    assert.ok(onNode.some((m) => m.group?.startsWith('inline')), 'inline action');
    assert.ok(onNode.some((m) => !m.group?.startsWith('inline')), 'context menu item');
  });

  it('its command (with the node) runs the guarded job on those identities and counts again afterwards', async () => {
    const node = await attentionNode();
    const rec = promptLog(h.actions);
    const mark = await lastSeq();
    const outcome = (await h.api.userInput.runWithInputs([expected.length === 1 ? 'Process' : `Process ${expected.length} Identities`], () =>
      vscode.commands.executeCommand('iscExplorer.processIdentitiesInError', node),
    )) as ActionOutcome;
    assert.strictEqual(outcome.status, 'completed');
    assert.strictEqual(rec.confirmations.length, 1, 'the guard asked once');
    assert.deepStrictEqual(rec.confirmations[0].identities.map((r) => r.identityId).sort(), [...expected].sort());
    const report = outcome.reports[0];
    assert.deepStrictEqual(report.items.map((item) => item.ref.identityId).sort(), [...expected].sort());
    assert.strictEqual(report.counts.done, expected.length);
    await h.api.jobs.tasksSettled();
    // The job's change reaches the tree: the row is counted again when it is expanded next.
    await waitFor('"Needs attention" counted again after the job', async () => {
      await children(h.api, await attentionNode());
      return (await simRequests(mark)).some((r) => r.path === '/v2025/identities' && isNeedsAttentionRequest(r) && r.query.count === 'true');
    });
  });

  it('is counted again when expanded after the tenant is refreshed', async () => {
    const env = h.api.tree.tenantNode(ENV_TENANT)!;
    await children(h.api, await attentionNode());
    const mark = await lastSeq();
    await vscode.commands.executeCommand('iscExplorer.refresh', env);
    await children(h.api, await attentionNode());
    const counts = (await simRequests(mark)).filter((r) => isNeedsAttentionRequest(r) && r.query.count === 'true');
    assert.strictEqual(counts.length, 1, 'one count request');
  });
});
