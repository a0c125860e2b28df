import * as assert from 'assert';
import type { Simulator } from '../../../../sim/server';
import { loadSnapshot } from '../../../../src/model/compare/snapshotLoader';
import type { IscClient } from '../../../../src/api/iscClient';
import { FIXTURE_IDS, apiRequests, clientFor, expectApiError, lastSeq, startSim } from '../../api/helpers';

describe('compare: loading a snapshot (against the simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let client: IscClient;

  before(async () => {
    sim = await startSim({ identities: 200 });
    client = clientFor(sim, { maxRetries: 0 });
  });

  after(async () => {
    client.dispose();
    await sim.close();
  });

  afterEach(() => sim.setFaults({}));

  it('reads identity and role assignment references in two requests when nothing else is asked', async () => {
    const seq = lastSeq(sim);
    const loaded = await loadSnapshot(client, FIXTURE_IDS.manyRoles);
    assert.strictEqual(loaded.snapshot.identity.id, FIXTURE_IDS.manyRoles);
    assert.strictEqual(loaded.snapshot.roleAssignments.length, 30);
    assert.strictEqual(loaded.snapshot.ownership, undefined);
    assert.strictEqual(loaded.snapshot.protected, undefined);
    assert.strictEqual(apiRequests(sim, seq).length, 2);
    assert.strictEqual(loaded.requests, 2);
  });

  it('reads the source of every role assignment, one request each, and says what it cost', async () => {
    const seq = lastSeq(sim);
    const loaded = await loadSnapshot(client, FIXTURE_IDS.manyRoles, { sourceLookups: 50, ownership: true, protected: true });
    assert.ok(loaded.snapshot.roleAssignments.every((r) => typeof r.assignmentSource === 'string' && r.assignmentSource.length > 0));
    assert.strictEqual(apiRequests(sim, seq).length, 34);
    assert.strictEqual(loaded.requests, 34);
    assert.deepStrictEqual(loaded.notes, []);
  });

  it('stops at the lookup bound and says so', async () => {
    const loaded = await loadSnapshot(client, FIXTURE_IDS.manyRoles, { sourceLookups: 10 });
    assert.strictEqual(loaded.snapshot.roleAssignments.filter((r) => r.assignmentSource).length, 10);
    assert.deepStrictEqual(loaded.notes, ['Sources shown for the first 10 of 30 role assignments (one request each).']);
  });

  it('asks list-identities whether the identity is protected', async () => {
    const yes = await loadSnapshot(client, FIXTURE_IDS.protectedIdentity, { protected: true });
    const no = await loadSnapshot(client, FIXTURE_IDS.obrien, { protected: true });
    assert.deepStrictEqual([yes.snapshot.protected, no.snapshot.protected], [true, false]);
  });

  it('reads ownership grouped by association type', async () => {
    const loaded = await loadSnapshot(client, FIXTURE_IDS.owner, { ownership: true });
    assert.ok((loaded.snapshot.ownership?.groups.length ?? 0) >= 2);
  });

  it('keeps going without ownership when its request fails, and says why', async () => {
    sim.setFaults({ failNext: { status: 500, count: 1, pathIncludes: '/ownership' } });
    const loaded = await loadSnapshot(client, FIXTURE_IDS.owner, { ownership: true });
    assert.strictEqual(loaded.snapshot.ownership, undefined);
    assert.strictEqual(loaded.notes.length, 1);
    assert.match(loaded.notes[0], /^Ownership could not be read: /);
  });

  it('rejects with kind notFound for an identity that does not exist', async () => {
    await expectApiError(loadSnapshot(client, 'ffffffffffffffffffffffffffffffff'), 'notFound');
  });
});
