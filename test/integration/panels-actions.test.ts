// Details panels: the actions row runs the identity-action commands (same guard), hidden panels repaint from host
// state, and both ownership response shapes paint the same.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import type { IdentityActionsApi } from '../../src/commands/actions';
import { CANCEL } from '../../src/testing/testUserInput';
import { confirmationsMark } from './actionsSupport';
import type { PanelsTestContext } from './panelHelpers';
import { TENANT, activateExtension, closeAllPanels, openAndPaint, ref, setFaults, waitUntil } from './panelHelpers';

describe('details panels: actions, visibility, ownership shapes (extension host)', function () {
  this.timeout(90_000);
  let t: PanelsTestContext;
  let actions: IdentityActionsApi | undefined;

  let wasReadOnly = true;
  const registry = () => t.api.services.tenants;

  before(async () => {
    t = await activateExtension();
    actions = t.api.actions;
    // The environment tenant is read-only by default; the guard would refuse before asking.
    wasReadOnly = t.api.services.tenants.get(TENANT)?.readOnly ?? true;
    await registry().setReadOnly(TENANT, false);
  });

  after(async () => {
    await registry().setReadOnly(TENANT, wasReadOnly);
  });

  afterEach(async () => {
    await setFaults({});
    await closeAllPanels(t.panels);
  });

  it('an action button runs the same command with the same guard (cancelled: nothing is sent)', async function () {
    if (!actions) this.skip();
    const confirmations = confirmationsMark(actions);
    await openAndPaint(t.panels, FIXTURE_IDS.protectedIdentity);
    // The modal is answered with its Cancel.
    await t.api.userInput.runWithInputs([CANCEL], async () => {
      t.panels.simulateWebviewMessage(TENANT, FIXTURE_IDS.protectedIdentity, { type: 'runAction', action: 'resetIdentity' });
      await waitUntil(() => confirmations().length > 0, 10_000, 'the guard\'s confirmation');
    });
    const asked = confirmations();
    assert.deepStrictEqual(t.api.userInput.prompts.at(-1)?.buttons, ['Reset'], 'the modal offers the confirm button (and its own Cancel)');
    assert.strictEqual(asked[0].identities.length, 1);
    assert.strictEqual(asked[0].identities[0].identityId, FIXTURE_IDS.protectedIdentity);
    assert.strictEqual(asked[0].identities[0].name, 'Petra Protégée', 'the panel passes the ref with the loaded name');
    assert.ok(t.panels.isOpen(TENANT, FIXTURE_IDS.protectedIdentity));
  });

  it('a confirmed action announces the change and the panel reloads', async function () {
    if (!actions) this.skip();
    actions.resetSyncCooldown();
    const id = FIXTURE_IDS.unregistered;
    await openAndPaint(t.panels, id);
    await t.api.userInput.runWithInputs(['Synchronize'], async () => {
      t.panels.simulateWebviewMessage(TENANT, id, { type: 'runAction', action: 'synchronizeAttributes' });
      await waitUntil(() => t.panels.getTimings(TENANT, id).length >= 2, 20_000, 'the reload after the action');
    });
    const { cycle, report } = await t.panels.waitForCompletePaint(TENANT, id);
    assert.strictEqual(cycle.reason, 'change');
    assert.strictEqual(report.state, 'ready');
  });

  it('a hidden panel repaints from the host\'s data when shown again (no refetch)', async () => {
    await openAndPaint(t.panels, FIXTURE_IDS.owner);
    const first = t.panels.getRenderReport(TENANT, FIXTURE_IDS.owner);
    await openAndPaint(t.panels, FIXTURE_IDS.obrien); // same editor group: the owner panel is hidden
    await vscode.commands.executeCommand('iscExplorer.openIdentityDetails', ref(FIXTURE_IDS.owner));
    const again = await t.panels.waitForRender(TENANT, FIXTURE_IDS.owner, (r) => r !== first && r.sections.includes('header') && r.state === 'ready');
    assert.strictEqual(again.name, first?.name);
    assert.strictEqual(again.attributeCount, first?.attributeCount);
    assert.strictEqual(again.ownershipGroups, first?.ownershipGroups);
    assert.strictEqual(t.panels.getTimings(TENANT, FIXTURE_IDS.owner).length, 1, 'no reload');
  });

  it('paints the same ownership groups for the nested and the flat response shape', async () => {
    const nested = await openAndPaint(t.panels, FIXTURE_IDS.owner);
    await closeAllPanels(t.panels);
    await setFaults({ ownershipShape: 'flat' });
    const flat = await openAndPaint(t.panels, FIXTURE_IDS.owner);
    assert.strictEqual(flat.report.ownership, 'ready');
    assert.strictEqual(flat.report.ownershipGroups, nested.report.ownershipGroups);
    assert.strictEqual(flat.report.ownedCount, nested.report.ownedCount);
  });
});
