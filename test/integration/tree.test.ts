// The "Identities" tree against the simulator (environment tenant): paging, load more, placeholders, nodes.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import { eq } from '../../src/api/filters';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { CoreServices } from '../../src/services';
import type { IdentityNode, RoleAssignmentNode, TenantNode, TreeNode } from '../../src/tree/nodes';
import type { TenantInfo } from '../../src/model/tenant';
import {
  children, coreApi, descriptionOf, identities, isPlaceholder, labelOf, lastSeq, listRequests, placeholders, roleAssignments, setFaults, simRequests,
  simUrl, tenantRoot, waitFor,
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

  it('has the environment tenant as a root, pointing at the simulator', async () => {
    const roots = await children(api);
    assert.ok(roots.includes(env));
    assert.strictEqual(services.tenants.get(ENV)?.baseUrl, simUrl());
  });

  it('shows the tenant collapsed, with a context value saying whether it is read-only', async () => {
    const info = services.tenants.get(ENV);
    assert.ok(info);
    const item = await api.tree.getTreeItem(env);
    assert.strictEqual(item.contextValue, info.readOnly ? 'tenant.readOnly' : 'tenant.writable');
    assert.strictEqual(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
  });

  it('fetches nothing until the tenant is expanded', async () => {
    api.tree.refreshAll();
    const seq = await lastSeq();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepStrictEqual(listRequests(await simRequests(seq)), [], 'no list-identities request without an expand');
  });

  it('shows the first page loading in the view\'s own progress bar, through the user input', async () => {
    const mark = api.userInput.progress.length;
    await api.tree.refresh(env);
    await children(api, env);
    assert.ok(api.userInput.progress.slice(mark).some((p) => p.viewId === 'iscIdentities'), 'a progress in the Identities view');
  });

  describe('paging: 250 identities per page, "Load more" up to 1,000 rows', () => {
    let expectedTotal: number;
    let seq: number;
    let firstKids: TreeNode[];

    before(async () => {
      const client = await services.tenants.getClient(ENV);
      expectedTotal = (await client.listIdentities({ count: true, limit: 1, defaultFilter: 'NONE' })).total ?? 0;
      assert.ok(expectedTotal > 1000);
      await api.tree.refresh(env);
      seq = await lastSeq();
      const started = Date.now();
      firstKids = await children(api, env);
      const firstPageMs = Date.now() - started;
      console.log(`    [measure] env tenant, warm client: first page of 250 in ${firstPageMs} ms with ${(await simRequests(seq)).length} HTTP request(s)`);
    });

    it('lists the first 250 identities, then "Load more… (250/total)"', async () => {
      assert.strictEqual(identities(firstKids).length, 250);
      const loadMore = firstKids[firstKids.length - 1];
      assert.ok(isPlaceholder(loadMore, 'loadMore'));
      assert.strictEqual(labelOf(await api.tree.getTreeItem(loadMore)), `Load more… (250/${expectedTotal})`);
    });

    it('shares one page load between concurrent load-mores and an expand in between', async () => {
      const loadMore = firstKids[firstKids.length - 1];
      await Promise.all([
        vscode.commands.executeCommand('iscExplorer.loadMore', loadMore),
        vscode.commands.executeCommand('iscExplorer.loadMore', ENV),
        children(api, env),
      ]);
      assert.strictEqual(api.tree.snapshot(ENV)?.items.length, 500);
    });

    it('loads up to 1,000 rows with no duplicate identity or node id, "Load more… (1000/total)" last', async () => {
      while ((api.tree.snapshot(ENV)?.items.length ?? 0) < 1000) await vscode.commands.executeCommand('iscExplorer.loadMore', ENV);
      const kids = await children(api, env);
      const rows = identities(kids);
      assert.strictEqual(rows.length, 1000);
      assert.strictEqual(new Set(rows.map((n) => n.identityId)).size, 1000, 'no duplicate identity');
      assert.strictEqual(new Set(rows.map((n) => n.id)).size, 1000, 'no duplicate node id');
      const last = kids[kids.length - 1];
      assert.ok(isPlaceholder(last, 'loadMore'));
      assert.strictEqual(labelOf(await api.tree.getTreeItem(last)), `Load more… (1000/${expectedTotal})`);
    });

    it('fetches each page once, 250 rows each, with the count asked on the first page only', async () => {
      const lists = listRequests(await simRequests(seq));
      assert.deepStrictEqual(lists.map((r) => r.query.offset), ['0', '250', '500', '750'], 'each page fetched once');
      assert.deepStrictEqual(lists.map((r) => r.query.count), ['true', undefined, undefined, undefined], 'count on the first page only');
      assert.ok(lists.every((r) => r.query.limit === '250' && r.query.defaultFilter === 'NONE'));
      assert.ok(lists.every((r) => r.status === 200));
    });
  });

  it('answers concurrent expands with one request and the same node objects', async () => {
    await api.tree.refresh(env);
    const seq = await lastSeq();
    const [a, b, c] = await Promise.all([children(api, env), children(api, env), children(api, env)]);
    assert.strictEqual(a.length, 252, '"Needs attention", 250 identities, "Load more"');
    a.forEach((node, i) => {
      assert.strictEqual(b[i], node);
      assert.strictEqual(c[i], node);
    });
    assert.strictEqual(listRequests(await simRequests(seq)).length, 1);
  });

  it('keeps the node object of each identity across a refresh', async () => {
    const before = await children(api, env);
    await api.tree.refresh(env);
    const after = await children(api, env);
    assert.strictEqual(after[0], before[0], 'same object for the same identity after a refresh');
  });

  describe('identity rows (the hostile fixture)', () => {
    let hostile: IdentityNode;

    before(async () => {
      await setFilter(eq('id', FIXTURE_IDS.hostile));
      [hostile] = identities(await children(api, env));
      assert.ok(hostile, 'hostile fixture listed');
    });

    after(async () => {
      await setFilter(undefined);
    });

    it('gives the row a stable id, a codicon and a context value with the tenant mode', () => {
      const item = api.tree.getTreeItem(hostile);
      assert.strictEqual(item.id, `${ENV}/identity/${FIXTURE_IDS.hostile}`);
      assert.ok(item.iconPath instanceof vscode.ThemeIcon);
      assert.match(item.contextValue ?? '', /^identity\.(readOnly|writable)/);
    });

    it('keeps bidi overrides out of the label and caps it at 120 characters', () => {
      const label = labelOf(api.tree.getTreeItem(hostile));
      assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(label), 'no bidi override in the label');
      assert.ok(label.length <= 120);
    });

    it('builds the tooltip on hover (resolveTreeItem), not in getTreeItem', () => {
      assert.strictEqual(api.tree.getTreeItem(hostile).tooltip, undefined);
    });

    it('writes an untrusted tooltip with the identity\'s facts, no HTML and no live link', () => {
      const item = api.tree.getTreeItem(hostile);
      const tooltip = api.tree.resolveTreeItem(item, hostile, new vscode.CancellationTokenSource().token).tooltip as vscode.MarkdownString;
      assert.ok(tooltip instanceof vscode.MarkdownString);
      assert.ok(tooltip.value.includes(FIXTURE_IDS.hostile), 'the tooltip lists the identity\'s facts');
      assert.strictEqual(tooltip.isTrusted, false);
      assert.strictEqual(tooltip.supportHtml, false);
      assert.ok(!/(^|[^\\])</.test(tooltip.value), `no unescaped "<" in ${tooltip.value.slice(0, 200)}`);
      assert.ok(!/(^|[^\\])\[/.test(tooltip.value.replace(/\*\*[^*]+:\*\*/g, '')), 'no live link syntax');
    });

    it('opens the identity details on click', () => {
      const item = api.tree.getTreeItem(hostile);
      assert.deepStrictEqual(item.command?.command, 'iscExplorer.openIdentityDetails');
      assert.deepStrictEqual(item.command?.arguments?.[0], hostile.identityRef);
    });

    it('builds the same item from the same row', () => {
      assert.deepStrictEqual(api.tree.getTreeItem(hostile), api.tree.getTreeItem(hostile));
    });

    it('builds a different item, with a locked context value, from changed identity data', () => {
      const item = api.tree.getTreeItem(hostile);
      const original = hostile.row;
      try {
        hostile.row = { ...original, identityStatus: 'LOCKED' };
        const changed = api.tree.getTreeItem(hostile);
        assert.notDeepStrictEqual(changed, item, 'new identity data builds a different item');
        assert.match(changed.contextValue ?? '', /\.locked/);
      } finally {
        hostile.row = original;
      }
    });
  });

  it('shows an unregistered identity with the person-add codicon and an unregistered context value', async () => {
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

  it('shows the count from X-Total-Count in the tenant description when one page holds every row', async () => {
    await setFilter(`id in ("${FIXTURE_IDS.obrien}","${FIXTURE_IDS.owner}","${FIXTURE_IDS.manager}")`);
    const redrawn = nextRedraw(api);
    assert.strictEqual(identities(await children(api, env)).length, 3);
    assert.strictEqual(api.tree.snapshot(ENV)?.hasMore, false);
    await Promise.race([redrawn, new Promise((_, reject) => setTimeout(() => reject(new Error('no redraw after the first page')), 5000))]);
    assert.match(descriptionOf(await api.tree.getTreeItem(env)), /(^|· )3 identities( ·|$)/);
    await setFilter(undefined);
  });

  it('shows the total from X-Total-Count in the tenant description while more pages follow', async () => {
    await setFilter(undefined);
    await children(api, env);
    const total = api.tree.snapshot(ENV)?.total ?? 0;
    assert.ok(total > 1000);
    assert.match(descriptionOf(await api.tree.getTreeItem(env)), new RegExp(`${total.toLocaleString('en-US')} identities`));
  });

  describe('filter, sort and default filter', () => {
    after(async () => {
      await services.viewStates.update(ENV, { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
    });

    it('sends the filter to the server, lists only what it matches and shows it on the tenant', async () => {
      const seq = await lastSeq();
      await setFilter('name sw "Ma"');
      const rows = identities(await children(api, env));
      assert.ok(rows.length > 0);
      assert.ok(rows.every((n) => n.row.name.toLowerCase().startsWith('ma')), 'every row starts with "Ma"');
      assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.filters === 'name sw "Ma"'), 'filter sent to the server');
      assert.match(descriptionOf(await api.tree.getTreeItem(env)), /filter: name sw "Ma"/);
    });

    it('sends the sort with the filter, lists in that order and shows it on the tenant', async () => {
      const seq = await lastSeq();
      await vscode.commands.executeCommand('iscExplorer.sort', ENV, '-name');
      const rows = identities(await children(api, env));
      const names = rows.map((n) => n.row.name.toLowerCase());
      assert.deepStrictEqual(names, [...names].sort().reverse(), 'descending by name');
      assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.sorters === '-name' && r.query.filters === 'name sw "Ma"'));
      assert.match(descriptionOf(await api.tree.getTreeItem(env)), /sort: name ↓/);
    });

    it('sends the default filter and shows "correlated only" on the tenant', async () => {
      const seq = await lastSeq();
      await vscode.commands.executeCommand('iscExplorer.setDefaultFilter', ENV, 'CORRELATED_ONLY');
      await children(api, env);
      assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.defaultFilter === 'CORRELATED_ONLY'));
      assert.match(descriptionOf(await api.tree.getTreeItem(env)), /correlated only/);
    });

    it('persists filter, sort and default filter in globalState', () => {
      const stored = services.context.globalState.get<Record<string, unknown>>('iscExplorer.viewState');
      assert.deepStrictEqual(stored?.[ENV], { defaultFilter: 'CORRELATED_ONLY', filters: 'name sw "Ma"', sorters: '-name' }, 'persisted in globalState');
    });

    it('keeps the sort when the filter is cleared', async () => {
      await vscode.commands.executeCommand('iscExplorer.clearFilter', ENV);
      assert.deepStrictEqual(services.viewStates.get(ENV), { defaultFilter: 'NONE', sorters: '-name' }, 'clear keeps the sort');
    });

    it('resets the paging when the view state changes', async () => {
      await vscode.commands.executeCommand('iscExplorer.sort', ENV, null);
      assert.deepStrictEqual(services.viewStates.get(ENV), { defaultFilter: 'NONE' });
      assert.strictEqual(api.tree.snapshot(ENV)?.firstPageLoaded, false, 'a filter change resets the paging');
    });
  });

  it('finds O"Brien \\ #1 & co with an eq filter, quotes and backslash escaped', async () => {
    const name = 'O"Brien \\ #1 & co';
    const seq = await lastSeq();
    await setFilter(eq('name', name));
    const rows = identities(await children(api, env));
    assert.deepStrictEqual(rows.map((n) => n.identityId), [FIXTURE_IDS.obrien]);
    assert.strictEqual(rows[0].row.name, name);
    assert.ok(listRequests(await simRequests(seq)).some((r) => r.query.filters === 'name eq "O\\"Brien \\\\ #1 & co"'));
    await setFilter(undefined);
  });

  it('finds O"Brien \\ #1 & co with Find identity (name, alias or email sw as you type, one request)', async () => {
    const seq = await lastSeq();
    // Typed in the live pick; Enter on the first result.
    const found = api.userInput.runWithInputs(['O"Brien \\'], () => vscode.commands.executeCommand<{ identityId: string } | undefined>('iscExplorer.findIdentity', ENV));
    const ref = await found;
    assert.strictEqual(ref?.identityId, FIXTURE_IDS.obrien);
    const quoted = '"O\\"Brien \\\\"';
    const searches = listRequests(await simRequests(seq)).filter((r) => r.query.filters?.includes(quoted));
    assert.deepStrictEqual(searches.map((r) => r.query.filters), [`(name sw ${quoted}) or (alias sw ${quoted}) or (email sw ${quoted})`], 'one search for name, alias and email');
    api.panels.closeAll();
  });

  it('finds an identity by its alias with Find identity', async () => {
    const ref = await api.userInput.runWithInputs(['maja.manager'], () => vscode.commands.executeCommand<{ identityId: string } | undefined>('iscExplorer.findIdentity', ENV));
    assert.strictEqual(ref?.identityId, FIXTURE_IDS.manager);
    api.panels.closeAll();
  });

  it('finds an identity by the beginning of its email with Find identity', async () => {
    const ref = await api.userInput.runWithInputs(['ulla.unregistered@'], () => vscode.commands.executeCommand<{ identityId: string } | undefined>('iscExplorer.findIdentity', ENV));
    assert.strictEqual(ref?.identityId, FIXTURE_IDS.unregistered);
    api.panels.closeAll();
  });

  it('lists the recently opened identities of the tenant, newest first, before anything is typed', async () => {
    await api.userInput.runWithInputs(['maja.manager'], () => vscode.commands.executeCommand('iscExplorer.findIdentity', ENV));
    await api.userInput.runWithInputs(['obrien'], () => vscode.commands.executeCommand('iscExplorer.findIdentity', ENV));
    const seq = await lastSeq();
    const ref = await api.userInput.runWithInputs([{ value: '', pick: /Maja/ }], () => vscode.commands.executeCommand<{ identityId: string } | undefined>('iscExplorer.findIdentity', ENV));
    assert.strictEqual(ref?.identityId, FIXTURE_IDS.manager);
    const offered = api.userInput.prompts.filter((p) => p.kind === 'livePick').at(-1)?.labels ?? [];
    assert.deepStrictEqual(offered.slice(0, 2), ['O"Brien \\ #1 & co', 'Maja Łukasiewicz-Manager']);
    assert.strictEqual(listRequests(await simRequests(seq)).filter((r) => r.query.filters !== undefined && /sw|id eq/.test(r.query.filters)).length, 0, 'no search for an empty text');
    api.panels.closeAll();
  });

  describe('role assignments under an identity', () => {
    let identity: IdentityNode;
    let roles: RoleAssignmentNode[];
    let seq: number;
    let concurrent: [TreeNode[], TreeNode[]];

    before(async () => {
      await setFilter(eq('id', FIXTURE_IDS.manyRoles));
      [identity] = identities(await children(api, env));
      assert.strictEqual(identity?.kind, 'identity');
      seq = await lastSeq();
      concurrent = await Promise.all([children(api, identity), children(api, identity)]);
      roles = roleAssignments(concurrent[0]);
    });

    after(async () => {
      await setFilter(undefined);
    });

    it('lists every role assignment of the identity', () => {
      assert.strictEqual(roles.length, 30);
    });

    it('reads them lazily with one request shared by concurrent expands', async () => {
      assert.deepStrictEqual(concurrent[0], concurrent[1]);
      const roleRequests = (await simRequests(seq)).filter((r) => r.path.endsWith(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`));
      assert.strictEqual(roleRequests.length, 1);
    });

    it('shows a role assignment with its role name and the date it was added', () => {
      const item = api.tree.getTreeItem(roles[0]);
      assert.strictEqual(item.contextValue, 'roleAssignment');
      assert.ok(labelOf(item).length > 0);
      assert.match(descriptionOf(item), /added \d{4}-\d{2}-\d{2}/);
    });

    it('builds the role assignment\'s untrusted tooltip on hover', () => {
      const item = api.tree.getTreeItem(roles[0]);
      assert.strictEqual(item.tooltip, undefined, 'the tooltip is built on hover');
      const roleTooltip = api.tree.resolveTreeItem(item, roles[0], new vscode.CancellationTokenSource().token).tooltip as vscode.MarkdownString;
      assert.ok(roleTooltip instanceof vscode.MarkdownString);
      assert.strictEqual(roleTooltip.isTrusted, false);
      assert.match(roleTooltip.value, /\*\*Role:\*\*/);
    });

    it('opens the role assignment details on click', () => {
      const item = api.tree.getTreeItem(roles[0]);
      assert.strictEqual(item.command?.command, 'iscExplorer.openRoleAssignmentDetails');
      assert.deepStrictEqual(item.command?.arguments?.[0], {
        tenantId: ENV,
        identityId: FIXTURE_IDS.manyRoles,
        assignmentId: roles[0].ref.id,
        roleName: roles[0].ref.role?.name ?? '',
      });
    });

    it('has the identity as the role assignment\'s parent', () => {
      assert.strictEqual(api.tree.getParent(roles[0]), identity);
    });
  });

  describe('a loaded identity', () => {
    let first: IdentityNode;

    before(async () => {
      await vscode.commands.executeCommand('workbench.view.extension.iscExplorer');
      const redrawn = nextRedraw(api);
      [first] = identities(await children(api, env));
      // After a first page the tree redraws (the tenant row shows the count); a reveal during that redraw is lost.
      await Promise.race([redrawn, new Promise((resolve) => setTimeout(resolve, 1000))]);
    });

    it('has its tenant as parent and is revealed and selected', async () => {
      assert.strictEqual(api.tree.getParent(first), env);
      // A redraw of the tenant (its count arriving) can drop a selection made during it: reveal until it holds.
      for (let attempt = 0; attempt < 5 && !api.treeView.selection.includes(first); attempt++) {
        await api.treeView.reveal(first, { select: true, focus: true });
        if (!api.treeView.selection.includes(first)) await new Promise((resolve) => setTimeout(resolve, 400));
      }
      assert.ok(api.treeView.selection.includes(first));
    });

    it('makes its tenant the active tenant when selected', () => {
      assert.strictEqual(api.activeTenant.tenantId, ENV);
      assert.match(api.activeTenant.statusText, /\(environment\)/);
    });

    it('copies its ID', async () => {
      await vscode.commands.executeCommand('iscExplorer.copyId', first);
      assert.strictEqual(await vscode.env.clipboard.readText(), first.identityId);
    });

    it('copies its JSON as ISC returns it, attributes included', async () => {
      await vscode.commands.executeCommand('iscExplorer.copyJson', first);
      const client = await services.tenants.getClient(ENV);
      const [listed] = (await client.listIdentities({ filters: eq('id', first.identityId), limit: 1, defaultFilter: 'NONE' })).items;
      const copied = JSON.parse(await vscode.env.clipboard.readText()) as { attributes?: unknown };
      assert.deepStrictEqual(copied, listed, 'the identity as ISC returns it');
      assert.ok(copied.attributes && typeof copied.attributes === 'object', 'with its attributes, which the tree does not keep');
    });
  });

  it('reveals and selects a newly added tenant, even below a long expanded tenant', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.iscExplorer');
    // VS Code's tree can refuse a reveal that overlaps its own fetch of the same children ("Element with id … is
    // already registered", microsoft/vscode#192055); the tree is fine afterwards, so the reveal is tried again.
    await api.treeView.reveal(env, { expand: true }).then(undefined, async (error: unknown) => {
      if (!/already registered/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
      await api.treeView.reveal(env, { expand: true });
    });
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

  describe('a failed first page', () => {
    let kids: TreeNode[];

    before(async () => {
      await api.tree.refresh(env);
      await setFaults({ failNext: { status: 400, count: 1, methods: ['GET'], pathIncludes: '/v2025/identities' } });
      kids = await children(api, env);
    });

    it('shows one error row with ISC\'s message instead of a notification', async () => {
      const [error] = placeholders(kids);
      assert.strictEqual(kids.length, 1);
      assert.strictEqual(error.placeholder, 'error');
      const item = await api.tree.getTreeItem(error);
      assert.match(descriptionOf(item), /Injected failure \(HTTP 400\)/, 'ISC\'s own message text');
      assert.strictEqual(item.contextValue, 'placeholder.error');
    });

    it('retries from the error row, and the retry lists the identities', async () => {
      const [error] = placeholders(kids);
      assert.strictEqual((await api.tree.getTreeItem(error)).command?.command, 'iscExplorer.retry');
      await vscode.commands.executeCommand('iscExplorer.retry', error);
      assert.strictEqual(identities(await children(api, env)).length, 250);
    });
  });
});
