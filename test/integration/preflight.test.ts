// Delete's pre-flight: what ISC already tells before any prompt. A protected identity, or one that owns objects, is
// refused up front with ISC's reason (no modal, no typed name, no DELETE); when the ownership cannot be read the
// confirmation says so and ISC's own refusal of the DELETE is explained. "Protected" in the identity tooltip.
// Writes: none that ISC carries out (the fixtures are refused).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import { inList } from '../../src/api/filters';
import type { ActionOutcome } from '../../src/commands/actions';
import type { IdentityRef } from '../../src/model/identityRef';
import type { TestAnswer } from '../../src/testing/testUserInput';
import { ENV_TENANT, apiRequestsSince, nodeArg, promptLog, requestMark, setFaults, simIdentity, withWritableTenant } from './actionsSupport';
import type { Handles, PromptLog } from './actionsSupport';
import { children, identities } from './coreSupport';

describe('delete pre-flight (simulator)', function () {
  this.timeout(60_000);
  let h: Handles;

  async function fixtureRef(id: string): Promise<IdentityRef> {
    const identity = await (await h.registry.getClient(ENV_TENANT)).getIdentity(id);
    return { tenantId: ENV_TENANT, identityId: identity.id, name: identity.name };
  }

  /** Runs delete on `ref` with `answers` (none: refused before any prompt), every prompt logged. */
  async function deleteRecorded(ref: IdentityRef, answers: TestAnswer[] = []): Promise<{ outcome: ActionOutcome; rec: PromptLog; writes: string[] }> {
    const rec = promptLog(h.actions);
    const mark = await requestMark();
    const outcome = (await h.api.userInput.runWithInputs(answers, () => vscode.commands.executeCommand('iscExplorer.deleteIdentity', nodeArg(ref)))) as ActionOutcome;
    const writes = (await apiRequestsSince(mark)).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    return { outcome, rec, writes };
  }

  withWritableTenant((handles) => (h = handles));

  after(async () => {
    await setFaults({});
    await h.api.services.viewStates.update(ENV_TENANT, { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
  });

  it('a protected identity is refused before any prompt, with ISC\'s reason: no modal, no typed name, no DELETE', async () => {
    const ref = await fixtureRef(FIXTURE_IDS.protectedIdentity);
    const { outcome, rec, writes } = await deleteRecorded(ref);
    assert.deepStrictEqual(writes, [], 'no DELETE sent');
    assert.strictEqual(rec.confirmations.length, 0, 'no modal');
    assert.strictEqual(rec.inputs.length, 0, 'no typed-name prompt');
    assert.notStrictEqual(outcome.status, 'completed');
    assert.deepStrictEqual(outcome.reports, []);
    assert.strictEqual(rec.messages.length, 1);
    assert.strictEqual(rec.messages[0].level, 'error');
    assert.match(rec.messages[0].text, /“Petra Protégée” cannot be deleted: ISC refuses it — the identity is marked as protected and cannot be deleted\. Nothing was sent\./);
    assert.ok(await simIdentity(ref.identityId), 'still there');
  });

  it('an identity that owns objects is refused before any prompt, naming what it owns', async () => {
    const ref = await fixtureRef(FIXTURE_IDS.owner);
    const { outcome, rec, writes } = await deleteRecorded(ref);
    assert.deepStrictEqual(writes, [], 'no DELETE sent');
    assert.strictEqual(rec.confirmations.length, 0, 'no modal');
    assert.strictEqual(rec.inputs.length, 0, 'no typed-name prompt');
    assert.deepStrictEqual(outcome.reports, []);
    assert.strictEqual(rec.messages.length, 1);
    assert.strictEqual(rec.messages[0].level, 'error');
    assert.match(rec.messages[0].text, /cannot be deleted: ISC refuses it — the identity is the owner of resources .*It owns \d+ objects?: .*OWNER.*Nothing was sent\./);
    assert.ok(await simIdentity(ref.identityId), 'still there');
  });

  it('when the ownership cannot be read, the confirmation says so and ISC\'s refusal of the DELETE is explained', async () => {
    const ref = await fixtureRef(FIXTURE_IDS.owner);
    await setFaults({ failNext: { status: 403, count: 1, methods: ['GET'], pathIncludes: `/${FIXTURE_IDS.owner}/ownership` } });
    try {
      // The confirmation's Delete…, then the right name typed.
      const { outcome, rec, writes } = await deleteRecorded(ref, ['Delete…', ref.name]);
      assert.match(rec.confirmations[0]?.detail ?? '', /Ownership: could not be read/);
      assert.match(rec.confirmations[0].detail, /Protected: no\./);
      assert.deepStrictEqual(writes, [`DELETE /v2025/identities/${ref.identityId}`]);
      assert.strictEqual(outcome.reports[0].items[0].outcome, 'failed');
      assert.match(rec.messages.at(-1)!.text, /failed: ISC refused \(400\): .*owner of following resources.*Still owns: /);
      assert.ok(await simIdentity(ref.identityId), 'still there');
    } finally {
      await setFaults({});
    }
  });

  it('the identity tooltip says "Protected" for a protected identity and not for another', async () => {
    await h.api.services.viewStates.update(ENV_TENANT, { filters: inList('id', [FIXTURE_IDS.protectedIdentity, FIXTURE_IDS.obrien]), defaultFilter: 'NONE' });
    const env = h.api.tree.tenantNode(ENV_TENANT)!;
    const rows = identities(await children(h.api, env));
    assert.strictEqual(rows.length, 2);
    const tooltipOf = (index: number): string => {
      const item = h.api.tree.getTreeItem(rows[index]);
      const tooltip = h.api.tree.resolveTreeItem(item, rows[index], new vscode.CancellationTokenSource().token).tooltip;
      return tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip ?? '');
    };
    // The first hover starts reading the protected ids; the rows' tooltips are built again once they are known.
    rows.forEach((_, i) => tooltipOf(i));
    await h.api.tree.protectedIds.load(ENV_TENANT);
    const byId = new Map(rows.map((row, i) => [row.identityId, tooltipOf(i)]));
    assert.match(byId.get(FIXTURE_IDS.protectedIdentity) ?? '', /\*\*Protected:\*\* yes .*ISC does not delete it/);
    assert.doesNotMatch(byId.get(FIXTURE_IDS.obrien) ?? '', /Protected/);
  });
});
