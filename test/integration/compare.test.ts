// Compare Identities in the extension host against the simulator: from a two-row tree selection, from the palette
// (two Find Identity steps), across two tenants, with hostile values, 200 attributes and 30 role assignments each;
// every page message validated; Open Change as Diff.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS, HOSTILE_NAME, HOSTILE_SCRIPT } from '../../sim/fixtures';
import { CANCEL } from '../../src/testing/testUserInput';
import type { CompareRenderReport } from '../../src/compare/protocol';
import type { IdentityDiff } from '../../src/model/compare/identityDiff';
import type { IdentityRef } from '../../src/model/identityRef';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { IdentityNode } from '../../src/tree/nodes';
import { underFaults } from './actionsSupport';
import { children, coreApi, identities, lastSeq, simRequests, tenantRoot } from './coreSupport';

const ENV = 'env';
const ref = (identityId: string, tenantId = ENV): IdentityRef => ({ tenantId, identityId, name: identityId });
const ready = (report: CompareRenderReport) => report.state === 'ready';

function readyDiff(api: ExtensionTestHandle): IdentityDiff {
  const state = api.compare.state();
  assert.strictEqual(state?.status, 'ready', `comparison ready, got ${JSON.stringify(state).slice(0, 300)}`);
  return state.diff;
}

/** Identity rows of the tree's first page (the fixtures are on it), read from the provider without expanding the view. */
async function treeNodes(api: ExtensionTestHandle, ids: string[]): Promise<IdentityNode[]> {
  const nodes = identities(await children(api, tenantRoot(api, ENV)));
  return ids.map((id) => {
    const node = nodes.find((n) => n.identityId === id);
    assert.ok(node, `tree row for ${id}`);
    return node;
  });
}

