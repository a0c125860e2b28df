import * as assert from 'assert';
import { startSimulator } from '../../../../sim/server';
import { isAbortError } from '../../../../src/api/errors';
import { sw } from '../../../../src/api/filters';
import { IscClient } from '../../../../src/api/iscClient';
import type { Identity } from '../../../../src/api/types';
import { enumerateFilterTargets, identityPagesFor } from '../../../../src/model/targets/filterTargets';
import type { IdentityPagesFn, IdentityPagesQuery } from '../../../../src/model/targets/filterTargets';

const person = (n: number): Identity => ({ id: `id-${n}`, name: `Person ${n}` });

/** Pages of `pageSize` over `identities` (total on each page); records the queries and how many pages were pulled. */
function fakePages(pages: Identity[][], total?: number): IdentityPagesFn & { queries: IdentityPagesQuery[]; pulled: number } {
  const fn = Object.assign(
    (query: IdentityPagesQuery): AsyncIterable<{ items: Identity[]; total?: number }> => {
      fn.queries.push(query);
      return (async function* () {
        for (const items of pages) {
          fn.pulled += 1;
          await new Promise((resolve) => setTimeout(resolve, 1));
          yield { items, total };
        }
      })();
    },
    { queries: [] as IdentityPagesQuery[], pulled: 0 },
  );
  return fn;
}

describe('filterTargets', () => {
  it('returns every matching identity as frozen refs in server order', async () => {
    const iterate = fakePages([[person(3), person(1)], [person(2)]]);
    const refs = await enumerateFilterTargets('processingState eq "ERROR"', { tenantId: 't1', iterate });
    assert.deepStrictEqual(refs, [
      { tenantId: 't1', identityId: 'id-3', name: 'Person 3' },
      { tenantId: 't1', identityId: 'id-1', name: 'Person 1' },
      { tenantId: 't1', identityId: 'id-2', name: 'Person 2' },
    ]);
    assert.ok(Object.isFrozen(refs) && refs.every((ref) => Object.isFrozen(ref)));
    assert.deepStrictEqual(iterate.queries, [{ filters: 'processingState eq "ERROR"', pageSize: 250 }]);
  });

  it('keeps an id repeated by a later page once, at its first place', async () => {
    const refs = await enumerateFilterTargets('', { tenantId: 't1', iterate: fakePages([[person(1), person(2)], [person(2), person(3)]]) });
    assert.deepStrictEqual(refs.map((r) => r.identityId), ['id-1', 'id-2', 'id-3']);
  });

  it('reports the count after each page with the server total', async () => {
    const progress: [number, number | undefined][] = [];
    await enumerateFilterTargets('x', { tenantId: 't1', iterate: fakePages([[person(1), person(2)], [person(3)]], 3), onProgress: (c, t) => progress.push([c, t]) });
    assert.deepStrictEqual(progress, [[2, 3], [3, 3]]);
  });

  it('passes sorters and the page size', async () => {
    const iterate = fakePages([]);
    await enumerateFilterTargets('x', { tenantId: 't1', iterate, sorters: 'name', pageSize: 100 });
    assert.deepStrictEqual(iterate.queries, [{ filters: 'x', sorters: 'name', pageSize: 100 }]);
  });

  it('stops pulling pages when cancelled and rejects with an abort error', async () => {
    const controller = new AbortController();
    const iterate = fakePages(Array.from({ length: 10 }, (_, n) => [person(n)]));
    const run = enumerateFilterTargets('x', { tenantId: 't1', iterate, signal: controller.signal, onProgress: (count) => count === 2 && controller.abort() });
    await assert.rejects(run, (error: unknown) => isAbortError(error));
    assert.strictEqual(iterate.pulled, 2);
  });

  it('enumerates a filter of the simulator exactly as a counted listing reports it', async function () {
    this.timeout(20_000);
    const sim = await startSimulator({ port: 0, identities: 1200, seed: 5, rateLimit: false });
    const client = new IscClient({ baseUrl: sim.url, clientId: sim.clientId, clientSecret: sim.clientSecret, rateLimit: { requests: 10_000, windowMs: 1000 } });
    try {
      const filter = sw('name', 'A');
      const counted = await client.listIdentities({ filters: filter, count: true, limit: 1 });
      const refs = await enumerateFilterTargets(filter, { tenantId: 'sim', iterate: identityPagesFor(client), pageSize: 50 });
      assert.ok((counted.total ?? 0) > 50, `only ${counted.total} identities match; the test needs several pages`);
      assert.strictEqual(refs.length, counted.total);
      assert.strictEqual(new Set(refs.map((r) => r.identityId)).size, refs.length);
      assert.ok(refs.every((r) => r.name.startsWith('A')));
    } finally {
      client.dispose();
      await sim.close();
    }
  });
});
