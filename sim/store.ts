// The simulated tenant's identity state: records in creation order, an id index, and a sort cache.

import type { Identity, RoleAssignment } from '../src/api/types';
import { toIdentityDto } from './attributes';
import { generateIdentities } from './generator';
import type { IdentityRecord, OwnedEntity } from './model';
import { buildCatalog, ownedEntitiesFor, roleAssignmentsFor } from './roles';
import type { Catalog } from './roles';
import { sortRecords } from './sorters';
import type { SortKey } from './sorters';

/** Cached DTO JSON entries kept at most (oldest first out): ~1–2 KB each, so ≤ ~25 MB. */
const DTO_JSON_CACHE_MAX = 12_000;

export class IdentityStore {
  private records: IdentityRecord[] = [];
  private byId = new Map<string, IdentityRecord>();
  private version = 0;
  private sortCache = new Map<string, { version: number; records: IdentityRecord[] }>();
  /** Filtered + sorted list results by query key, valid while `version` is unchanged. */
  private matchCache = new Map<string, { version: number; records: IdentityRecord[] }>();
  /**
   * Serialised IdentityDto JSON of identities served recently (lazy, bounded FIFO; ~1–2 KB each). Entries are dropped by
   * `changed(record)` (every mutation of a record must call it), `delete` and `regenerate`.
   */
  private dtoJsonCache = new Map<IdentityRecord, string>();
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
    this.dtoJsonCache.clear();
    this.matchCache.clear();
    this.version++;
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

  /**
   * Call after changing records directly (outside `changed`): invalidates the sort / match caches and every
   * cached DTO JSON.
   */
  touch(): void {
    this.version++;
    this.dtoJsonCache.clear();
  }

  /**
   * Every mutation of a record must call this: drops its cached DTO JSON and, when a field that filters or
   * sorters read changed (name, alias, identityStatus, email, …), the sort / match caches.
   */
  changed(record: IdentityRecord, filterOrSortFields = false): void {
    this.dtoJsonCache.delete(record);
    if (filterOrSortFields) this.version++;
  }

  delete(id: string): boolean {
    const record = this.byId.get(id);
    if (!record) return false;
    this.byId.delete(id);
    this.dtoJsonCache.delete(record);
    const i = this.records.indexOf(record);
    if (i >= 0) this.records.splice(i, 1);
    this.version++;
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

  /**
   * Records matching `matches` in `keys` order, cached under `queryKey` (which must identify `keys` + `matches`)
   * until the next change. Without a cached result, `computeIfMissing: false` returns undefined instead of
   * scanning everything (callers then scan with an early stop).
   */
  matching(
    queryKey: string,
    keys: SortKey[],
    matches: (r: IdentityRecord) => boolean,
    computeIfMissing: boolean,
  ): readonly IdentityRecord[] | undefined {
    const cached = this.matchCache.get(queryKey);
    if (cached && cached.version === this.version) return cached.records;
    if (!computeIfMissing) return undefined;
    const records = this.sorted(keys).filter(matches);
    if (this.matchCache.size >= 16) this.matchCache.clear();
    this.matchCache.set(queryKey, { version: this.version, records });
    return records;
  }

  toDto(record: IdentityRecord): Identity {
    return toIdentityDto(this.seed, record);
  }

  /** JSON.stringify(toDto(record)), cached until the record changes. */
  dtoJson(record: IdentityRecord): string {
    let json = this.dtoJsonCache.get(record);
    if (json === undefined) {
      json = JSON.stringify(this.toDto(record));
      if (this.dtoJsonCache.size >= DTO_JSON_CACHE_MAX) {
        const oldest = this.dtoJsonCache.keys().next();
        if (!oldest.done) this.dtoJsonCache.delete(oldest.value);
      }
      this.dtoJsonCache.set(record, json);
    }
    return json;
  }

  /** JSON array of the records' DTOs (same text as JSON.stringify(records.map(toDto))). */
  dtoArrayJson(records: readonly IdentityRecord[]): string {
    const parts = new Array<string>(records.length);
    for (let i = 0; i < records.length; i++) parts[i] = this.dtoJson(records[i]);
    return `[${parts.join(',')}]`;
  }

  roleAssignments(record: IdentityRecord): RoleAssignment[] {
    return roleAssignmentsFor(this.seed, this.catalog, record);
  }

  owned(record: IdentityRecord): OwnedEntity[] {
    return ownedEntitiesFor(this.seed, this.catalog, record);
  }
}
