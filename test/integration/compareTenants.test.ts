// Compare Identities across two tenants: the environment tenant (the harness's simulator, "sandbox") and a second
// simulator started here with another seed ("production"), where the same roles carry other ids.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import { startSimulator } from '../../sim/server';
import type { SimRequestRecord } from '../../sim/server';
import type { CompareRenderReport } from '../../src/compare/protocol';
import type { IdentityDiff } from '../../src/model/compare/identityDiff';
import type { IdentityRef } from '../../src/model/identityRef';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import { coreApi } from './coreSupport';

const ENV = 'env';
const ref = (identityId: string, tenantId = ENV): IdentityRef => ({ tenantId, identityId, name: identityId });
const ready = (report: CompareRenderReport) => report.state === 'ready';

function readyDiff(api: ExtensionTestHandle): IdentityDiff {
  const state = api.compare.state();
  assert.strictEqual(state?.status, 'ready', `comparison ready, got ${JSON.stringify(state).slice(0, 300)}`);
  return state.diff;
}

interface SecondTenant {
  tenantId: string;
  requests(): SimRequestRecord[];
  /** Gives the identity `count` attributes (plus what the simulator always adds). */
  setAttributes(identityId: string, count: number): void;
  close(): Promise<void>;
}

/** A second simulator (seed 2: same fixture ids, other role ids) added as a read-only user tenant. */
async function startSecondTenant(api: ExtensionTestHandle): Promise<SecondTenant> {
  const sim = await startSimulator({ port: 0, identities: 300, seed: 2 });
  const tenant = await api.services.tenants.addTenant({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, label: 'Production (second simulator)', readOnly: true });
  return {
    tenantId: tenant.id,
    requests: () => sim.requests,
    setAttributes: (identityId, count) => {
      const record = sim.store.get(identityId);
      assert.ok(record, `identity ${identityId} in the second simulator`);
      record.fixedAttributes = Object.fromEntries(Array.from({ length: count }, (_, i) => [`attribute${String(i).padStart(3, '0')}`, i % 7 === 0 ? [`group ${i}`, 'shared'] : `value ${i}`]));
      sim.store.changed(record);
    },
    close: async () => {
      await api.services.tenants.removeTenant(tenant.id);
      await sim.close();
    },
  };
}

describe('compare identities across two tenants (extension host, two simulators)', function () {
  this.timeout(120_000);
  let api: ExtensionTestHandle;
  let second: SecondTenant;

  before(async () => {
    ({ api } = await coreApi());
    second = await startSecondTenant(api);
  });

  after(async () => {
    await second.close();
  });

  afterEach(async () => {
    api.compare.closeAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('matches role assignments by role name where the ids differ, and says so', async () => {
    await vscode.commands.executeCommand('iscExplorer.compareIdentities', ref(FIXTURE_IDS.manyRoles), [ref(FIXTURE_IDS.manyRoles), ref(FIXTURE_IDS.manyRoles, second.tenantId)]);
    const report = await api.compare.waitForRender(ready);
    const diff = readyDiff(api);
    assert.strictEqual(diff.matchBy, 'name');
    const both = diff.roleAssignments.filter((m) => m.match === 'both');
    assert.ok(both.length > 0, 'some roles are assigned in both tenants');
    assert.ok(both.some((m) => m.a?.roleId !== m.b?.roleId), 'paired by name although their ids differ');
    assert.ok(both.every((m) => m.a?.roleName?.toLowerCase() === m.b?.roleName?.toLowerCase()));
    const total = (report.roleOnlyA ?? 0) + (report.roleBoth ?? 0);
    assert.strictEqual(total, 30, 'all 30 role assignments of A are shown');
    assert.strictEqual((report.roleOnlyB ?? 0) + (report.roleBoth ?? 0), 30, 'and all 30 of B');
    assert.ok(diff.roleAssignments.every((m) => (m.a?.source ?? m.b?.source) !== undefined), 'with their source');
    assert.strictEqual(api.compare.openComparisons()[0].b.tenantId, second.tenantId);
    assert.ok(second.requests().some((r) => r.path === `/v2025/identities/${FIXTURE_IDS.manyRoles}/role-assignments`), 'B was read through the second tenant');
  });

  it('compares 200 attributes, differences first', async () => {
    second.setAttributes(FIXTURE_IDS.obrien, 200);
    await vscode.commands.executeCommand('iscExplorer.compareIdentities', ref(FIXTURE_IDS.obrien), [ref(FIXTURE_IDS.obrien), ref(FIXTURE_IDS.obrien, second.tenantId)]);
    const report = await api.compare.waitForRender(ready);
    const diff = readyDiff(api);
    assert.ok(diff.attributes.length >= 200);
    assert.strictEqual(report.attributeRows, diff.attributes.length);
    const firstEqual = diff.attributes.findIndex((d) => d.status === 'equal');
    assert.ok(firstEqual === -1 || diff.attributes.slice(firstEqual).every((d) => d.status === 'equal'), 'differences first');
    assert.strictEqual(report.attributeDifferences, diff.attributes.length - diff.counts.attributes.equal);
  });
});
