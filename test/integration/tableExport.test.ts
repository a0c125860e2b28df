// "Export Identities…" in the real extension host against the simulator (tenant `env`, 2,000 identities): the
// file, its columns and formats, cancel, a 429 storm, a failure with a kept partial file, and resume.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import type { ExportOutcome } from '../../src/table/export/exportRunner';
import type { IdentitiesTableApi } from '../../src/commands/tableCommands';
import { setFaults } from './coreSupport';
import type { Handles } from './actionsSupport';
import { ENV_TENANT, handles } from './actionsSupport';

const TOTAL = 2000;
const COMMAND = 'iscExplorer.exportIdentities';

function exportTo(target: string, extra: Record<string, unknown> = {}): Thenable<ExportOutcome> {
  return vscode.commands.executeCommand<ExportOutcome>(COMMAND, {
    tenantId: ENV_TENANT,
    query: { defaultFilter: 'NONE' },
    columns: ['id', 'name', 'email', 'identityStatus', 'attr:department', 'attr:cloudLifecycleState'],
    format: 'csv',
    target,
    ...extra,
  });
}

function readCsv(file: string): string[][] {
  return parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
}

function assertEveryIdOnce(ids: string[], expected: number): void {
  assert.strictEqual(ids.length, expected, 'rows');
  assert.strictEqual(new Set(ids).size, expected, 'distinct ids');
}

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('identities export (extension host)', function () {
  this.timeout(180_000);
  let h: Handles;
  let table: IdentitiesTableApi;
  let dir: string;

  before(async () => {
    h = await handles();
    table = h.api.table;
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-export-it-'));
  });

  afterEach(async () => {
    await setFaults({});
    table.cancelExports();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('from the palette, asks which identities, columns, format and file, and writes what was answered', async () => {
    const target = path.join(dir, 'asked.jsonl');
    const input = h.api.userInput;
    input.clearLog();
    const outcome = await input.runWithInputs(['Type a filter…', 'name sw "Ma"', ['ID', 'Name'], 'JSON Lines', target], () =>
      vscode.commands.executeCommand<ExportOutcome>(COMMAND, { tenantId: ENV_TENANT }),
    );
    assert.strictEqual(outcome.status, 'completed');
    assert.deepStrictEqual(input.prompts.filter((p) => p.kind !== 'message').map((p) => p.kind), ['quickPick', 'inputBox', 'quickPickMany', 'quickPick', 'saveDialog']);
    const records = fs.readFileSync(target, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.strictEqual(records.length, outcome.written);
    assert.ok(records.length > 0 && records.every((r) => typeof r.name === 'string' && /^ma/i.test(r.name)), 'only the filtered identities');
  });

  it('writes every identity once to a CSV file with the chosen columns, header first, and no partial file left', async () => {
    const target = path.join(dir, 'all.csv');
    const outcome = await exportTo(target);
    assert.strictEqual(outcome.status, 'completed');
    assert.strictEqual(outcome.written, TOTAL);
    assert.strictEqual(outcome.total, TOTAL);
    const rows = readCsv(target);
    assert.deepStrictEqual(rows[0], ['ID', 'Name', 'Email', 'Identity status', 'department', 'cloudLifecycleState']);
    assertEveryIdOnce(rows.slice(1).map((r) => r[0]), TOTAL);
    assert.ok(rows.slice(1).every((r) => r.length === 6));
    assert.ok(rows.slice(1).some((r) => r[4] !== ''), 'attribute values are exported');
    assert.ok(!fs.existsSync(`${target}.partial`));
    assert.strictEqual(fs.readFileSync(target).subarray(0, 3).toString('hex') === 'efbbbf', false, 'no BOM unless asked');
  });

  it('writes JSON Lines of a filtered query, and a CSV for Excel starts with a byte order mark', async () => {
    const client = await h.api.services.tenants.getClient(ENV_TENANT);
    const filters = 'name sw "A"';
    const expected = (await client.listIdentities({ filters, count: true, limit: 1 })).total ?? -1;
    const jsonl = path.join(dir, 'a.jsonl');
    const outcome = await exportTo(jsonl, { format: 'jsonl', query: { filters, defaultFilter: 'NONE' }, columns: ['id', 'name', 'attr:department'] });
    assert.strictEqual(outcome.status, 'completed');
    const records = fs.readFileSync(jsonl, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; name: string; attributes: { department: unknown } });
    assertEveryIdOnce(records.map((r) => r.id), expected);
    assert.ok(records.every((r) => r.name.startsWith('A') && 'department' in r.attributes));

    const excel = path.join(dir, 'excel.csv');
    assert.strictEqual((await exportTo(excel, { bom: true, query: { filters, defaultFilter: 'NONE' } })).status, 'completed');
    assert.strictEqual(fs.readFileSync(excel).subarray(0, 3).toString('hex'), 'efbbbf');
  });

  it('keeps every identity exactly once through a 429 storm mid-export', async () => {
    await setFaults({ rate429: 0.3 });
    const target = path.join(dir, 'storm.csv');
    const outcome = await exportTo(target);
    assert.strictEqual(outcome.status, 'completed');
    assertEveryIdOnce(readCsv(target).slice(1).map((r) => r[0]), TOTAL);
  });

  it('removes the partial file when cancelled', async () => {
    await setFaults({ latencyMs: 300 });
    const target = path.join(dir, 'cancelled.csv');
    const running = exportTo(target);
    await waitFor(() => table.exportProgress().some((p) => (p.progress?.written ?? 0) >= 250));
    assert.ok(fs.existsSync(`${target}.partial`), 'the rows so far are in the partial file');
    table.cancelExports();
    const outcome = await running;
    assert.strictEqual(outcome.status, 'cancelled');
    assert.deepStrictEqual(fs.readdirSync(dir), [], 'neither the file nor the partial file is left');
    assert.ok(!table.interruptedExports().some((e) => e.target === target));
  });

  it('reports its progress through the user input, whose Cancel stops the export', async () => {
    await setFaults({ latencyMs: 150 });
    const input = h.api.userInput;
    const mark = input.progress.length;
    input.cancelProgressAfter(2);
    const outcome = await exportTo(path.join(dir, 'notified.csv'));
    const record = input.progress.slice(mark).find((p) => p.title.startsWith('Exporting identities of'));
    assert.ok(record && record.reports.length >= 2, 'the export reported its progress');
    assert.strictEqual(outcome.status, 'cancelled');
  });

  it('keeps the partial file of a failed export and resumes it from the last complete page', async () => {
    await setFaults({ latencyMs: 150 });
    const target = path.join(dir, 'resumed.csv');
    const running = exportTo(target);
    await waitFor(() => table.exportProgress().some((p) => (p.progress?.written ?? 0) >= 500));
    // Every list request fails from now on (beyond the client's retries).
    await setFaults({ failNext: { status: 500, count: 1000, pathIncludes: '/v2025/identities' } });
    const failed = await running;
    assert.strictEqual(failed.status, 'failed');
    assert.ok(failed.partialPath && fs.existsSync(failed.partialPath), 'the partial file is kept');
    assert.ok(!fs.existsSync(target), 'nothing under the chosen name');
    const entry = table.interruptedExports().find((e) => e.id === failed.id);
    assert.ok(entry, 'the export can be resumed');
    assert.ok(entry.checkpoint.written >= 500 && entry.checkpoint.written < TOTAL);

    await setFaults({});
    const resumed = await vscode.commands.executeCommand<ExportOutcome>(COMMAND, { resume: failed.id });
    assert.strictEqual(resumed.status, 'completed');
    assert.strictEqual(resumed.written, TOTAL);
    const rows = readCsv(target);
    assert.strictEqual(rows.filter((r) => r[0] === 'ID').length, 1, 'one header');
    assertEveryIdOnce(rows.slice(1).map((r) => r[0]), TOTAL);
    assert.ok(!fs.existsSync(`${target}.partial`));
    assert.ok(!table.interruptedExports().some((e) => e.id === failed.id));
  });

  it('exports from the table with its query and visible columns (prompts answered by the request)', async () => {
    await vscode.commands.executeCommand('iscExplorer.openIdentitiesTable', ENV_TENANT);
    await table.waitForReport(ENV_TENANT, (r) => r.visibleNames.length > 0 && r.placeholders === 0, 45_000);
    table.simulateWebviewMessage(ENV_TENANT, { type: 'setSort', sorters: '-name' });
    await waitFor(() => table.query(ENV_TENANT)?.sorters === '-name');
    const visible = (table.columns(ENV_TENANT) ?? []).filter((c) => c.visible).map((c) => c.id);
    const target = path.join(dir, 'from-table.csv');
    const outcome = await exportTo(target, { query: table.query(ENV_TENANT), columns: visible });
    assert.strictEqual(outcome.status, 'completed');
    const rows = readCsv(target);
    assert.strictEqual(rows[0].length, visible.length);
    const client = await h.api.services.tenants.getClient(ENV_TENANT);
    const expected = (await client.listIdentities({ sorters: '-name', limit: 3 })).items.map((i) => i.name);
    assert.deepStrictEqual(rows.slice(1, 4).map((r) => r[visible.indexOf('name')]), expected, 'in the table\'s order (name descending)');
    table.closeAll();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
