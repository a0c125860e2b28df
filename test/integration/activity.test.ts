// The activity view ("ISC: Show Activity (Audit Log)"): the audit log as a table in a webview, newest first,
// filterable by tenant, identity, action and result; identity and job links run their commands; the raw file is
// "ISC: Open Audit Log File". Evidence comes from the page's own paint reports (read back from the DOM it built).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import type { IdentityRef } from '../../src/model/identityRef';
import { filterRows } from '../../src/activity/protocol';
import { ENV_TENANT, handles, nodeArg, pickRefs } from './actionsSupport';
import type { Handles } from './actionsSupport';
import { answered } from './orderedAnswers';
import { waitFor } from './coreSupport';

describe('activity view', function () {
  this.timeout(120_000);
  let h: Handles;
  let wasReadOnly: boolean;
  let ref: IdentityRef;
  let synced: ActionOutcome;

  before(async () => {
    h = await handles();
    wasReadOnly = h.registry.get(ENV_TENANT)!.readOnly;
    [ref] = await pickRefs(h.registry, 1995, 1);
    // One refused write (read-only: a "skipped" line, no job; its warning is left unanswered), then one that is sent (a job).
    await h.registry.setReadOnly(ENV_TENANT, true);
    await answered(h, [], () => vscode.commands.executeCommand('iscExplorer.processIdentities', nodeArg(ref)));
    await h.registry.setReadOnly(ENV_TENANT, false);
    h.actions.resetSyncCooldown();
    ({ result: synced } = await answered(h, ['Synchronize'], () => vscode.commands.executeCommand<ActionOutcome>('iscExplorer.synchronizeAttributes', nodeArg(ref))));
    await h.actions.idle();
  });

  after(async () => {
    await h.registry.setReadOnly(ENV_TENANT, wasReadOnly);
    (await h.actions.showActivity()).webviewPanel.dispose();
  });

  it('shows the audit lines as a table in a webview, newest first, each row rendered by the page', async () => {
    await vscode.commands.executeCommand('iscExplorer.showActivity');
    const panel = await h.actions.showActivity();
    assert.strictEqual(panel.webviewPanel.viewType, 'iscExplorer.activity');
    const audit = await h.actions.readAudit();
    const report = await panel.nextRender((r) => r.total === audit.length && r.filter.identity === '');
    assert.strictEqual(report.shown, Math.min(audit.length, 1000), 'every row painted');
    const times = panel.rows.map((row) => row.time);
    assert.deepStrictEqual(times, [...times].sort().reverse(), 'newest first');
    const newest = panel.rows[0];
    const operationId = synced.reports[0].operationId;
    assert.deepStrictEqual([newest.action, newest.actionLabel, newest.identityName, newest.outcome, newest.jobId], ['synchronizeAttributes', 'Synchronize attributes', ref.name, 'done', operationId]);
    assert.strictEqual(report.firstNames[0], ref.name);
    const refused = panel.rows.find((row) => row.identityId === ref.identityId && row.outcome === 'skipped');
    assert.ok(refused, 'the refused write is listed');
    assert.strictEqual(refused.jobId, null, 'a refused write has no job to link to');
  });

  it('filters by tenant, action, result and identity', async () => {
    const panel = await h.actions.showActivity();
    const filter = { tenantId: ENV_TENANT, action: 'synchronizeAttributes', outcome: 'done', identity: ref.name.slice(0, 6).toUpperCase() };
    panel.reveal(filter);
    const report = await panel.nextRender((r) => r.filter.identity === filter.identity && r.filter.outcome === 'done');
    const expected = filterRows(panel.rows, filter);
    assert.ok(expected.length >= 1);
    assert.strictEqual(report.shown, expected.length);
    assert.ok(report.shown < report.total, 'the filter leaves rows out');
    assert.ok(report.firstNames.every((name) => name.toUpperCase().includes(filter.identity)), report.firstNames.join(', '));
    panel.reveal({ outcome: 'skipped', identity: ref.identityId });
    const skipped = await panel.nextRender((r) => r.filter.outcome === 'skipped');
    assert.strictEqual(skipped.shown, filterRows(panel.rows, { tenantId: '', action: '', outcome: 'skipped', identity: ref.identityId }).length);
    assert.ok(skipped.shown >= 1);
  });

  it('an identity link opens the identity; a job link shows the job; a forged message is refused', async () => {
    const panel = await h.actions.showActivity();
    await panel.receive({ type: 'openIdentity', tenantId: ENV_TENANT, identityId: ref.identityId, name: ref.name });
    await waitFor('the identity panel', () => h.api.panels.isOpen(ENV_TENANT, ref.identityId) || undefined);
    const jobId = synced.reports[0].operationId;
    await panel.receive({ type: 'showJob', jobId });
    await waitFor('the job selected in the Jobs view', () => h.api.jobs.view.selection.some((node) => node.kind === 'job' && node.jobId === jobId) || undefined);
    const rejectedBefore = panel.rejected.length;
    await panel.receive({ type: 'openIdentity', tenantId: ENV_TENANT, identityId: '../x', name: 'x' });
    await panel.receive({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    assert.strictEqual(panel.rejected.length, rejectedBefore + 2);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Open Audit Log File" opens the raw JSONL read-only, one line per entry', async () => {
    await vscode.commands.executeCommand('iscExplorer.openAuditLogFile');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document && document.uri.scheme === 'isc-identity-actions' && document.uri.path === '/audit.jsonl', 'the raw file as a virtual document');
    // A document opened earlier in the session is brought up to date asynchronously.
    const operationId = synced.reports[0].operationId;
    await waitFor('the document up to date', () => document.getText().includes(operationId) || undefined);
    const times = document.getText().trim().split('\n').map((line) => (JSON.parse(line) as { time: string }).time);
    assert.deepStrictEqual(times, [...times].sort(), 'as on disk: oldest first');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
