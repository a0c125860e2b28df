import * as assert from 'assert';
import { MAX_RECENT_IDENTITIES, parseRecentIdentities, withRecentIdentity } from '../../../src/model/recentIdentities';
import type { IdentityRef } from '../../../src/model/identityRef';

const ref = (n: number, tenantId = 't1'): IdentityRef => ({ tenantId, identityId: `id-${n}`, name: `Person ${n}` });

describe('recently opened identities (Find Identity before anything is typed)', () => {
  it('puts the identity opened last first', () => {
    assert.deepStrictEqual(withRecentIdentity([ref(1), ref(2)], ref(3)).map((r) => r.identityId), ['id-3', 'id-1', 'id-2']);
  });

  it('keeps one entry per identity, moved to the front when opened again', () => {
    assert.deepStrictEqual(withRecentIdentity([ref(1), ref(2), ref(3)], ref(2)).map((r) => r.identityId), ['id-2', 'id-1', 'id-3']);
  });

  it(`keeps at most ${MAX_RECENT_IDENTITIES}`, () => {
    let list: IdentityRef[] = [];
    for (let n = 0; n < 25; n++) list = withRecentIdentity(list, ref(n));
    assert.strictEqual(list.length, MAX_RECENT_IDENTITIES);
    assert.strictEqual(list[0].identityId, 'id-24');
  });

  it('caps a stored name at 200 characters', () => {
    assert.strictEqual(withRecentIdentity([], { ...ref(1), name: 'x'.repeat(100_000) })[0].name.length, 200);
  });

  it('reads back only well-formed entries filed under their own tenant', () => {
    const stored = { t1: [ref(1), { identityId: 'no-tenant' }, ref(2, 't2'), 'text'], t2: 'not a list', t3: [] };
    assert.deepStrictEqual(parseRecentIdentities(stored), { t1: [ref(1)] });
    assert.deepStrictEqual(parseRecentIdentities(undefined), {});
    assert.deepStrictEqual(parseRecentIdentities([ref(1)]), {});
  });
});
