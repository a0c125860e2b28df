// Column order, width and visibility of the identities table, per tenant, in globalState.
import type * as vscode from 'vscode';
import { DEFAULT_TABLE_COLUMNS, FIXED_COLUMNS, isColumnId } from '../../model/export/columns';
import type { ColumnId } from '../../model/export/columns';
import type { ColumnLayout } from '../protocol';
import { LIMITS } from '../protocol';
import { TenantMapStore } from '../../config/tenantMapStore';

const KEY = 'iscExplorer.tableColumns';
const DEFAULT_WIDTH = 160;
const WIDTHS: Partial<Record<ColumnId, number>> = { name: 220, email: 240, id: 280, isManager: 100, protected: 100 };

export function defaultWidth(column: ColumnId): number {
  return WIDTHS[column] ?? DEFAULT_WIDTH;
}

/** Every fixed column in its default order; those of DEFAULT_TABLE_COLUMNS visible. */
function defaultLayout(): ColumnLayout[] {
  const visible = new Set<ColumnId>(DEFAULT_TABLE_COLUMNS);
  const ordered: ColumnId[] = [...DEFAULT_TABLE_COLUMNS, ...FIXED_COLUMNS.map((c) => c.id).filter((id) => !visible.has(id))];
  return ordered.map((id) => ({ id, width: defaultWidth(id), visible: visible.has(id) }));
}

/** Reads a stored layout, dropping anything malformed; an empty or broken one gives the default. */
export function parseLayout(raw: unknown): ColumnLayout[] {
  if (!Array.isArray(raw)) return defaultLayout();
  const seen = new Set<string>();
  const columns: ColumnLayout[] = [];
  for (const entry of raw.slice(0, LIMITS.columns)) {
    if (!entry || typeof entry !== 'object') continue;
    const { id, width, visible } = entry as Record<string, unknown>;
    if (!isColumnId(id) || seen.has(id)) continue;
    seen.add(id);
    const w = typeof width === 'number' && Number.isFinite(width) ? Math.round(width) : defaultWidth(id);
    columns.push({ id, width: Math.min(LIMITS.maxWidth, Math.max(LIMITS.minWidth, w)), visible: visible !== false });
  }
  if (!columns.some((c) => c.visible)) return defaultLayout();
  // Fixed columns added in a later version join the stored layout, hidden.
  for (const column of FIXED_COLUMNS) {
    if (!seen.has(column.id)) columns.push({ id: column.id, width: defaultWidth(column.id), visible: false });
  }
  return columns;
}

function parseLayouts(raw: unknown): Record<string, ColumnLayout[]> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw).map(([tenantId, layout]) => [tenantId, parseLayout(layout)]));
}

export class ColumnStore {
  private readonly layouts: TenantMapStore<ColumnLayout[]>;

  constructor(memento: vscode.Memento) {
    this.layouts = new TenantMapStore(memento, KEY, parseLayouts);
  }

  get(tenantId: string): ColumnLayout[] {
    return this.layouts.get(tenantId) ?? defaultLayout();
  }

  async set(tenantId: string, columns: ColumnLayout[]): Promise<ColumnLayout[]> {
    const parsed = parseLayout(columns);
    await this.layouts.set(tenantId, parsed);
    return parsed;
  }
}
