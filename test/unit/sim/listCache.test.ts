// The list path's caches (serialised DTO JSON per identity, match lists per query) must never serve stale data,
// and the fast serialisers must match JSON.stringify / toISOString exactly.

import * as assert from 'node:assert/strict';
import type { Identity } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import { isoString } from '../../../sim/json';
import { IdentityStore } from '../../../sim/store';
import { SimHarness } from './simTestUtils';

describe('sim list caches and fast serialisation', () => {
  it('isoString equals Date#toISOString', () => {
    const samples = [0, -1, 1, 951_782_400_000, 4_107_542_399_999, -62_167_219_200_000, 253_402_300_799_999, 253_402_300_800_000, 1.5];
    for (let i = 0; i < 20_000; i++) samples.push(Math.floor((Math.sin(i) * 0.5 + 0.3) * 4e14));
    for (const ms of samples) assert.equal(isoString(ms), new Date(ms).toISOString(), String(ms));
  });

  it('cached DTO JSON equals JSON.stringify of the DTO', () => {
    const store = new IdentityStore(3, 500);
    for (const record of store.all()) {
      const dto = store.toDto(record);
      assert.equal(store.dtoJson(record), JSON.stringify(dto));
    }
    assert.equal(store.dtoArrayJson(store.all().slice(0, 40)), JSON.stringify(store.all().slice(0, 40).map((r) => store.toDto(r))));
  });

  describe('over HTTP', () => {
    let h: SimHarness;
    before(async () => {
      h = await SimHarness.start({ identities: 600, seed: 5, syncCooldownMs: 0 });
    });
    after(() => h.close());

    const list = async (query: Record<string, string | number | boolean>): Promise<Identity[]> => {
      const res = await h.get('/identities', { query: { limit: 250, ...query } });
      assert.equal(res.status, 200);
      return res.body as Identity[];
    };
    const expectedPage = (offset: number): string =>
      JSON.stringify(h.sim.store.all().filter((r) => r.correlated).slice(offset, offset + 250).map((r) => h.sim.store.toDto(r)));

    it('pages equal a fresh serialisation, before and after every mutation', async () => {
      const check = async (): Promise<void> => {
        for (const offset of [0, 250]) {
          const res = await h.get('/identities', { query: { limit: 250, offset, count: true } });
          assert.equal(res.text, expectedPage(offset));
        }
      };
      await check();
      await check();
      const ids = (await list({ offset: 0, filters: 'protected eq false' })).map((i) => i.id).filter((id) => !(Object.values(FIXTURE_IDS) as string[]).includes(id));
      assert.equal((await h.post(`/identities/${ids[0]}/reset`)).status, 202);
      await check();
      assert.equal((await h.post(`/identities/${ids[1]}/synchronize-attributes`)).status, 202);
      await check();
      assert.equal((await h.post('/identities/process', { identityIds: [ids[2], ids[3]] })).status, 202);
      await check();
      assert.equal((await h.post('/identities/invite', { uninvited: true })).status, 202);
      await check();
      const deletable = ids.slice(4).find((id) => h.sim.store.owned(h.sim.store.get(id)!).length === 0)!;
      assert.equal((await h.call('DELETE', `/identities/${deletable}`)).status, 204);
      await check();
      assert.equal((await h.get(`/identities/${ids[1]}`)).text, JSON.stringify(h.sim.store.toDto(h.sim.store.get(ids[1])!)));
      h.sim.reset();
      await check();
    });

    it('a reset changes filter results and X-Total-Count immediately', async () => {
      const before = await h.get('/identities', { query: { filters: 'cloudStatus eq "UNREGISTERED"', count: true, offset: 0 } });
      const victim = (await list({ filters: 'cloudStatus eq "ACTIVE" and protected eq false', offset: 0 })).find(
        (i) => !(Object.values(FIXTURE_IDS) as string[]).includes(i.id),
      )!;
      await h.post(`/identities/${victim.id}/reset`);
      const after = await h.get('/identities', { query: { filters: 'cloudStatus eq "UNREGISTERED"', count: true, offset: 0 } });
      assert.equal(Number(after.headers.get('x-total-count')), Number(before.headers.get('x-total-count')) + 1);
      assert.ok((after.body as Identity[]).some((i) => i.id === victim.id && i.identityStatus === 'UNREGISTERED'));
    });
  });
});
