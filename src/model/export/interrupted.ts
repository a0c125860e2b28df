// Exports that stopped before the end (failure, window reload, crash): what a resume needs, as persisted in
// globalState. Parsed defensively: a hand-edited or older entry is dropped, never trusted. No `vscode` import.
import type { ColumnId } from './columns';
import { isColumnId } from './columns';
import type { ExportCheckpoint } from './exporter';
import type { ExportFormat } from './records';

export interface ExportQuery {
  filters?: string;
  sorters?: string;
  defaultFilter: 'NONE' | 'CORRELATED_ONLY';
}

export interface InterruptedExport {
  id: string;
  tenantId: string;
  /** The file the user chose; the data is in `<target>.partial` until the export completes. */
  target: string;
  format: ExportFormat;
  bom: boolean;
  columns: ColumnId[];
  query: ExportQuery;
  checkpoint: ExportCheckpoint;
  /** Date.now() of the last checkpoint. */
  updatedAt: number;
  /** Why it stopped, when it stopped while the extension ran (a crash leaves none). */
  reason?: string;
}

const MAX_ENTRIES = 20;
const MAX_IDS = 250;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function parseCheckpoint(raw: unknown): ExportCheckpoint | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (!isCount(r.nextOffset) || !isCount(r.written) || !isCount(r.bytes)) return undefined;
  if (r.total !== undefined && !isCount(r.total)) return undefined;
  const ids = Array.isArray(r.lastPageIds) ? r.lastPageIds.filter((id): id is string => typeof id === 'string' && id.length <= 128).slice(0, MAX_IDS) : [];
  const checkpoint: ExportCheckpoint = { nextOffset: r.nextOffset, written: r.written, bytes: r.bytes, lastPageIds: ids };
  if (isCount(r.total)) checkpoint.total = r.total;
  return checkpoint;
}

function parseQuery(raw: unknown): ExportQuery | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.defaultFilter !== 'NONE' && r.defaultFilter !== 'CORRELATED_ONLY') return undefined;
  if (r.filters !== undefined && typeof r.filters !== 'string') return undefined;
  if (r.sorters !== undefined && typeof r.sorters !== 'string') return undefined;
  const query: ExportQuery = { defaultFilter: r.defaultFilter };
  if (typeof r.filters === 'string') query.filters = r.filters;
  if (typeof r.sorters === 'string') query.sorters = r.sorters;
  return query;
}

export function parseInterruptedExport(raw: unknown): InterruptedExport | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || !r.id || typeof r.tenantId !== 'string' || !r.tenantId) return undefined;
  if (typeof r.target !== 'string' || !r.target) return undefined;
  if (r.format !== 'csv' && r.format !== 'jsonl') return undefined;
  if (!Array.isArray(r.columns) || r.columns.length === 0 || !r.columns.every(isColumnId)) return undefined;
  const query = parseQuery(r.query);
  const checkpoint = parseCheckpoint(r.checkpoint);
  if (!query || !checkpoint || !isCount(r.updatedAt)) return undefined;
  return {
    id: r.id,
    tenantId: r.tenantId,
    target: r.target,
    format: r.format,
    bom: r.bom === true,
    columns: r.columns as ColumnId[],
    query,
    checkpoint,
    updatedAt: r.updatedAt,
    reason: typeof r.reason === 'string' ? r.reason.slice(0, 500) : undefined,
  };
}

export function parseInterruptedExports(raw: unknown): InterruptedExport[] {
  if (!Array.isArray(raw)) return [];
  return raw.map(parseInterruptedExport).filter((e): e is InterruptedExport => e !== undefined).slice(-MAX_ENTRIES);
}

/** `12,250 of 50,000` / `12,250`. */
export function describeProgress(written: number, total: number | undefined): string {
  const n = written.toLocaleString('en-US');
  return total === undefined ? n : `${n} of ${total.toLocaleString('en-US')}`;
}

/** `3 min`, `45 s`, `1 h 5 min`. */
export function describeDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
