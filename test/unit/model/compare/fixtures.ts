// Small snapshot builders of the compare unit tests.
import type { Identity } from '../../../../src/api/types';
import type { IdentitySnapshot, SnapshotAssignment } from '../../../../src/model/compare/identityDiff';

function identity(overrides: Partial<Identity> = {}): Identity {
  return {
    id: 'a1',
    name: 'Anna Smith',
    identityStatus: 'ACTIVE',
    processingState: 'OK',
    isManager: false,
    managerRef: { type: 'IDENTITY', id: 'm1', name: 'Mia Boss' },
    attributes: { department: 'Sales', cloudLifecycleState: 'active' },
    ...overrides,
  };
}

export function role(roleId: string, roleName: string, extra: Partial<SnapshotAssignment> = {}): SnapshotAssignment {
  return { id: `as-${roleId}`, role: { type: 'ROLE', id: roleId, name: roleName }, addedDate: '2025-01-01T00:00:00.000Z', startDate: null, removeDate: null, ...extra };
}

export function snapshot(overrides: Partial<Identity> = {}, roleAssignments: SnapshotAssignment[] = [], extra: Partial<IdentitySnapshot> = {}): IdentitySnapshot {
  return { identity: identity(overrides), roleAssignments, ...extra };
}
