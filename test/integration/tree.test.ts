// The "Identities" tree against the simulator (environment tenant): paging, load more, placeholders, nodes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import { eq } from '../../src/api/filters';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { CoreServices } from '../../src/services';
import type { TenantNode } from '../../src/tree/nodes';
import type { TenantInfo } from '../../src/model/tenant';
import {
  children, coreApi, descriptionOf, identities, isPlaceholder, labelOf, lastSeq, listRequests, placeholders, roleAssignments, simRequests, simUrl,
  tenantRoot, waitFor,
} from './coreSupport';

const ENV = 'env';

async function setFilter(filters: string | undefined): Promise<void> {
  await vscode.commands.executeCommand('iscExplorer.filter', ENV, { filters: filters ?? '' });
}

/** Resolves at the provider's next onDidChangeTreeData. */
function nextRedraw(api: ExtensionTestHandle): Promise<void> {
  return new Promise<void>((resolve) => {
    const subscription = api.tree.onDidChangeTreeData(() => {
      subscription.dispose();
      resolve();
    });
  });
}

describe('tree: environment tenant (extension host, simulator)', function () {
  this.timeout(120_000);
  let api: ExtensionTestHandle;
  let services: CoreServices;
  let env: TenantNode;

  before(async () => {
    ({ api, services } = await coreApi());
    env = tenantRoot(api, ENV);
    await services.viewStates.update(ENV, { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
  });

  after(async () => {
    await services.viewStates.update(ENV, { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
  });

  it('has the environment tenant as a root, and fetches nothing until it is expanded', async () => {
    const roots = await children(api);
    assert.ok(roots.includes(env));
    const info = services.tenants.get(ENV);
    assert.ok(info);
    assert.strictEqual(info.baseUrl, simUrl());
    const item = await api.tree.getTreeItem(env);
    assert.strictEqual(item.contextValue, info.readOnly ? 'tenant.readOnly' : 'tenant.writable');
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    api.tree.refreshAll();
    const seq = await lastSeq();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepStrictEqual(listRequests(await simRequests(seq)), [], 'no list-identities request without an expand');
  });

  it('lists 250 identities per page, then "Load more… (loaded/total)" up to 1,000 rows: no duplicate, each page once', async () => {
    const client = await services.tenants.getClient(ENV);
    const expectedTotal = (await client.listIdentities({ count: true, limit: 1, defaultFilter: 'NONE' })).total;
    assert.ok(expectedTotal && expectedTotal > 1000);
    await api.tree.refresh(env);
    const seq = await lastSeq();
    const started = Date.now();
    let kids = await children(api, env);
    const firstPageMs = Date.now() - started;
    assert.strictEqual(identities(kids).length, 250);
    const loadMore = kids[kids.length - 1];
    assert.ok(isPlaceholder(loadMore, 'loadMore'));
    assert.strictEqual(labelOf(await api.tree.getTreeItem(loadMore)), `Load more… (250/${expectedTotal})`);
    const firstRequests = await simRequests(seq);
    console.log(`    [measure] env tenant, warm client: first page of 250 in ${firstPageMs} ms with ${firstRequests.length} HTTP request(s)`);

    // Concurrent load-mores (and an expand in between) share one page load.
    await Promise.all([
      vscode.commands.executeCommand('iscExplorer.loadMore', loadMore),
      vscode.commands.executeCommand('iscExplorer.loadMore', ENV),
      children(api, env),
    ]);
    assert.strictEqual(api.tree.snapshot(ENV)?.items.length, 500);
    while ((api.tree.snapshot(ENV)?.items.length ?? 0) < 1000) await vscode.commands.executeCommand('iscExplorer.loadMore', ENV);

    kids = await children(api, env);
    const rows = identities(kids);
    assert.strictEqual(rows.length, 1000);
    assert.strictEqual(new Set(rows.map((n) => n.identityId)).size, 1000, 'no duplicate identity');
    assert.strictEqual(new Set(rows.map((n) => n.id)).size, 1000, 'no duplicate node id');
    const last = kids[kids.length - 1];
    assert.ok(isPlaceholder(last, 'loadMore'));
    assert.strictEqual(labelOf(await api.tree.getTreeItem(last)), `Load more… (1000/${expectedTotal})`);
    const lists = listRequests(await simRequests(seq));
    assert.deepStrictEqual(lists.map((r) => r.query.offset), ['0', '250', '500', '750'], 'each page fetched once');
    assert.deepStrictEqual(lists.map((r) => r.query.count), ['true', undefined, undefined, undefined], 'count on the first page only');
    assert.ok(lists.every((r) => r.query.limit === '250' && r.query.defaultFilter === 'NONE'));
    assert.ok(lists.every((r) => r.status === 200));
  });

  it('concurrent expands share one request and return the same node objects; refresh keeps node identity', async () => {
    await api.tree.refresh(env);
    const seq = await lastSeq();
    const [a, b, c] = await Promise.all([children(api, env), children(api, env), children(api, env)]);
    assert.strictEqual(a.length, 252, '"Needs attention", 250 identities, "Load more"');
    a.forEach((node, i) => {
      assert.strictEqual(b[i], node);
      assert.strictEqual(c[i], node);
    });
    assert.strictEqual(listRequests(await simRequests(seq)).length, 1);
    await api.tree.refresh(env);
    const d = await children(api, env);
    assert.strictEqual(d[0], a[0], 'same object for the same identity after a refresh');
  });

  it('renders identity nodes: stable id, codicon, alias/email description, context value, safe tooltip, click command', async () => {
    await setFilter(eq('id', FIXTURE_IDS.hostile));
    const [hostile] = identities(await children(api, env));
    assert.ok(hostile, 'hostile fixture listed');
    const item = await api.tree.getTreeItem(hostile);
    assert.strictEqual(item.id, `${ENV}/identity/${FIXTURE_IDS.hostile}`);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
    assert.match(item.contextValue ?? '', /^identity\.(readOnly|writable)/);
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(labelOf(item)), 'no bidi override in the label');
    assert.ok(labelOf(item).length <= 120);
    assert.strictEqual(item.tooltip, undefined, 'the tooltip is built on hover (resolveTreeItem), not in getTreeItem');
    assert.deepStrictEqual(api.tree.getTreeItem(hostile), item, 'the same row builds the same item');
    const tooltip = api.tree.resolveTreeItem(item, hostile, new vscode.CancellationTokenSource().token).tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    assert.ok(tooltip.value.includes(FIXTURE_IDS.hostile), 'the tooltip lists the identity\'s facts');
    assert.strictEqual(tooltip.isTrusted, false);
    assert.strictEqual(tooltip.supportHtml, false);
    assert.ok(!/(^|[^\\])</.test(tooltip.value), `no unescaped "<" in ${tooltip.value.slice(0, 200)}`);
    assert.ok(!/(^|[^\\])\[/.test(tooltip.value.replace(/\*\*[^*]+:\*\*/g, '')), 'no live link syntax');
    assert.deepStrictEqual(item.command?.command, 'iscExplorer.openIdentityDetails');
    assert.deepStrictEqual(item.command?.arguments?.[0], hostile.identityRef);
    const original = hostile.row;
    hostile.row = { ...original, identityStatus: 'LOCKED' };
    const changed = api.tree.getTreeItem(hostile);
    hostile.row = original;
    assert.notDeepStrictEqual(changed, item, 'new identity data builds a different item');
    assert.match(changed.contextValue ?? '', /\.locked/);

    await setFilter(eq('id', FIXTURE_IDS.unregistered));
    const [unregistered] = identities(await children(api, env));
    const uItem = await api.tree.getTreeItem(unregistered);
    assert.match(uItem.contextValue ?? '', /^identity\..*unregistered/);
    assert.strictEqual((uItem.iconPath as vscode.ThemeIcon).id, 'person-add');
    await setFilter(undefined);
  });

  it('names both errors apart: identity status ERROR and processing state ERROR differ in codicon, colour and label', async () => {
    await setFilter(eq('id', FIXTURE_IDS.obrien));
    const [node] = identities(await children(api, env));
    const original = node.row;
    try {
      node.row = { ...original, identityStatus: 'ERROR', processingState: null };
      const statusError = api.tree.getTreeItem(node);
      node.row = { ...original, identityStatus: 'ACTIVE', processingState: 'ERROR' };
      const processingError = api.tree.getTreeItem(node);
      const [a, b] = [statusError.iconPath, processingError.iconPath] as vscode.ThemeIcon[];
      assert.notStrictEqual(a.id, b.id, 'different codicons');
      assert.notStrictEqual(a.color?.id, b.color?.id, 'different colours');
      assert.match(statusError.accessibilityInformation?.label ?? '', /identity status ERROR/);
      assert.doesNotMatch(statusError.accessibilityInformation?.label ?? '', /processing/);
      assert.match(processingError.accessibilityInformation?.label ?? '', /processing state ERROR/);
      assert.doesNotMatch(processingError.accessibilityInformation?.label ?? '', /identity status ERROR/);
    } finally {
      node.row = original;
    }
    await setFilter(undefined);
  });

  it('writes tooltip facts as VS Code does: "Status: ERROR", local dates without milliseconds, how long ago', async () => {
    await setFilter(eq('id', FIXTURE_IDS.obrien));
    const [node] = identities(await children(api, env));
    const original = node.row;
    try {
      node.row = { ...original, identityStatus: 'ERROR', lastRefresh: new Date(Date.now() - 2 * 86_400_000).toISOString() };
      const item = api.tree.getTreeItem(node);
      const tooltip = api.tree.resolveTreeItem(item, node, new vscode.CancellationTokenSource().token).tooltip as vscode.MarkdownString;
      const text = tooltip.value.replace(/\\(.)/g, '$1');
      assert.match(text, /\*\*Status:\*\* ERROR {2}\n/);
      assert.doesNotMatch(text, /Status ERROR/);
      const lastRefresh = /\*\*Last refresh:\*\* ([^\n]+?) {2}\n/.exec(text)?.[1] ?? '';
      assert.match(lastRefresh, /\(2 days ago\)$/, lastRefresh);
      assert.doesNotMatch(lastRefresh, /\d{2}:\d{2}:\d{2}\.\d{3}|T\d{2}:|Z\b/, 'no raw ISO, no milliseconds');
      const modified = /\*\*Modified:\*\* ([^\n]+?) {2}\n/.exec(text)?.[1] ?? '';
      const expected = new Date(Date.parse(original.modified ?? '')).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' });
      assert.ok(modified.startsWith(expected), `${modified} is the local day ${expected}`);
    } finally {
      node.row = original;
    }
    await setFilter(undefined);
  });

  it('shows the count from X-Total-Count in the tenant description, even when one page holds every row', async () => {
    await setFilter(`id in ("${FIXTURE_IDS.obrien}","${FIXTURE_IDS.owner}","${FIXTURE_IDS.manager}")`);
    const redrawn = nextRedraw(api);
    assert.strictEqual(identities(await children(api, env)).length, 3);
    assert.strictEqual(api.tree.snapshot(ENV)?.hasMore, false);
    await Promise.race([redrawn, new Promise((_, reject) => setTimeout(() => reject(new Error('no redraw after the first page')), 5000))]);
    assert.match(descriptionOf(await api.tree.getTreeItem(env)), /(^|· )3 identities( ·|$)/);
    await setFilter(undefined);
    await children(api, env);
    const total = api.tree.snapshot(ENV)?.total ?? 0;
    assert.ok(total > 1000);
    assert.match(descriptionOf(await api.tree.getTreeItem(env)), new RegExp(`${total.toLocaleString('en-US')} identities`));
  });

  it('filter, sort and default filter change what the server returns, show on the tenant node and persist', async () => {
    let seq = await lastSeq();
    await setFilter('name sw "Ma"');
    let rows = identities(await children(api, env));
    assert.ok(rows.length > 0);
    assert.ok(rows.every((n) => n.row.name.toLowerCase().startsWith('ma')), 'every row starts with "Ma"');
    assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.filters === 'name sw "Ma"'), 'filter sent to the server');
    assert.match(descriptionOf(await api.tree.getTreeItem(env)), /filter: name sw "Ma"/);

    seq = await lastSeq();
    await vscode.commands.executeCommand('iscExplorer.sort', ENV, '-name');
    rows = identities(await children(api, env));
    const names = rows.map((n) => n.row.name.toLowerCase());
    assert.deepStrictEqual(names, [...names].sort().reverse(), 'descending by name');
    assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.sorters === '-name' && r.query.filters === 'name sw "Ma"'));
    assert.match(descriptionOf(await api.tree.getTreeItem(env)), /sort: name ↓/);

    seq = await lastSeq();
    await vscode.commands.executeCommand('iscExplorer.setDefaultFilter', ENV, 'CORRELATED_ONLY');
    await children(api, env);
    assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.defaultFilter === 'CORRELATED_ONLY'));
    assert.match(descriptionOf(await api.tree.getTreeItem(env)), /correlated only/);

    const stored = services.context.globalState.get<Record<string, unknown>>('iscExplorer.viewState');
    assert.deepStrictEqual(stored?.[ENV], { defaultFilter: 'CORRELATED_ONLY', filters: 'name sw "Ma"', sorters: '-name' }, 'persisted in globalState');

    await vscode.commands.executeCommand('iscExplorer.clearFilter', ENV);
    assert.deepStrictEqual(services.viewStates.get(ENV), { defaultFilter: 'NONE', sorters: '-name' }, 'clear keeps the sort');
    await vscode.commands.executeCommand('iscExplorer.sort', ENV, null);
    assert.deepStrictEqual(services.viewStates.get(ENV), { defaultFilter: 'NONE' });
    assert.strictEqual(api.tree.snapshot(ENV)?.firstPageLoaded, false, 'a filter change resets the paging');
  });

  it('finds O"Brien \\ #1 & co with a filter and with Find identity (name sw as you type)', async () => {
    const name = 'O"Brien \\ #1 & co';
    let seq = await lastSeq();
    await setFilter(eq('name', name));
    const rows = identities(await children(api, env));
    assert.deepStrictEqual(rows.map((n) => n.identityId), [FIXTURE_IDS.obrien]);
    assert.strictEqual(rows[0].row.name, name);
    assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.filters === 'name eq "O\\"Brien \\\\ #1 & co"'));
    await setFilter(undefined);

    seq = await lastSeq();
    // Typed in the live pick; Enter on the first result.
    const found = api.userInput.runWithInputs(['O"Brien \\'], () => vscode.commands.executeCommand<{ identityId: string } | undefined>('iscExplorer.findIdentity', ENV));
    const ref = await found;
    assert.strictEqual(ref?.identityId, FIXTURE_IDS.obrien);
    assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.filters === 'name sw "O\\"Brien \\\\"'), 'searched with name sw');
    api.panels.closeAll();
  });

  it('shows role assignments under an identity (lazy, single request), with dates and a details click', async () => {
    await setFilter(eq('id', FIXTURE_IDS.manyRoles));
    const [identity] = identities(await children(api, env));
    assert.strictEqual(identity?.kind, 'identity');
    const seq = await lastSeq();
    const [a, b] = await Promise.all([children(api, identity), children(api, identity)]);
    const roles = roleAssignments(a);
    assert.strictEqual(roles.length, 30);
    assert.deepStrictEqual(a, b);
    const roleRequests = (await simRequests(seq)).filter((r) => r.path.endsWith(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`));
    assert.strictEqual(roleRequests.length, 1);
    const item = await api.tree.getTreeItem(roles[0]);
    assert.strictEqual(item.contextValue, 'roleAssignment');
    assert.strictEqual(item.tooltip, undefined, 'the tooltip is built on hover');
    const roleTooltip = api.tree.resolveTreeItem(item, roles[0], new vscode.CancellationTokenSource().token).tooltip as vscode.MarkdownString;
    assert.ok(roleTooltip instanceof vscode.MarkdownString);
    assert.strictEqual(roleTooltip.isTrusted, false);
    assert.match(roleTooltip.value, /\*\*Role:\*\*/);
    assert.ok(labelOf(item).length > 0);
    assert.match(descriptionOf(item), /added \d{4}-\d{2}-\d{2}/);
    assert.strictEqual(item.command?.command, 'iscExplorer.openRoleAssignmentDetails');
    assert.deepStrictEqual(item.command?.arguments?.[0], {
      tenantId: ENV,
      identityId: FIXTURE_IDS.manyRoles,
      assignmentId: roles[0].ref.id,
      roleName: roles[0].ref.role?.name ?? '',
    });
    assert.strictEqual(api.tree.getParent(roles[0]), identity);
    await setFilter(undefined);
  });

  it('reveals a loaded identity (getParent), makes its tenant active, copies ID and JSON', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.iscExplorer');
    const redrawn = nextRedraw(api);
    const [first] = identities(await children(api, env));
    // After a first page the tree redraws (the tenant row shows the count); a reveal during that redraw is lost.
    await Promise.race([redrawn, new Promise((resolve) => setTimeout(resolve, 1000))]);
    assert.strictEqual(api.tree.getParent(first), env);
    await api.treeView.reveal(first, { select: true, focus: true });
    assert.ok(api.treeView.selection.includes(first));
    assert.strictEqual(api.activeTenant.tenantId, ENV);
    assert.match(api.activeTenant.statusText, /\(environment\)/);
    await vscode.commands.executeCommand('iscExplorer.copyId', first);
    assert.strictEqual(await vscode.env.clipboard.readText(), first.identityId);
    await vscode.commands.executeCommand('iscExplorer.copyJson', first);
    const client = await services.tenants.getClient(ENV);
    const [listed] = (await client.listIdentities({ filters: eq('id', first.identityId), limit: 1, defaultFilter: 'NONE' })).items;
    const copied = JSON.parse(await vscode.env.clipboard.readText()) as { attributes?: unknown };
    assert.deepStrictEqual(copied, listed, 'the identity as ISC returns it');
    assert.ok(copied.attributes && typeof copied.attributes === 'object', 'with its attributes, which the tree does not keep');
  });

  it('reveals and selects a newly added tenant, even below a long expanded tenant', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.iscExplorer');
    await api.treeView.reveal(env, { expand: true });
    assert.ok(identities(await children(api, env)).length >= 250);
    const added = await vscode.commands.executeCommand<TenantInfo | undefined>('iscExplorer.addTenant', {
      baseUrl: simUrl().replace('127.0.0.1', 'localhost'),
      clientId: process.env.ISC_SIM_CLIENT_ID ?? '',
      clientSecret: process.env.ISC_SIM_CLIENT_SECRET ?? '',
      label: 'Added below a long tenant',
      verify: false,
    });
    assert.ok(added, 'the tenant was added');
    try {
      await waitFor('the new tenant to be selected', () => api.treeView.selection.some((n) => n.kind === 'tenant' && n.tenantId === added.id) || undefined, 10_000);
    } finally {
      await vscode.commands.executeCommand('iscExplorer.removeTenant', added.id, { confirm: false });
    }
  });

  it('shows an error row with ISC\'s message instead of a notification, and retry recovers', async () => {
    await api.tree.refresh(env);
    const response = await fetch(`${simUrl()}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ failNext: { status: 400, count: 1, methods: ['GET'], pathIncludes: '/v2025/identities' } }),
    });
    assert.strictEqual(response.status, 200);
    const kids = await children(api, env);
    const [error] = placeholders(kids);
    assert.strictEqual(kids.length, 1);
    assert.strictEqual(error.placeholder, 'error');
    const item = await api.tree.getTreeItem(error);
    assert.match(descriptionOf(item), /Injected failure \(HTTP 400\)/, 'ISC\'s own message text');
    assert.strictEqual(item.command?.command, 'iscExplorer.retry');
    assert.strictEqual(item.contextValue, 'placeholder.error');
    await vscode.commands.executeCommand('iscExplorer.retry', error);
    assert.strictEqual(identities(await children(api, env)).length, 250);
  });
});
