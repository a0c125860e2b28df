// Saved filters of a tenant (extension host, simulator): saved under a name from the tree's query, shown as rows under
// "Saved Filters", applied with one click (the tree loads with that query), renamed, deleted, forgotten with the
// tenant, opened as the identities table without touching the tree's query, and saved from the table's own query.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CoreServices } from '../../src/services';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { TenantInfo } from '../../src/model/tenant';
import type { SavedFilterNode, SavedFiltersNode, TenantNode, TreeNode } from '../../src/tree/nodes';
import type { TableRenderReport } from '../../src/table/protocol';
import { CANCEL } from '../../src/testing/testUserInput';
import { children, coreApi, descriptionOf, identities, labelOf, lastSeq, listRequests, simRequests, simUrl, tenantRoot, waitFor } from './coreSupport';

const ENV = 'env';
const MA_DESC = { filters: 'name sw "Ma"', sorters: '-name', defaultFilter: 'NONE' as const };
const CORRELATED_BY_ALIAS = { filters: undefined, sorters: 'alias', defaultFilter: 'CORRELATED_ONLY' as const };
const CLEAR = { filters: undefined, sorters: undefined, defaultFilter: 'NONE' as const };

function groupOf(nodes: TreeNode[]): SavedFiltersNode | undefined {
  return nodes.find((n): n is SavedFiltersNode => n.kind === 'savedFilters');
}

async function savedRows(api: ExtensionTestHandle, env: TenantNode): Promise<SavedFilterNode[]> {
  const group = groupOf(await children(api, env));
  assert.ok(group, 'the tenant shows a "Saved Filters" row');
  return (await children(api, group)).filter((n): n is SavedFilterNode => n.kind === 'savedFilter');
}

async function rowNamed(api: ExtensionTestHandle, env: TenantNode, name: string): Promise<SavedFilterNode> {
  const rows = await savedRows(api, env);
  const row = rows.find((n) => labelOf(api.tree.getTreeItem(n)) === name);
  assert.ok(row, `a row "${name}" among ${rows.map((n) => n.saved.name).join(', ')}`);
  return row;
}

function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

async function saveAs(name: string, extra: Record<string, unknown> = {}): Promise<unknown> {
  return vscode.commands.executeCommand('iscExplorer.saveFilter', { tenantId: ENV, name, ...extra });
}

