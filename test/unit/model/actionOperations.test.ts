// The vscode-free parts of the identity actions: what each operation sends, per-identity results, the sync cooldown,
// and the texts (summary, details markdown, message sanitising).
import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { IscApiError } from '../../../src/api/errors';
import type { IscClient } from '../../../src/api/iscClient';
import { AuditLog } from '../../../src/model/auditLog';
import type { IdentityRef } from '../../../src/model/identityRef';
import { executeOperation, processOperation, resetOperation, synchronizeOperation } from '../../../src/model/actions/operations';
import { SyncCooldown } from '../../../src/model/actions/syncCooldown';
import { displayName, markdownCell, plainMessageText, reportMarkdown, summaryText } from '../../../src/model/actions/report';

const refs = (n: number): IdentityRef[] => Array.from({ length: n }, (_, i) => ({ tenantId: 't', identityId: `id${i}`, name: `Name ${i}` }));
const tenant = { id: 't', label: 'Acme', clientId: 'client-1' };

describe('identity action operations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ops-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('process sends at most 250 ids per call, gives every identity the task id of its chunk, and marks a chunk answered 500 outcome unknown', async () => {
    const calls: string[][] = [];
    const client = {
      processIdentities: async (ids: string[]) => {
        calls.push(ids);
        if (calls.length === 2) return [{ ids, error: new IscApiError({ kind: 'server', status: 500, operation: 'start-identity-processing', message: 'Process identities failed (500): boom' }) }];
        return [{ ids, task: { id: `task-${calls.length}`, type: 'TASK_RESULT' } }];
      },
    } as unknown as IscClient;
    const audit = new AuditLog(path.join(dir, 'audit.jsonl'));
    const report = await executeOperation({ ...processOperation(), concurrency: 1 }, refs(600), { client, tenant, audit });
    assert.deepStrictEqual(calls.map((c) => c.length), [250, 250, 100]);
    assert.deepStrictEqual(report.counts, { done: 350, failed: 0, unknown: 250, cancelled: 0, skipped: 0 });
    assert.strictEqual(report.items[0].jobId, 'task-1');
    assert.strictEqual(report.items[300].httpStatus, 500);
    assert.match(report.items[300].error ?? '', /\(500\): boom/);
    assert.strictEqual(report.requests, 3);
    const lines = await audit.readEntries();
    assert.strictEqual(lines.length, 600);
    assert.ok(lines.every((l) => l.operationId === report.operationId && l.clientId === 'client-1' && l.tenantLabel === 'Acme'));
    assert.strictEqual(lines.filter((l) => l.outcome === 'unknown').length, 250);
  });

  it('reset reports cancelled identities that were never sent', async () => {
    const controller = new AbortController();
    let sent = 0;
    const client = {
      resetIdentity: async () => {
        if (++sent === 3) controller.abort();
      },
    } as unknown as IscClient;
    const report = await executeOperation({ ...resetOperation(), concurrency: 1 }, refs(10), { client, tenant, signal: controller.signal });
    assert.strictEqual(sent, 3);
    assert.strictEqual(report.counts.done, 3);
    assert.strictEqual(report.counts.cancelled, 7);
    assert.strictEqual(report.items[9].error, 'Cancelled before it was sent.');
    assert.match(summaryText(report), /was cancelled after 3 of 10: 3 done, 7 cancelled/);
  });

  it('synchronize waits for the once-per-10-s allowance of the same identity', async () => {
    let now = 1_000_000;
    const cooldown = new SyncCooldown(10_000, () => now, 0, async (ms) => {
      now += ms; // the fake clock moves while we "wait"
    });
    const times: number[] = [];
    const client = {
      synchronizeAttributes: async (id: string) => {
        times.push(now);
        return { id: `job-${id}`, status: 'QUEUED', payload: { type: 'SYNC', dataJson: '{}' } };
      },
    } as unknown as IscClient;
    const waits: number[] = [];
    const operation = synchronizeOperation(cooldown, 't', (_ref, ms) => waits.push(ms));
    const [ref] = refs(1);
    const first = await executeOperation(operation, [ref], { client, tenant });
    assert.strictEqual(first.items[0].jobId, 'job-id0');
    now += 3_000;
    assert.strictEqual(cooldown.waitMs('t', 'id0'), 7_000);
    assert.strictEqual(cooldown.waitMs('other-tenant', 'id0'), 0, 'per tenant');
    await executeOperation(operation, [ref], { client, tenant });
    assert.deepStrictEqual(waits.slice(0, 1), [7_000]);
    assert.ok(times[1] - times[0] >= 10_000);
  });

  it('texts: names are flattened, markdown cells escaped, links in messages defused', () => {
    assert.strictEqual(displayName('a\u202Eb\nc   d'), 'a b c d');
    assert.strictEqual(displayName('x'.repeat(100)).length, 60);
    assert.strictEqual(markdownCell('<img src=x onerror=alert(1)> | [a](command:x)'), '\\<img src=x onerror=alert\\(1\\)\\> \\| \\[a\\]\\(command\\:x\\)');
    assert.strictEqual(markdownCell('evil.com a@b.com http://x'), 'evil\\.com a\\@b\\.com http\\://x', 'no bare address the preview would linkify');
    assert.strictEqual(plainMessageText('Delete [me](command:workbench.action.terminal.new)'), 'Delete [me] (command:workbench.action.terminal.new)');
  });

  it('the details document has one escaped row per identity', async () => {
    const hostile: IdentityRef = { tenantId: 't', identityId: 'h', name: '</script><script>alert(1)</script>|x' };
    const client = { resetIdentity: async () => undefined } as unknown as IscClient;
    const report = await executeOperation(resetOperation(), [hostile, ...refs(2)], { client, tenant });
    const markdown = reportMarkdown(report);
    const rows = markdown.split('\n').filter((line) => /^\| \d+ \|/.test(line));
    assert.strictEqual(rows.length, 3);
    assert.ok(!markdown.includes('<script>'));
    assert.ok(rows[0].includes('\\<\\/script\\>') || rows[0].includes('\\</script\\>'));
    assert.strictEqual(rows[0].split(' | ').length, 7, 'the pipe in the name does not add a column');
  });
});
