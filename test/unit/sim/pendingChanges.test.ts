// Processing applies a pending change to every fourth generated identity (a transform's job title, a rule's
// attribute and role, a lifecycle move), once; fixtures never change.
import * as assert from 'assert';
import { applyPendingChange, pendingLifecycleMove } from '../../../sim/attributes';
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

  it('assigns a role from a rule that the identity did not hold, after its other assignments', () => {
    const store = new IdentityStore(1, 200);
    const record = store.all().find((r) => r.index % 4 === 3 && !r.fixedAttributes && r.roleCount > 0)!;
    const before = store.roleAssignments(record);
    applyPendingChange(1, record, Date.UTC(2026, 5, 1));
    const after = store.roleAssignments(record);
    assert.deepStrictEqual(after.slice(0, -1), before, 'the other assignments stay');
    const added = after[after.length - 1];
    assert.ok(!before.some((a) => a.role?.id === added.role?.id), 'a role it did not hold');
    assert.deepStrictEqual([added.assignmentSource, added.assigner?.id, added.addedDate], ['ROLE_MEMBERSHIP', 'SYSTEM', '2026-06-01T00:00:00.000Z']);
    assert.deepStrictEqual(store.roleAssignments(record), after, 'the same assignment on every read');
  });

  it('moves the lifecycle state, in the DTO and in cloudLifecycleState', () => {
    const store = new IdentityStore(1, 400);
    const record = store.all().find((r) => r.index % 4 === 3 && !r.fixedAttributes && r.lifecycleState === 'active')!;
    applyPendingChange(1, record);
    const dto = store.toDto(record);
    assert.strictEqual(dto.lifecycleState?.stateName, 'inactive');
    assert.strictEqual(dto.attributes?.cloudLifecycleState, 'inactive');
  });

  it('moves prehire, inactive and leave to active and leaves terminated and no state where they are', () => {
    assert.deepStrictEqual(
      ['prehire', 'inactive', 'leave', 'terminated', null].map(pendingLifecycleMove),
      ['active', 'active', 'active', 'terminated', null],
    );
  });

  it('adds no role and moves no lifecycle state of an identity without a pending change', () => {
    const store = new IdentityStore(1, 200);
    const other = store.all().find((r) => r.index % 4 === 1 && !r.fixedAttributes)!;
    const roles = store.roleAssignments(other);
    const state = other.lifecycleState;
    applyPendingChange(1, other);
    assert.deepStrictEqual(store.roleAssignments(other), roles);
    assert.strictEqual(other.lifecycleState, state);
  });
});
