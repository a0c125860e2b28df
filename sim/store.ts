// The simulated tenant's identity state: records in creation order, an id index, and a sort cache.

import type { Identity, RoleAssignment } from '../src/api/types';
import { toIdentityDto } from './attributes';
import { generateIdentities } from './generator';
import type { IdentityRecord, OwnedEntity } from './model';
import { buildCatalog, ownedEntitiesFor, roleAssignmentsFor } from './roles';
import type { Catalog } from './roles';
import { sortRecords } from './sorters';
import type { SortKey } from './sorters';

export class IdentityStore {
  private records: IdentityRecord[] = [];
  private byId = new Map<string, IdentityRecord>();
  private version = 0;
  private sortCache = new Map<string, { version: number; records: IdentityRecord[] }>();
  readonly catalog: Catalog;

  constructor(
    readonly seed: number,
    readonly count: number,
  ) {
    this.catalog = buildCatalog(seed);
    this.regenerate();
  }

  /** Rebuilds every identity from the seed (admin reset). The role catalog never changes. */
  regenerate(): void {
    this.records = generateIdentities(this.seed, this.count);
    this.byId = new Map(this.records.map((r) => [r.id, r]));
    this.touch();
  }

  get size(): number {
    return this.records.length;
  }

  /** Creation order. Do not mutate. */
  all(): readonly IdentityRecord[] {
    return this.records;
  }

  get(id: string): IdentityRecord | undefined {
    return this.byId.get(id);
  }

  /** Call after changing a field that filters or sorters read. */
  touch(): void {
    this.version++;
  }

  delete(id: string): boolean {
    const record = this.byId.get(id);
    if (!record) return false;
    this.byId.delete(id);
    const i = this.records.indexOf(record);
    if (i >= 0) this.records.splice(i, 1);
    this.touch();
    return true;
  }

  /** Records sorted by the given keys (cached until the next change). */
  sorted(keys: SortKey[]): readonly IdentityRecord[] {
    if (keys.length === 0) return this.records;
    const cacheKey = keys.map((k) => `${k.descending ? '-' : ''}${k.field}`).join(',');
    const cached = this.sortCache.get(cacheKey);
    if (cached && cached.version === this.version) return cached.records;
    const records = sortRecords(this.records, keys);
    if (this.sortCache.size > 16) this.sortCache.clear();
    this.sortCache.set(cacheKey, { version: this.version, records });
    return records;
  }

  toDto(record: IdentityRecord): Identity {
    return toIdentityDto(this.seed, record);
  }

  roleAssignments(record: IdentityRecord): RoleAssignment[] {
    return roleAssignmentsFor(this.seed, this.catalog, record);
  }

  owned(record: IdentityRecord): OwnedEntity[] {
    return ownedEntitiesFor(this.seed, this.catalog, record);
  }
}
