import * as assert from 'assert';
import { ENGLISH_FACT_LABELS, compareIdentities, isIdenticalDiff, matchOwnership, matchRoleAssignments } from '../../../../src/model/compare/identityDiff';
import { canonicalJson, compareAsSets, valuesEqual } from '../../../../src/model/compare/values';
import { role, snapshot } from './fixtures';

describe('compare: values', () => {
  it('treats objects with the same keys in another order as equal', () => {
    assert.strictEqual(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
    assert.ok(valuesEqual({ b: 1, a: 2 }, { a: 2, b: 1 }));
  });

  it('compares multi-valued values as sets: order and repeats do not matter', () => {
    assert.ok(valuesEqual(['x', 'y', 'x'], ['y', 'x']));
    assert.ok(!valuesEqual(['x', 'y'], ['x', 'z']));
    assert.deepStrictEqual(compareAsSets(['x', 'y', 1], ['y', 'z', '1']), { onlyA: ['x', '1'], onlyB: ['z', '1'], both: ['y'] });
  });

  it('keeps a string and a number with the same digits apart', () => {
    assert.ok(!valuesEqual('1', 1));
    assert.ok(!valuesEqual(null, undefined));
  });

  it('keeps a "__proto__" key as a plain key', () => {
    const a = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    const b = JSON.parse('{"__proto__": {"x": 2}}') as unknown;
    assert.ok(!valuesEqual(a, b));
    assert.strictEqual(canonicalJson(a), '{"__proto__":{"x":1}}');
  });
});

describe('compare: attributes', () => {
  it('matches attributes by key and marks equal, changed, only A and only B', () => {
    const diff = compareIdentities(
      snapshot({ attributes: { department: 'Sales', city: 'Ghent', phone: '1' } }),
      snapshot({ attributes: { department: 'Engineering', city: 'Ghent', email: 'x@example.com' } }),
    );
    const statuses = Object.fromEntries(diff.attributes.map((d) => [d.key, d.status]));
    assert.deepStrictEqual(statuses, { department: 'changed', email: 'onlyB', phone: 'onlyA', city: 'equal' });
    assert.deepStrictEqual(diff.counts.attributes, { equal: 1, changed: 1, onlyA: 1, onlyB: 1 });
  });

  it('lists differences first, then equal attributes, each by key', () => {
    const diff = compareIdentities(
      snapshot({ attributes: { b: 1, a: 1, z: 1, y: 1 } }),
      snapshot({ attributes: { b: 2, a: 1, z: 2, y: 1 } }),
    );
    assert.deepStrictEqual(diff.attributes.map((d) => d.key), ['b', 'z', 'a', 'y']);
  });

  it('shows which values of a multi-valued attribute each side has', () => {
    const diff = compareIdentities(snapshot({ attributes: { groups: ['a', 'b'] } }), snapshot({ attributes: { groups: ['b', 'c'] } }));
    const groups = diff.attributes.find((d) => d.key === 'groups');
    assert.strictEqual(groups?.status, 'changed');
    assert.deepStrictEqual(groups?.sets, { onlyA: ['a'], onlyB: ['c'], both: ['b'] });
  });

  it('treats a multi-valued attribute in another order as equal', () => {
    const diff = compareIdentities(snapshot({ attributes: { groups: ['a', 'b'] } }), snapshot({ attributes: { groups: ['b', 'a'] } }));
    assert.strictEqual(diff.attributes[0].status, 'equal');
  });

  it('tells an attribute that is null apart from one that is missing', () => {
    const diff = compareIdentities(snapshot({ attributes: { phone: null } }), snapshot({ attributes: {} }));
    assert.deepStrictEqual(diff.attributes.map((d) => [d.key, d.status, d.inA, d.inB]), [['phone', 'onlyA', true, false]]);
  });

  it('survives identities without attributes or with a non-object attributes field', () => {
    const diff = compareIdentities(snapshot({ attributes: undefined }), snapshot({ attributes: ['x'] as unknown as Record<string, unknown> }));
    assert.deepStrictEqual(diff.attributes, []);
  });

  it('leaves ignored attributes out', () => {
    const diff = compareIdentities(snapshot({ attributes: { lastSyncDate: 1 } }), snapshot({ attributes: { lastSyncDate: 2 } }), { ignoreAttributes: ['lastSyncDate'] });
    assert.deepStrictEqual(diff.attributes, []);
  });

  it('compares 200 attributes with the differing ones first', () => {
    const many = (changedEvery: number) =>
      Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`attr${String(i).padStart(3, '0')}`, changedEvery && i % changedEvery === 0 ? `other ${i}` : `value ${i}`]));
    const diff = compareIdentities(snapshot({ attributes: many(0) }), snapshot({ attributes: many(10) }));
    assert.strictEqual(diff.attributes.length, 200);
    assert.strictEqual(diff.counts.attributes.changed, 20);
    assert.ok(diff.attributes.slice(0, 20).every((d) => d.status === 'changed'));
    assert.ok(diff.attributes.slice(20).every((d) => d.status === 'equal'));
  });
});

