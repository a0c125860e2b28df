// The per-tenant globalState map: reads while a write is pending come from the window's own copy (globalState may
// hand back an older value then); otherwise from the memento, so another window's writes show.
import * as assert from 'assert';
import { TenantMapStore } from '../../../src/config/tenantMapStore';

/** A memento whose `get` returns the value of the previous write until the current one has been stored. */
class LaggingMemento {
  stored: unknown;
  private visible: unknown;
  private readonly pending: (() => void)[] = [];

  get<T>(key: string): T | undefined {
    void key;
    return this.visible as T | undefined;
  }

  update(key: string, value: unknown): Promise<void> {
    void key;
    this.stored = value;
    return new Promise((resolve) => {
      this.pending.push(() => {
        this.visible = value;
        resolve();
      });
    });
  }

  /** The pending writes reach storage, in order. */
  flush(): void {
    for (const release of this.pending.splice(0)) release();
  }

  /** Another window wrote the key. */
  writtenElsewhere(value: unknown): void {
    this.visible = value;
    this.stored = value;
  }
}

const numbers = (raw: unknown): Record<string, number> =>
  raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, number] => typeof entry[1] === 'number')) : {};

describe('tenant map store', () => {
  it('answers from its own copy while a write is pending', async () => {
    const memento = new LaggingMemento();
    const store = new TenantMapStore(memento, 'k', numbers);
    const first = store.set('a', 1);
    assert.strictEqual(store.get('a'), 1, 'the memento still says nothing');
    const second = store.set('b', 2);
    assert.deepStrictEqual([store.get('a'), store.get('b')], [1, 2]);
    memento.flush();
    await Promise.all([first, second]);
    assert.deepStrictEqual(memento.stored, { a: 1, b: 2 }, 'the second write kept the first one');
  });

  it("reads another window's write once none of its own is pending", () => {
    const memento = new LaggingMemento();
    const store = new TenantMapStore(memento, 'k', numbers);
    assert.strictEqual(store.get('a'), undefined);
    memento.writtenElsewhere({ a: 5 });
    assert.strictEqual(store.get('a'), 5);
  });

  it('removes a tenant with undefined and keeps the others', async () => {
    const memento = new LaggingMemento();
    memento.writtenElsewhere({ a: 1, b: 2 });
    const store = new TenantMapStore(memento, 'k', numbers);
    const removed = store.set('a', undefined);
    memento.flush();
    await removed;
    assert.deepStrictEqual(memento.stored, { b: 2 });
    assert.deepStrictEqual([store.has('a'), store.has('b')], [false, true]);
  });

  it('drops what the parser refuses and does not read inherited keys', () => {
    const memento = new LaggingMemento();
    memento.writtenElsewhere({ a: 'x', b: 3 });
    const store = new TenantMapStore(memento, 'k', numbers);
    assert.deepStrictEqual([store.get('a'), store.get('b'), store.get('toString')], [undefined, 3, undefined]);
  });
});
