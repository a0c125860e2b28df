// Bulk actions with the simulator injecting 429s and 5xx: every identity ends in exactly one result, nothing is sent
// twice after a 5xx, the summary's totals match the audit log; "Show Details", "Retry Failed" and Cancel.
// Identities: list offsets 1000–1499 (process), 1500–1699 (sync), 1900–1959 (cancel) — no fixtures, no other test's.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome, OperationReport } from '../../src/commands/actions';
import type { IdentityRef } from '../../src/model/identityRef';
import { clickLater } from '../../src/testing/testUserInput';
import { apiRequestsSince, auditFor, nodeArg, pickRefs, promptLog, requestMark, setFaults, sleep, withWritableTenant } from './actionsSupport';
import type { Handles, PromptLog, SimRequest } from './actionsSupport';
import { waitFor } from './coreSupport';

/** Identity ids a request was about: a process body's identityIds, or the id in a per-identity path. */
function idsOf(request: SimRequest): string[] {
  const single = /^\/v2025\/identities\/([^/]+)\/(?:synchronize-attributes|reset)$/.exec(request.path);
  if (single) return [decodeURIComponent(single[1])];
  const body = request.body as { identityIds?: string[] } | undefined;
  return Array.isArray(body?.identityIds) ? body.identityIds : [];
}

/** No id is sent again after a 5xx, and no id is accepted twice (429s, which ISC did not act on, may repeat). */
function assertNoDoubleSend(posts: SimRequest[]): { status5xx: number; status429: number } {
  const seen = new Map<string, number[]>();
  for (const post of posts) for (const id of idsOf(post)) seen.set(id, [...(seen.get(id) ?? []), post.status]);
  for (const [id, statuses] of seen) {
    const final = statuses.filter((s) => s !== 429);
    assert.ok(final.length <= 1, `${id} was sent again after a ${final[0]}: ${statuses.join(', ')}`);
    // Only 429s (not acted on by ISC) come before the final answer.
    assert.ok(statuses.slice(0, -1).every((s) => s === 429), `${id}: ${statuses.join(', ')}`);
  }
  return { status5xx: posts.filter((p) => p.status >= 500).length, status429: posts.filter((p) => p.status === 429).length };
}

function assertOneResultEach(report: OperationReport, refs: IdentityRef[]): void {
  assert.strictEqual(report.items.length, refs.length);
  assert.deepStrictEqual(report.items.map((i) => i.ref.identityId), refs.map((r) => r.identityId), 'one result per identity, in order');
  const { done, failed, unknown, cancelled, skipped } = report.counts;
  assert.strictEqual(done + failed + unknown + cancelled + skipped, refs.length);
}

async function assertSummaryMatchesAudit(h: Handles, rec: PromptLog, report: OperationReport): Promise<void> {
  const audit = await auditFor(h.actions, report.operationId);
  assert.strictEqual(audit.length, report.items.length, 'one audit line per identity');
  assert.strictEqual(new Set(audit.map((a) => a.identityId)).size, report.items.length);
  const count = (result: string): number => audit.filter((a) => a.outcome === result).length;
  const summary = rec.messages.find((m) => m.text.startsWith(report.label));
  assert.ok(summary, 'a summary message');
  const shown = (word: string): number => Number(new RegExp(`(\\d+) ${word}`).exec(summary.text)?.[1] ?? 0);
  assert.strictEqual(shown('done'), count('done'), summary.text);
  assert.strictEqual(shown('failed'), count('failed'), summary.text);
  assert.strictEqual(shown('outcome unknown'), count('unknown'), summary.text);
  assert.strictEqual(shown('cancelled'), count('cancelled'), summary.text);
  assert.deepStrictEqual(
    [count('done'), count('failed'), count('unknown'), count('cancelled')],
    [report.counts.done, report.counts.failed, report.counts.unknown, report.counts.cancelled],
  );
  for (const line of audit.filter((a) => a.outcome === 'failed')) assert.ok(line.error, 'a failed line says why');
}

