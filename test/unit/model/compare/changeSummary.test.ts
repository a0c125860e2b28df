import * as assert from 'assert';
import { aggregateChanges, describeChange, formatAggregate, summarizeChange } from '../../../../src/model/compare/changeSummary';
import type { IdentityChange } from '../../../../src/model/compare/changeSummary';
import { role, snapshot } from './fixtures';

function unchanged(id: string): IdentityChange {
  return { identityId: id, name: id, attributes: [], roleAssignmentsAdded: [], roleAssignmentsRemoved: [], changed: false };
}

describe('change summary: one identity before and after', () => {
  it('lists attributes added, removed and changed with old and new values', () => {
    const change = summarizeChange(
      snapshot({ attributes: { department: 'Sales', phone: '1', cloudLifecycleState: 'active' } }),
      snapshot({ attributes: { department: 'Engineering', title: 'Dev', cloudLifecycleState: 'active' } }),
    );
    assert.deepStrictEqual(
      change.attributes.map((a) => [a.kind, a.key, a.before, a.after]),
      [
        ['changed', 'department', 'Sales', 'Engineering'],
        ['removed', 'phone', '1', undefined],
        ['added', 'title', undefined, 'Dev'],
      ],
    );
    assert.strictEqual(change.changed, true);
  });

  it('lists role assignments added and removed', () => {
    const change = summarizeChange(snapshot({}, [role('r1', 'Engineer'), role('r2', 'Admin')]), snapshot({}, [role('r2', 'Admin'), role('r3', 'Auditor')]));
    assert.deepStrictEqual(change.roleAssignmentsAdded.map((r) => r.roleName), ['Auditor']);
    assert.deepStrictEqual(change.roleAssignmentsRemoved.map((r) => r.roleName), ['Engineer']);
  });

  it('reports lifecycle, manager and identity status once, not again as their mirrored attributes', () => {
    const change = summarizeChange(
      snapshot({ identityStatus: 'ACTIVE', attributes: { cloudLifecycleState: 'active', cloudStatus: 'ACTIVE' } }),
      snapshot({ identityStatus: 'UNREGISTERED', managerRef: { id: 'm2', name: 'New Boss' }, attributes: { cloudLifecycleState: 'leaver', cloudStatus: 'UNREGISTERED' } }),
    );
    assert.deepStrictEqual(change.lifecycleState, { before: 'active', after: 'leaver' });
    assert.deepStrictEqual(change.manager, { before: 'Mia Boss', after: 'New Boss' });
    assert.deepStrictEqual(change.identityStatus, { before: 'ACTIVE', after: 'UNREGISTERED' });
    assert.deepStrictEqual(change.attributes, []);
  });

  it('does not count lastSyncDate, which every refresh stamps', () => {
    const change = summarizeChange(snapshot({ attributes: { lastSyncDate: 1 } }), snapshot({ attributes: { lastSyncDate: 2 } }));
    assert.strictEqual(change.changed, false);
  });

  it('counts lastSyncDate when the caller ignores nothing', () => {
    const change = summarizeChange(snapshot({ attributes: { lastSyncDate: 1 } }), snapshot({ attributes: { lastSyncDate: 2 } }), { ignoreAttributes: [] });
    assert.strictEqual(change.changed, true);
  });

  it('gives the values that appeared and disappeared in a multi-valued attribute', () => {
    const change = summarizeChange(snapshot({ attributes: { groups: ['a', 'b'] } }), snapshot({ attributes: { groups: ['b', 'c'] } }));
    assert.deepStrictEqual([change.attributes[0].valuesAdded, change.attributes[0].valuesRemoved], [['c'], ['a']]);
    assert.deepStrictEqual(describeChange(change), ['groups: +c, −a']);
  });

  it('says "No identity attribute changed" rather than nothing', () => {
    const same = snapshot({}, [role('r1', 'E')]);
    const change = summarizeChange(same, same);
    assert.strictEqual(change.changed, false);
    assert.deepStrictEqual(describeChange(change), ['No identity attribute changed']);
  });

  it('describes each change on one line, long values cut', () => {
    const change = summarizeChange(
      snapshot({ identityStatus: 'ACTIVE', attributes: { department: 'Sales', note: 'x'.repeat(1000) } }, [role('r1', 'Engineer')]),
      snapshot({ identityStatus: 'LOCKED', attributes: { department: 'Engineering' } }, [role('r3', 'Auditor')]),
    );
    const lines = describeChange(change);
    assert.deepStrictEqual(lines.slice(0, 2), ['Identity status: ACTIVE → LOCKED', 'department: Sales → Engineering']);
    assert.ok(lines[2].startsWith('note removed (was xxx') && lines[2].length < 250);
    assert.deepStrictEqual(lines.slice(3), ['Role assignment added: Auditor', 'Role assignment removed: Engineer']);
  });
});

