// Identity actions against the simulator: each action changes the simulator's state as it says, and leaves one audit
// line per identity. Runs on identities from list offset 1700 on (no fixtures); the simulator is re-seeded afterwards
// so that later test files see the original 2,000 identities.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { IdentityChange } from '../../src/model/identityEvents';
import type { IdentityRef } from '../../src/model/identityRef';
import type { ActionOutcome } from '../../src/commands/actions';
import {
  ENV_TENANT,
  apiRequestsSince,
  auditFor,
  handles,
  nodeArg,
  pickRefs,
  record,
  requestMark,
  restore,
  simIdentity,
  simJson,
} from './actionsSupport';
import type { Handles, SimIdentityState } from './actionsSupport';

describe('identity actions (simulator)', function () {
  this.timeout(120_000);
  let h: Handles;
  let wasReadOnly: boolean;
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

  before(async () => {
    h = await handles();
    wasReadOnly = h.registry.get(ENV_TENANT)!.readOnly;
    await h.registry.setReadOnly(ENV_TENANT, false);
    pool = await pickRefs(h.registry, 1700, 60);
    states = new Map();
    for (const ref of pool) states.set(ref.identityId, (await simIdentity(ref.identityId))!);
    subscription = h.api.services.changes.subscribe((change) => changes.push(change));
  });

  after(async () => {
    subscription?.dispose();
    restore(h.actions);
    await h.registry.setReadOnly(ENV_TENANT, wasReadOnly);
    await simJson('/__sim/reset', { method: 'POST' });
  });

  it('reset (tree node): the identity becomes unregistered; one ok audit line; tree told to refresh', async () => {
    const [ref] = take((s) => s.registered && !s.protected);
    const rec = record(h.actions);
    const mark = await requestMark();
    const outcome = (await vscode.commands.executeCommand('iscExplorer.resetIdentity', nodeArg(ref))) as ActionOutcome;
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
    const rec = record(h.actions);
    const outcome = (await vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', ref)) as ActionOutcome;
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
    record(h.actions);
    const mark = await requestMark();
    const outcome = (await vscode.commands.executeCommand('iscExplorer.processIdentities', nodeArg(refs[0]), refs.map(nodeArg))) as ActionOutcome;
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
    const rec = record(h.actions);
    const outcome = (await vscode.commands.executeCommand('iscExplorer.inviteIdentities', nodeArg(refs[0]), refs.map(nodeArg))) as ActionOutcome;
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
    const rec = record(h.actions);
    const outcome = (await vscode.commands.executeCommand('iscExplorer.inviteIdentities', nodeArg(ref))) as ActionOutcome;
    const item = outcome.reports[0].items[0];
    assert.strictEqual(item.outcome, 'done');
    assert.strictEqual(rec.messages.at(-1)!.text, `Invitation sent to ${ref.name} (task ${item.jobStatus})`);
    await h.actions.idle();
  });

  it('send password-reset email (palette): asks via and source, remembers the source for the tenant', async () => {
    const [ref] = take((s) => !s.protected);
    const rec = record(h.actions, {
      pickIdentity: ref,
      pick: (labels) => labels.findIndex((l) => /personal address/.test(l)),
      input: () => 'Active Directory',
    });
    const outcome = (await vscode.commands.executeCommand('iscExplorer.sendPasswordResetEmail')) as ActionOutcome;
    assert.strictEqual(outcome.status, 'completed');
    const state = await simIdentity(ref.identityId);
    assert.deepStrictEqual(state?.verifications.map((v) => [v.via, v.sourceName]), [['EMAIL_PERSONAL', 'Active Directory']]);
    assert.match(rec.confirmations[0].detail, /EMAIL_PERSONAL/);
    // The second time the recent source is offered in a quick pick (no input box).
    const [other] = take((s) => !s.protected);
    const rec2 = record(h.actions, { pickIdentity: other, pick: (labels) => (labels.includes('Active Directory') ? labels.indexOf('Active Directory') : 0) });
    await vscode.commands.executeCommand('iscExplorer.sendPasswordResetEmail');
    assert.strictEqual(rec2.inputs.length, 0);
    assert.ok(rec2.picks.some((p) => p.labels.includes('Active Directory')));
    assert.deepStrictEqual((await simIdentity(other.identityId))?.verifications.map((v) => v.sourceName), ['Active Directory']);
  });

  it('delete: shows ownership, needs the exact name typed; a wrong name sends nothing; the right one deletes', async () => {
    const [ref] = take((s) => !s.protected);
    let rec = record(h.actions, { input: () => `${ref.name} ` });
    let mark = await requestMark();
    let outcome = (await vscode.commands.executeCommand('iscExplorer.deleteIdentity', nodeArg(ref))) as ActionOutcome;
    assert.strictEqual(outcome.status, 'cancelled');
    assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.method !== 'GET'), [], 'nothing written');
    assert.match(rec.confirmations[0].detail, /Ownership: it owns nothing/);
    assert.ok(rec.inputs[0].prompt?.includes(ref.name));

    rec = record(h.actions, { input: () => ref.name });
    mark = await requestMark();
    outcome = (await vscode.commands.executeCommand('iscExplorer.deleteIdentity', nodeArg(ref))) as ActionOutcome;
    assert.strictEqual(outcome.status, 'completed');
    assert.strictEqual(await simIdentity(ref.identityId), undefined, 'gone from the simulator');
    const writes = (await apiRequestsSince(mark)).filter((r) => r.method !== 'GET');
    assert.deepStrictEqual(writes.map((r) => `${r.method} ${r.status}`), ['DELETE 204']);
    assert.ok(changes.some((c) => c.kind === 'deleted' && c.identityIds.includes(ref.identityId)));
    const audit = await auditFor(h.actions, outcome.reports[0].operationId);
    assert.deepStrictEqual([audit[0].outcome, audit[0].httpStatus, audit[0].action], ['done', 204, 'deleteIdentity']);
    assert.deepStrictEqual(rec.messages.at(-1)!.buttons, ['Show Job', 'Show Details'], 'no "Retry Failed" for delete');
  });

  it('invite all unregistered: its own louder confirmation, uninvited:true, unregistered identities get invited', async () => {
    const [ref] = take((s) => !s.registered && !s.invited);
    const rec = record(h.actions);
    const mark = await requestMark();
    const outcome = (await vscode.commands.executeCommand('iscExplorer.inviteAllUnregistered', { tenantId: ENV_TENANT })) as ActionOutcome;
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
