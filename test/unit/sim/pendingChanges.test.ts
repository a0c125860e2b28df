// Processing applies a pending change to every fourth generated identity (a transform's job title, a rule's
// attribute), once; fixtures never change.
import * as assert from 'assert';
import { applyPendingChange } from '../../../sim/attributes';
import { IdentityStore } from '../../../sim/store';

describe('simulator pending changes', () => {
  it('changes the job title and adds reviewGroup on an identity whose index is 3 mod 4', () => {
    const store = new IdentityStore(1, 200);
    const record = store.all().find((r) => r.index % 4 === 3 && !r.fixedAttributes)!;
    const before = store.toDto(record).attributes ?? {};
    assert.strictEqual(applyPendingChange(1, record), true);
    const after = store.toDto(record).attributes ?? {};
    assert.strictEqual(after.jobTitle, `Senior ${String(before.jobTitle)}`);
    assert.strictEqual(after.reviewGroup, `${String(before.department)} reviewers`);
  });

  it('applies it once, and never to other identities or fixtures', () => {
    const store = new IdentityStore(1, 200);
    const record = store.all().find((r) => r.index % 4 === 3 && !r.fixedAttributes)!;
    applyPendingChange(1, record);
    assert.strictEqual(applyPendingChange(1, record), false);
    const other = store.all().find((r) => r.index % 4 === 0 && !r.fixedAttributes)!;
    assert.strictEqual(applyPendingChange(1, other), false);
    const fixture = store.all().find((r) => r.fixedAttributes)!;
    assert.strictEqual(applyPendingChange(1, fixture), false);
  });
});
