// Details panels opened from tree rows: a single click opens a preview (the next click replaces it), a double click or
// working in the panel keeps it; read-only state follows the tenant live; an opened assignment gets the focus.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import type { PanelsTestContext } from './panelHelpers';
import { TENANT, activateExtension, closeAllPanels, openAndPaint, ref, waitUntil } from './panelHelpers';

/** What a tree row's click runs (treeItems.ts): the ref, no selection, `{ preview: true }`. */
async function treeClick(identityId: string): Promise<void> {
  await vscode.commands.executeCommand('iscExplorer.openIdentityDetails', ref(identityId), undefined, { preview: true });
}

/** Past the double-click window: the next click on the same row is a new single click. */
const AFTER_DOUBLE_CLICK_MS = 600;

describe('details panels: preview from the tree, live tenant state, assignment focus (extension host)', function () {
  this.timeout(90_000);
  let t: PanelsTestContext;

  before(async () => {
    t = await activateExtension();
  });

  afterEach(async () => {
    await closeAllPanels(t.panels);
  });

  it('a tree row\'s command opens a preview; the next click replaces it', async () => {
    const { api } = t;
    const env = api.tree.tenantNode(TENANT);
    assert.ok(env);
    await api.services.viewStates.update(TENANT, { filters: `id eq "${FIXTURE_IDS.obrien}"` });
    const [row] = ((await api.tree.getChildren(env)) ?? []).filter((n) => n.kind === 'identity');
    assert.ok(row, 'the row of the fixture');
    const command = api.tree.getTreeItem(row).command;
    assert.ok(command?.arguments);
    await vscode.commands.executeCommand(command.command, ...command.arguments);
    await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.obrien, 45_000);
    assert.ok(t.panels.isPreview(TENANT, FIXTURE_IDS.obrien), 'the row\'s click opens a preview');
    await api.services.viewStates.update(TENANT, { filters: undefined });

    await treeClick(FIXTURE_IDS.owner);
    await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.owner, 45_000);
    assert.deepStrictEqual(t.panels.openPanels().map((p) => p.identityId), [FIXTURE_IDS.owner], 'the preview was replaced');
    assert.ok(t.panels.isPreview(TENANT, FIXTURE_IDS.owner));
  });

  it('a double click keeps the preview: the next click opens a new one beside it', async () => {
    await treeClick(FIXTURE_IDS.owner);
    await treeClick(FIXTURE_IDS.owner); // the second click of a double click
    await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.owner, 45_000);
    assert.ok(!t.panels.isPreview(TENANT, FIXTURE_IDS.owner), 'kept');
    await treeClick(FIXTURE_IDS.obrien);
    await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.obrien, 45_000);
    assert.deepStrictEqual(t.panels.openPanels().map((p) => p.identityId).sort(), [FIXTURE_IDS.obrien, FIXTURE_IDS.owner].sort());
    assert.ok(t.panels.isPreview(TENANT, FIXTURE_IDS.obrien));
    assert.strictEqual(t.panels.getTimings(TENANT, FIXTURE_IDS.owner).length, 1, 'the kept panel did not reload');
  });

  it('two clicks on the same row far apart do not keep it; working in the panel does', async () => {
    await treeClick(FIXTURE_IDS.manager);
    await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.manager, 45_000);
    await new Promise((resolve) => setTimeout(resolve, AFTER_DOUBLE_CLICK_MS));
    await treeClick(FIXTURE_IDS.manager);
    assert.ok(t.panels.isPreview(TENANT, FIXTURE_IDS.manager), 'still the preview');
    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.manager, { type: 'keep' });
    await waitUntil(() => !t.panels.isPreview(TENANT, FIXTURE_IDS.manager), 5000, 'the preview to be kept');
  });

  it('commands, links and the palette open kept panels; opening a preview that way keeps it', async () => {
    await openAndPaint(t.panels, FIXTURE_IDS.unregistered);
    assert.ok(!t.panels.isPreview(TENANT, FIXTURE_IDS.unregistered));
    await treeClick(FIXTURE_IDS.obrien);
    await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.obrien, 45_000);
    assert.ok(t.panels.isPreview(TENANT, FIXTURE_IDS.obrien));
    await vscode.commands.executeCommand('iscExplorer.openIdentityDetails', ref(FIXTURE_IDS.obrien));
    assert.ok(!t.panels.isPreview(TENANT, FIXTURE_IDS.obrien));
    assert.deepStrictEqual(t.panels.openPanels().map((p) => p.identityId).sort(), [FIXTURE_IDS.obrien, FIXTURE_IDS.unregistered].sort());
  });

  it('the read-only banner and the locked actions follow the tenant live', async () => {
    const tenants = t.api.services.tenants;
    const before = tenants.get(TENANT)?.readOnly ?? true;
    try {
      await tenants.setReadOnly(TENANT, true);
      const { report } = await openAndPaint(t.panels, FIXTURE_IDS.owner);
      assert.strictEqual(report.readOnlyBanner, true);
      assert.strictEqual(report.lockedActions, 6, 'the six identity actions are locked');
      await tenants.setReadOnly(TENANT, false);
      await t.panels.waitForRender(TENANT, FIXTURE_IDS.owner, (r) => r.readOnlyBanner === false && r.lockedActions === 0, 10_000);
      await tenants.setReadOnly(TENANT, true);
      await t.panels.waitForRender(TENANT, FIXTURE_IDS.owner, (r) => r.readOnlyBanner === true && r.lockedActions === 6, 10_000);
      assert.strictEqual(t.panels.getTimings(TENANT, FIXTURE_IDS.owner).length, 1, 'no reload for a tenant change');
    } finally {
      await tenants.setReadOnly(TENANT, before);
    }
  });

  it('an assignment opened from the tree is scrolled to and focused once its details are painted', async () => {
    const client = await t.api.services.tenants.getClient(TENANT);
    const refs = await client.getRoleAssignmentRefs(FIXTURE_IDS.manyRoles);
    const last = refs[refs.length - 1];
    assert.ok(refs.length >= 30 && last.id);
    await vscode.commands.executeCommand(
      'iscExplorer.openRoleAssignmentDetails',
      { tenantId: TENANT, identityId: FIXTURE_IDS.manyRoles, assignmentId: last.id, roleName: last.role?.name ?? '' },
      { preview: true },
    );
    const report = await t.panels.waitForRender(TENANT, FIXTURE_IDS.manyRoles, (r) => r.assignment === 'ready' && r.focusedSection === 'section-assignment', 45_000);
    assert.strictEqual(report.selectedAssignmentId, last.id);
    assert.ok(t.panels.isPreview(TENANT, FIXTURE_IDS.manyRoles), 'a role assignment row opens the preview too');
  });
});
