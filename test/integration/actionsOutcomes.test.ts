// Outcome unknown end to end: a write ISC carried out but whose answer was lost is never re-sent by Retry Failed;
// Check… asks ISC and re-sends only what did not happen. Identities: list offsets 1760–1799 (process), 1800–1802 (reset).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import { apiRequestsSince, nodeArg, pickRefs, promptLog, requestMark, setFaults, underFaults, withWritableTenant } from './actionsSupport';
import type { Handles } from './actionsSupport';

describe('identity actions: outcome unknown', () => {
  let h: Handles;

  withWritableTenant((handles) => (h = handles));

  after(async () => {
    await setFaults({});
  });

  it('process answered with an unreadable body is outcome unknown, offers Check… and not Retry Failed', async () => {
    const refs = await pickRefs(h.registry, 1760, 40);
    const rec = promptLog(h.actions);
    const outcome = (await underFaults({ malformedRate: 1 }, () =>
      h.api.userInput.runWithInputs(['Process 40 Identities'], () => vscode.commands.executeCommand('iscExplorer.processIdentities', nodeArg(refs[0]), refs.map(nodeArg))),
    )) as ActionOutcome;
    const report = outcome.reports[0];
    assert.strictEqual(report.counts.unknown, 40);
    const summary = rec.messages.find((m) => m.text.startsWith(report.label));
    assert.ok(summary, 'a summary');
    assert.match(summary.text, /40 outcome unknown/);
    assert.ok(summary.buttons.includes('Check…') && !summary.buttons.includes('Retry Failed'), summary.buttons.join(', '));
  });

  it('Check… confirms from lastRefresh that ISC processed them and sends nothing again', async () => {
    const outcome = h.actions.outcomes.filter((o) => o.kind === 'processIdentities').at(-1)!;
    const report = outcome.reports[0];
    const rec = promptLog(h.actions);
    const mark = await requestMark();
    // Nothing is asked: ISC confirms them all.
    const resent = await h.api.userInput.runWithInputs([], async () => {
      const result = await h.actions.checkUnknown(report.operationId);
      await h.actions.idle();
      return result;
    });
    assert.strictEqual(resent, undefined, 'nothing to re-send');
    assert.strictEqual(h.api.jobs.store.counts(report.operationId).done, 40, 'the job now counts them done');
    const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
    assert.strictEqual(posts.length, 0, 'no write after the check');
    assert.ok(rec.messages.some((m) => /40 of 40 confirmed done by ISC/.test(m.text)), rec.messages.map((m) => m.text).join(' | '));
    assert.strictEqual(rec.confirmations.length, 0);
  });

  it('Check… on a reset ISC never carried out re-sends it after the guard, and only it', async () => {
    const refs = await pickRefs(h.registry, 1800, 3);
    // A 503 on one reset: ISC did not act (the simulator answers before handling), but the client cannot know.
    const faults = { failNext: { status: 503, count: 1, methods: ['POST'], pathIncludes: `/identities/${refs[1].identityId}/reset` } };
    const outcome = (await underFaults(faults, () =>
      h.api.userInput.runWithInputs(['Reset 3 Identities'], () => vscode.commands.executeCommand('iscExplorer.resetIdentity', nodeArg(refs[0]), refs.map(nodeArg))),
    )) as ActionOutcome;
    const report = outcome.reports[0];
    assert.deepStrictEqual(report.items.map((i) => i.outcome), ['done', 'unknown', 'done']);
    const rec = promptLog(h.actions);
    const mark = await requestMark();
    // The guard's modal for the one to send again.
    const resent = await h.api.userInput.runWithInputs(['Send'], async () => {
      const result = await h.actions.checkUnknown(report.operationId);
      await h.actions.idle();
      return result;
    });
    assert.ok(resent, 'a re-send run');
    assert.deepStrictEqual(rec.confirmations.map((c) => c.identities.map((r) => r.identityId)), [[refs[1].identityId]], 'the guard asked about the one not carried out');
    const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
    assert.deepStrictEqual(posts.map((p) => p.path), [`/v2025/identities/${refs[1].identityId}/reset`]);
    assert.strictEqual(resent.counts.done, 1);
  });
});
