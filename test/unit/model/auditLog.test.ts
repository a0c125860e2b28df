import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AuditLog, sanitizeAuditEntry } from '../../../src/model/auditLog';
import type { AuditEntryInput } from '../../../src/model/auditLog';
import { registerSecret, forgetSecret } from '../../../src/util/redact';

function entry(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    operationId: 'op-1',
    tenantId: 'env',
    tenantLabel: 'Environment',
    clientId: 'sim-demo-client',
    action: 'resetIdentity',
    identityId: 'a'.repeat(32),
    identityName: 'Alice',
    httpStatus: 202,
    outcome: 'done',
    jobId: null,
    error: null,
    ...overrides,
  };
}

describe('auditLog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates the folder and appends one JSON line per entry', async () => {
    const log = new AuditLog(path.join(dir, 'nested', 'audit.jsonl'));
    await log.append(entry(), entry({ identityName: 'Bob', outcome: 'failed', httpStatus: 500, error: 'Server error' }));
    const text = await fs.readFile(log.filePath, 'utf8');
    const lines = text.split('\n');
    assert.strictEqual(lines.length, 3);
    assert.strictEqual(lines[2], '');
    const second = JSON.parse(lines[1]);
    assert.strictEqual(second.identityName, 'Bob');
    assert.strictEqual(second.outcome, 'failed');
    assert.strictEqual(second.httpStatus, 500);
    assert.match(second.time, /^\d{4}-\d\d-\d\dT/);
  });

  it('only ever appends: earlier content survives new instances and many concurrent writes', async () => {
    const file = path.join(dir, 'audit.jsonl');
    await fs.writeFile(file, '{"kept":"from an earlier session"}\n');
    const log = new AuditLog(file);
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append(entry({ identityName: `n${i}` }))));
    const again = new AuditLog(file); // e.g. after a restart
    await again.append(entry({ identityName: 'after restart' }));
    const lines = (await again.readText()).trim().split('\n');
    assert.strictEqual(lines.length, 202);
    assert.strictEqual(lines[0], '{"kept":"from an earlier session"}');
    for (const line of lines) JSON.parse(line); // no torn lines
    const names = (await again.readEntries()).map((e) => e.identityName).filter(Boolean);
    assert.deepStrictEqual(names.slice(0, 200), Array.from({ length: 200 }, (_, i) => `n${i}`), 'order kept');
    assert.strictEqual(names[200], 'after restart');
  });

  it('opens the file in append mode only (the source never writes it any other way)', async () => {
    const source = await fs.readFile(path.join(__dirname, '../../../../src/model/auditLog.ts'), 'utf8');
    assert.ok(source.includes("flag: 'a'"));
    assert.ok(!/\bwriteFile\b|\btruncate\b|\bunlink\b|\brm\(/.test(source), 'no rewrite/truncate/delete in auditLog.ts');
  });

  it('redacts tokens, registered secrets and secret-looking fields in every string', async () => {
    registerSecret('sup3r-s3cret-value');
    try {
      const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
      const log = new AuditLog(path.join(dir, 'audit.jsonl'));
      await log.append(
        entry({
          error: `401 for Bearer abc.def.ghi with client_secret=sup3r-s3cret-value and ${jwt} {"access_token":"xyz"}`,
          identityName: 'name with sup3r-s3cret-value inside',
          jobId: 'job-1',
        }),
      );
      const text = await log.readText();
      assert.ok(!text.includes('sup3r-s3cret-value'));
      assert.ok(!text.includes(jwt));
      assert.ok(!text.includes('abc.def.ghi'));
      assert.ok(!text.includes('xyz'));
      assert.ok(text.includes('[REDACTED]'));
      assert.strictEqual((await log.readEntries())[0].jobId, 'job-1');
    } finally {
      forgetSecret('sup3r-s3cret-value');
    }
  });

  it('bounds huge values and keeps the fixed set of fields', () => {
    const clean = sanitizeAuditEntry(entry({ identityName: 'x'.repeat(100_000), error: undefined as unknown as null }));
    assert.ok(clean.identityName.length < 2100);
    assert.strictEqual(clean.error, null);
    assert.deepStrictEqual(Object.keys(clean).sort(), [
      'action', 'clientId', 'error', 'httpStatus', 'identityId', 'identityName', 'jobId', 'operationId', 'outcome', 'tenantId', 'tenantLabel', 'time',
    ]);
  });

  it('reads the tail of a big log from a line start', async () => {
    const log = new AuditLog(path.join(dir, 'audit.jsonl'));
    await log.append(...Array.from({ length: 50 }, (_, i) => entry({ identityName: `n${i}` })));
    const all = await log.readTail(1_000_000);
    assert.strictEqual(all.truncated, false);
    assert.strictEqual(all.text.trim().split('\n').length, 50);
    const tail = await log.readTail(1000);
    assert.strictEqual(tail.truncated, true);
    const lines = tail.text.trim().split('\n');
    assert.ok(lines.length >= 1 && lines.length < 50);
    for (const line of lines) JSON.parse(line);
    assert.strictEqual(JSON.parse(lines[lines.length - 1]).identityName, 'n49');
    assert.deepStrictEqual(await new AuditLog(path.join(dir, 'none.jsonl')).readTail(10), { text: '', truncated: false, size: 0 });
  });

  it('does not throw when the file cannot be written, and remembers the error', async () => {
    const blocker = path.join(dir, 'file');
    await fs.writeFile(blocker, 'x');
    const log = new AuditLog(path.join(blocker, 'audit.jsonl')); // parent is a file
    await log.append(entry());
    assert.ok(log.writeError);
  });
});
