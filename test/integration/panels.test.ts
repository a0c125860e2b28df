// Details panels in the real extension host against the simulator (tenant `env`). The webview really
// renders (code-server in Chromium); its `rendered` reports, read back from the DOM it built, are the evidence.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import type { PanelsTestContext } from './panelHelpers';
import { TENANT, activateExtension, closeAllPanels, median, openAndPaint, ref } from './panelHelpers';

describe('details panels (extension host)', function () {
  this.timeout(90_000);
  let t: PanelsTestContext;
  const timings: number[] = [];
  const breakdown: string[] = [];

  before(async () => {
    t = await activateExtension();
  });

  afterEach(async () => {
    await closeAllPanels(t.panels);
  });

  after(() => {
    if (timings.length > 0) {
      console.log(`    open command -> details painted (simulator): ${timings.map((ms) => `${ms} ms`).join(', ')}; median ${median(timings)} ms`);
      console.log(`    first open breakdown: ${breakdown.join('; ')}`);
    }
  });

  it('shows name, every attribute, the role assignments and the ownership of a simulator identity', async () => {
    const client = await t.api.services.tenants.getClient(TENANT);
    const [identity, assignments, ownership] = await Promise.all([
      client.getIdentity(FIXTURE_IDS.owner),
      client.getRoleAssignmentRefs(FIXTURE_IDS.owner),
      client.getOwnershipDetails(FIXTURE_IDS.owner),
    ]);
    const { report, ms, cycle } = await openAndPaint(t.panels, FIXTURE_IDS.owner, 'Olivia Owner');
    timings.push(ms);
    breakdown.push(`data ${cycle.dataMs} ms, webview ready ${cycle.webviewReadyMs} ms, header painted ${cycle.headerMs} ms, complete ${cycle.completeMs} ms`);
    assert.strictEqual(report.state, 'ready');
    assert.strictEqual(report.name, identity.name);
    assert.strictEqual(report.attributeCount, Object.keys(identity.attributes ?? {}).length);
    assert.ok((report.attributeCount ?? 0) > 5, 'the fixture has attributes');
    assert.strictEqual(report.assignments, 'ready');
    assert.strictEqual(report.assignmentCount, assignments.length);
    assert.strictEqual(report.ownership, 'ready');
    assert.strictEqual(report.ownershipGroups, ownership.groups.length);
    assert.ok((report.ownershipGroups ?? 0) >= 2, 'the owner fixture owns objects of several association types');
    assert.strictEqual(report.ownedCount, ownership.groups.reduce((n, g) => n + g.entities.length, 0));
  });

  it('opens one panel per identity: opening it again reveals the same panel', async () => {
    const first = await openAndPaint(t.panels, FIXTURE_IDS.manyRoles);
    timings.push(first.ms);
    assert.strictEqual(first.report.assignmentCount, 30);
    await vscode.commands.executeCommand('iscExplorer.openIdentityDetails', ref(FIXTURE_IDS.manyRoles));
    await vscode.commands.executeCommand('iscExplorer.openDetails', { identityRef: ref(FIXTURE_IDS.manyRoles) });
    assert.deepStrictEqual(
      t.panels.openPanels().map((p) => p.identityId),
      [FIXTURE_IDS.manyRoles],
    );
    assert.strictEqual(t.panels.getTimings(TENANT, FIXTURE_IDS.manyRoles).length, 1, 'revealing does not reload');
  });

  it('shows a clear "owns nothing" state', async () => {
    const { report, ms } = await openAndPaint(t.panels, FIXTURE_IDS.obrien);
    timings.push(ms);
    assert.strictEqual(report.ownership, 'ready');
    assert.strictEqual(report.ownershipGroups, 0);
    assert.strictEqual(report.ownedCount, 0);
    assert.strictEqual(report.name, 'O"Brien \\ #1 & co');
  });

  it('the manager link opens the manager\'s panel; links to identities the panel does not show are ignored', async () => {
    const client = await t.api.services.tenants.getClient(TENANT);
    const manager = await client.getIdentity(FIXTURE_IDS.manager);
    const { report } = await openAndPaint(t.panels, FIXTURE_IDS.obrien);
    assert.strictEqual(report.managerName, manager.name, 'the manager link is painted with the manager\'s name');

    // The link posts {type:'openIdentity'}; the host only follows ids the panel shows (manager, assigner).
    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.obrien, { type: 'openIdentity', identityId: FIXTURE_IDS.owner });
    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.obrien, { type: 'openIdentity', identityId: '../../oauth/token' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(!t.panels.isOpen(TENANT, FIXTURE_IDS.owner), 'a link to an identity the panel does not show opens nothing');

    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.obrien, { type: 'openIdentity', identityId: FIXTURE_IDS.manager });
    const opened = await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.manager, 45_000);
    assert.strictEqual(opened.report.state, 'ready');
    assert.strictEqual(opened.report.name, manager.name);
  });

  it('selecting a role assignment loads its details (tree click command and in-panel selection)', async () => {
    const client = await t.api.services.tenants.getClient(TENANT);
    const refs = await client.getRoleAssignmentRefs(FIXTURE_IDS.manager);
    assert.ok(refs.length >= 2);
    const [first, second] = refs;
    assert.ok(first.id && second.id);
    await vscode.commands.executeCommand('iscExplorer.openRoleAssignmentDetails', {
      tenantId: TENANT,
      identityId: FIXTURE_IDS.manager,
      assignmentId: first.id,
      roleName: first.role?.name ?? '',
    });
    const shown = await t.panels.waitForRender(TENANT, FIXTURE_IDS.manager, (r) => r.assignment === 'ready' && r.selectedAssignmentId === first.id && r.assignments === 'ready');
    assert.strictEqual(shown.name, 'Maja Łukasiewicz-Manager');

    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.manager, { type: 'selectAssignment', assignmentId: second.id });
    await t.panels.waitForRender(TENANT, FIXTURE_IDS.manager, (r) => r.assignment === 'ready' && r.selectedAssignmentId === second.id);

    // "Open Details" on a role-assignment tree node (the node carries the same object as `args`).
    await vscode.commands.executeCommand('iscExplorer.openDetails', {
      args: { tenantId: TENANT, identityId: FIXTURE_IDS.manager, assignmentId: first.id, roleName: first.role?.name ?? '' },
    });
    await t.panels.waitForRender(TENANT, FIXTURE_IDS.manager, (r) => r.assignment === 'ready' && r.selectedAssignmentId === first.id);
    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.manager, { type: 'selectAssignment', assignmentId: second.id });
    await t.panels.waitForRender(TENANT, FIXTURE_IDS.manager, (r) => r.assignment === 'ready' && r.selectedAssignmentId === second.id);

    // An assignment id the panel does not list is refused.
    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.manager, { type: 'selectAssignment', assignmentId: 'ffffffffffffffffffffffffffffffff' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(t.panels.getRenderReport(TENANT, FIXTURE_IDS.manager)?.selectedAssignmentId, second.id);
  });

  it('"Show Ownership Details" opens the identity\'s panel', async () => {
    await vscode.commands.executeCommand('iscExplorer.openOwnershipDetails', { identityRef: ref(FIXTURE_IDS.owner, 'Olivia Owner') });
    const { report } = await t.panels.waitForCompletePaint(TENANT, FIXTURE_IDS.owner, 45_000);
    assert.ok((report.ownershipGroups ?? 0) >= 2);
  });

  it('"Open Raw JSON" opens a read-only virtual JSON document (not an Untitled one) with what ISC returned', async () => {
    await openAndPaint(t.panels, FIXTURE_IDS.owner, 'Olivia Owner');
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const sub = vscode.workspace.onDidOpenTextDocument((doc) => {
        if (doc.languageId === 'json') {
          sub.dispose();
          resolve(doc);
        }
      });
    });
    t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.owner, { type: 'openRawJson' });
    const doc = await opened;
    assert.strictEqual(doc.isUntitled, false);
    assert.strictEqual(doc.uri.scheme, 'isc-explorer-json', 'a document of the extension\'s own content provider');
    assert.match(doc.uri.path, /\/Olivia Owner \(raw\)\.json$/, 'titled by the identity');
    const json = JSON.parse(doc.getText()) as { identity: { id: string }; roleAssignments: unknown[]; ownership: unknown };
    assert.strictEqual(json.identity.id, FIXTURE_IDS.owner);
    assert.ok(Array.isArray(json.roleAssignments));
    assert.ok(json.ownership && typeof json.ownership === 'object');
    // The editor refuses typing in it; even an edit through the API leaves nothing to save (an Untitled one asks).
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'x');
    await vscode.workspace.applyEdit(edit);
    assert.strictEqual(doc.isDirty, false, 'never dirty: closing it asks nothing');
  });

  it('ignores malformed and unknown webview messages', async () => {
    await openAndPaint(t.panels, FIXTURE_IDS.obrien);
    const before = t.panels.getRenderReport(TENANT, FIXTURE_IDS.obrien);
    for (const message of [
      null,
      'refresh',
      { type: 'runAction', action: 'workbench.action.closeWindow' },
      { type: 'runAction', action: 'deleteIdentity', args: [ref(FIXTURE_IDS.owner)] },
      { type: 'eval', code: 'process.exit(1)' },
      { type: 'copy', text: 'x'.repeat(2_000_000) },
      { type: 'rendered', report: { ...before, state: 'deleted', html: '<b>' } },
    ]) {
      t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.obrien, message);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepStrictEqual(t.panels.getRenderReport(TENANT, FIXTURE_IDS.obrien), before);
    assert.ok(t.panels.isOpen(TENANT, FIXTURE_IDS.obrien));
  });
});