describe('compare identities (extension host, simulator)', function () {
  this.timeout(120_000);
  let api: ExtensionTestHandle;

  before(async () => {
    ({ api } = await coreApi());
  });

  afterEach(async () => {
    api.compare.closeAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('compares the two identities selected in the tree (the node and the selection, as the menu passes them)', async () => {
    const [owner, obrien] = await treeNodes(api, [FIXTURE_IDS.owner, FIXTURE_IDS.obrien]);
    const seq = await lastSeq();
    await vscode.commands.executeCommand('iscExplorer.compareIdentities', owner, [owner, obrien]);
    const report = await api.compare.waitForRender(ready);
    assert.deepStrictEqual(api.compare.openComparisons().map((c) => [c.a.identityId, c.b.identityId]), [[FIXTURE_IDS.owner, FIXTURE_IDS.obrien]]);
    const diff = readyDiff(api);
    assert.strictEqual(report.nameA, 'Olivia Owner');
    assert.strictEqual(report.nameB, 'O"Brien \\ #1 & co');
    assert.strictEqual(report.attributeRows, diff.attributes.length, 'the page shows every attribute');
    assert.ok((report.attributeDifferences ?? 0) > 0, 'two people differ somewhere');
    assert.strictEqual(diff.matchBy, 'id');
    assert.strictEqual(report.factRows, 6);
    assert.deepStrictEqual([report.roleOnlyA, report.roleOnlyB, report.roleBoth], [diff.counts.roleAssignments.onlyA, diff.counts.roleAssignments.onlyB, diff.counts.roleAssignments.both]);
    assert.ok((report.ownershipRows ?? 0) > 0, 'Olivia Owner owns objects');
    const paths = (await simRequests(seq)).map((r) => r.path);
    for (const id of [FIXTURE_IDS.owner, FIXTURE_IDS.obrien]) {
      assert.ok(paths.includes(`/v2025/identities/${id}`), `read identity ${id}`);
      assert.ok(paths.includes(`/v2025/identities/${id}/role-assignments`), `read role assignments of ${id}`);
      assert.ok(paths.includes(`/v2025/identities/${id}/ownership`), `read ownership of ${id}`);
    }
  });

  it('offers Compare Identities on identity rows only when several are selected', () => {
    const extension = vscode.extensions.getExtension('isc-tools.isc-identity-explorer');
    const menus = (extension?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;
    const entry = menus['view/item/context'].find((m) => m.command === 'iscExplorer.compareIdentities');
    const when = entry?.when ?? '';
    assert.ok(when.includes('listMultiSelection') && !when.includes('!listMultiSelection'), when);
    assert.match(when, /viewItem =~ \/\^identity\//);
  });

  it('asks for tenant and identity twice from the palette (two Find Identity steps)', async () => {
    // A second tenant, so that the tenant is asked for (with one tenant the picker returns it without asking).
    const env = api.services.tenants.get(ENV);
    assert.ok(env);
    const second = await api.services.tenants.addTenant({ baseUrl: env.baseUrl, clientId: 'compare-picker-second', clientSecret: 'unused', label: 'Compare picker second', readOnly: true });
    const input = api.userInput;
    input.clearLog();
    try {
      // Tenant, then the identity typed by id (Enter on the one result), twice.
      await input.runWithInputs([env.label, FIXTURE_IDS.manager, env.label, FIXTURE_IDS.unregistered], async () => {
        await vscode.commands.executeCommand('iscExplorer.compareIdentities');
        await api.compare.waitForRender(ready);
      });
    } finally {
      await api.services.tenants.removeTenant(second.id);
    }
    const asked = input.prompts.map((p) => (p.kind === 'quickPick' ? `tenant: ${p.text}` : `identity in ${ENV}: ${p.title}`));
    assert.deepStrictEqual(asked.map((line) => line.replace(/\(in .*\)/, '(in …)')), [
      'tenant: Tenant of identity 1 of 2 to compare',
      'identity in env: Compare identities: identity 1 of 2 (in …)',
      'tenant: Tenant of identity 2 of 2 to compare',
      'identity in env: Compare identities: identity 2 of 2 (in …)',
    ]);
    assert.deepStrictEqual(api.compare.openComparisons().map((c) => [c.a.identityId, c.b.identityId]), [[FIXTURE_IDS.manager, FIXTURE_IDS.unregistered]]);
  });

  it('asks only for the second identity when one row is given', async () => {
    api.userInput.clearLog();
    await api.userInput.runWithInputs([FIXTURE_IDS.obrien], async () => {
      await vscode.commands.executeCommand('iscExplorer.compareIdentities', ref(FIXTURE_IDS.manager));
      await api.compare.waitForRender(ready);
    });
    const picks = api.userInput.asked('livePick').length;
    assert.strictEqual(picks, 1);
  });

  it('opens nothing when a picker is cancelled', async () => {
    await api.userInput.runWithInputs([CANCEL], () => vscode.commands.executeCommand('iscExplorer.compareIdentities'));
    assert.deepStrictEqual(api.compare.openComparisons(), []);
  });

  it('refuses three identities and the same identity twice, saying why', async () => {
    const three = [ref(FIXTURE_IDS.owner), ref(FIXTURE_IDS.obrien), ref(FIXTURE_IDS.manager)];
    api.userInput.clearLog();
    await api.userInput.runWithInputs([], () => vscode.commands.executeCommand('iscExplorer.compareIdentities', three[0], three));
    // The second identity is picked: the same one.
    await api.userInput.runWithInputs([FIXTURE_IDS.owner], () => vscode.commands.executeCommand('iscExplorer.compareIdentities', three[0]));
    const messages = api.userInput.asked('message').map((p) => p.text);
    assert.deepStrictEqual(messages, ['Select exactly two identities to compare (3 are selected).', 'Choose two different identities to compare.']);
    assert.deepStrictEqual(api.compare.openComparisons(), []);
  });

  it('shows hostile values as text and keeps them inert in the copied Markdown and CSV', async () => {
    await vscode.commands.executeCommand('iscExplorer.compareIdentities', ref(FIXTURE_IDS.hostile), [ref(FIXTURE_IDS.hostile), ref(FIXTURE_IDS.obrien)]);
    const report = await api.compare.waitForRender(ready);
    assert.strictEqual(report.nameA, HOSTILE_NAME, 'the hostile name is painted as text, exactly');
    const diff = readyDiff(api);
    assert.ok(diff.attributes.some((d) => d.key === 'bigValue' && d.status === 'onlyA'), 'the 100 KB value is compared');
    const markdown = api.compare.exportText('markdown', 'differences') ?? '';
    assert.ok(!markdown.includes(HOSTILE_SCRIPT), 'no raw <script> in the Markdown');
    assert.ok(markdown.includes('\\<script\\>'), 'escaped instead');
    const csv = api.compare.exportText('csv', 'all') ?? '';
    assert.ok(!/(^|,)[=+@]/m.test(csv.replace(/"[^"]*"/g, '""')), 'no unquoted cell starts a formula');
  });

  it('names each side by the identity it read when the page painted before the identities arrived', async () => {
    const loading = await underFaults({ latencyMs: 1500 }, async () => {
      await vscode.commands.executeCommand('iscExplorer.compareIdentities', ref(FIXTURE_IDS.owner), [ref(FIXTURE_IDS.owner), ref(FIXTURE_IDS.obrien)]);
      return api.compare.waitForRender((r) => r.state === 'loading');
    });
    assert.strictEqual(loading.nameA, FIXTURE_IDS.owner, 'while loading, side A is labelled by its id');
    const report = await api.compare.waitForRender(ready);
    assert.deepStrictEqual([report.nameA, report.nameB], ['Olivia Owner', 'O"Brien \\ #1 & co']);
  });

  it('validates every page message: unknown, extra or wrong fields are logged and ignored, valid ones handled', async () => {
    await vscode.commands.executeCommand('iscExplorer.compareIdentities', ref(FIXTURE_IDS.owner), [ref(FIXTURE_IDS.owner), ref(FIXTURE_IDS.obrien)]);
    await api.compare.waitForRender(ready);
    for (const bad of [
      'ready',
      { type: 'runAction', action: 'deleteIdentity' },
      { type: 'openIdentity', identityId: FIXTURE_IDS.manager },
      { type: 'openIdentity', side: 'c' },
      { type: 'copy', format: 'html', scope: 'all' },
      { type: 'copy', format: 'markdown', scope: 'differences', text: 'injected' },
      { type: 'rendered', report: { seq: 1, rev: 1, state: 'ready', hideEqual: 'no' } },
    ]) {
      api.compare.simulateWebviewMessage(bad);
    }
    assert.strictEqual(api.compare.rejectedMessages().length, 7);
    assert.deepStrictEqual(api.panels.openPanels(), [], 'no details panel opened by a rejected message');

    await vscode.env.clipboard.writeText('');
    api.compare.simulateWebviewMessage({ type: 'copy', format: 'markdown', scope: 'differences' });
    const copied = await waitForClipboard((text) => text.includes('### Attributes'));
    assert.strictEqual(copied, api.compare.exportText('markdown', 'differences'));

    api.compare.simulateWebviewMessage({ type: 'openIdentity', side: 'b' });
    await waitFor(() => api.panels.isOpen(ENV, FIXTURE_IDS.obrien), 'the details panel of B');
    api.panels.closeAll();
  });

  it('shows which side could not be found instead of a comparison', async () => {
    const missing = 'ffffffffffffffffffffffffffffffff';
    await vscode.commands.executeCommand('iscExplorer.compareIdentities', ref(FIXTURE_IDS.obrien), [ref(FIXTURE_IDS.obrien), ref(missing)]);
    const report = await api.compare.waitForRender((r) => r.state === 'failed');
    const state = api.compare.state();
    assert.strictEqual(state?.status, 'failed');
    assert.deepStrictEqual(Object.keys(state.problems), ['b']);
    assert.strictEqual(state.problems.b?.kind, 'notFound');
    assert.ok(report.errorMessage, 'the page shows ISC\'s message');
  });
});

describe('open change as diff (extension host)', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the diff editor on two read-only JSON documents of our own scheme', async () => {
    const before = { identity: { name: 'Anna', attributes: { department: 'Sales', city: 'Ghent' } }, roleAssignments: [] };
    const after = { identity: { name: 'Anna', attributes: { city: 'Ghent', department: 'Engineering' } }, roleAssignments: [] };
    await vscode.commands.executeCommand('iscExplorer.openChangeAsDiff', before, after, 'Anna: processed');
    const tab = await waitFor(() => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.input instanceof vscode.TabInputTextDiff ? active : undefined;
    }, 'a diff tab');
    const input = tab.input as vscode.TabInputTextDiff;
    assert.strictEqual(tab.label, 'Anna: processed');
    assert.strictEqual(input.original.scheme, 'isc-snapshot');
    assert.strictEqual(input.modified.scheme, 'isc-snapshot');
    const left = await vscode.workspace.openTextDocument(input.original);
    const right = await vscode.workspace.openTextDocument(input.modified);
    assert.strictEqual(left.languageId, 'json');
    assert.deepStrictEqual(JSON.parse(left.getText()), before);
    assert.deepStrictEqual(JSON.parse(right.getText()), after);
    assert.ok(left.getText().indexOf('"city"') < left.getText().indexOf('"department"'), 'keys sorted, so lines line up');
    assert.strictEqual(vscode.workspace.fs.isWritableFileSystem('isc-snapshot'), undefined, 'no file system behind the scheme: nothing writes a snapshot back');
    assert.strictEqual(await right.save(), false, 'a snapshot cannot be saved');
  });

  it('from the palette, diffs two JSON files the user picks', async () => {
    const { api } = await coreApi();
    const dir = vscode.Uri.joinPath(api.services.context.globalStorageUri, 'compare-test');
    const files = [vscode.Uri.joinPath(dir, 'before.json'), vscode.Uri.joinPath(dir, 'after.json')];
    await vscode.workspace.fs.writeFile(files[0], new TextEncoder().encode('{"b":1,"a":2}'));
    await vscode.workspace.fs.writeFile(files[1], new TextEncoder().encode('{"a":3}'));
    api.userInput.clearLog();
    try {
      await api.userInput.runWithInputs(files, () => vscode.commands.executeCommand('iscExplorer.openChangeAsDiff'));
      const titles = api.userInput.asked('openDialog').map((p) => p.title);
      const tab = await waitFor(() => {
        const active = vscode.window.tabGroups.activeTabGroup.activeTab;
        return active?.input instanceof vscode.TabInputTextDiff ? active : undefined;
      }, 'a diff tab');
      assert.strictEqual(tab.label, 'before.json ↔ after.json');
      assert.deepStrictEqual(titles, ['Snapshot before the change (JSON)', 'Snapshot after the change (JSON)']);
      const left = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).original);
      assert.strictEqual(left.getText(), '{\n  "a": 2,\n  "b": 1\n}\n');
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
  });
});

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForClipboard(test: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await vscode.env.clipboard.readText();
    if (test(text)) return text;
    if (Date.now() > deadline) throw new Error(`clipboard never matched; it holds ${JSON.stringify(text.slice(0, 200))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