describe('saved filters (extension host, simulator)', function () {
  this.timeout(120_000);
  let api: ExtensionTestHandle;
  let services: CoreServices;
  let env: TenantNode;

  before(async () => {
    ({ api, services } = await coreApi());
    env = tenantRoot(api, ENV);
    await services.savedFilters.delete(ENV);
    await services.viewStates.update(ENV, CLEAR);
  });

  afterEach(async () => {
    api.table.closeAll();
    await services.savedFilters.delete(ENV);
    await services.viewStates.update(ENV, CLEAR);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows no "Saved Filters" row while the tenant has none', async () => {
    assert.strictEqual(groupOf(await children(api, env)), undefined);
  });

  it('saves the tree\'s filter, sort and default filter under a name, as a row under "Saved Filters" first', async () => {
    await services.viewStates.update(ENV, MA_DESC);
    assert.strictEqual(await saveAs('  Ma,  newest first '), 'Ma, newest first');
    const tenantChildren = await children(api, env);
    assert.strictEqual(tenantChildren[0]?.kind, 'savedFilters', 'the group is the first row under the tenant');
    const group = api.tree.getTreeItem(tenantChildren[0]);
    assert.strictEqual(group.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const [row] = await savedRows(api, env);
    assert.deepStrictEqual(row.saved, { name: 'Ma, newest first', ...{ filters: MA_DESC.filters, sorters: MA_DESC.sorters }, defaultFilter: 'NONE' });
    const stored = services.context.globalState.get<Record<string, unknown>>('iscExplorer.savedFilters');
    assert.deepStrictEqual(stored?.[ENV], [{ name: 'Ma, newest first', filters: MA_DESC.filters, sorters: MA_DESC.sorters, defaultFilter: 'NONE' }], 'persisted in globalState');
  });

  it('applies a saved filter on click: the tree\'s query changes and its first request carries the filter and sort', async () => {
    await services.viewStates.update(ENV, MA_DESC);
    await saveAs('Ma descending');
    await services.viewStates.update(ENV, CLEAR);
    assert.ok(identities(await children(api, env)).length > 0, 'the unfiltered list is loaded');
    const row = await rowNamed(api, env, 'Ma descending');
    const click = api.tree.getTreeItem(row).command;
    assert.ok(click, 'the row has a click command');
    assert.strictEqual(click.command, 'iscExplorer.applySavedFilter');

    const seq = await lastSeq();
    await vscode.commands.executeCommand(click.command, ...(click.arguments ?? []));
    assert.deepStrictEqual(api.tree.pagerQuery(ENV), MA_DESC, 'the pager starts over with the saved query');
    const rows = identities(await children(api, env));
    const names = rows.map((n) => n.row.name.toLowerCase());
    assert.ok(names.length > 0 && names.every((name) => name.startsWith('ma')), 'every row starts with "Ma"');
    assert.deepStrictEqual(names, [...names].sort().reverse(), 'descending by name');
    const [first] = listRequests(await simRequests(seq));
    assert.ok(first, 'the tree asked for its first page');
    assert.strictEqual(first.query.filters, MA_DESC.filters);
    assert.strictEqual(first.query.sorters, MA_DESC.sorters);
    assert.strictEqual(first.query.offset, '0');
    assert.match(descriptionOf(api.tree.getTreeItem(env)), /filter: name sw "Ma".*sort: name ↓/);
  });

  it('marks the saved filter the tree lists as active, and only that one', async () => {
    await services.viewStates.update(ENV, MA_DESC);
    await saveAs('Ma');
    await services.viewStates.update(ENV, CORRELATED_BY_ALIAS);
    await saveAs('Correlated');
    const item = (name: string) => rowNamed(api, env, name).then((n) => api.tree.getTreeItem(n));
    assert.match(descriptionOf(await item('Correlated')), /^active/);
    assert.strictEqual(iconId(await item('Correlated')), 'check');
    assert.doesNotMatch(descriptionOf(await item('Ma')), /active/);
    await vscode.commands.executeCommand('iscExplorer.applySavedFilter', { tenantId: ENV, name: 'ma' });
    assert.match(descriptionOf(await item('Ma')), /^active/);
    assert.strictEqual(iconId(await item('Correlated')), 'filter');
    assert.deepStrictEqual(services.viewStates.get(ENV), { filters: MA_DESC.filters, sorters: MA_DESC.sorters, defaultFilter: 'NONE' });
  });

  it('keeps a second saved filter of the same name (in any case) out unless replacing it is confirmed', async () => {
    await services.viewStates.update(ENV, MA_DESC);
    await saveAs('Locked');
    await services.viewStates.update(ENV, CORRELATED_BY_ALIAS);
    assert.strictEqual(await saveAs('LOCKED', { overwrite: false }), undefined, 'declined: nothing saved');
    assert.deepStrictEqual(services.savedFilters.list(ENV), [{ name: 'Locked', filters: MA_DESC.filters, sorters: MA_DESC.sorters, defaultFilter: 'NONE' }]);
    assert.strictEqual(await saveAs('LOCKED', { overwrite: true }), 'LOCKED');
    assert.deepStrictEqual(services.savedFilters.list(ENV), [{ name: 'LOCKED', sorters: 'alias', defaultFilter: 'CORRELATED_ONLY' }]);
  });

  it('asks for the name, and before replacing one of the same name, whether to replace it', async () => {
    await services.viewStates.update(ENV, MA_DESC);
    const input = api.userInput;
    assert.strictEqual(await input.runWithInputs(['Asked'], () => vscode.commands.executeCommand('iscExplorer.saveFilter', ENV)), 'Asked');
    await services.viewStates.update(ENV, CORRELATED_BY_ALIAS);
    assert.strictEqual(await input.runWithInputs(['asked', CANCEL], () => vscode.commands.executeCommand('iscExplorer.saveFilter', ENV)), undefined, 'the replace modal cancelled');
    assert.deepStrictEqual(services.savedFilters.list(ENV), [{ name: 'Asked', filters: MA_DESC.filters, sorters: MA_DESC.sorters, defaultFilter: 'NONE' }]);
    assert.strictEqual(await input.runWithInputs(['asked', 'Replace'], () => vscode.commands.executeCommand('iscExplorer.saveFilter', ENV)), 'asked');
    assert.deepStrictEqual(services.savedFilters.list(ENV), [{ name: 'asked', sorters: 'alias', defaultFilter: 'CORRELATED_ONLY' }]);
    assert.deepStrictEqual(input.prompts.filter((p) => p.kind === 'modal').at(-1)?.buttons, ['Replace']);
  });

  it('refuses a name with direction or control characters, and saves nothing', async () => {
    assert.strictEqual(await saveAs('evil\u202Egnp'), undefined);
    assert.deepStrictEqual(services.savedFilters.list(ENV), []);
  });

  it('shows a command\'s failure once, through the user input, as an error message with Show Log', async () => {
    const mark = api.userInput.prompts.length;
    assert.strictEqual(await saveAs('evil\u202Egnp'), undefined);
    const shown = api.userInput.prompts.slice(mark).filter((p) => p.kind === 'message' && p.level === 'error');
    assert.deepStrictEqual(shown.map((p) => p.buttons), [['Show Log']]);
    assert.match(shown[0].text ?? '', /visible characters only/);
  });

  it('renames a saved filter, refusing a name another saved filter has', async () => {
    await saveAs('Everyone');
    await services.viewStates.update(ENV, MA_DESC);
    await saveAs('Ma');
    const row = await rowNamed(api, env, 'Ma');
    assert.strictEqual(await vscode.commands.executeCommand('iscExplorer.renameSavedFilter', row, { newName: 'everyone' }), undefined);
    assert.deepStrictEqual(services.savedFilters.list(ENV).map((s) => s.name), ['Everyone', 'Ma']);
    assert.strictEqual(await vscode.commands.executeCommand('iscExplorer.renameSavedFilter', row, { newName: 'Names with Ma' }), 'Names with Ma');
    const renamed = await rowNamed(api, env, 'Names with Ma');
    assert.deepStrictEqual(renamed.saved, { name: 'Names with Ma', filters: MA_DESC.filters, sorters: MA_DESC.sorters, defaultFilter: 'NONE' }, 'the query stays');
  });

  it('deletes a saved filter from its row, and the group goes with the last one', async () => {
    await saveAs('One');
    await saveAs('Two');
    await vscode.commands.executeCommand('iscExplorer.deleteSavedFilter', await rowNamed(api, env, 'One'));
    assert.deepStrictEqual((await savedRows(api, env)).map((n) => n.saved.name), ['Two']);
    await vscode.commands.executeCommand('iscExplorer.deleteSavedFilter', { tenantId: ENV, name: 'two' });
    assert.strictEqual(groupOf(await children(api, env)), undefined);
    assert.strictEqual(services.context.globalState.get<Record<string, unknown>>('iscExplorer.savedFilters')?.[ENV], undefined);
  });

  it('forgets the saved filters of a removed tenant', async () => {
    const added = await vscode.commands.executeCommand<TenantInfo | undefined>('iscExplorer.addTenant', {
      baseUrl: simUrl().replace('127.0.0.1', 'localhost'),
      clientId: process.env.ISC_SIM_CLIENT_ID ?? '',
      clientSecret: process.env.ISC_SIM_CLIENT_SECRET ?? '',
      label: 'Tenant with saved filters',
      verify: false,
    });
    assert.ok(added, 'the tenant was added');
    let removed = false;
    try {
      await vscode.commands.executeCommand('iscExplorer.saveFilter', { tenantId: added.id, name: 'Kept until removal' });
      assert.strictEqual(services.savedFilters.list(added.id).length, 1);
      removed = (await vscode.commands.executeCommand('iscExplorer.removeTenant', added.id, { confirm: false })) === true;
      assert.ok(removed, 'the tenant was removed');
      assert.deepStrictEqual(services.savedFilters.list(added.id), []);
      assert.strictEqual(services.context.globalState.get<Record<string, unknown>>('iscExplorer.savedFilters')?.[added.id], undefined);
    } finally {
      if (!removed) await vscode.commands.executeCommand('iscExplorer.removeTenant', added.id, { confirm: false });
    }
  });

  it('opens the identities table from a saved filter row with its query, leaving the tree\'s query alone', async () => {
    await services.viewStates.update(ENV, MA_DESC);
    await saveAs('Ma');
    await services.viewStates.update(ENV, CORRELATED_BY_ALIAS);
    await children(api, env);
    const seq = await lastSeq();
    await vscode.commands.executeCommand('iscExplorer.openIdentitiesTable', await rowNamed(api, env, 'Ma'));
    const painted = (r: TableRenderReport) => r.visibleNames.length > 0 && r.placeholders === 0;
    const report = await api.table.waitForReport(ENV, painted, 45_000);
    assert.deepStrictEqual(api.table.query(ENV), MA_DESC);
    assert.ok(report.visibleNames.every((name) => name.toLowerCase().startsWith('ma')), 'the table lists the saved filter');
    assert.deepStrictEqual(services.viewStates.get(ENV), { sorters: 'alias', defaultFilter: 'CORRELATED_ONLY' }, 'the tree keeps its view state');
    assert.deepStrictEqual(api.tree.pagerQuery(ENV), CORRELATED_BY_ALIAS, 'the tree keeps its query');
    const sent = listRequests(await simRequests(seq));
    assert.ok(sent.length > 0 && sent.every((r) => r.query.filters === MA_DESC.filters), 'only the table asked, with the saved filter');
  });

  it('saves the table\'s own query as a saved filter of its tenant from the table\'s Save Filter… button, leaving the tree\'s query alone', async () => {
    await services.viewStates.update(ENV, CORRELATED_BY_ALIAS);
    await children(api, env);
    await vscode.commands.executeCommand('iscExplorer.openIdentitiesTable', ENV);
    await api.table.waitForReport(ENV, (r) => r.visibleNames.length > 0);
    api.table.simulateWebviewMessage(ENV, { type: 'setDefaultFilter', value: 'NONE' });
    api.table.simulateWebviewMessage(ENV, { type: 'setSort', sorters: '-name' });
    assert.deepStrictEqual(api.table.query(ENV), { filters: undefined, sorters: '-name', defaultFilter: 'NONE' });
    await api.userInput.runWithInputs(['From the table'], async () => {
      api.table.simulateWebviewMessage(ENV, { type: 'saveFilter' });
      await waitFor('the saved filter', () => services.savedFilters.get(ENV, 'From the table'));
    });
    assert.deepStrictEqual(services.savedFilters.list(ENV), [{ name: 'From the table', sorters: '-name', defaultFilter: 'NONE' }]);
    assert.match(api.userInput.asked('inputBox').at(-1)?.text ?? '', /sort: /, 'the name prompt says what the table lists');
    assert.deepStrictEqual(services.viewStates.get(ENV), { sorters: 'alias', defaultFilter: 'CORRELATED_ONLY' }, 'the tree keeps its view state');
    assert.deepStrictEqual(api.tree.pagerQuery(ENV), CORRELATED_BY_ALIAS, 'the tree keeps its query');
    assert.ok(await rowNamed(api, env, 'From the table'), 'the new saved filter is a row under "Saved Filters"');
  });
});
