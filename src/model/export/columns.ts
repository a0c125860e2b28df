// The columns of the identities table and of the export: fixed identity fields plus any attribute key.
// No `vscode`, no Node: the table's browser app uses the same definitions as the host and the exporter.
import type { Identity } from '../../api/types';

/** A column of the fixed identity fields; `serverSort` names the list-identities sorter when there is one. */
export interface FixedColumn {
  readonly id: FixedColumnId;
  readonly label: string;
  readonly serverSort?: 'name' | 'alias' | 'cloudStatus';
}

const FIXED = [
  { id: 'name', label: 'Name', serverSort: 'name' },
  { id: 'alias', label: 'Alias', serverSort: 'alias' },
  { id: 'email', label: 'Email' },
  { id: 'identityStatus', label: 'Identity status', serverSort: 'cloudStatus' },
  { id: 'processingState', label: 'Processing state' },
  { id: 'lifecycleState', label: 'Lifecycle state' },
  { id: 'manager', label: 'Manager' },
  { id: 'isManager', label: 'Is manager' },
  { id: 'protected', label: 'Protected' },
  { id: 'created', label: 'Created' },
  { id: 'modified', label: 'Modified' },
  { id: 'lastRefresh', label: 'Last refresh' },
  { id: 'id', label: 'ID' },
] as const;

export type FixedColumnId = (typeof FIXED)[number]['id'];

export const FIXED_COLUMNS: readonly FixedColumn[] = FIXED;

/** `attr:department`: the identity attribute `department`. */
export type AttributeColumnId = `attr:${string}`;
export type ColumnId = FixedColumnId | AttributeColumnId;

const FIXED_IDS: ReadonlySet<string> = new Set(FIXED_COLUMNS.map((column) => column.id));
const ATTRIBUTE_PREFIX = 'attr:';
/** ISC attribute names are identifiers (`cloudLifecycleState`, `employee_number`, `costcenter.code`). */
const ATTRIBUTE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The fixed columns shown when a tenant has no saved layout. */
export const DEFAULT_TABLE_COLUMNS: readonly ColumnId[] = [
  'name',
  'alias',
  'email',
  'identityStatus',
  'processingState',
  'lifecycleState',
  'manager',
  'modified',
];

export function isAttributeKey(key: string): boolean {
  return ATTRIBUTE_KEY.test(key);
}

export function isColumnId(value: unknown): value is ColumnId {
  if (typeof value !== 'string') return false;
  if (FIXED_IDS.has(value)) return true;
  return value.startsWith(ATTRIBUTE_PREFIX) && isAttributeKey(value.slice(ATTRIBUTE_PREFIX.length));
}

export function attributeColumn(key: string): AttributeColumnId {
  return `${ATTRIBUTE_PREFIX}${key}`;
}

/** The attribute key of an attribute column, undefined for a fixed column. */
export function attributeKeyOf(column: ColumnId): string | undefined {
  return column.startsWith(ATTRIBUTE_PREFIX) ? column.slice(ATTRIBUTE_PREFIX.length) : undefined;
}

function fixedColumn(column: ColumnId): FixedColumn | undefined {
  return FIXED_COLUMNS.find((c) => c.id === column);
}

export function columnLabel(column: ColumnId): string {
  return fixedColumn(column)?.label ?? attributeKeyOf(column) ?? column;
}

/** The list-identities sorter field of a column, or undefined when the server cannot sort on it. */
export function serverSortField(column: ColumnId): 'name' | 'alias' | 'cloudStatus' | undefined {
  return fixedColumn(column)?.serverSort;
}

/** A cell as data: strings, numbers and booleans as the API gave them; objects and arrays as they are. */
export type CellValue = string | number | boolean | null | undefined | readonly unknown[] | Record<string, unknown>;

/** `protected` is a filter field of list-identities; the IdentityDto may carry it at the top or as an attribute. */
type IdentityWithProtected = Identity & { protected?: unknown };

function asCell(value: unknown): CellValue {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return value as Record<string, unknown>;
  return String(value);
}

/** The value of one column for one identity, as the API gave it. */
export function cellValue(identity: Identity, column: ColumnId): CellValue {
  const attrs = identity.attributes ?? {};
  switch (column) {
    case 'name':
      return identity.name;
    case 'alias':
      return identity.alias;
    case 'email':
      return identity.emailAddress ?? asCell(attrs.email);
    case 'identityStatus':
      return identity.identityStatus ?? asCell(attrs.cloudStatus);
    case 'processingState':
      return identity.processingState;
    case 'lifecycleState':
      return identity.lifecycleState?.stateName ?? asCell(attrs.cloudLifecycleState);
    case 'manager':
      return identity.managerRef?.name ?? identity.managerRef?.id;
    case 'isManager':
      return identity.isManager;
    case 'protected':
      return asCell((identity as IdentityWithProtected).protected ?? attrs.protected);
    case 'created':
      return identity.created;
    case 'modified':
      return identity.modified;
    case 'lastRefresh':
      return identity.lastRefresh;
    case 'id':
      return identity.id;
    default: {
      const key = attributeKeyOf(column);
      return key === undefined ? undefined : asCell(attrs[key]);
    }
  }
}

/** One line of text for a cell: multi-valued attributes joined with `; `, objects as compact JSON. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) return value.map((item) => (item === null ? '' : String(item))).join('; ');
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
