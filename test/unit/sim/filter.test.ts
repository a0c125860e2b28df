import * as assert from 'node:assert/strict';
import { FilterError, matchesFilter, parseFilter } from '../../../sim/filter';
import { FIXTURE_IDS, OBRIEN_NAME } from '../../../sim/fixtures';
import { generateIdentities } from '../../../sim/generator';
import type { IdentityRecord } from '../../../sim/model';
import { SimHarness, errorText } from './simTestUtils';

describe('sim filter parser', () => {
  const valid: [string, string][] = [
    ['id eq "2c9180865c45e7e3015c46c434a80622"', 'eq on id'],
    ['id in ("a","b" , "c")', 'in list with spaces'],
    ['name sw "Zo"', 'sw on name'],
    ['name eq "O\\"Brien \\\\ #1 & co"', 'escaped quote and backslash'],
    ['alias eq "x" and email sw "y"', 'and'],
    ['firstname eq "a" or lastname eq "b" and correlated eq true', 'precedence'],
    ['not protected eq true', 'not'],
    ['not (cloudStatus eq "ACTIVE" or processingState eq "ERROR")', 'not with parentheses'],
    ['((correlated eq false))', 'nested parentheses'],
    ['  name   sw   "a"  ', 'extra whitespace'],
    ['name eq ""', 'empty string'],
    ['name eq "李"', 'non-latin'],
  ];
  for (const [expression, label] of valid) {
    it(`accepts ${label}: ${expression}`, () => {
      assert.doesNotThrow(() => parseFilter(expression));
    });
  }

  const invalid: [string, RegExp][] = [
    ['', /empty/],
    ['foo eq "x"', /not supported for field 'foo'/],
    ['name co "x"', /operator 'co' is not supported for field 'name'/],
    ['name in ("x")', /operator 'in' is not supported for field 'name'/],
    ['id sw "x"', /operator 'sw' is not supported for field 'id'/],
    ['cloudStatus sw "A"', /operator 'sw' is not supported/],
    ['correlated eq "true"', /bare boolean/],
    ['name eq true', /double-quoted string/],
    ["name eq 'x'", /unexpected character/],
    ['name eq "x', /unterminated string/],
    ['name eq "a\\nb"', /invalid escape/],
    ['name eq "x" and', /expected a field name/],
    ['name eq "x" name eq "y"', /unexpected 'name'/],
    ['(name eq "x"', /expected '\)'/],
    ['name eq "x")', /unexpected '\)'/],
    ['id in "x"', /needs a list/],
    ['id in ("x",)', /expected a double-quoted string/],
    ['id in ()', /expected a double-quoted string/],
    ['name EQ "x"', /unknown operator 'EQ'/],
    ['name eq "x" AND alias eq "y"', /unexpected 'AND'/],
    ['name zz "x"', /unknown operator 'zz'/],
    ['name', /expected an operator/],
    ['Name eq "x"', /not supported for field 'Name'/],
    ['created gt "2020"', /not supported for field 'created'/],
  ];
  for (const [expression, reason] of invalid) {
    it(`rejects ${JSON.stringify(expression)}`, () => {
      assert.throws(() => parseFilter(expression), (e: unknown) => e instanceof FilterError && reason.test(e.message));
    });
  }

  describe('evaluation', () => {
    const records = generateIdentities(3, 200);
    const select = (expression: string): IdentityRecord[] => records.filter((r) => matchesFilter(parseFilter(expression), r));

    it('eq and sw on strings are case-insensitive', () => {
      const obrien = records.find((r) => r.id === FIXTURE_IDS.obrien)!;
      assert.deepEqual(select(`name eq "${OBRIEN_NAME.toUpperCase().replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`), [obrien]);
      assert.ok(select('name sw "o\\"bri"').includes(obrien));
    });

    it('in on id matches any listed id', () => {
      const found = select(`id in ("${FIXTURE_IDS.owner}","${FIXTURE_IDS.manager}","nope")`).map((r) => r.id);
      assert.deepEqual(found.sort(), [FIXTURE_IDS.owner, FIXTURE_IDS.manager].sort());
    });

    it('booleans, not, or, parentheses', () => {
      const uncorrelated = records.filter((r) => !r.correlated);
      assert.deepEqual(select('correlated eq false'), uncorrelated);
      assert.deepEqual(select('not correlated eq true'), uncorrelated);
      assert.equal(select('protected eq true or correlated eq false').length, records.filter((r) => r.protected || !r.correlated).length);
      assert.equal(
        select('(protected eq true or correlated eq false) and cloudStatus eq "active"').length,
        records.filter((r) => (r.protected || !r.correlated) && r.identityStatus === 'ACTIVE').length,
      );
    });

    it('null email / processingState never match eq or sw', () => {
      const withoutEmail = records.filter((r) => r.email === null);
      assert.ok(withoutEmail.length > 0);
      assert.ok(select('email sw ""').every((r) => r.email !== null));
      assert.equal(select('processingState eq "ERROR"').length, records.filter((r) => r.processingState === 'ERROR').length);
    });
  });

  describe('over HTTP', () => {
    let h: SimHarness;
    before(async () => (h = await SimHarness.start()));
    after(() => h.close());

    it('answers 400 ErrorResponseDto with the reason for a bad filter', async () => {
      const res = await h.get('/identities', { query: { filters: 'name co "x"' } });
      assert.equal(res.status, 400);
      const body = res.body as { detailCode: string; trackingId: string; messages: { locale: string; localeOrigin: string }[] };
      assert.equal(body.detailCode, '400.1 Bad Request Content');
      assert.match(body.trackingId, /^[0-9a-f]{32}$/);
      assert.equal(body.messages[0].locale, 'en-US');
      assert.equal(body.messages[0].localeOrigin, 'DEFAULT');
      assert.match(errorText(res), /operator 'co' is not supported for field 'name'/);
    });

    it('finds the O"Brien fixture by an escaped name filter (URL-encoded)', async () => {
      const res = await h.get('/identities', { query: { filters: 'name eq "O\\"Brien \\\\ #1 & co"' } });
      assert.equal(res.status, 200);
      assert.deepEqual((res.body as { id: string }[]).map((i) => i.id), [FIXTURE_IDS.obrien]);
    });
  });
});