describe('compare: header facts', () => {
  it('compares status, processing state, lifecycle (from cloudLifecycleState), manager, protected and is-manager', () => {
    const diff = compareIdentities(
      snapshot({ attributes: { cloudLifecycleState: 'active' } }, [], { protected: true }),
      snapshot({ identityStatus: 'LOCKED', isManager: true, managerRef: { id: 'm2', name: 'Other Boss' }, attributes: { cloudLifecycleState: 'inactive' } }, [], { protected: false }),
    );
    const facts = Object.fromEntries(diff.facts.map((f) => [f.key, [f.status, f.a, f.b]]));
    assert.deepStrictEqual(facts, {
      identityStatus: ['changed', 'ACTIVE', 'LOCKED'],
      processingState: ['equal', 'OK', 'OK'],
      lifecycleState: ['changed', 'active', 'inactive'],
      manager: ['changed', 'Mia Boss', 'Other Boss'],
      protected: ['changed', 'Yes', 'No'],
      isManager: ['changed', 'No', 'Yes'],
    });
    assert.strictEqual(diff.counts.factsDiffering, 5);
  });

  it('falls back to lifecycleState.stateName when cloudLifecycleState is missing', () => {
    const diff = compareIdentities(snapshot({ attributes: {}, lifecycleState: { stateName: 'leaver', manuallyUpdated: false } }), snapshot({ attributes: {} }));
    assert.deepStrictEqual(diff.facts.find((f) => f.key === 'lifecycleState'), { key: 'lifecycleState', label: 'Lifecycle state', a: 'leaver', status: 'onlyA' });
  });

  it('matches the manager by id in one tenant and by name across tenants', () => {
    const a = snapshot({ managerRef: { id: 'm1', name: 'Mia Boss' } });
    const b = snapshot({ managerRef: { id: 'prod-m1', name: 'Mia Boss' } });
    assert.strictEqual(compareIdentities(a, b).facts.find((f) => f.key === 'manager')?.status, 'changed');
    assert.strictEqual(compareIdentities(a, b, { crossTenant: true }).facts.find((f) => f.key === 'manager')?.status, 'equal');
  });

  it('names the header facts with the labels it is given, English ones by default', () => {
    const labels = { identityStatus: 'Status', processingState: 'Verarbeitung', lifecycleState: 'Lebenszyklus', manager: 'Vorgesetzter', protected: 'Geschützt', isManager: 'Ist Vorgesetzter' };
    assert.deepStrictEqual(compareIdentities(snapshot(), snapshot(), { factLabels: labels }).facts.map((f) => f.label), Object.values(labels));
    assert.deepStrictEqual(compareIdentities(snapshot(), snapshot()).facts.map((f) => f.label), Object.values(ENGLISH_FACT_LABELS));
  });

  it('says "protected" is unknown on a side where it was not read', () => {
    const diff = compareIdentities(snapshot({}, [], { protected: true }), snapshot());
    assert.deepStrictEqual(diff.facts.find((f) => f.key === 'protected'), { key: 'protected', label: 'Protected', a: 'Yes', status: 'onlyA' });
  });
});

