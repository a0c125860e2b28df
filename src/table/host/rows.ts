// Identities as the table's rows: every value turned into text on the host, so the app only ever sets text.
import type { Identity } from '../../api/types';
import { FIXED_COLUMNS, cellText, cellValue, isAttributeKey } from '../../model/export/columns';
import type { FixedColumnId } from '../../model/export/columns';
import type { TableRow } from '../protocol';

/** A cell shows one line; the full value is in the export and in the details panel. */
const MAX_CELL_TEXT = 2000;
const MAX_ATTRIBUTES = 300;

function clip(text: string): string {
  return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT)}…` : text;
}

export function tableRow(identity: Identity): TableRow {
  const fields: Partial<Record<FixedColumnId, string>> = {};
  for (const column of FIXED_COLUMNS) {
    const text = cellText(cellValue(identity, column.id));
    if (text !== '') fields[column.id] = clip(text);
  }
  const attributes: Record<string, string> = {};
  let kept = 0;
  for (const key of Object.keys(identity.attributes ?? {})) {
    if (kept >= MAX_ATTRIBUTES) break;
    if (!isAttributeKey(key)) continue;
    attributes[key] = clip(cellText(cellValue(identity, `attr:${key}`)));
    kept++;
  }
  return { id: identity.id, fields, attributes };
}

/** Attribute keys of the loaded identities, most frequent first (what the column picker offers). */
export function attributeKeysOf(identities: Iterable<Identity>, limit = 500): string[] {
  const counts = new Map<string, number>();
  for (const identity of identities) {
    for (const key of Object.keys(identity.attributes ?? {})) {
      if (isAttributeKey(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (counts.size > limit * 4) break;
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([key]) => key);
}
