import * as assert from 'assert';
import type { SavedFilter } from '../../../src/model/savedFilters';
import {
  MAX_SAVED_FILTER_NAME,
  MAX_SAVED_FILTERS,
  describeSavedFilter,
  findSavedFilter,
  isSavedFilterActive,
  normalizeSavedFilterName,
  parseSavedFilterMap,
  parseSavedFilters,
  removeSavedFilter,
  renameSavedFilter,
  savedFilterLabel,
  savedFilterNameProblem,
  savedFilterOf,
  sortSavedFilters,
  upsertSavedFilter,
  viewStateOf,
} from '../../../src/model/savedFilters';

const contractors: SavedFilter = { name: 'Contractors', filters: 'name sw "C"', sorters: '-name', defaultFilter: 'CORRELATED_ONLY' };
const everyone: SavedFilter = { name: 'Everyone', defaultFilter: 'NONE' };

describe('savedFilters (named filter, sort and default filter of a tenant)', () => {
  it('stores a typed name with its whitespace collapsed and trimmed', () => {
    assert.strictEqual(normalizeSavedFilterName('  Locked \t out  '), 'Locked out');
  });

  it('refuses an empty name', () => {
    assert.strictEqual(savedFilterNameProblem('   ', []), 'empty');
  });

  it('refuses a name longer than the cap and accepts one at the cap', () => {
    assert.strictEqual(savedFilterNameProblem('x'.repeat(MAX_SAVED_FILTER_NAME + 1), []), 'tooLong');
    assert.strictEqual(savedFilterNameProblem('x'.repeat(MAX_SAVED_FILTER_NAME), []), undefined);
  });

  it('refuses control, bidi override and invisible characters in a name', () => {
    for (const name of ['a\u0007b', 'evil\u202Egnp.exe', 'zero\u200Bwidth', 'word\u2060joiner']) assert.strictEqual(savedFilterNameProblem(name, []), 'unsafeCharacters', JSON.stringify(name));
  });

  it('accepts names in other scripts and with emoji joiners', () => {
    assert.strictEqual(savedFilterNameProblem('Überprüfung 👩‍💻 مدیران', []), undefined);
  });

  it('sees a name differing only in case or spacing as a duplicate', () => {
    assert.strictEqual(savedFilterNameProblem('contractors', [contractors]), 'duplicate');
    assert.strictEqual(savedFilterNameProblem(' CONTRACTORS ', [contractors]), 'duplicate');
  });

  it('lets a rename keep the name or change only its case', () => {
    assert.strictEqual(savedFilterNameProblem('contractors', [contractors, everyone], 'Contractors'), undefined);
    assert.strictEqual(savedFilterNameProblem('everyone', [contractors, everyone], 'Contractors'), 'duplicate');
  });

  it('finds a saved filter by name regardless of case', () => {
    assert.strictEqual(findSavedFilter([contractors, everyone], 'EVERYONE'), everyone);
    assert.strictEqual(findSavedFilter([contractors], 'nobody'), undefined);
  });

  it('saves the view state under a name and gives back the same view state', () => {
    const state = { filters: 'cloudStatus eq "LOCKED"', sorters: 'alias', defaultFilter: 'NONE' as const };
    const saved = savedFilterOf(' Locked ', state);
    assert.deepStrictEqual(saved, { name: 'Locked', ...state });
    assert.deepStrictEqual(viewStateOf(saved), state);
  });

  it('applying a saved filter without filter or sort clears both (nothing of the previous query is left)', () => {
    assert.deepStrictEqual(viewStateOf(everyone), { filters: undefined, sorters: undefined, defaultFilter: 'NONE' });
  });

  it('is active exactly when the tree lists its filter, sort and default filter', () => {
    assert.ok(isSavedFilterActive(contractors, { filters: 'name sw "C"', sorters: '-name', defaultFilter: 'CORRELATED_ONLY' }));
    assert.ok(!isSavedFilterActive(contractors, { filters: 'name sw "C"', sorters: '-name', defaultFilter: 'NONE' }));
    assert.ok(!isSavedFilterActive(contractors, { filters: 'name sw "C"', defaultFilter: 'CORRELATED_ONLY' }));
    assert.ok(isSavedFilterActive(everyone, { defaultFilter: 'NONE' }));
  });

  it('replaces a saved filter of the same name in its place, and appends a new one', () => {
    const replaced = upsertSavedFilter([contractors, everyone], { name: 'CONTRACTORS', defaultFilter: 'NONE' });
    assert.deepStrictEqual(replaced.map((s) => s.name), ['CONTRACTORS', 'Everyone']);
    assert.deepStrictEqual(upsertSavedFilter([contractors], everyone).map((s) => s.name), ['Contractors', 'Everyone']);
  });

  it('renames and removes by name regardless of case', () => {
    const renamed = renameSavedFilter([contractors, everyone], 'contractors', ' External  staff ');
    assert.deepStrictEqual(renamed[0], { ...contractors, name: 'External staff' });
    assert.deepStrictEqual(removeSavedFilter(renamed, 'EXTERNAL STAFF'), [everyone]);
  });

  it('sorts by name as a person would (case and numbers)', () => {
    const names = sortSavedFilters([{ name: 'b10', defaultFilter: 'NONE' }, { name: 'B2', defaultFilter: 'NONE' }, { name: 'a', defaultFilter: 'NONE' }]).map((s) => s.name);
    assert.deepStrictEqual(names, ['a', 'B2', 'b10']);
  });

  it('describes what a saved filter lists, and nothing for one that lists everyone', () => {
    assert.strictEqual(describeSavedFilter(contractors), 'filter: name sw "C" · correlated only · sort: name ↓');
    assert.strictEqual(describeSavedFilter(everyone), undefined);
  });

  it('shows a stored name that was tampered with as safe text', () => {
    assert.strictEqual(savedFilterLabel({ name: 'a\u202Eb\u0000c', defaultFilter: 'NONE' }), 'abc');
  });

  it('reads stored lists dropping malformed entries, unusable names, later duplicates and invalid query parts', () => {
    const parsed = parseSavedFilters([
      contractors,
      { name: 'contractors', defaultFilter: 'NONE' },
      { name: '', defaultFilter: 'NONE' },
      { name: 'bad\u202E', defaultFilter: 'NONE' },
      { name: 42 },
      'garbage',
      null,
      { name: 'Odd parts', filters: 'department eq "x"', sorters: 'created', defaultFilter: 'ALL' },
    ]);
    assert.deepStrictEqual(parsed, [contractors, { name: 'Odd parts', defaultFilter: 'NONE' }]);
    assert.deepStrictEqual(parseSavedFilters({ not: 'a list' }), []);
  });

  it('reads at most the cap of saved filters per tenant', () => {
    const many = Array.from({ length: MAX_SAVED_FILTERS + 5 }, (_, i) => ({ name: `f${i}`, defaultFilter: 'NONE' }));
    assert.strictEqual(parseSavedFilters(many).length, MAX_SAVED_FILTERS);
  });

  it('reads the stored map per tenant, leaving out tenants without usable saved filters', () => {
    assert.deepStrictEqual(parseSavedFilterMap({ env: [everyone], other: [], broken: 'x' }), { env: [everyone] });
    assert.deepStrictEqual(parseSavedFilterMap([everyone]), {});
    assert.deepStrictEqual(parseSavedFilterMap(undefined), {});
  });
});
