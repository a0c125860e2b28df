// The recent password-reset sources of each tenant: newest first, no repeats, at most 8, malformed stored values dropped.
import * as assert from 'assert';
import { RecentSourceStore } from '../../../src/config/recentSourceStore';

class MapMemento {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

describe('recent source store', () => {
  it('keeps the sources of a tenant newest first, without repeats, at most 8', async () => {
    const store = new RecentSourceStore(new MapMemento());
    for (const source of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'c']) await store.remember('t1', source);
    assert.deepStrictEqual(store.list('t1'), ['c', 'i', 'h', 'g', 'f', 'e', 'd', 'b']);
    assert.deepStrictEqual(store.list('t2'), []);
  });

  it('drops stored values that are not lists of names', () => {
    const memento = new MapMemento();
    memento.values.set('iscExplorer.actions.recentPasswordResetSources', { t1: ['AD', 7, null, 'HR'], t2: 'AD', t3: null });
    const store = new RecentSourceStore(memento);
    assert.deepStrictEqual([store.list('t1'), store.list('t2'), store.list('t3')], [['AD', 'HR'], [], []]);
  });

  it('forgets a removed tenant and keeps the others', async () => {
    const memento = new MapMemento();
    const store = new RecentSourceStore(memento);
    await store.remember('t1', 'AD');
    await store.remember('t2', 'HR');
    await store.delete('t1');
    assert.deepStrictEqual(memento.values.get('iscExplorer.actions.recentPasswordResetSources'), { t2: ['HR'] });
  });
});
