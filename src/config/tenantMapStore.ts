// One value per tenant under one globalState key: the view state, saved filters, recent identities and table
// columns each keep theirs in one of these.
//
// While a write of this window is on its way to storage, globalState can hand back an older value of the key (the
// storage's change echo of an earlier write replaces the memento's copy), so reads answer from this window's own
// copy then. With no write pending they read the memento again, which also picks up what another window wrote.
import type * as vscode from 'vscode';

/** What the store needs of a memento (globalState). */
export type MementoLike = Pick<vscode.Memento, 'get' | 'update'>;

export class TenantMapStore<T> {
  private copy: Record<string, T> | undefined;
  private pendingWrites = 0;

  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
    /** The stored value, checked: anything malformed is dropped, never thrown. */
    private readonly parse: (raw: unknown) => Record<string, T>,
  ) {}

  get(tenantId: string): T | undefined {
    const all = this.all();
    return Object.prototype.hasOwnProperty.call(all, tenantId) ? all[tenantId] : undefined;
  }

  /** Stores the tenant's value; `undefined` removes it. Resolves when the write has reached storage. */
  async set(tenantId: string, value: T | undefined): Promise<void> {
    const next = { ...this.all() };
    if (value === undefined) delete next[tenantId];
    else next[tenantId] = value;
    this.copy = next;
    this.pendingWrites++;
    try {
      await this.memento.update(this.key, next);
    } finally {
      this.pendingWrites--;
    }
  }

  /** Whether the tenant has a value (removing a tenant forgets it only then). */
  has(tenantId: string): boolean {
    return this.get(tenantId) !== undefined;
  }

  private all(): Record<string, T> {
    if (this.pendingWrites === 0 || this.copy === undefined) this.copy = this.parse(this.memento.get(this.key));
    return this.copy;
  }
}