describe('change summary: many identities', () => {
  const changes = (): IdentityChange[] => [
    summarizeChange(snapshot({ attributes: { department: 'A' } }), snapshot({ attributes: { department: 'B' }, managerRef: { id: 'm9', name: 'X' } }, [role('r1', 'E')])),
    summarizeChange(snapshot({ attributes: { department: 'A' } }, [role('r2', 'F'), role('r3', 'G')]), snapshot({ attributes: { department: 'C' } })),
    summarizeChange(snapshot({ attributes: { city: 'A' } }), snapshot({ attributes: { city: 'B' } })),
    unchanged('u1'),
  ];

  it('counts changed identities per field, most first', () => {
    const aggregate = aggregateChanges(changes());
    assert.deepStrictEqual(aggregate.fields, [
      { field: 'department', count: 2 },
      { field: 'city', count: 1 },
      { field: 'manager', count: 1 },
    ]);
    assert.deepStrictEqual([aggregate.total, aggregate.changed, aggregate.unchanged], [4, 3, 1]);
    assert.deepStrictEqual([aggregate.roleAssignmentsAdded, aggregate.roleAssignmentsRemoved], [1, 2]);
  });

  it('reads as "3 of 40 changed: department 2, city 1, manager 1; 1 role assignment added, 2 removed"', () => {
    assert.strictEqual(formatAggregate(aggregateChanges(changes(), 40)), '3 of 40 changed: department 2, city 1, manager 1; 1 role assignment added, 2 removed');
  });

  it('reads as "0 of 5 changed" when nothing changed', () => {
    assert.strictEqual(formatAggregate(aggregateChanges([unchanged('a'), unchanged('b')], 5)), '0 of 5 changed');
  });

  it('names only the most frequent fields and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => summarizeChange(snapshot({ attributes: { [`f${i}`]: 1 } }), snapshot({ attributes: { [`f${i}`]: 2 } })));
    assert.strictEqual(formatAggregate(aggregateChanges(many), 3), '8 of 8 changed: f0 1, f1 1, f2 1, 5 more');
  });

  it('mentions only removals when nothing was added', () => {
    const removal = summarizeChange(snapshot({}, [role('r1', 'E')]), snapshot({}, []));
    assert.strictEqual(formatAggregate(aggregateChanges([removal])), '1 of 1 changed; 1 role assignment removed');
  });

  it('sums what processing and reset change: attributes, lifecycle state, identity status and role assignments', () => {
    const processed = (id: string) =>
      summarizeChange(
        snapshot({ id, attributes: { jobTitle: 'Engineer', cloudLifecycleState: 'active' } }, [role('r1', 'E')]),
        snapshot({ id, attributes: { jobTitle: 'Senior Engineer', reviewGroup: 'IT reviewers', cloudLifecycleState: 'inactive' } }, [role('r1', 'E'), role('r7', 'VPN Access')]),
      );
    const reset = summarizeChange(snapshot({ id: 'c3', identityStatus: 'ACTIVE' }), snapshot({ id: 'c3', identityStatus: 'UNREGISTERED' }));
    const aggregate = aggregateChanges([processed('a1'), processed('b2'), reset, unchanged('u1')], 10);
    assert.strictEqual(
      formatAggregate(aggregate),
      '3 of 10 changed: jobTitle 2, lifecycle state 2, reviewGroup 2, identity status 1; 2 role assignments added',
    );
    assert.strictEqual(aggregate.unchanged, 1, 'the unchanged identity is counted, not listed');
  });
});
