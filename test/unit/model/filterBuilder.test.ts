import * as assert from 'assert';
import { validateFilterExpression } from '../../../src/api/filterValidation';
import { combineFilters, looksLikeExpression, suggestFilters } from '../../../src/model/filterBuilder';
import { findQuery } from '../../../src/model/identitySearch';

const OBRIEN = 'O"Brien \\ #1 & co';

describe('filterBuilder (the Filter identities… quick input)', () => {
  it('offers quick conditions before anything is typed, all valid', () => {
    const suggestions = suggestFilters('');
    assert.ok(suggestions.length >= 4);
    for (const s of suggestions) assert.strictEqual(validateFilterExpression(s.expression), undefined, s.expression);
  });

  it('builds sw/eq conditions on the string fields list-identities allows, quoting hostile values', () => {
    const suggestions = suggestFilters(OBRIEN);
    const expressions = suggestions.map((s) => s.expression);
    assert.ok(expressions.includes('name sw "O\\"Brien \\\\ #1 & co"'), expressions.join('\n'));
    assert.ok(expressions.includes('name eq "O\\"Brien \\\\ #1 & co"'));
    assert.ok(expressions.some((e) => e.startsWith('email sw')));
    assert.ok(!expressions.some((e) => e.startsWith('cloudStatus')), 'no status condition from a name with spaces');
    for (const e of expressions) assert.strictEqual(validateFilterExpression(e), undefined, e);
  });

  it('uses booleans for correlated/protected and upper-cases status values', () => {
    assert.ok(suggestFilters('false').some((s) => s.expression === 'correlated eq false'));
    assert.ok(suggestFilters('locked').some((s) => s.expression === 'cloudStatus eq "LOCKED"'));
    assert.ok(suggestFilters('2c9180865c45e7e3015c46c434a80622').some((s) => s.expression === 'id eq "2c9180865c45e7e3015c46c434a80622"'));
    const two = suggestFilters('2c9180865c45e7e3015c46c434a80622,3a2f4011e5a64c7d8e9f0a1b2c3d4e07');
    assert.ok(two.some((s) => s.expression.startsWith('id in (')));
  });

  it('accepts a raw expression and flags an invalid one', () => {
    assert.ok(looksLikeExpression('name sw "Jo" and correlated eq true'));
    assert.ok(!looksLikeExpression('John Smith'));
    const raw = suggestFilters('name sw "Jo" and correlated eq true')[0];
    assert.strictEqual(raw.raw, true);
    assert.strictEqual(raw.detail, undefined);
    const bad = suggestFilters('department eq "x"')[0];
    assert.strictEqual(bad.raw, true);
    assert.ok(bad.detail?.includes('Invalid filter'));
  });

  it('combines with the active filter', () => {
    assert.strictEqual(combineFilters(undefined, 'a eq "1"', 'and'), 'a eq "1"');
    assert.strictEqual(combineFilters('name sw "A"', 'correlated eq true', 'replace'), 'correlated eq true');
    assert.strictEqual(combineFilters('name sw "A"', 'correlated eq true', 'and'), '(name sw "A") and (correlated eq true)');
    assert.strictEqual(combineFilters('name sw "A"', 'name sw "B"', 'or'), '(name sw "A") or (name sw "B")');
  });

  it('Find identity searches name sw (id eq for ids) across the whole tenant', () => {
    assert.strictEqual(findQuery('  '), undefined);
    assert.deepStrictEqual(findQuery(OBRIEN), { filters: 'name sw "O\\"Brien \\\\ #1 & co"', sorters: 'name', defaultFilter: 'NONE', limit: 50, offset: 0 });
    assert.strictEqual(findQuery('0B71E4C1A3D54F1E9A2B7C3D4E5F6A01')?.filters, 'id eq "0B71E4C1A3D54F1E9A2B7C3D4E5F6A01"');
  });
});
