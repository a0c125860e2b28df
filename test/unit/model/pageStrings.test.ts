import * as assert from 'assert';
import { MAX_PAGE_STRING, fillPlaceholders, hasPageStrings } from '../../../src/model/pageStrings';

describe('page strings', () => {
  it('fills numbered placeholders, grouping numbers and leaving unknown ones', () => {
    assert.strictEqual(fillPlaceholders('{0} of {1} attributes ({2})', [3, 'all']), `3 of all attributes ({2})`);
    assert.strictEqual(fillPlaceholders('Show all ({0} characters)', [102400]), `Show all (${(102400).toLocaleString()} characters)`);
  });

  it('does not fill placeholders that a value brings along', () => {
    assert.strictEqual(fillPlaceholders('{0} and {1}', ['{1}', 'x']), '{1} and x');
  });

  it('accepts texts up to the cap and refuses longer ones, missing keys and non-strings', () => {
    const keys = ['a', 'b'] as const;
    assert.ok(hasPageStrings({ a: 'x'.repeat(MAX_PAGE_STRING), b: '', extra: 1 }, keys));
    assert.ok(!hasPageStrings({ a: 'x'.repeat(MAX_PAGE_STRING + 1), b: '' }, keys));
    assert.ok(!hasPageStrings({ a: 'x' }, keys));
    assert.ok(!hasPageStrings({ a: 'x', b: null }, keys));
    assert.ok(!hasPageStrings(['a', 'b'], keys));
    assert.ok(!hasPageStrings(null, keys));
  });
});
