import * as assert from 'assert';
import { validateFilterExpression } from '../../../src/api/filterValidation';
import { combineFilters, filterProblem, looksLikeExpression, parseFilterInput } from '../../../src/model/filterBuilder';
import { findQuery } from '../../../src/model/identitySearch';

const OBRIEN = 'O"Brien \\ #1 & co';

const expressions = (text: string): string[] => parseFilterInput(text).suggestions.map((s) => s.expression);

describe('filterBuilder (the Filter identities… quick pick)', () => {
  it('offers quick conditions before anything is typed, all valid', () => {
    const { suggestions } = parseFilterInput('');
    assert.ok(suggestions.length >= 4);
    assert.ok(suggestions.every((s) => s.kind === 'quick' && s.quick));
    for (const s of suggestions) assert.strictEqual(validateFilterExpression(s.expression), undefined, s.expression);
  });

  it('builds sw/eq conditions on the string fields list-identities allows, quoting hostile values', () => {
    const list = expressions(OBRIEN);
    assert.ok(list.includes('name sw "O\\"Brien \\\\ #1 & co"'), list.join('\n'));
    assert.ok(list.includes('name eq "O\\"Brien \\\\ #1 & co"'));
    assert.ok(!list.some((e) => e.startsWith('cloudStatus')), 'no status condition from a name with spaces');
    for (const e of list) assert.strictEqual(validateFilterExpression(e), undefined, e);
  });

  it('offers only conditions that make sense for the value: a name with spaces is no alias or email', () => {
    assert.deepStrictEqual(expressions('Anna Smith'), ['name sw "Anna Smith"', 'name eq "Anna Smith"']);
    const email = expressions('ob@example.com');
    assert.strictEqual(email[0], 'email sw "ob@example.com"', 'an email address: email first');
    const single = expressions('O');
    assert.strictEqual(single[0], 'name sw "O"', 'name first');
    assert.ok(!single.some((e) => /cloudStatus|processingState/.test(e)), `no cloudStatus eq "O": ${single.join(', ')}`);
  });

  it('uses booleans for correlated/protected and the known status values', () => {
    assert.ok(expressions('false').includes('correlated eq false'));
    assert.ok(expressions('true').includes('protected eq true'));
    assert.ok(!expressions('maybe').some((e) => e.startsWith('correlated')));
    assert.strictEqual(expressions('locked')[0], 'cloudStatus eq "LOCKED"', 'a status named in full comes first');
    assert.ok(expressions('lo').includes('cloudStatus eq "LOCKED"'), 'the start of a status');
    assert.ok(expressions('err').includes('processingState eq "ERROR"'));
    assert.ok(expressions('ok').includes('processingState eq "OK"'));
    assert.ok(!expressions('Maja').some((e) => e.startsWith('cloudStatus')), 'no status is named "MAJA"');
    assert.deepStrictEqual(expressions('2c9180865c45e7e3015c46c434a80622'), ['id eq "2c9180865c45e7e3015c46c434a80622"']);
    const two = parseFilterInput('2c9180865c45e7e3015c46c434a80622,3a2f4011e5a64c7d8e9f0a1b2c3d4e07').suggestions;
    assert.strictEqual(two.length, 1);
    assert.ok(two[0].expression.startsWith('id in ('));
    assert.strictEqual(two[0].count, 2);
  });

  it('accepts a valid typed expression as it is', () => {
    assert.ok(looksLikeExpression('name sw "Jo" and correlated eq true'));
    assert.ok(!looksLikeExpression('John Smith'));
    const input = parseFilterInput('name sw "Jo" and correlated eq true');
    assert.strictEqual(input.problem, undefined);
    assert.deepStrictEqual(input.suggestions, [{ kind: 'expression', expression: 'name sw "Jo" and correlated eq true' }]);
  });

  it('names an unknown field (manager.name) instead of searching for the text, and lists the filterable fields', () => {
    assert.ok(looksLikeExpression('manager.name eq "x"'));
    const input = parseFilterInput('manager.name eq "x"');
    assert.deepStrictEqual(input.suggestions, [], 'never turned into name sw "manager.name eq …"');
    assert.ok(input.problem?.kind === 'unknownField');
    assert.strictEqual(input.problem.field, 'manager.name');
    assert.deepStrictEqual(input.problem.filterable, ['id', 'name', 'alias', 'firstname', 'lastname', 'email', 'cloudStatus', 'processingState', 'correlated', 'protected']);
    assert.deepStrictEqual(filterProblem('name sw "a" and department eq "x"'), { kind: 'unknownField', field: 'department', filterable: input.problem.filterable });
    assert.strictEqual(filterProblem('name sw "department eq x"'), undefined, 'text inside strings is no field');
  });

  it('flags a broken expression with the validator\'s message', () => {
    const input = parseFilterInput('name sw Jo');
    assert.deepStrictEqual(input.suggestions, []);
    assert.ok(input.problem?.kind === 'invalid' && input.problem.message.includes('double-quoted string'));
  });

  it('combines with the active filter', () => {
    assert.strictEqual(combineFilters(undefined, 'a eq "1"', 'and'), 'a eq "1"');
    assert.strictEqual(combineFilters('name sw "A"', 'correlated eq true', 'replace'), 'correlated eq true');
    assert.strictEqual(combineFilters('name sw "A"', 'correlated eq true', 'and'), '(name sw "A") and (correlated eq true)');
    assert.strictEqual(combineFilters('name sw "A"', 'name sw "B"', 'or'), '(name sw "A") or (name sw "B")');
  });

  it('Find identity searches name, alias and email sw in one request (id eq for ids) across the whole tenant', () => {
    assert.strictEqual(findQuery('  '), undefined);
    const quoted = '"O\\"Brien \\\\ #1 & co"';
    assert.deepStrictEqual(findQuery(OBRIEN), { filters: `(name sw ${quoted}) or (alias sw ${quoted}) or (email sw ${quoted})`, sorters: 'name', defaultFilter: 'NONE', limit: 50, offset: 0 });
    assert.strictEqual(validateFilterExpression(findQuery('maja.manager')?.filters ?? ''), undefined, 'a filter list-identities accepts');
    assert.strictEqual(findQuery('0B71E4C1A3D54F1E9A2B7C3D4E5F6A01')?.filters, 'id eq "0B71E4C1A3D54F1E9A2B7C3D4E5F6A01"');
  });
});
