import * as assert from 'assert';
import { LIMITS, TABLE_STRING_KEYS, isHostToTableMessage, isTableStrings, parseTableMessage, parseTablePersistedState } from '../../../src/table/protocol';

const ID = '0a2e4c1e0b2c4d6e8f0a1b2c3d4e5f04';
const REPORT = { seq: 1, generation: 1, rowCount: 10, loadedRows: 10, mode: 'server', firstVisibleIndex: 0, visibleNames: ['a'], placeholders: 0, selected: 0, columns: ['name'] };

describe('table protocol', () => {
  it('accepts each well-formed webview message', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'requestPages', generation: 3, pages: [0, 160, 161] },
      { type: 'setSort', sorters: '-name' },
      { type: 'setSort', sorters: null },
      { type: 'setDefaultFilter', value: 'CORRELATED_ONLY' },
      { type: 'saveColumns', columns: [{ id: 'name', width: 200, visible: true }, { id: 'attr:department', width: 120, visible: false }] },
      { type: 'openDetails', identityId: ID },
      { type: 'runAction', action: 'deleteIdentity', identityIds: [ID] },
      { type: 'copyRows', format: 'tsv', identityIds: [ID], columns: ['name', 'attr:costCenter'] },
      { type: 'export' },
      { type: 'saveFilter' },
      { type: 'rendered', report: REPORT },
    ]) {
      const result = parseTableMessage(message);
      assert.ok(result.ok, `${JSON.stringify(message)}: ${result.ok ? '' : result.reason}`);
    }
  });

  it('rejects unknown types, extra or missing fields, bad values and oversized lists', () => {
    for (const message of [
      null,
      [],
      { type: 'eval' },
      { type: 'ready', extra: 1 },
      { type: 'requestPages', generation: 1 },
      { type: 'requestPages', generation: 1, pages: [1, 1] },
      { type: 'requestPages', generation: 1, pages: Array.from({ length: LIMITS.pagesPerRequest + 1 }, (_, i) => i) },
      { type: 'requestPages', generation: 1, pages: [LIMITS.maxPage + 1] },
      { type: 'setSort', sorters: 'email' },
      { type: 'setSort', sorters: 'name,,alias' },
      { type: 'runAction', action: 'runAll', identityIds: [ID] },
      { type: 'runAction', action: 'processIdentities', identityIds: ['a/b'] },
      { type: 'runAction', action: 'processIdentities', identityIds: Array.from({ length: LIMITS.selection + 1 }, (_, i) => `id${i}`) },
      { type: 'saveColumns', columns: [{ id: 'name', width: 200, visible: true }, { id: 'name', width: 100, visible: true }] },
      { type: 'saveColumns', columns: [{ id: 'name', width: 20, visible: true }] },
      { type: 'saveColumns', columns: [{ id: 'attr:<script>', width: 100, visible: true }] },
      { type: 'copyRows', format: 'csv', identityIds: [ID], columns: ['html'] },
      { type: 'rendered', report: { ...REPORT, mode: 'other' } },
      { type: 'rendered', report: { ...REPORT, visibleNames: ['x'.repeat(LIMITS.reportText + 1)] } },
    ]) {
      assert.strictEqual(parseTableMessage(message).ok, false, JSON.stringify(message)?.slice(0, 120));
    }
  });

  it('accepts the save-filter message only bare: the host saves its own copy of the query, never one the page names', () => {
    assert.ok(parseTableMessage({ type: 'saveFilter' }).ok);
    assert.strictEqual(parseTableMessage({ type: 'saveFilter', query: { filters: 'name sw "a"', defaultFilter: 'NONE' } }).ok, false);
    assert.strictEqual(parseTableMessage({ type: 'saveFilter', name: 'x' }).ok, false);
  });

  it('checks the shape of host messages on the webview side', () => {
    assert.ok(isHostToTableMessage({ type: 'page', generation: 1, page: 0, rows: [], end: true }));
    assert.ok(!isHostToTableMessage({ type: 'page', generation: 1, rows: [] }));
    assert.ok(!isHostToTableMessage({ type: 'script', code: 'x' }));
  });

  it('accepts an init message only with every page text', () => {
    const strings: Record<string, string> = Object.fromEntries(TABLE_STRING_KEYS.map((key) => [key, `text of ${key}`]));
    const init = { type: 'init', tenant: { id: 'env', label: 'env', readOnly: false }, query: { defaultFilter: 'NONE' }, generation: 1, columns: [], pageSize: 250 };
    assert.ok(isHostToTableMessage({ ...init, strings }));
    assert.ok(!isHostToTableMessage(init), 'without strings');
    const partial = { ...strings };
    delete partial.loadMore;
    assert.ok(!isTableStrings(partial), 'a key missing');
    assert.ok(!isHostToTableMessage({ ...init, strings: partial }));
  });

  it('restores only a tenant id from the persisted webview state', () => {
    assert.deepStrictEqual(parseTablePersistedState({ tenantId: 'env', other: 1 }), { tenantId: 'env' });
    assert.strictEqual(parseTablePersistedState({ tenantId: '' }), undefined);
    assert.strictEqual(parseTablePersistedState('env'), undefined);
  });
});
