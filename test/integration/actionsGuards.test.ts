// The write guard: a read-only tenant blocks every action from every entry point; cancelling the modal sends nothing;
// the modal names action, tenant and identities. (Delete's refusals, up front and by ISC: preflight.test.ts.)
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import type { IdentityRef } from '../../src/model/identityRef';
import { CANCEL } from '../../src/testing/testUserInput';
import type { TestAnswer } from '../../src/testing/testUserInput';
import { ENV_TENANT, apiRequestsSince, envTenantPick, handles, nodeArg, pickRefs, promptLog, requestMark, requestsAbout, simIdentity } from './actionsSupport';
import type { Handles } from './actionsSupport';

const IDENTITY_COMMANDS = [
  'iscExplorer.resetIdentity',
  'iscExplorer.synchronizeAttributes',
  'iscExplorer.processIdentities',
  'iscExplorer.inviteIdentities',
  'iscExplorer.sendPasswordResetEmail',
  'iscExplorer.deleteIdentity',
];

type EntryPoint = 'palette' | 'tree node' | 'multi-select' | 'details panel';

function argsFor(entry: EntryPoint, refs: IdentityRef[]): unknown[] {
  switch (entry) {
    case 'palette':
      return [];
    case 'tree node':
      return [nodeArg(refs[0])];
    case 'multi-select':
      return [nodeArg(refs[0]), refs.map(nodeArg)];
    case 'details panel':
      return [refs[0]];
  }
}

