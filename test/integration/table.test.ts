// The identities table in the real extension host against the simulator (tenant `env`, 2,000 identities). The
// webview really renders in code-server; its `rendered` reports, read back from the DOM it built, are the evidence.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ActionOutcome } from '../../src/commands/actions';
import type { IdentitiesTableApi } from '../../src/commands/tableCommands';
import { displayText } from '../../src/model/identityDisplay';
import type { TableRenderReport } from '../../src/table/protocol';
import { listRequests, simRequests, lastSeq } from './coreSupport';
import type { Handles } from './actionsSupport';
import { ENV_TENANT, handles } from './actionsSupport';
import { CANCEL } from '../../src/testing/testUserInput';
import { answered } from './orderedAnswers';

const TOTAL = 2000;

function painted(report: TableRenderReport): boolean {
  return report.visibleNames.length > 0 && report.placeholders === 0 && report.visibleNames.every((name) => name !== '');
}

async function openTable(table: IdentitiesTableApi): Promise<TableRenderReport> {
  await vscode.commands.executeCommand('iscExplorer.openIdentitiesTable', ENV_TENANT);
  return table.waitForReport(ENV_TENANT, painted, 45_000);
}

async function closeTable(table: IdentitiesTableApi): Promise<void> {
  table.closeAll();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('identities table (extension host)', function () {
  this.timeout(120_000);
  let h: Handles;
  let table: IdentitiesTableApi;

  before(async () => {
    h = await handles();
    table = h.api.table;
  });

  afterEach(async () => {
    await closeTable(table);
  });

  it('opens for a tenant and paints its first rows after one list request (with the count)', async () => {
    const mark = await lastSeq();
    const report = await openTable(table);
    assert.strictEqual(report.total, TOTAL);
    assert.strictEqual(report.rowCount, TOTAL);
    assert.strictEqual(report.mode, 'server');
    assert.ok(report.visibleNames.length >= 5, `${report.visibleNames.length} rows painted`);
    const lists = listRequests(await simRequests(mark));
    assert.strictEqual(lists.length, 1, 'one list request');
    assert.strictEqual(lists[0].query.count, 'true');
    assert.strictEqual(table.listRequests(ENV_TENANT), 1);
    const client = await h.api.services.tenants.getClient(ENV_TENANT);
    const first = await client.listIdentities({ ...table.query(ENV_TENANT), limit: 3 });
    assert.deepStrictEqual(report.visibleNames.slice(0, 3), first.items.map((i) => displayText(i.name, 300)));
  });

  it('starts from the tree\'s filter, sort and default filter, and its own changes leave the tree alone', async () => {
    const before = h.api.services.viewStates.get(ENV_TENANT);
    await h.api.services.viewStates.update(ENV_TENANT, { sorters: '-name', filters: undefined, defaultFilter: 'NONE' });
    try {
      const report = await openTable(table);
      assert.strictEqual(table.query(ENV_TENANT)?.sorters, '-name');
      assert.strictEqual(report.sort, '-name');
      table.simulateWebviewMessage(ENV_TENANT, { type: 'setSort', sorters: 'alias' });
      const sorted = await table.waitForReport(ENV_TENANT, (r) => r.sort === 'alias' && painted(r), 30_000);
      const client = await h.api.services.tenants.getClient(ENV_TENANT);
      const byAlias = await client.listIdentities({ sorters: 'alias', limit: 3 });
      assert.deepStrictEqual(sorted.visibleNames.slice(0, 3), byAlias.items.map((i) => displayText(i.name, 300)));
      assert.strictEqual(h.api.services.viewStates.get(ENV_TENANT).sorters, '-name', 'the tree keeps its sort');
    } finally {
      await h.api.services.viewStates.update(ENV_TENANT, { filters: before.filters, sorters: before.sorters, defaultFilter: before.defaultFilter });
    }
  });

  it('fetches only the page a far scroll lands on, not the pages before it', async () => {
    const report = await openTable(table);
    const mark = await lastSeq();
    const startRequests = table.listRequests(ENV_TENANT);
    table.simulateWebviewMessage(ENV_TENANT, { type: 'requestPages', generation: report.generation, pages: [7] });
    await waitFor(() => table.listRequests(ENV_TENANT) === startRequests + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lists = listRequests(await simRequests(mark));
    assert.strictEqual(lists.length, 1, 'one request');
    assert.strictEqual(lists[0].query.offset, '1750');
    assert.strictEqual(lists[0].query.count, undefined, 'the count is asked once');
    // A request for a page already loaded costs nothing; one for an older query is ignored.
    table.simulateWebviewMessage(ENV_TENANT, { type: 'requestPages', generation: report.generation, pages: [0, 7] });
    table.simulateWebviewMessage(ENV_TENANT, { type: 'requestPages', generation: report.generation - 1, pages: [3] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(table.listRequests(ENV_TENANT), startRequests + 1);
  });

  it('ignores malformed and unknown webview messages', async () => {
    const report = await openTable(table);
    const requests = table.listRequests(ENV_TENANT);
    const query = table.query(ENV_TENANT);
    const columns = table.columns(ENV_TENANT);
    for (const message of [
      null,
      'ready',
      { type: 'eval', code: 'process.exit(1)' },
      { type: 'requestPages', generation: report.generation, pages: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      { type: 'requestPages', generation: report.generation, pages: [-1] },
      { type: 'requestPages', generation: report.generation, pages: ['1'] },
      { type: 'requestPages', generation: report.generation, pages: [1], extra: true },
      { type: 'setSort', sorters: 'email' },
      { type: 'setSort', sorters: 'name; drop' },
      { type: 'runAction', action: 'workbench.action.closeWindow', identityIds: [] },
      { type: 'runAction', action: 'processIdentities', identityIds: ['../../oauth/token'] },
      { type: 'openDetails', identityId: 'x/../y' },
      { type: 'saveColumns', columns: [{ id: 'attr:=cmd', width: 100, visible: true }] },
      { type: 'saveColumns', columns: [{ id: 'name', width: 10_000, visible: true }] },
      { type: 'copyRows', format: 'xlsx', identityIds: [], columns: ['name'] },
      { type: 'rendered', report: { ...report, html: '<b>' } },
    ]) {
      table.simulateWebviewMessage(ENV_TENANT, message);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.strictEqual(table.listRequests(ENV_TENANT), requests, 'no request');
    assert.deepStrictEqual(table.query(ENV_TENANT), query);
    assert.deepStrictEqual(table.columns(ENV_TENANT), columns);
    assert.deepStrictEqual(table.getReport(ENV_TENANT), report);
    assert.ok(table.isOpen(ENV_TENANT));
  });

  it('runs an identity action on the selected rows through the guard (its confirmation names them)', async () => {
    const wasReadOnly = h.registry.get(ENV_TENANT)?.readOnly ?? true;
    await h.registry.setReadOnly(ENV_TENANT, false);
    try {
      await openTable(table);
      const client = await h.api.services.tenants.getClient(ENV_TENANT);
      const query = table.query(ENV_TENANT);
      const rows = (await client.listIdentities({ ...query, limit: 250 })).items.slice(20, 22);
      const previous = h.actions.lastOutcome(); // the list of outcomes is capped: watch its newest entry
      const mark = await lastSeq();
      // The guard's modal is cancelled.
      const { log } = await answered(h, [CANCEL], async () => {
        table.simulateWebviewMessage(ENV_TENANT, { type: 'runAction', action: 'processIdentities', identityIds: rows.map((r) => r.id) });
        await waitFor(() => h.actions.lastOutcome() !== previous, 20_000);
      });
      const outcome = h.actions.lastOutcome() as ActionOutcome;
      assert.strictEqual(outcome.command, 'iscExplorer.processIdentities');
      assert.strictEqual(outcome.status, 'cancelled');
      assert.strictEqual(log.confirmations.length, 1);
      assert.deepStrictEqual(log.confirmations[0].identities.map((r) => r.name), rows.map((r) => r.name), 'names from the API, not from the webview');
      const writes = (await simRequests(mark)).filter((r) => r.method === 'POST' && r.path.startsWith('/v2025/'));
      assert.deepStrictEqual(writes, [], 'cancelled: nothing sent');
    } finally {
      await h.registry.setReadOnly(ENV_TENANT, wasReadOnly);
    }
  });

  it('opens the details panel of a row (Enter / double-click)', async () => {
    await openTable(table);
    const client = await h.api.services.tenants.getClient(ENV_TENANT);
    const row = (await client.listIdentities({ ...table.query(ENV_TENANT), limit: 5 })).items[4];
    table.simulateWebviewMessage(ENV_TENANT, { type: 'openDetails', identityId: row.id });
    const { report } = await h.api.panels.waitForCompletePaint(ENV_TENANT, row.id, 45_000);
    assert.strictEqual(report.name, row.name);
    h.api.panels.closeAll();
  });

  it('copies the selected rows as CSV with a header row', async () => {
    await openTable(table);
    const client = await h.api.services.tenants.getClient(ENV_TENANT);
    const rows = (await client.listIdentities({ ...table.query(ENV_TENANT), limit: 3 })).items;
    await vscode.env.clipboard.writeText('');
    table.simulateWebviewMessage(ENV_TENANT, { type: 'copyRows', format: 'csv', identityIds: rows.map((r) => r.id), columns: ['id', 'name'] });
    await waitFor(async () => (await vscode.env.clipboard.readText()) !== '');
    const text = await vscode.env.clipboard.readText();
    const lines = text.split('\r\n');
    assert.strictEqual(lines[0], 'ID,Name');
    assert.strictEqual(lines.length, rows.length + 2);
    assert.ok(lines[1].startsWith(`${rows[0].id},`));
  });

  it('saves column order, width and visibility per tenant and restores them on the next open', async () => {
    await openTable(table);
    const layout = table.columns(ENV_TENANT) ?? [];
    const next = [{ id: 'email', width: 300, visible: true }, { id: 'name', width: 180, visible: true }, ...layout.filter((c) => c.id !== 'email' && c.id !== 'name').map((c) => ({ ...c, visible: false }))];
    table.simulateWebviewMessage(ENV_TENANT, { type: 'saveColumns', columns: next });
    await waitFor(() => table.columns(ENV_TENANT)?.[0]?.id === 'email');
    await closeTable(table);
    const reopened = await openTable(table);
    assert.deepStrictEqual(reopened.columns, ['email', 'name']);
    table.simulateWebviewMessage(ENV_TENANT, { type: 'saveColumns', columns: layout });
    await waitFor(() => table.columns(ENV_TENANT)?.[0]?.id === layout[0].id);
  });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
