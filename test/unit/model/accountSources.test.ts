// Account-source suggestions of the password-reset email: the source names of an identity's role assignments'
// account targets, distinct, in the order first seen, from a bounded number of assignment reads.
import * as assert from 'assert';
import type { RoleAssignment, RoleAssignmentRef } from '../../../src/api/types';
import { accountSourceNames } from '../../../src/model/actions/accountSources';

function fakeClient(refs: RoleAssignmentRef[], assignments: Record<string, RoleAssignment>) {
  const read: string[] = [];
  return {
    read,
    client: {
      getRoleAssignmentRefs: async () => refs,
      getRoleAssignment: async (_identityId: string, id: string) => {
        read.push(id);
        return assignments[id] ?? {};
      },
    },
  };
}

const target = (name?: string) => ({ source: { type: 'SOURCE', id: `src-${name}`, name } });

describe('accountSourceNames', () => {
  it('lists the distinct source names of the account targets, in the order first seen', async () => {
    const { client } = fakeClient([{ id: 'a' }, { id: 'b' }], {
      a: { accountTargets: [target('Active Directory'), target('Workday')] },
      b: { accountTargets: [target('Workday'), target(' '), target(undefined), target('SAP')] },
    });
    assert.deepStrictEqual(await accountSourceNames(client, 'identity'), ['Active Directory', 'Workday', 'SAP']);
  });

  it('reads at most maxAssignments assignments, and none without an id', async () => {
    const { client, read } = fakeClient([{}, { id: 'a' }, { id: 'b' }, { id: 'c' }], {});
    assert.deepStrictEqual(await accountSourceNames(client, 'identity', { maxAssignments: 2 }), []);
    assert.deepStrictEqual(read, ['a', 'b']);
  });
});
