// Actions on sets: every identity matching a filter (frozen before the confirmation), a pasted list, a CSV with
// unresolved and ambiguous rows, the typed count above the threshold, and "process all in processing error" with
// the re-check after ISC's task. Writes: process only (lastRefresh), on identities in processing error and a few
// named ones.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import { CANCEL } from '../../src/testing/testUserInput';
import { ENV_TENANT, apiRequestsSince, pickRefs, requestMark, withWritableTenant } from './actionsSupport';
import type { Handles } from './actionsSupport';
import { answered, confirmButton } from './orderedAnswers';

const ERROR_FILTER = 'processingState eq "ERROR"';

const processButton = (count: number): string => confirmButton('Process', count);

describe('actions on sets', () => {
  let h: Handles;
  withWritableTenant((handles) => {
    h = handles;
    h.api.jobs.taskPollDelays = { initialMs: 200, maxMs: 400, factor: 1.2 };
  });

  after(async () => {
    await vscode.workspace.getConfiguration('iscExplorer').update('jobs.typedConfirmationAbove', undefined, vscode.ConfigurationTarget.Global);
  });

  async function errorIds(): Promise<string[]> {
    const client = await h.registry.getClient(ENV_TENANT);
    const ids: string[] = [];
    for await (const page of client.iterateIdentities({ filters: ERROR_FILTER })) ids.push(...page.items.map((i) => i.id));
    return ids;
  }

  it('a filter is enumerated first; the confirmation names the count and the job runs on exactly those ids', async () => {
    const expected = await errorIds();
    const mark = await requestMark();
    const { result: outcome, log } = await answered(h, [processButton(expected.length)], () =>
      vscode.commands.executeCommand<ActionOutcome>('iscExplorer.runActionOnFilter', { tenantId: ENV_TENANT, kind: 'processIdentities', filter: ERROR_FILTER }),
    );
    assert.strictEqual(outcome.status, 'completed');
    assert.strictEqual(log.confirmations.length, 1);
    assert.strictEqual(log.confirmations[0].identities.length, expected.length);
    assert.match(log.confirmations[0].message + log.confirmations[0].detail, new RegExp(String(expected.length)));
    const job = h.api.jobs.store.get(outcome.reports[0].operationId)!;
    assert.deepStrictEqual(job.source, { type: 'filter', filter: ERROR_FILTER });
    assert.deepStrictEqual(job.items.map((i) => i.ref.identityId), expected);
    const sent = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST').flatMap((r) => (r.body as { identityIds: string[] }).identityIds);
    assert.deepStrictEqual(sent.sort(), [...expected].sort());
  });

  it('a pasted list of ids, an email and a name resolves before anything is sent', async () => {
    const candidates = await pickRefs(h.registry, 1860, 10);
    const client = await h.registry.getClient(ENV_TENANT);
    const details = await Promise.all(candidates.map((ref) => client.getIdentity(ref.identityId)));
    const emailIndex = details.findIndex((identity) => identity.emailAddress);
    assert.ok(emailIndex >= 0, 'one of them has an email');
    const withEmail = details[emailIndex];
    const others = candidates.filter((_, i) => i !== emailIndex);
    // The name must name one identity only (generated names repeat).
    const unique = [];
    for (const ref of others.slice(1)) {
      const page = await client.listIdentities({ filters: `name eq "${ref.name.replace(/["\\]/g, '\\$&')}"`, defaultFilter: 'NONE', limit: 2 });
      if (page.items.length === 1) unique.push(ref);
    }
    assert.ok(unique.length > 0, 'a uniquely named identity');
    const refs = [others[0], candidates[emailIndex], unique[0]];
    const text = `${refs[0].identityId}\n\n${withEmail.emailAddress}\n${refs[2].name}\n${refs[0].identityId}\n`;
    const { result: outcome } = await answered(h, [processButton(refs.length)], () =>
      vscode.commands.executeCommand<ActionOutcome>('iscExplorer.runActionOnList', { tenantId: ENV_TENANT, kind: 'processIdentities', text }),
    );
    assert.strictEqual(outcome.status, 'completed');
    const job = h.api.jobs.store.get(outcome.reports[0].operationId)!;
    assert.deepStrictEqual(job.items.map((i) => i.ref.identityId), refs.map((r) => r.identityId));
    assert.strictEqual(job.source.type, 'list');
  });

  it('a CSV with unresolved and ambiguous rows says which before sending, and runs on the resolved ones after Continue', async () => {
    const [unique] = await pickRefs(h.registry, 1853, 1);
    const csv = `name,note\r\n"${unique.name}",new hire\r\nWalter Kowalski,two of them\r\nNobody Atall,left\r\n`;
    const mark = await requestMark();
    // "Continue with 1 Identity" on the warning, then the guard's modal.
    const { result: outcome, log } = await answered(h, ['Continue with 1 Identity', processButton(1)], () =>
      vscode.commands.executeCommand<ActionOutcome>('iscExplorer.runActionOnList', { tenantId: ENV_TENANT, kind: 'processIdentities', text: csv, fileName: 'hires.csv' }),
    );
    const warning = log.messages.find((m) => m.level === 'warning');
    assert.ok(warning?.text, 'a warning before sending');
    assert.match(warning.text, /1 found/);
    assert.match(warning.text, /1 not found \(line 4: Nobody Atall\)/);
    assert.match(warning.text, /1 match several identities and are left out \(line 3: Walter Kowalski\)/);
    assert.strictEqual(outcome.status, 'completed');
    const job = h.api.jobs.store.get(outcome.reports[0].operationId)!;
    assert.deepStrictEqual(job.items.map((i) => i.ref.identityId), [unique.identityId]);
    assert.deepStrictEqual(job.source, { type: 'list', fileName: 'hires.csv' });
    const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
    assert.strictEqual(posts.length, 1);
  });

  it('above the threshold the count must be typed, and a wrong number sends nothing', async () => {
    await vscode.workspace.getConfiguration('iscExplorer').update('jobs.typedConfirmationAbove', 2, vscode.ConfigurationTarget.Global);
    const refs = await pickRefs(h.registry, 1855, 3);
    const mark = await requestMark();
    const text = refs.map((r) => r.identityId).join('\n');
    const run = (answers: (string | typeof CANCEL)[]) =>
      answered(h, answers, () => vscode.commands.executeCommand<ActionOutcome>('iscExplorer.runActionOnList', { tenantId: ENV_TENANT, kind: 'processIdentities', text }));
    // A wrong number cannot be submitted (the box refuses it), so the person can only close the box.
    const { result: outcome, log } = await run([processButton(3), CANCEL]);
    assert.notStrictEqual(outcome.status, 'completed');
    assert.match(log.inputs[0]?.prompt ?? '', /Type 3/);
    assert.ok(await log.inputs[0]?.validateInput?.('4'), 'the box refuses 4');
    assert.strictEqual((await apiRequestsSince(mark)).filter((r) => r.method === 'POST').length, 0, 'nothing sent');
    const { result: confirmed } = await run([processButton(3), '3']);
    assert.strictEqual(confirmed.status, 'completed');
    await vscode.workspace.getConfiguration('iscExplorer').update('jobs.typedConfirmationAbove', undefined, vscode.ConfigurationTarget.Global);
  });

  it('"Process Identities in Processing Error" re-checks after ISC\'s task which are still in error', async () => {
    const expected = await errorIds();
    const { result: outcome } = await answered(h, [processButton(expected.length)], () =>
      vscode.commands.executeCommand<ActionOutcome>('iscExplorer.processIdentitiesInError', { tenantId: ENV_TENANT }),
    );
    assert.strictEqual(outcome.status, 'completed');
    await h.api.jobs.tasksSettled();
    assert.match(h.api.jobs.lastTaskNotice ?? '', new RegExp(`ISC finished its task \\(SUCCESS\\)\\. ${expected.length} identities still match processingState eq "ERROR"`, 'i'));
  });

  it('a read-only tenant is refused before the filter is enumerated', async () => {
    await h.registry.setReadOnly(ENV_TENANT, true);
    try {
      const mark = await requestMark();
      // Its warning is left unanswered.
      const { result: outcome, log } = await answered(h, [], () =>
        vscode.commands.executeCommand<ActionOutcome>('iscExplorer.runActionOnFilter', { tenantId: ENV_TENANT, kind: 'processIdentities', filter: ERROR_FILTER }),
      );
      assert.strictEqual(outcome.status, 'readOnly');
      assert.strictEqual((await apiRequestsSince(mark)).length, 0, 'not even the enumeration');
      assert.ok(log.messages.some((m) => /read-only/i.test(m.text ?? '')));
    } finally {
      await h.registry.setReadOnly(ENV_TENANT, false);
    }
  });
});
