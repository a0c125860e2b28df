// list-identities `sorters`: comma-separated name / alias / cloudStatus, '-' prefix for descending.
// Strings compare case-insensitively (then case-sensitively); ties keep creation order (stable default order).

import { FilterError } from './filter';
import type { IdentityRecord } from './model';

const SORTABLE: Readonly<Record<string, (r: IdentityRecord) => string>> = {
  name: (r) => r.name,
  alias: (r) => r.alias,
  cloudStatus: (r) => r.identityStatus,
};

export interface SortKey {
  field: string;
  descending: boolean;
}

export function parseSorters(input: string): SortKey[] {
  const keys = input.split(',').map((part) => part.trim());
  return keys.map((part) => {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    if (!Object.prototype.hasOwnProperty.call(SORTABLE, field)) {
      throw new FilterError(
        field === '' ? `empty sorter in '${input}'` : `sorting is not supported for field '${field}'; supported: ${Object.keys(SORTABLE).join(', ')}`,
      );
    }
    return { field, descending };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns a sorted copy; the input order (creation order) breaks ties. */
export function sortRecords(records: readonly IdentityRecord[], keys: SortKey[]): IdentityRecord[] {
  const raw = keys.map((k) => records.map(SORTABLE[k.field]));
  const lower = raw.map((values) => values.map((v) => v.toLowerCase()));
  const order = records.map((_r, i) => i);
  order.sort((x, y) => {
    for (let k = 0; k < keys.length; k++) {
      const c = cmp(lower[k][x], lower[k][y]) || cmp(raw[k][x], raw[k][y]);
      if (c !== 0) return keys[k].descending ? -c : c;
    }
    return x - y;
  });
  return order.map((i) => records[i]);
}
