// The page's texts: they arrive with the init message (localized by the host) and are read through `t`.
import type { ColumnId, FixedColumnId } from '../../model/export/columns';
import { attributeKeyOf } from '../../model/export/columns';
import { fillPlaceholders } from '../../model/pageStrings';
import type { TableStrings } from '../protocol';

export type TableStringKey = keyof TableStrings;

let current: TableStrings | undefined;

export function setTableStrings(strings: TableStrings): void {
  current = strings;
}

/** The text of `key` with its placeholders filled; the key itself before init (nothing is shown before it). */
export function t(key: TableStringKey, ...values: (string | number)[]): string {
  return fillPlaceholders(current?.[key] ?? key, values);
}

const FIXED_COLUMN_KEYS: Record<FixedColumnId, TableStringKey> = {
  name: 'columnName',
  alias: 'columnAlias',
  email: 'columnEmail',
  identityStatus: 'columnIdentityStatus',
  processingState: 'columnProcessingState',
  lifecycleState: 'columnLifecycleState',
  manager: 'columnManager',
  isManager: 'columnIsManager',
  protected: 'columnProtected',
  created: 'columnCreated',
  modified: 'columnModified',
  lastRefresh: 'columnLastRefresh',
  id: 'columnId',
};

/** A column's header: the localized name of a fixed column, the key of an attribute column. */
export function columnText(column: ColumnId): string {
  const attribute = attributeKeyOf(column);
  if (attribute !== undefined) return attribute;
  const key = FIXED_COLUMN_KEYS[column as FixedColumnId] as TableStringKey | undefined;
  return key ? t(key) : column;
}
