import * as assert from 'assert';
import { describeViewState, isValidSorters, parseViewState, parseViewStates, sortChoices } from '../../../src/model/viewState';

describe('viewState (per-tenant filter/sort persisted in globalState)', () => {
  it('parses a valid state and drops malformed parts', () => {
    assert.deepStrictEqual(parseViewState({ filters: ' name sw "Jo" ', sorters: '-name', defaultFilter: 'CORRELATED_ONLY' }), {
      filters: 'name sw "Jo"',
      sorters: '-name',
      defaultFilter: 'CORRELATED_ONLY',
    });
    assert.deepStrictEqual(parseViewState({ filters: 'department eq "x"', sorters: 'created', defaultFilter: 'ALL' }), { defaultFilter: 'NONE' });
    assert.deepStrictEqual(parseViewState('garbage'), { defaultFilter: 'NONE' });
    assert.deepStrictEqual(parseViewStates([1, 2]), {});
    assert.deepStrictEqual(parseViewStates({ env: { sorters: 'alias' } }), { env: { sorters: 'alias', defaultFilter: 'NONE' } });
  });

  it('accepts only sortable fields', () => {
    assert.ok(isValidSorters('name'));
    assert.ok(isValidSorters('-cloudStatus,alias'));
    assert.ok(!isValidSorters('email'));
    assert.ok(!isValidSorters(''));
    assert.strictEqual(sortChoices().length, 7);
  });

  it('describes the active filter for the tenant node', () => {
    assert.strictEqual(describeViewState({ defaultFilter: 'NONE' }), undefined);
    assert.strictEqual(
      describeViewState({ filters: 'name sw "Jo"', sorters: '-name', defaultFilter: 'CORRELATED_ONLY' }),
      'filter: name sw "Jo" · correlated only · sort: name ↓',
    );
    assert.ok((describeViewState({ filters: `name eq "${'x'.repeat(200)}"`, defaultFilter: 'NONE' }) ?? '').length < 80);
  });
});
