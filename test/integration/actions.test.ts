// Identity actions against the simulator: each action changes the simulator's state as it says, and leaves one audit
// line per identity. Runs on identities from list offset 1700 on (no fixtures); the simulator is re-seeded afterwards
// so that later test files see the original 2,000 identities.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { IdentityChange } from '../../src/model/identityEvents';
import type { IdentityRef } from '../../src/model/identityRef';
import type { ActionOutcome } from '../../src/commands/actions';
import { accountSourceNames } from '../../src/model/actions/accountSources';
import { CANCEL } from '../../src/testing/testUserInput';
import {
  ENV_TENANT,
  apiRequestsSince,
  auditFor,
  confirmationsMark,
  nodeArg,
  pickRefs,
  promptLog,
  requestMark,
  simIdentity,
  simJson,
  withWritableTenant,
} from './actionsSupport';
import type { Handles, SimIdentityState } from './actionsSupport';

describe('identity actions (simulator)', function () {
  this.timeout(120_000);
  let h: Handles;
  let pool: IdentityRef[];
  let states: Map<string, SimIdentityState>;
  const changes: IdentityChange[] = [];
  let subscription: { dispose(): void } | undefined;

  const take = (predicate: (s: SimIdentityState) => boolean, count = 1): IdentityRef[] => {
    const found = pool.filter((ref) => predicate(states.get(ref.identityId)!)).slice(0, count);
    assert.strictEqual(found.length, count, 'enough suitable identities in the pool');
    pool = pool.filter((ref) => !found.includes(ref));
    return found;
  };

  withWritableTenant((handles) => (h = handles));

  before(async () => {
    pool = await pickRefs(h.registry, 1700, 60);
    states = new Map();
    for (const ref of pool) states.set(ref.identityId, (await simIdentity(ref.identityId))!);
    subscription = h.api.services.changes.subscribe((change) => changes.push(change));
  });

  after(async () => {
    subscription?.dispose();
    await simJson('/__sim/reset', { method: 'POST' });
  });

  it('reset (tree node): the identity becomes unregistered; one ok audit line; tree told to refresh', async () => {
    const [ref] = take((s) => s.registered && !s.protected);
    const rec = promptLog(h.actions);
    const mark = await requestMark();
    const outcome = (await h.api.userInput.runWithInputs(['Reset'], () => vscode.commands.executeCommand('iscExplorer.resetIdentity', nodeArg(ref)))) as ActionOutcome;
    assert.strictEqual(outcome.status, 'completed');
    const after = await simIdentity(ref.identityId);
    assert.strictEqual(after?.registered, false);
    assert.strictEqual(after?.identityStatus, 'UNREGISTERED');
    // The job reads the identity before and after (GETs, to show what changed); the one write is the reset.
    const writes = (await apiRequestsSince(mark)).filter((r) => r.method !== 'GET');
    assert.deepStrictEqual(writes.map((r) => `${r.method} ${r.path} ${r.status}`), [`POST /v2025/identities/${ref.identityId}/reset 202`]);
    assert.strictEqual(rec.confirmations.length, 1);
    assert.match(rec.confirmations[0].message, /Reset identity/);
    const audit = await auditFor(h.actions, outcome.reports[0].operationId);
    assert.strictEqual(audit.length, 1);
    assert.deepStrictEqual(
      { action: audit[0].action, identityId: audit[0].identityId, outcome: audit[0].outcome, httpStatus: audit[0].httpStatus, tenantId: audit[0].tenantId },
      { action: 'resetIdentity', identityId: ref.identityId, outcome: 'done', httpStatus: 202, tenantId: ENV_TENANT },
    );
    assert.strictEqual(audit[0].clientId, h.registry.get(ENV_TENANT)!.clientId);
    assert.ok(changes.some((c) => c.tenantId === ENV_TENANT && c.identityIds.includes(ref.identityId) && c.kind === 'changed'));
    assert.match(rec.messages.at(-1)!.text, /Reset identity for “.+”: done/);
  });

  it('synchronize (details-panel IdentityRef): lastRefresh moves, the job id is shown and audited', async () => {
    const [ref] = take((s) => !s.protected);
    const before = states.get(ref.identityId)!;
    const rec = promptLog(h.actions);
    const outcome = (await h.api.userInput.runWithInputs(['Synchronize'], () => vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', ref))) as ActionOutcome;
    const after = await simIdentity(ref.identityId);
    assert.strictEqual(after?.syncCount, before.syncCount + 1);
    assert.notStrictEqual(after?.lastRefresh, before.lastRefresh);
    const item = outcome.reports[0].items[0];
    assert.strictEqual(item.outcome, 'done');
    assert.ok(item.jobId, 'sync job id');
    assert.ok(rec.messages.at(-1)!.text.includes(item.jobId!), 'summary names the job');
    assert.match(rec.messages.at(-1)!.text, /QUEUED|IN_PROGRESS|SUCCESS/);
    const audit = await auditFor(h.actions, outcome.reports[0].operationId);
    assert.strictEqual(audit[0].jobId, item.jobId);
  });

  it('process (multi-select): one request with every id, lastRefresh refreshed for all, task id audited', async () => {
    const refs = take((s) => !s.protected, 3);
    const befores = refs.map((ref) => states.get(ref.identityId)!);
    const mark = await requestMark();
    const outcome = (await h.api.userInput.runWithInputs(['Process 3 Identities'], () => vscode.commands.executeCommand('iscExplorer.processIdentities', nodeArg(refs[0]), refs.map(nodeArg)))) as ActionOutcome;
    const requests = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
    assert.strictEqual(requests.length, 1);
    assert.deepStrictEqual((requests[0].body as { identityIds: string[] }).identityIds, refs.map((r) => r.identityId));
    for (const [i, ref] of refs.entries()) {
      const after = await simIdentity(ref.identityId);
      assert.strictEqual(after?.processCount, befores[i].processCount + 1);
      assert.notStrictEqual(after?.lastRefresh, befores[i].lastRefresh);
    }
    const audit = await auditFor(h.actions, outcome.reports[0].operationId);
    assert.strictEqual(audit.length, 3);
    assert.ok(audit.every((line) => line.outcome === 'done' && line.jobId && line.jobId === audit[0].jobId));
  });

  it('invite (selection of registered and unregistered): only the unregistered ones are invited; task status shown', async () => {
    const unregistered = take((s) => !s.registered && !s.invited, 2);
    const registered = take((s) => s.registered, 2);
    const refs = [unregistered[0], registered[0], unregistered[1], registered[1]];
    const rec = promptLog(h.actions);
    const outcome = (await h.api.userInput.runWithInputs(['Invite 4 Identities'], () => vscode.commands.executeCommand('iscExplorer.inviteIdentities', nodeArg(refs[0]), refs.map(nodeArg)))) as ActionOutcome;
    for (const ref of unregistered) assert.strictEqual((await simIdentity(ref.identityId))?.invited, true, 'unregistered → invited');
    for (const ref of registered) assert.strictEqual((await simIdentity(ref.identityId))?.invited, false, 'registered → untouched');
    const report = outcome.reports[0];
    assert.ok(report.items.every((item) => item.jobId && item.jobStatus), 'task id and status per identity');
    assert.match(rec.messages.at(-1)!.text, /4 done/);
    await h.actions.idle();
    assert.match(rec.confirmations[0].detail, /not registered/);
  });

  it('invite of one identity: the result reads "Invitation sent to <name> (task <status>)"', async () => {
    const [ref] = take((s) => !s.registered && !s.invited);
    const rec = promptLog(h.actions);
    const outcome = (await h.api.userInput.runWithInputs(['Invite'], () => vscode.commands.executeCommand('iscExplorer.inviteIdentities', nodeArg(ref)))) as ActionOutcome;
    const item = outcome.reports[0].items[0];
    assert.strictEqual(item.outcome, 'done');
    assert.strictEqual(rec.messages.at(-1)!.text, `Invitation sent to ${ref.name} (task ${item.jobStatus})`);
    await h.actions.idle();
  });

  /** A non-protected identity of the pool whose role assignments name (or do not name) account sources. */
  const takeBySources = async (withSources: boolean): Promise<{ ref: IdentityRef; sources: string[] }> => {
    const client = await h.registry.getClient(ENV_TENANT);
    for (const ref of pool.filter((r) => !states.get(r.identityId)!.protected)) {
      const sources = await accountSourceNames(client, ref.identityId);
      if (sources.length > 0 === withSources) {
        pool = pool.filter((r) => r !== ref);
        return { ref, sources };
      }
    }
    throw new Error(`no identity ${withSources ? 'with' : 'without'} account sources in the pool`);
  };

  it('send password-reset email (palette): asks via and source, remembers the source for the tenant', async () => {
    const input = h.api.userInput;
    const { ref } = await takeBySources(false);
    input.clearLog();
    const confirmations = confirmationsMark(h.actions);
    // Find identity (typed id), via, source (typed: nothing to suggest yet), the modal's Send.
    const outcome = (await input.runWithInputs([ref.identityId, 'Email — personal address', 'Active Directory', 'Send'], () =>
      vscode.commands.executeCommand('iscExplorer.sendPasswordResetEmail'),
    )) as ActionOutcome;
    assert.strictEqual(outcome.status, 'completed');
    const state = await simIdentity(ref.identityId);
    assert.deepStrictEqual(state?.verifications.map((v) => [v.via, v.sourceName]), [['EMAIL_PERSONAL', 'Active Directory']]);
    assert.match(confirmations()[0].detail, /EMAIL_PERSONAL/);
    assert.deepStrictEqual(input.asked('quickPick').map((p) => p.title), ['Send password-reset email (1/2): how?'], 'a step counter on each question');
    assert.strictEqual(input.asked('inputBox')[0]?.title, 'Send password-reset email (2/2): source name');
    // The second time the recent source is offered in a quick pick (no input box).
    const [other] = take((s) => !s.protected);
    input.clearLog();
    await input.runWithInputs([other.identityId, 'Email — work address', 'Active Directory', 'Send'], () => vscode.commands.executeCommand('iscExplorer.sendPasswordResetEmail'));
    assert.strictEqual(input.asked('inputBox').length, 0);
    assert.ok(input.asked('quickPick').some((p) => p.labels?.includes('Active Directory')));
    assert.deepStrictEqual((await simIdentity(other.identityId))?.verifications.map((v) => v.sourceName), ['Active Directory']);
  });

  it('send password-reset email: suggests the sources of the identity\'s accounts (from its role assignments)', async () => {
    const input = h.api.userInput;
    const { ref, sources } = await takeBySources(true);
    const suggested = sources.find((source) => source !== 'Active Directory') ?? sources[0];
    input.clearLog();
    await input.runWithInputs(['Email — work address', suggested, 'Send'], () => vscode.commands.executeCommand('iscExplorer.sendPasswordResetEmail', nodeArg(ref)));
    const sourcePick = input.asked('quickPick')[1];
    assert.strictEqual(sourcePick?.title, 'Send password-reset email (2/2): source name');
    for (const source of sources) assert.ok(sourcePick.labels?.includes(source), `${source} is offered`);
    assert.deepStrictEqual((await simIdentity(ref.identityId))?.verifications.map((v) => v.sourceName), [suggested]);
  });

  it('delete: the modal\'s default button keeps the identity; Delete is second', async () => {
    const input = h.api.userInput;
    const [ref] = take((s) => !s.protected);
    input.clearLog();
    const mark = await requestMark();
    const outcome = (await input.runWithInputs(['Keep Identity'], () => vscode.commands.executeCommand('iscExplorer.deleteIdentity', nodeArg(ref)))) as ActionOutcome;
    assert.strictEqual(outcome.status, 'cancelled');
    assert.deepStrictEqual(input.asked('modal').map((p) => p.buttons), [['Keep Identity', 'Delete…']], 'VS Code makes the first button the default (Enter)');
    assert.strictEqual(input.asked('inputBox').length, 0, 'no name asked');
    assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.method !== 'GET'), [], 'nothing written');
    assert.ok(await simIdentity(ref.identityId), 'still there');
  });

  it('delete: shows ownership, needs the exact name typed; a wrong name sends nothing; the right one deletes', async () => {
    const input = h.api.userInput;
    const [ref] = take((s) => !s.protected);
    input.clearLog();
    const confirmations = confirmationsMark(h.actions);
    let mark = await requestMark();
    // A person cannot submit a wrong name (the box refuses it), so they press Escape.
    let outcome = (await input.runWithInputs(['Delete…', CANCEL], () => vscode.commands.executeCommand('iscExplorer.deleteIdentity', nodeArg(ref)))) as ActionOutcome;
    assert.strictEqual(outcome.status, 'cancelled');
    assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.method !== 'GET'), [], 'nothing written');
    assert.match(confirmations()[0].detail, /Ownership: it owns nothing/);
    const nameBox = input.asked('inputBox')[0];
    assert.ok(nameBox.text?.includes(ref.name));
    assert.ok(await nameBox.inputOptions?.validateInput?.(`${ref.name} `), 'a name with a trailing space is refused');

    input.clearLog();
    mark = await requestMark();
    outcome = (await input.runWithInputs(['Delete…', ref.name], () => vscode.commands.executeCommand('iscExplorer.deleteIdentity', nodeArg(ref)))) as ActionOutcome;
    assert.strictEqual(outcome.status, 'completed');
    assert.strictEqual(await simIdentity(ref.identityId), undefined, 'gone from the simulator');
    const writes = (await apiRequestsSince(mark)).filter((r) => r.method !== 'GET');
    assert.deepStrictEqual(writes.map((r) => `${r.method} ${r.status}`), ['DELETE 204']);
    assert.ok(changes.some((c) => c.kind === 'deleted' && c.identityIds.includes(ref.identityId)));
    const audit = await auditFor(h.actions, outcome.reports[0].operationId);
    assert.deepStrictEqual([audit[0].outcome, audit[0].httpStatus, audit[0].action], ['done', 204, 'deleteIdentity']);
    assert.deepStrictEqual(input.asked('message').at(-1)!.buttons, ['Show Job', 'Show Details'], 'no "Retry Failed" for delete');
  });

  it('invite all unregistered: its own louder confirmation, uninvited:true, unregistered identities get invited', async () => {
    const [ref] = take((s) => !s.registered && !s.invited);
    const rec = promptLog(h.actions);
    const mark = await requestMark();
    const outcome = (await h.api.userInput.runWithInputs([/^Invite All \d+ Unregistered$/], () => vscode.commands.executeCommand('iscExplorer.inviteAllUnregistered', { tenantId: ENV_TENANT }))) as ActionOutcome;
    assert.strictEqual(rec.confirmations.length, 1);
    assert.strictEqual(rec.confirmations[0].strong, true);
    assert.match(rec.confirmations[0].message, /EVERY unregistered identity/);
    assert.match(rec.confirmations[0].confirmButton, /Invite All \d+ Unregistered/);
    const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
    assert.deepStrictEqual(posts.map((r) => r.body), [{ uninvited: true }]);
    assert.strictEqual((await simIdentity(ref.identityId))?.invited, true);
    const audit = await auditFor(h.actions, outcome.reports[0].operationId);
    assert.deepStrictEqual([audit.length, audit[0].identityId, audit[0].outcome], [1, '*', 'done']);
    assert.ok(audit[0].jobId);
  });

  it('open audit log file: a read-only document with the audit lines, and no secret in the file', async () => {
    const editor = await h.actions.openAuditLogFile();
    assert.match(editor.document.uri.path, /\/audit\.jsonl$/, 'titled by the file it shows');
    assert.strictEqual(editor.document.uri.scheme, 'isc-identity-actions', 'virtual (read-only) document');
    const lines = editor.document.getText().trim().split('\n');
    assert.ok(lines.length >= 8, `${lines.length} lines`);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      for (const key of ['time', 'tenantId', 'tenantLabel', 'clientId', 'action', 'identityId', 'identityName', 'httpStatus', 'outcome', 'jobId', 'error']) {
        assert.ok(key in entry, `${key} in ${line}`);
      }
    }
    const fileText = fs.readFileSync(h.actions.auditLogPath, 'utf8');
    const secret = process.env.ISC_CLIENT_SECRET;
    assert.ok(secret && !fileText.includes(secret), 'client secret never in the audit log');
    assert.ok(!/Bearer\s+[A-Za-z0-9]/.test(fileText) && !/eyJ[\w-]+\.[\w-]+\./.test(fileText), 'no token in the audit log');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