describe('compare: role assignments', () => {
  it('sorts role assignments into only A, only B and both, matched by role id in one tenant', () => {
    const diff = compareIdentities(
      snapshot({}, [role('r1', 'Engineer'), role('r2', 'Admin')]),
      snapshot({}, [role('r2', 'Admin'), role('r3', 'Auditor')]),
    );
    assert.deepStrictEqual(diff.roleAssignments.map((m) => [m.match, m.roleName]), [['onlyA', 'Engineer'], ['onlyB', 'Auditor'], ['both', 'Admin']]);
    assert.deepStrictEqual(diff.counts.roleAssignments, { onlyA: 1, onlyB: 1, both: 1 });
    assert.strictEqual(diff.matchBy, 'id');
  });

  it('matches by role name across tenants, where the same role has another id', () => {
    const a = [role('sandbox-1', 'Engineer')];
    const b = [role('prod-9', 'engineer ')];
    assert.deepStrictEqual(matchRoleAssignments(a, b, 'id').map((m) => m.match), ['onlyA', 'onlyB']);
    const byName = compareIdentities(snapshot({}, a), snapshot({}, b), { crossTenant: true });
    assert.strictEqual(byName.matchBy, 'name');
    assert.deepStrictEqual(byName.roleAssignments.map((m) => [m.match, m.a?.roleId, m.b?.roleId]), [['both', 'sandbox-1', 'prod-9']]);
  });

  it('does not match two roles of the same name in one tenant when their ids differ', () => {
    const diff = compareIdentities(snapshot({}, [role('r1', 'Engineer')]), snapshot({}, [role('r9', 'Engineer')]));
    assert.deepStrictEqual(diff.roleAssignments.map((m) => m.match), ['onlyA', 'onlyB']);
  });

  it('pairs a role assigned twice in order and leaves the extra one unpaired', () => {
    const diff = compareIdentities(
      snapshot({}, [role('r1', 'Engineer', { id: 'x1' }), role('r1', 'Engineer', { id: 'x2' })]),
      snapshot({}, [role('r1', 'Engineer', { id: 'y1' })]),
    );
    assert.deepStrictEqual(diff.roleAssignments.map((m) => [m.match, m.a?.assignmentId, m.b?.assignmentId]), [['onlyA', 'x2', undefined], ['both', 'x1', 'y1']]);
  });

  it('carries source and dates, and names the fields that differ between paired assignments', () => {
    const diff = compareIdentities(
      snapshot({}, [role('r1', 'Engineer', { assignmentSource: 'UI', removeDate: '2026-01-01T00:00:00.000Z' })]),
      snapshot({}, [role('r1', 'Engineer', { assignmentSource: 'ROLE_MEMBERSHIP' })]),
    );
    const [match] = diff.roleAssignments;
    assert.strictEqual(match.a?.source, 'UI');
    assert.strictEqual(match.b?.source, 'ROLE_MEMBERSHIP');
    assert.strictEqual(match.a?.removeDate, '2026-01-01T00:00:00.000Z');
    assert.deepStrictEqual(match.differs, ['source', 'removeDate']);
  });

  it('does not call a source a difference when only one side knows it', () => {
    const [match] = matchRoleAssignments([role('r1', 'E', { assignmentSource: 'UI' })], [role('r1', 'E')], 'id');
    assert.deepStrictEqual(match.differs, []);
  });

  it('never pairs assignments without role id or name', () => {
    const diff = compareIdentities(snapshot({}, [{ id: 'x' }]), snapshot({}, [{ id: 'y' }]));
    assert.deepStrictEqual(diff.roleAssignments.map((m) => [m.match, m.roleName]), [['onlyA', 'x'], ['onlyB', 'y']]);
  });

  it('compares 30 role assignments on each side', () => {
    const a = Array.from({ length: 30 }, (_, i) => role(`r${i}`, `Role ${i}`));
    const b = Array.from({ length: 30 }, (_, i) => role(`r${i + 10}`, `Role ${i + 10}`));
    const diff = compareIdentities(snapshot({}, a), snapshot({}, b));
    assert.deepStrictEqual(diff.counts.roleAssignments, { onlyA: 10, onlyB: 10, both: 20 });
  });
});

describe('compare: ownership', () => {
  const owned = (associationType: string, id: string, name: string, type = 'ROLE') => ({ associationType, id, name, type });

  it('matches owned objects by id in one tenant and by type and name across tenants', () => {
    const a = { groups: [{ associationType: 'ROLE_OWNER', entities: [owned('ROLE_OWNER', 'r1', 'Engineer'), owned('ROLE_OWNER', 'r2', 'Admin')] }] };
    const b = { groups: [{ associationType: 'ROLE_OWNER', entities: [owned('ROLE_OWNER', 'p1', 'Engineer')] }] };
    assert.deepStrictEqual(matchOwnership(a, b, 'id').map((m) => [m.match, m.name]), [['onlyA', 'Admin'], ['onlyA', 'Engineer'], ['onlyB', 'Engineer']]);
    assert.deepStrictEqual(matchOwnership(a, b, 'name').map((m) => [m.match, m.name, m.idA, m.idB]), [['onlyA', 'Admin', 'r2', undefined], ['both', 'Engineer', 'r1', 'p1']]);
  });

  it('leaves ownership out when either side did not load it', () => {
    const diff = compareIdentities(snapshot({}, [], { ownership: { groups: [] } }), snapshot());
    assert.strictEqual(diff.ownership, undefined);
    assert.strictEqual(diff.counts.ownership, undefined);
  });
});

describe('compare: identical identities', () => {
  it('reports an identity compared with itself as identical', () => {
    const a = snapshot({ attributes: { groups: ['x', 'y'] } }, [role('r1', 'E')], { ownership: { groups: [] }, protected: false });
    assert.ok(isIdenticalDiff(compareIdentities(a, a)));
  });

  it('reports any attribute difference as not identical', () => {
    assert.ok(!isIdenticalDiff(compareIdentities(snapshot({ attributes: { a: 1 } }), snapshot({ attributes: { a: 2 } }))));
  });
});
