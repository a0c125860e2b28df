import * as assert from 'assert';
import {
  MAX_ACTION_TARGETS,
  ToolInputError,
  actionInputFromInput,
  filtersFromInput,
  findQueryFromInput,
  identityIdFromInput,
  identityIdsFromInput,
} from '../../../../src/model/tools/toolInput';
import { PLAN_TTL_MS, PlanStore, inputKey } from '../../../../src/model/tools/planStore';

function inputError(work: () => unknown, pattern: RegExp): void {
  assert.throws(work, (error: unknown) => error instanceof ToolInputError && pattern.test(error.message));
}

describe('tool input (what a language model passes)', () => {
  it('accepts an ISC filter expression as given', () => {
    assert.strictEqual(filtersFromInput({ filter: 'name sw "Ann" and cloudStatus eq "ACTIVE"' }), 'name sw "Ann" and cloudStatus eq "ACTIVE"');
  });

  it('refuses a filter the list-identities syntax does not allow, saying why', () => {
    inputError(() => filtersFromInput({ filter: 'department eq "Sales"' }), /"department" cannot be filtered on/);
    inputError(() => filtersFromInput({ filter: 'name eq Ann' }), /double-quoted/);
  });

  it('builds structured conditions with quoting and joins them with the filter', () => {
    const filters = filtersFromInput({
      filter: 'cloudStatus eq "ACTIVE"',
      conditions: [
        { field: 'name', op: 'sw', value: 'O"Brien' },
        { field: 'correlated', op: 'eq', value: 'true' },
        { field: 'id', op: 'in', value: ['a1', 'b2'] },
      ],
    });
    assert.strictEqual(filters, '(cloudStatus eq "ACTIVE") and (name sw "O\\"Brien") and (correlated eq true) and (id in ("a1","b2"))');
  });

  it('refuses a condition with an operator its field does not support', () => {
    inputError(() => filtersFromInput({ conditions: [{ field: 'cloudStatus', op: 'sw', value: 'A' }] }), /does not support "sw"/);
    inputError(() => filtersFromInput({ conditions: [{ field: 'protected', op: 'eq', value: 'maybe' }] }), /true or false/);
  });

  it('caps the limit at 50, defaults to 20 rows from offset 0, NONE as default filter, and always counts', () => {
    assert.deepStrictEqual(findQueryFromInput({}), { filters: undefined, sorters: undefined, defaultFilter: 'NONE', limit: 20, offset: 0, count: true });
    assert.strictEqual(findQueryFromInput({ limit: 5000 }).limit, 50);
    assert.strictEqual(findQueryFromInput({ limit: 0 }).limit, 1);
    assert.strictEqual(findQueryFromInput({ offset: -3 }).offset, 0);
    assert.strictEqual(findQueryFromInput({ defaultFilter: 'correlated_only' }).defaultFilter, 'CORRELATED_ONLY');
  });

  it('refuses sorters on fields list-identities cannot sort', () => {
    assert.strictEqual(findQueryFromInput({ sorters: '-name, alias' }).sorters, '-name,alias');
    inputError(() => findQueryFromInput({ sorters: 'email' }), /"sorters" takes name, alias, cloudStatus/);
  });

  it('accepts id-shaped ids only (no filter syntax can ride in an id)', () => {
    assert.strictEqual(identityIdFromInput({ identityId: ' 2c9180835d2e5168015d32f890ca1581 ' }), '2c9180835d2e5168015d32f890ca1581');
    inputError(() => identityIdFromInput({ identityId: 'a" or name sw "' }), /not an identity id/);
    inputError(() => identityIdFromInput({}), /"identityId" is required/);
    assert.deepStrictEqual(identityIdsFromInput({ identityIds: ['a', 'b', 'a'] }), ['a', 'b']);
  });
});

describe('acting tool input', () => {
  it('takes ids or a filter, never both and never neither', () => {
    assert.deepStrictEqual(actionInputFromInput({ action: 'reset', identityIds: ['a1'] }).target, { kind: 'ids', ids: ['a1'] });
    assert.deepStrictEqual(actionInputFromInput({ action: 'process', filter: 'name sw "A"' }).target, { kind: 'filter', filters: 'name sw "A"', defaultFilter: 'NONE' });
    inputError(() => actionInputFromInput({ action: 'reset', identityIds: ['a1'], filter: 'name sw "A"' }), /not both/);
    inputError(() => actionInputFromInput({ action: 'reset' }), /Say which identities/);
  });

  it('does not offer delete, and names the actions it offers', () => {
    inputError(() => actionInputFromInput({ action: 'delete', identityIds: ['a1'] }), /Deleting identities is not offered/);
    inputError(() => actionInputFromInput({ action: 'deleteIdentity', identityIds: ['a1'] }), /Deleting identities is not offered/);
    inputError(() => actionInputFromInput({ action: 'disable', identityIds: ['a1'] }), /one of reset, synchronize, process, invite, passwordResetEmail/);
  });

  it(`refuses more than ${MAX_ACTION_TARGETS} ids in one call`, () => {
    const ids = Array.from({ length: MAX_ACTION_TARGETS + 1 }, (_, i) => `id${i}`);
    inputError(() => actionInputFromInput({ action: 'invite', identityIds: ids }), /At most 100 identities per call/);
  });

  it('needs a source name for a password-reset email and defaults to the work email', () => {
    inputError(() => actionInputFromInput({ action: 'passwordResetEmail', identityIds: ['a1'] }), /"sourceName" is required/);
    const input = actionInputFromInput({ action: 'passwordresetemail', identityIds: ['a1'], sourceName: 'Active Directory' });
    assert.strictEqual(input.action, 'passwordResetEmail');
    assert.strictEqual(input.via, 'EMAIL_WORK');
    inputError(() => actionInputFromInput({ action: 'passwordResetEmail', identityIds: ['a1'], sourceName: 'AD', via: 'SMS' }), /"via" is one of/);
  });
});

describe('plan store (what was confirmed is what runs)', () => {
  it('finds a plan under the same input whatever the key order, once', () => {
    const plans = new PlanStore<string>();
    plans.remember(inputKey({ action: 'reset', identityIds: ['a', 'b'] }), 'plan');
    assert.strictEqual(plans.take(inputKey({ identityIds: ['a', 'b'], action: 'reset' })), 'plan');
    assert.strictEqual(plans.take(inputKey({ identityIds: ['a', 'b'], action: 'reset' })), undefined);
  });

  it('takes the newest plan of an input: an older one was declined and never invoked', () => {
    const plans = new PlanStore<string>();
    plans.remember('k', 'declined');
    plans.remember('k', 'confirmed');
    assert.strictEqual(plans.take('k'), 'confirmed');
  });

  it('does not match another input', () => {
    const plans = new PlanStore<string>();
    plans.remember(inputKey({ action: 'reset', identityIds: ['a'] }), 'plan');
    assert.strictEqual(plans.take(inputKey({ action: 'reset', identityIds: ['b'] })), undefined);
  });

  it('forgets a plan older than its time to live', () => {
    let now = 1_000;
    const plans = new PlanStore<string>(() => now);
    plans.remember('k', 'plan');
    now += PLAN_TTL_MS + 1;
    assert.strictEqual(plans.take('k'), undefined);
  });
});