describe('identity actions: bulk', function () {
  this.timeout(240_000);
  let h: Handles;

  withWritableTenant((handles) => (h = handles));

  after(async () => {
    await setFaults({});
  });

  it('processes 500 identities under injected 429/5xx: ≤250 ids per request, one result each, a chunk answered 500 outcome unknown and never re-sent', async () => {
    const refs = await pickRefs(h.registry, 1000, 500);
    const rec = promptLog(h.actions);
    await setFaults({ rate429: 0.3, rate5xx: 0.1, failNext: { status: 500, count: 1, methods: ['POST'], pathIncludes: '/identities/process' } });
    const mark = await requestMark();
    // Confirm, then "Show Details" on the summary.
    const outcome = (await h.api.userInput.runWithInputs(['Process 500 Identities', 'Show Details'], () =>
      vscode.commands.executeCommand('iscExplorer.processIdentities', nodeArg(refs[0]), refs.map(nodeArg)),
    )) as ActionOutcome;
    await setFaults({});
    const report = outcome.reports[0];
    assertOneResultEach(report, refs);
    const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
    for (const post of posts) assert.ok(idsOf(post).length <= 250, 'at most 250 ids per request');
    const { status5xx } = assertNoDoubleSend(posts);
    assert.ok(status5xx >= 1, 'the scripted 500 happened');
    assert.ok(report.counts.unknown >= 250, 'the chunk that got a 500 is outcome unknown as a whole');
    assert.ok(report.items.filter((i) => i.outcome === 'failed').every((i) => /\(5\d\d\)/.test(i.error ?? '')));
    await assertSummaryMatchesAudit(h, rec, report);
    // "Show Details" opened the per-identity report as a rendered preview titled by action and time, not as source.
    await h.actions.idle();
    const allTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    const previewTab = await waitFor('a markdown preview tab', () =>
      allTabs().find((tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType)),
    );
    const tabs = allTabs();
    assert.match(previewTab.label, /^Preview Process identities — \d{1,2}[:.]\d{2}[:.]\d{2}/);
    assert.ok(!tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'isc-identity-actions'), 'no markdown source editor');
    const title = previewTab.label.replace(/^Preview /, '');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'isc-identity-actions', path: `/reports/${report.operationId}/${title}` }));
    const rows = document.getText().split('\n').filter((line) => /^\| \d+ \|/.test(line));
    assert.strictEqual(rows.length, 500);
    await vscode.window.tabGroups.close(previewTab);
  });

  it('synchronizes 200 identities under injected 429/5xx, then "Retry Failed" re-sends only the certain failures, never an unknown outcome', async () => {
    h.actions.resetSyncCooldown();
    const refs = await pickRefs(h.registry, 1500, 200);
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const rec = promptLog(h.actions);
    await setFaults({ rate429: 0.1, rate5xx: 0.05, failNext: { status: 400, count: 2, methods: ['POST'], pathIncludes: '/synchronize-attributes' } });
    const mark = await requestMark();
    // Confirm; "Retry Failed" on the summary, clicked once the gate opens; confirm the retry.
    await h.api.userInput.runWithInputs(['Synchronize 200 Identities', clickLater('Retry Failed', gate), 'Retry'], async () => {
      let outcome: ActionOutcome;
      try {
        outcome = (await vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', nodeArg(refs[0]), refs.map(nodeArg))) as ActionOutcome;
      } finally {
        await setFaults({});
      }
      // Whatever fails below, never leave the summary's follow-up hanging (idle() would wait for it).
      setTimeout(openGate, 60_000);
      const report = outcome.reports[0];
      assertOneResultEach(report, refs);
      const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
      const { status5xx, status429 } = assertNoDoubleSend(posts);
      assert.ok(status5xx >= 2 && status429 >= 1, `faults were injected (${status5xx} × 5xx, ${status429} × 429)`);
      const failedIds = report.items.filter((i) => i.outcome === 'failed').map((i) => i.ref.identityId);
      assert.ok(failedIds.length >= 2, `at least the two scripted 400s failed (${failedIds.length})`);
      const unknownIds = report.items.filter((i) => i.outcome === 'unknown').map((i) => i.ref.identityId);
      assert.ok(unknownIds.length >= 1, 'the injected 5xx left outcome-unknown items');
      await assertSummaryMatchesAudit(h, rec, report);

      // "Retry Failed", clicked now: through the guard again, only the failed identities, one result each.
      const retryMark = await requestMark();
      openGate();
      await h.actions.idle();
      const retryConfirm = rec.confirmations.find((c) => /retry of failed/.test(c.action));
      assert.ok(retryConfirm, 'the retry asked for confirmation');
      assert.deepStrictEqual(retryConfirm.identities.map((r) => r.identityId), failedIds);
      const retryOutcome = h.actions.outcomes.find((o) => o.command === 'retryFailed' && o.reports[0]?.retryOf === report.operationId);
      assert.ok(retryOutcome, 'a retry run');
      const retry = retryOutcome.reports[0];
      assert.deepStrictEqual(retry.items.map((i) => i.ref.identityId), failedIds);
      assert.strictEqual(retry.counts.done, failedIds.length, 'all succeed without faults');
      const retryPosts = (await apiRequestsSince(retryMark)).filter((r) => r.method === 'POST');
      assert.deepStrictEqual(retryPosts.flatMap(idsOf).sort(), [...failedIds].sort(), 'the retry sends exactly the failed identities');
      assert.ok(!retryPosts.flatMap(idsOf).some((id) => unknownIds.includes(id)), 'no outcome-unknown identity is re-sent');
      const retryAudit = await auditFor(h.actions, retry.operationId);
      assert.strictEqual(retryAudit.length, failedIds.length);
      assert.ok(retryAudit.every((a) => a.retryOf === report.operationId && a.outcome === 'done'));
    });
  });

  it('Cancel stops new requests and reports which identities were done', async () => {
    h.actions.resetSyncCooldown();
    const refs = await pickRefs(h.registry, 1900, 60);
    // Without before/after snapshots: their reading would be what the 11th progress report cancels.
    await vscode.workspace.getConfiguration('iscExplorer').update('jobs.snapshotChangesUpTo', 0, vscode.ConfigurationTarget.Global);
    const rec = promptLog(h.actions);
    const mark = await requestMark();
    const outcome = (await h.api.userInput.runWithInputs(['Synchronize 60 Identities'], () => {
      h.api.userInput.cancelProgressAfter(11); // "0/60" + 10 results
      return vscode.commands.executeCommand('iscExplorer.synchronizeAttributes', nodeArg(refs[0]), refs.map(nodeArg));
    })) as ActionOutcome;
    const report = outcome.reports[0];
    assertOneResultEach(report, refs);
    assert.strictEqual(report.cancelled, true);
    assert.ok(report.counts.done >= 10, `${report.counts.done} done`);
    assert.ok(report.counts.cancelled >= 30, `${report.counts.cancelled} cancelled`);
    await sleep(1500);
    const posts = (await apiRequestsSince(mark)).filter((r) => r.method === 'POST');
    const sentIds = new Set(posts.flatMap(idsOf));
    const notSent = report.items.filter((i) => i.error === 'Cancelled before it was sent.');
    assert.ok(notSent.length >= 30);
    for (const item of notSent) assert.ok(!sentIds.has(item.ref.identityId), `${item.ref.identityId} was not sent`);
    for (const item of report.items.filter((i) => i.outcome === 'done')) assert.ok(sentIds.has(item.ref.identityId));
    await vscode.workspace.getConfiguration('iscExplorer').update('jobs.snapshotChangesUpTo', undefined, vscode.ConfigurationTarget.Global);
    const summary = rec.messages.find((m) => m.text.startsWith(report.label))!;
    assert.match(summary.text, /was cancelled after \d+ of 60/);
    await assertSummaryMatchesAudit(h, rec, report);
  });
});
