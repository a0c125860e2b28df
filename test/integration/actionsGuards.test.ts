// The write guard: a read-only tenant blocks every action from every entry point; cancelling the modal sends nothing;
// the modal names action, tenant and identities. (Delete's refusals, up front and by ISC: preflight.test.ts.)
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import type { IdentityRef } from '../../src/model/identityRef';
import { ENV_TENANT, apiRequestsSince, handles, nodeArg, pickRefs, record, requestMark, requestsAbout, restore, simIdentity } from './actionsSupport';
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

  before(async () => {
    h = await handles();
    wasReadOnly = h.registry.get(ENV_TENANT)!.readOnly;
    refs = await pickRefs(h.registry, 1850, 3);
  });

  after(async () => {
    restore(h.actions);
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
          const rec = record(h.actions, { pickIdentity: refs[0], pick: () => 0, input: () => 'x' });
          const mark = await requestMark();
          const outcome = (await vscode.commands.executeCommand(command, ...argsFor(entry, refs))) as ActionOutcome;
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
        const rec = record(h.actions);
        const mark = await requestMark();
        const outcome = (await vscode.commands.executeCommand('iscExplorer.inviteAllUnregistered', ...args)) as ActionOutcome;
        assert.strictEqual(outcome.status, 'readOnly');
        // Writes, or a listing it would start from: background reads of earlier jobs (task status, snapshots) aside.
        assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.method !== 'GET' || r.path === '/v2025/identities'), []);
        assert.match(rec.messages[0].text, /read-only/);
      }
    });

    it('a blocked tree-node action leaves "skipped" audit lines and nothing else', async () => {
      record(h.actions);
      const outcome = (await vscode.commands.executeCommand('iscExplorer.resetIdentity', nodeArg(refs[1]), refs.map(nodeArg))) as ActionOutcome;
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
        const rec = record(h.actions, { confirm: 'cancel', pickIdentity: refs[0], pick: () => 0, input: () => 'Some Source' });
        const mark = await requestMark();
        const args = command === 'iscExplorer.deleteIdentity' ? [nodeArg(refs[0])] : [nodeArg(refs[0]), refs.map(nodeArg)];
        const outcome = (await vscode.commands.executeCommand(command, ...args)) as ActionOutcome;
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
      const rec = record(h.actions, { confirm: 'cancel' });
      const mark = await requestMark();
      await vscode.commands.executeCommand('iscExplorer.inviteAllUnregistered', { tenantId: ENV_TENANT });
      assert.strictEqual(rec.confirmations[0].strong, true);
      assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.method !== 'GET'), []);
    });

    it('the modal names the action, the tenant and the count, and lists the first names once (in its detail)', async () => {
      const rec = record(h.actions, { confirm: 'cancel' });
      await vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', nodeArg(refs[0]), refs.map(nodeArg));
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
      record(h.actions);
      const mark = await requestMark();
      await vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', ref);
      const rec = record(h.actions);
      const outcome = (await vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', ref)) as ActionOutcome;
      assert.match(rec.confirmations[0].detail, /one synchronization per identity every 10 seconds/);
      assert.ok(rec.progress.some((p) => /waiting \d+ s for the once-per-10-s limit/.test(p)), 'progress says it waits');
      assert.strictEqual(outcome.reports[0].items[0].outcome, 'done');
      const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
      assert.deepStrictEqual(posts.map((r) => r.status), [202, 202], 'no 429 from the server');
      assert.ok(posts[1].time - posts[0].time >= 10_000, `second request ${posts[1].time - posts[0].time} ms after the first`);
    });
  });
});