describe('identity actions: the write guard', function () {
  this.timeout(120_000);
  let h: Handles;
  let wasReadOnly: boolean;
  let refs: IdentityRef[];

  /**
   * The answers to "Send password-reset email"'s own questions (the first way, the first source offered): whether the
   * source is picked from suggestions or typed depends on what was sent before, so one run that stops at the source
   * question shows which it is.
   */
  async function passwordResetQuestions(args: unknown[]): Promise<TestAnswer[]> {
    const input = h.api.userInput;
    const via = 'Email — work address';
    await input.runWithInputs([via, CANCEL], () => vscode.commands.executeCommand('iscExplorer.sendPasswordResetEmail', ...args));
    const source = input.prompts.at(-1);
    if (source?.kind === 'quickPick' && source.labels?.length) return [via, source.labels[0]];
    assert.strictEqual(source?.kind, 'inputBox', 'the source is picked or typed');
    return [via, 'Some Source'];
  }

  before(async () => {
    h = await handles();
    wasReadOnly = h.registry.get(ENV_TENANT)!.readOnly;
    refs = await pickRefs(h.registry, 1850, 3);
  });

  after(async () => {
    await h.registry.setReadOnly(ENV_TENANT, wasReadOnly);
  });

  describe('read-only tenant', () => {
    before(async () => {
      await h.registry.setReadOnly(ENV_TENANT, true);
    });

    for (const command of IDENTITY_COMMANDS) {
      for (const entry of ['palette', 'tree node', 'multi-select', 'details panel'] as EntryPoint[]) {
        if (command === 'iscExplorer.deleteIdentity' && entry === 'multi-select') continue; // single identity only
        it(`${command} from the ${entry} is blocked: no request, a message saying how to lift it`, async () => {
          const rec = promptLog(h.actions);
          const mark = await requestMark();
          // Blocked before any question of the action: from the palette only the tenant is asked (with several).
          const answers = entry === 'palette' ? envTenantPick(h.registry) : [];
          const outcome = (await h.api.userInput.runWithInputs(answers, () => vscode.commands.executeCommand(command, ...argsFor(entry, refs)))) as ActionOutcome;
          assert.strictEqual(outcome.status, 'readOnly');
          assert.deepStrictEqual(await requestsAbout(mark, refs), [], 'not one API request');
          assert.strictEqual(rec.confirmations.length, 0, 'no confirmation is even asked');
          const blocked = rec.messages.find((m) => m.level === 'warning');
          assert.ok(blocked, 'a warning');
          assert.match(blocked.text, /read-only/);
          assert.match(blocked.text, /ISC: Toggle Read-Only Mode/);
          assert.deepStrictEqual(blocked.buttons, ['Allow Writes…']);
        });
      }
    }

    it('iscExplorer.inviteAllUnregistered (tenant node and palette) is blocked the same way', async () => {
      for (const args of [[{ tenantId: ENV_TENANT }], []]) {
        const rec = promptLog(h.actions);
        const mark = await requestMark();
        const answers = args.length === 0 ? envTenantPick(h.registry) : [];
        const outcome = (await h.api.userInput.runWithInputs(answers, () => vscode.commands.executeCommand('iscExplorer.inviteAllUnregistered', ...args))) as ActionOutcome;
        assert.strictEqual(outcome.status, 'readOnly');
        // Writes, or a listing it would start from: background reads of earlier jobs (task status, snapshots) aside.
        assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.method !== 'GET' || r.path === '/v2025/identities'), []);
        assert.match(rec.messages[0].text, /read-only/);
      }
    });

    it('a blocked tree-node action leaves "skipped" audit lines and nothing else', async () => {
      const outcome = (await h.api.userInput.runWithInputs([], () =>
        vscode.commands.executeCommand('iscExplorer.resetIdentity', nodeArg(refs[1]), refs.map(nodeArg)),
      )) as ActionOutcome;
      assert.strictEqual(outcome.status, 'readOnly');
      await h.actions.idle();
      const audit = (await h.actions.readAudit()).slice(-3);
      assert.deepStrictEqual(audit.map((a) => [a.identityId, a.outcome, a.httpStatus]), refs.map((r) => [r.identityId, 'skipped', null]));
    });
  });

  describe('writable tenant', () => {
    before(async () => {
      await h.registry.setReadOnly(ENV_TENANT, false);
    });

    for (const command of IDENTITY_COMMANDS) {
      it(`${command}: cancelling the confirmation sends no write request`, async () => {
        const args = command === 'iscExplorer.deleteIdentity' ? [nodeArg(refs[0])] : [nodeArg(refs[0]), refs.map(nodeArg)];
        const questions = command === 'iscExplorer.sendPasswordResetEmail' ? await passwordResetQuestions(args) : [];
        const rec = promptLog(h.actions);
        const mark = await requestMark();
        // The action's own questions, then Escape on the confirmation.
        const outcome = (await h.api.userInput.runWithInputs([...questions, CANCEL], () => vscode.commands.executeCommand(command, ...args))) as ActionOutcome;
        assert.strictEqual(outcome.status, 'cancelled');
        assert.strictEqual(rec.confirmations.length, 1);
        const requests = await requestsAbout(mark, refs);
        if (command === 'iscExplorer.deleteIdentity') {
          // Only the ownership read that the confirmation shows.
          assert.deepStrictEqual(requests.map((r) => r.method), ['GET']);
          assert.match(requests[0].path, /\/ownership$/);
        } else if (command === 'iscExplorer.sendPasswordResetEmail') {
          // Only the role-assignment reads behind the source suggestions (the sources of its accounts).
          assert.deepStrictEqual(requests.filter((r) => r.method !== 'GET' || !r.path.includes('/role-assignments')), [], 'zero requests');
        } else {
          assert.deepStrictEqual(requests, [], 'zero requests');
        }
        for (const ref of refs) assert.ok(await simIdentity(ref.identityId), 'still there');
      });
    }

    it('cancelling the tenant-wide invitation sends no write request', async () => {
      const rec = promptLog(h.actions);
      const mark = await requestMark();
      await h.api.userInput.runWithInputs([CANCEL], () => vscode.commands.executeCommand('iscExplorer.inviteAllUnregistered', { tenantId: ENV_TENANT }));
      assert.strictEqual(rec.confirmations[0].strong, true);
      assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.method !== 'GET'), []);
    });

    it('the modal names the action, the tenant and the count, and lists the first names once (in its detail)', async () => {
      const rec = promptLog(h.actions);
      await h.api.userInput.runWithInputs([CANCEL], () => vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', nodeArg(refs[0]), refs.map(nodeArg)));
      const [request] = rec.confirmations;
      const tenant = h.registry.get(ENV_TENANT)!;
      assert.match(request.message, /^Synchronize attributes — 3 identities on tenant /);
      assert.ok(request.message.includes(`on tenant “${tenant.label}”`));
      for (const ref of refs) {
        assert.ok(request.detail.includes(ref.name.slice(0, 30)), `the detail names ${ref.name}`);
        assert.ok(!request.message.includes(ref.name.slice(0, 30)), `the message does not repeat ${ref.name}`);
      }
      assert.match(request.detail, /Identities \(3\)/);
      assert.strictEqual(request.confirmButton, 'Synchronize 3 Identities');
      assert.strictEqual(request.tenantId, ENV_TENANT);
      assert.deepStrictEqual(request.identities.map((r) => r.identityId), refs.map((r) => r.identityId));
    });

    it('synchronize twice within 10 s: the second request waits for the per-identity limit (no 429)', async () => {
      h.actions.resetSyncCooldown();
      const ref = refs[2];
      const mark = await requestMark();
      await h.api.userInput.runWithInputs(['Synchronize'], () => vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', ref));
      const rec = promptLog(h.actions);
      const outcome = (await h.api.userInput.runWithInputs(['Synchronize'], () => vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', ref))) as ActionOutcome;
      assert.match(rec.confirmations[0].detail, /one synchronization per identity every 10 seconds/);
      assert.ok(rec.progress.some((p) => /waiting \d+ s for the once-per-10-s limit/.test(p)), 'progress says it waits');
      assert.strictEqual(outcome.reports[0].items[0].outcome, 'done');
      const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
      assert.deepStrictEqual(posts.map((r) => r.status), [202, 202], 'no 429 from the server');
      assert.ok(posts[1].time - posts[0].time >= 10_000, `second request ${posts[1].time - posts[0].time} ms after the first`);
    });
  });
});
