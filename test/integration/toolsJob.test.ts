// The job tool through vscode.lm.invokeTool: the recent jobs, one job's results by outcome with ids. Identities: list
// offsets 1990–1991 (no other test's).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import { ENV_TENANT, handles as actionHandles, nodeArg, pickRefs } from './actionsSupport';
import type { Handles } from './actionsSupport';
import { answered } from './orderedAnswers';
import { TOOL_NAMES, assertNoSecret, invokeThroughVsCode } from './toolsSupport';

describe('language-model tools: job status', function () {
  this.timeout(60_000);
  let h: Handles;
  let wasReadOnly: boolean;

  before(async () => {
    h = await actionHandles();
    wasReadOnly = h.registry.get(ENV_TENANT)!.readOnly;
    await h.registry.setReadOnly(ENV_TENANT, false);
  });

  after(async () => {
    await h.registry.setReadOnly(ENV_TENANT, wasReadOnly);
  });

  it("reports a job's results by outcome, with the ids, after an action ran", async () => {
    const refs = await pickRefs(h.registry, 1990, 2);
    const { result: outcome } = await answered(h, ['Process 2 Identities'], () => vscode.commands.executeCommand<ActionOutcome>('iscExplorer.processIdentities', nodeArg(refs[0]), refs.map(nodeArg)));
    const jobId = outcome.reports[0].operationId;
    const list = await invokeThroughVsCode(TOOL_NAMES.jobStatus, {});
    assert.ok(list.includes(jobId), list);
    const detail = await invokeThroughVsCode(TOOL_NAMES.jobStatus, { jobId });
    assert.match(detail, /2 done, 0 failed, 0 outcome unknown/);
    assert.match(detail, /Every identity is done/);
    for (const ref of refs) assert.ok(detail.includes(ref.identityId), `lists ${ref.identityId}`);
    assertNoSecret(detail);
  });

  it('says how to find a job when the id is unknown', async () => {
    await assert.rejects(invokeThroughVsCode(TOOL_NAMES.jobStatus, { jobId: 'no-such-job' }), /There is no job "no-such-job"/);
  });
});
