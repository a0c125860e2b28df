// Jobs: every action run is a job in the Jobs view, journaled, with its ISC task followed; Pause / Resume / Cancel,
// Export Results, Open in Activity and Remove. Identities: list offsets 1960–1999 and 1810–1849 (no other test's).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import type { JobView } from '../../src/model/jobs/jobStore';
import type { Identity, RoleAssignmentRef } from '../../src/api/types';
import { describeChange } from '../../src/model/compare/changeSummary';
import type { IdentityChange } from '../../src/model/compare/changeSummary';
import type { IdentityRef } from '../../src/model/identityRef';
import type { JobChangeRecord } from '../../src/model/jobs/jobChanges';
import { pendingLifecycleMove } from '../../sim/attributes';
import { ENV_TENANT, apiRequestsSince, nodeArg, pickRefs, requestMark, requestsAbout, setFaults, simJson, sleep, withWritableTenant } from './actionsSupport';
import type { Handles, SimRequest } from './actionsSupport';
import { answered, confirmButton } from './orderedAnswers';
import type { PromptLog } from './orderedAnswers';

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('jobs', () => {
  let h: Handles;
  withWritableTenant((handles) => {
    h = handles;
    h.api.jobs.taskPollDelays = { initialMs: 200, maxMs: 400, factor: 1.2 };
  });

  after(async () => {
    await setFaults({});
  });

  const job = (id: string): JobView => {
    const found = h.api.jobs.store.get(id);
    assert.ok(found, `job ${id}`);
    return found;
  };

  /** Runs `command` on `refs` as from the first one's context menu, pressing the guard modal's `verb` button. */
  async function runConfirmed(command: string, verb: 'Process' | 'Reset' | 'Synchronize', refs: IdentityRef[]): Promise<{ outcome: ActionOutcome; log: PromptLog }> {
    const { result: outcome, log } = await answered(h, [confirmButton(verb, refs.length)], () => vscode.commands.executeCommand<ActionOutcome>(command, nodeArg(refs[0]), refs.map(nodeArg)));
    return { outcome, log };
  }

  async function processRefs(offset: number, count: number): Promise<JobView> {
    const refs = await pickRefs(h.registry, offset, count);
    const { outcome } = await runConfirmed('iscExplorer.processIdentities', 'Process', refs);
    return job(outcome.reports[0].operationId);
  }

  it('a bulk action becomes a finished job in the Jobs view with one result per identity', async () => {
    const processed = await processRefs(1960, 5);
    assert.strictEqual(processed.state, 'finished');
    assert.deepStrictEqual(h.api.jobs.store.counts(processed.id), { done: 5, failed: 0, unknown: 0, skipped: 0, cancelled: 0, pending: 0, sent: 0, total: 5 });
    const roots = h.api.jobs.provider.getChildren();
    assert.ok(roots.some((node) => node.kind === 'job' && node.jobId === processed.id), 'a row in the Jobs view');
    const row = h.api.jobs.provider.getTreeItem({ kind: 'job', jobId: processed.id });
    assert.match(String(row.description), /^5\/5 · finished/);
    assert.strictEqual(processed.clientId, h.registry.get(ENV_TENANT)!.clientId, 'who ran it');
  });

  it("follows process's ISC task to SUCCESS", async () => {
    const processed = await processRefs(1965, 3);
    await h.api.jobs.tasksSettled();
    const tasks = job(processed.id).tasks;
    assert.strictEqual(tasks.length, 1);
    assert.strictEqual(tasks[0].status?.toUpperCase(), 'SUCCESS');
    assert.strictEqual(tasks[0].completed, true);
  });

  it('shows a task that ends in ERROR as ERROR', async () => {
    await setFaults({ taskOutcome: 'ERROR' });
    try {
      const processed = await processRefs(1968, 2);
      await h.api.jobs.tasksSettled();
      assert.strictEqual(job(processed.id).tasks[0]?.status?.toUpperCase(), 'ERROR');
      const row = h.api.jobs.provider.getTreeItem({ kind: 'task', jobId: processed.id, taskId: job(processed.id).tasks[0].taskId });
      assert.strictEqual((row.iconPath as vscode.ThemeIcon).id, 'error');
    } finally {
      await setFaults({});
    }
  });

  it('a 403 on task-status says once that ISC does not report the task, without polling on', async () => {
    await setFaults({ taskStatusForbidden: true });
    const mark = await requestMark();
    try {
      const processed = await processRefs(1970, 2);
      await h.api.jobs.tasksSettled();
      const task = job(processed.id).tasks[0];
      assert.strictEqual(task?.untrackable, "ISC does not report this task's status");
      const polls = (await apiRequestsSince(mark)).filter((r) => r.path.startsWith('/v2025/task-status/'));
      assert.strictEqual(polls.length, 1, 'one poll, then no more');
    } finally {
      await setFaults({});
    }
  });

  it('lists failed and outcome-unknown identities first under the job', async () => {
    const refs = await pickRefs(h.registry, 1972, 4);
    await setFaults({ failNext: { status: 400, count: 1, methods: ['POST'], pathIncludes: `/identities/${refs[3].identityId}/reset` } });
    let outcome: ActionOutcome;
    try {
      ({ outcome } = await runConfirmed('iscExplorer.resetIdentity', 'Reset', refs));
    } finally {
      await setFaults({});
    }
    const children = h.api.jobs.provider.getChildren({ kind: 'job', jobId: outcome.reports[0].operationId });
    const first = children[0];
    assert.ok(first.kind === 'item' && first.identityId === refs[3].identityId, 'the failed identity first');
    const item = h.api.jobs.provider.getTreeItem(first);
    assert.deepStrictEqual(item.command?.arguments?.[0], { tenantId: ENV_TENANT, identityId: refs[3].identityId, name: refs[3].name }, 'a click opens the identity');
  });

  it('Pause keeps what was never sent pending, and Resume sends exactly that, once', async () => {
    h.actions.resetSyncCooldown();
    const refs = await pickRefs(h.registry, 1810, 30);
    await setFaults({ latencyMs: 60 });
    const mark = await requestMark();
    try {
      const { result: jobId } = await answered(h, [confirmButton('Synchronize', refs.length)], async () => {
        const running = vscode.commands.executeCommand<ActionOutcome>('iscExplorer.synchronizeAttributes', nodeArg(refs[0]), refs.map(nodeArg));
        await until(() => h.api.jobs.store.list().some((j) => j.state === 'running' && j.kind === 'synchronizeAttributes' && h.api.jobs.store.counts(j.id).done >= 3), 'some results');
        const runningId = h.api.jobs.store.list().find((j) => j.state === 'running' && j.kind === 'synchronizeAttributes')!.id;
        assert.strictEqual(await vscode.commands.executeCommand('iscExplorer.pauseJob', { kind: 'job', jobId: runningId }), true);
        await running;
        return runningId;
      });
      const paused = job(jobId);
      const counts = h.api.jobs.store.counts(jobId);
      assert.strictEqual(paused.state, 'paused');
      assert.ok(counts.pending > 0, `${counts.pending} still pending`);
      assert.strictEqual(counts.cancelled, 0, 'nothing cancelled by a pause');
      await setFaults({});
      const { log } = await answered(h, ['Resume'], async () => {
        await vscode.commands.executeCommand('iscExplorer.resumeJob', { kind: 'job', jobId });
        await h.actions.idle();
      });
      assert.match(log.confirmations[0]?.detail ?? '', /only the \d+ identit(y|ies) never sent are sent now/);
      assert.strictEqual(job(jobId).state, 'finished');
      const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST' && r.status !== 429);
      const sent = posts.map((p) => /\/identities\/([^/]+)\//.exec(p.path)?.[1]);
      assert.deepStrictEqual([...sent].sort(), refs.map((r) => r.identityId).sort(), 'every identity sent exactly once over pause and resume');
    } finally {
      await setFaults({});
    }
  });

  it('Cancel on a paused job ends what was never sent as cancelled', async () => {
    const paused = h.api.jobs.store.list().find((j) => j.kind === 'synchronizeAttributes');
    assert.ok(paused);
    // A fresh paused job: the one above finished; pause a new one at once.
    h.actions.resetSyncCooldown();
    const refs = await pickRefs(h.registry, 1840, 10);
    await setFaults({ latencyMs: 80 });
    try {
      const { result: jobId } = await answered(h, [confirmButton('Synchronize', refs.length)], async () => {
        const running = vscode.commands.executeCommand<ActionOutcome>('iscExplorer.synchronizeAttributes', nodeArg(refs[0]), refs.map(nodeArg));
        await until(() => h.api.jobs.store.list().some((j) => j.state === 'running' && j.kind === 'synchronizeAttributes'), 'the job');
        const runningId = h.api.jobs.store.list().find((j) => j.state === 'running')!.id;
        await vscode.commands.executeCommand('iscExplorer.pauseJob', runningId);
        await running;
        return runningId;
      });
      assert.strictEqual(await vscode.commands.executeCommand('iscExplorer.cancelJob', jobId), true);
      const counts = h.api.jobs.store.counts(jobId);
      assert.strictEqual(job(jobId).state, 'cancelled');
      assert.strictEqual(counts.pending, 0);
      assert.strictEqual(counts.cancelled + counts.done + counts.unknown + counts.failed, 10);
    } finally {
      await setFaults({});
    }
  });

  it('Export Results writes one CSV row per identity, formulas neutralised', async () => {
    const processed = h.api.jobs.store.list().find((j) => j.kind === 'processIdentities')!;
    const file = path.join(os.tmpdir(), `job-export-${Date.now()}.csv`);
    try {
      // The save dialog is answered with the file.
      await h.api.userInput.runWithInputs([vscode.Uri.file(file)], () => vscode.commands.executeCommand('iscExplorer.exportJobResults', processed.id));
      const lines = fs.readFileSync(file, 'utf8').trim().split(/\r\n/);
      assert.strictEqual(lines[0], 'id,name,result,httpStatus,message,iscTaskId,time');
      assert.strictEqual(lines.length, processed.items.length + 1);
      assert.ok(lines.slice(1).every((line) => /,done,202,/.test(line)), lines[1]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it("Open in Activity shows only the job's audit lines", async () => {
    const processed = h.api.jobs.store.list().find((j) => j.kind === 'processIdentities')!;
    const editor = (await vscode.commands.executeCommand('iscExplorer.openJobInActivity', processed.id)) as vscode.TextEditor;
    const lines = editor.document.getText().trim().split('\n').map((line) => JSON.parse(line) as { operationId: string });
    assert.strictEqual(lines.length, processed.items.length);
    assert.ok(lines.every((line) => line.operationId === processed.id));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Remove deletes the job from the view and its journal from disk', async () => {
    const processed = h.api.jobs.store.list().find((j) => j.kind === 'processIdentities')!;
    const journalFile = path.join(h.api.services.context.globalStorageUri.fsPath, 'jobs', `${processed.id}.jsonl`);
    assert.ok(fs.existsSync(journalFile), 'the journal exists');
    assert.strictEqual(await vscode.commands.executeCommand('iscExplorer.removeJob', processed.id), true);
    assert.strictEqual(h.api.jobs.store.get(processed.id), undefined);
    assert.ok(!fs.existsSync(journalFile), 'the journal is gone');
  });

  it('a reset job reads its identities before and after and shows what changed, with the cost in the confirmation', async () => {
    const refs = await pickRefs(h.registry, 1976, 3);
    const { outcome, log } = await runConfirmed('iscExplorer.resetIdentity', 'Reset', refs);
    assert.match(log.confirmations[0].detail, /\+12 requests, about 10 s at ISC's rate limit/);
    const jobId = outcome.reports[0].operationId;
    await h.api.jobs.tasksSettled();
    const changes = await h.api.jobs.changes.get(jobId);
    assert.ok(changes, 'the job kept its snapshots');
    // Identities that were unregistered already do not change.
    assert.match(changes.summary ?? '', /^[1-3] of 3 changed: identity status [1-3]/);
    const children = h.api.jobs.provider.getChildren({ kind: 'job', jobId });
    assert.strictEqual(children[0].kind, 'changes');
    const itemNode = children.find((node) => node.kind === 'item' && /\.changed$/.test(String(h.api.jobs.provider.getTreeItem(node).contextValue)))!;
    assert.ok(itemNode, 'a changed identity under the job');
    const row = h.api.jobs.provider.getTreeItem(itemNode);
    assert.match(String(row.description), /Identity status: \w+ → UNREGISTERED/);
    assert.match(String(row.contextValue), /\.changed$/);
    await vscode.commands.executeCommand('iscExplorer.openJobChange', itemNode);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor');
    assert.strictEqual((tab.input as vscode.TabInputTextDiff).original.scheme, 'isc-snapshot');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  describe('a job over the snapshot bound', () => {
    // Reset of two identities with the bound at 1.
    let refs: IdentityRef[];
    let log: PromptLog;
    let mark: number;
    let jobId: string;

    before(async () => {
      await vscode.workspace.getConfiguration('iscExplorer').update('jobs.snapshotChangesUpTo', 1, vscode.ConfigurationTarget.Global);
      try {
        refs = await pickRefs(h.registry, 1979, 2);
        mark = await requestMark();
        const run = await runConfirmed('iscExplorer.resetIdentity', 'Reset', refs);
        log = run.log;
        jobId = run.outcome.reports[0].operationId;
        await h.api.jobs.tasksSettled();
      } finally {
        await vscode.workspace.getConfiguration('iscExplorer').update('jobs.snapshotChangesUpTo', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('reads none of its identities before or after', async () => {
      const reads = (await requestsAbout(mark, refs)).filter((r) => r.method === 'GET');
      assert.deepStrictEqual(reads.map((r) => r.path), [], 'no snapshot read');
      assert.doesNotMatch(log.confirmations[0].detail, /read before and after/);
    });

    it('says in the confirmation that it records no changes, with the count and the bound', () => {
      assert.match(log.confirmations[0].detail, /Changes not recorded: 2 identities is over the bound of 1 \(iscExplorer\.jobs\.snapshotChangesUpTo\)/);
    });

    it('says on the job that it recorded no changes, and keeps it beside the journal', async () => {
      const changes = await h.api.jobs.changes.get(jobId);
      assert.deepStrictEqual(changes?.notRecorded, { identities: 2, bound: 1 });
      assert.deepStrictEqual([changes.changes, changes.summary], [[], null]);
      const note = /Changes not recorded: 2 identities is over the bound of 1 \(iscExplorer\.jobs\.snapshotChangesUpTo\)/;
      const children = h.api.jobs.provider.getChildren({ kind: 'job', jobId });
      assert.strictEqual(children[0].kind, 'changes');
      assert.match(String(h.api.jobs.provider.getTreeItem(children[0]).label), note);
      const tooltip = h.api.jobs.provider.getTreeItem({ kind: 'job', jobId }).tooltip as vscode.MarkdownString;
      // The tooltip is Markdown with the job's text escaped.
      assert.match(tooltip.value.replace(/&nbsp;/g, ' ').replace(/\\/g, ''), note);
    });
  });

  describe('a process job on identities with and without a pending change', () => {
    // Four consecutive identities: the simulator gives every fourth (index 3 mod 4) a pending change that processing
    // applies: job title, reviewGroup, a role from a rule, a lifecycle move.
    let refs: IdentityRef[];
    let pending: IdentityRef;
    let identityBefore: Identity;
    let rolesBefore: RoleAssignmentRef[];
    let log: PromptLog;
    let snapshotReads: SimRequest[];
    let jobId: string;
    let changes: JobChangeRecord;

    before(async () => {
      refs = await pickRefs(h.registry, 1981, 4);
      const states = await Promise.all(refs.map((ref) => simJson<{ index: number }>(`/__sim/identities/${encodeURIComponent(ref.identityId)}`)));
      pending = refs[states.findIndex((state) => state.index % 4 === 3)];
      assert.ok(pending, 'one of the four has a pending change');
      const client = await h.registry.getClient(ENV_TENANT);
      identityBefore = await client.getIdentity(pending.identityId);
      rolesBefore = await client.getRoleAssignmentRefs(pending.identityId);
      const mark = await requestMark();
      const run = await runConfirmed('iscExplorer.processIdentities', 'Process', refs);
      log = run.log;
      jobId = run.outcome.reports[0].operationId;
      await h.api.jobs.tasksSettled();
      snapshotReads = (await requestsAbout(mark, refs)).filter((r) => r.method === 'GET' && /\/identities\/[^/]+(\/role-assignments)?$/.test(r.path));
      const kept = await h.api.jobs.changes.get(jobId);
      assert.ok(kept, 'the job kept its snapshots');
      changes = kept;
    });

    const changeOfPending = (): IdentityChange => {
      const change = changes.changes.find((c) => c.identityId === pending.identityId);
      assert.ok(change, 'the pending identity has a change');
      return change;
    };

    it('lists exactly what processing changed: attribute changed old → new, attribute added, role assignment added, lifecycle state moved', async () => {
      const title = String(identityBefore.attributes?.jobTitle);
      const lifecycle = String(identityBefore.attributes?.cloudLifecycleState);
      const rolesAfter = await (await h.registry.getClient(ENV_TENANT)).getRoleAssignmentRefs(pending.identityId);
      const added = rolesAfter.filter((after) => !rolesBefore.some((was) => was.id === after.id));
      assert.strictEqual(added.length, 1, 'the simulator assigned one role');
      assert.deepStrictEqual(describeChange(changeOfPending()), [
        `Lifecycle state: ${lifecycle} → ${String(pendingLifecycleMove(lifecycle))}`,
        `jobTitle: ${title} → Senior ${title}`,
        `reviewGroup added: ${String(identityBefore.attributes?.department)} reviewers`,
        `Role assignment added: ${String(added[0].role?.name)}`,
      ]);
      assert.notStrictEqual(pendingLifecycleMove(lifecycle), lifecycle, 'the identity has a lifecycle state that moves');
    });

    it('sums the changes up, counting the identities it did not change', () => {
      assert.strictEqual(changes.summary, '1 of 4 changed: jobTitle 1, lifecycle state 1, reviewGroup 1; 1 role assignment added');
    });

    it('lists the identities without a pending change as unchanged, not as changes', () => {
      const others = changes.changes.filter((c) => c.identityId !== pending.identityId);
      assert.strictEqual(others.length, 3);
      assert.ok(others.every((c) => !c.changed), 'no change on the others');
      for (const ref of refs.filter((r) => r !== pending)) {
        const row = h.api.jobs.provider.getTreeItem({ kind: 'item', jobId, identityId: ref.identityId });
        assert.match(String(row.description), /no change/);
        assert.doesNotMatch(String(row.contextValue), /\.changed$/);
      }
      const row = h.api.jobs.provider.getTreeItem({ kind: 'item', jobId, identityId: pending.identityId });
      assert.match(String(row.contextValue), /\.changed$/);
      assert.match(String(row.description), /jobTitle: .* → Senior /);
    });

    it('reads each identity once before and once after, as the confirmation counted, none refused by the rate limit', () => {
      assert.match(log.confirmations[0].detail, /\+16 requests/);
      assert.strictEqual(snapshotReads.length, 16, snapshotReads.map((r) => `${r.path} ${r.status}`).join('\n'));
      assert.deepStrictEqual(snapshotReads.filter((r) => r.status === 429), []);
    });
  });

  it('a synchronize job says no identity attribute changed (it pushes to accounts)', async () => {
    h.actions.resetSyncCooldown();
    const refs = await pickRefs(h.registry, 1985, 2);
    const { outcome } = await runConfirmed('iscExplorer.synchronizeAttributes', 'Synchronize', refs);
    await h.api.jobs.tasksSettled();
    const changes = await h.api.jobs.changes.get(outcome.reports[0].operationId);
    assert.strictEqual(changes?.summary, '0 of 2 changed');
    const row = h.api.jobs.provider.getTreeItem({ kind: 'item', jobId: outcome.reports[0].operationId, identityId: refs[0].identityId });
    assert.match(String(row.description), /no change/);
    const change = changes.changes.find((c) => c.identityId === refs[0].identityId);
    assert.ok(change, 'a change was worked out');
    assert.deepStrictEqual(describeChange(change), ['No identity attribute changed']);
  });
});
