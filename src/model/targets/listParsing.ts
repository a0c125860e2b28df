// Identity lists the user pastes or opens: one value a line, or a CSV file with a column of ids, emails, aliases or
// names. No `vscode` import. CSV goes through csv-parse (quotes, BOM, CRLF, multi-line values), never by hand.
import * as l10n from '@vscode/l10n';
import { CsvError, parse } from 'csv-parse/sync';

/** `id`: 32 hex characters like ISC's ids. `email`: contains @. `name`: anything else (looked up as alias, then name). */
export type TargetValueKind = 'id' | 'email' | 'name';

export interface TargetValue {
  value: string;
  /** 1-based line of the pasted text or the CSV file where the value starts. */
  line: number;
  kind: TargetValueKind;
}

export class ListParseError extends Error {
  constructor(
    message: string,
    /** The CSV's header cells, when the problem is which column to use. */
    readonly columns?: string[],
  ) {
    super(message);
    this.name = 'ListParseError';
  }
}

const ID_PATTERN = /^[0-9a-f]{32}$/i;

export function classifyTargetValue(value: string): TargetValueKind {
  if (ID_PATTERN.test(value)) return 'id';
  if (value.includes('@')) return 'email';
  return 'name';
}

/** Ids are compared (and sent) lowercase, emails compared case-insensitively, names exactly. */
function dedupeKey(kind: TargetValueKind, value: string): string {
  return kind === 'name' ? `name:${value}` : `${kind}:${value.toLowerCase()}`;
}

function unquote(value: string): string {
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) {
    return value.slice(1, -1).trim();
  }
  return value;
}

/** Collects values in order, dropping blanks and repeats (the first line of a repeated value is kept). */
class ValueCollector {
  readonly values: TargetValue[] = [];
  private readonly seen = new Set<string>();

  add(raw: string, line: number): void {
    const trimmed = raw.trim();
    if (!trimmed) return;
    const kind = classifyTargetValue(trimmed);
    const value = kind === 'id' ? trimmed.toLowerCase() : trimmed;
    const key = dedupeKey(kind, value);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.values.push({ value, line, kind });
  }
}

/** Pasted text: one value a line; surrounding quotes are dropped. */
export function parsePastedList(text: string): TargetValue[] {
  const collector = new ValueCollector();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((line, index) => collector.add(unquote(line.trim()), index + 1));
  return collector.values;
}

/** Header names recognised as the identity column, in order of preference (compared without case, spaces, _ and -). */
const PREFERRED_COLUMNS = ['id', 'identityid', 'email', 'emailaddress', 'mail', 'alias', 'uid', 'username', 'login', 'name', 'displayname', 'identityname', 'identity'];

function normalizeHeader(cell: string): string {
  return cell.toLowerCase().replace(/[\s_-]/g, '');
}

export interface CsvListOptions {
  /** A header name (case-insensitive) or a 0-based column index; by default the first preferred header present. */
  column?: string | number;
  /** Field delimiter; by default the most frequent of `,` `;` and tab in the first line. */
  delimiter?: string;
}

export interface CsvList {
  values: TargetValue[];
  /** The header cells (empty when the file has no header row). */
  columns: string[];
  /** The 0-based index of the column the values come from. */
  columnIndex: number;
  /** True when the first row was data (a single column whose first cell is an id or an email). */
  headerless: boolean;
}

function guessDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best[1] > 0 ? best[0] : ',';
}

/**
 * 1-based line numbers of byte offsets, for offsets given in increasing order. csv-parse's own line count is off
 * after a quoted value holding CRLF, so rows are placed by their byte offsets instead.
 */
class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly bytes: Buffer) {}

  /** The line of the first byte at or after `from` that is not blank space (where the next record starts). */
  recordLine(from: number): number {
    let start = Math.max(from, this.offset);
    while (start < this.bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(this.bytes[start])) start++;
    for (; this.offset < start; this.offset++) {
      const byte = this.bytes[this.offset];
      if (byte === 0x0a || (byte === 0x0d && this.bytes[this.offset + 1] !== 0x0a)) this.line++;
    }
    return this.line;
  }
}

function readRows(text: string, delimiter: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  const lines = new LineCounter(Buffer.from(text, 'utf8'));
  let recordStart = 0;
  try {
    parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      on_record: (record: string[], context) => {
        // context.bytes: where this record (and its line break) ends, BOM included.
        rows.push({ cells: record, line: lines.recordLine(recordStart) });
        recordStart = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new ListParseError(l10n.t('The CSV file cannot be read: {0}', error.message));
    throw error;
  }
  return rows;
}

function pickColumn(header: string[], column: string | number | undefined): number {
  const normalized = header.map(normalizeHeader);
  if (typeof column === 'number') {
    if (Number.isInteger(column) && column >= 0 && column < Math.max(1, header.length)) return column;
    throw new ListParseError(l10n.t('The CSV file has no column {0}.', column + 1), header);
  }
  if (column !== undefined) {
    const index = normalized.indexOf(normalizeHeader(column));
    if (index < 0) throw new ListParseError(l10n.t('The CSV file has no column "{0}" (columns: {1}).', column, header.join(', ')), header);
    return index;
  }
  for (const preferred of PREFERRED_COLUMNS) {
    const index = normalized.indexOf(preferred);
    if (index >= 0) return index;
  }
  return -1;
}

/** A CSV file's text: a header row, then one identity a row in the picked column. */
export function parseCsvList(text: string, options: CsvListOptions = {}): CsvList {
  const rows = readRows(text, options.delimiter ?? guessDelimiter(text.replace(/^\uFEFF/, '')));
  if (rows.length === 0) return { values: [], columns: [], columnIndex: 0, headerless: false };
  const header = rows[0].cells;
  let columnIndex = pickColumn(header, options.column);
  let headerless = false;
  if (columnIndex < 0) {
    const onlyCell = header.length === 1 ? header[0] : undefined;
    if (onlyCell === undefined || classifyTargetValue(onlyCell) === 'name') {
      throw new ListParseError(l10n.t('Pick the column with the identities (columns: {0}).', header.join(', ')), header);
    }
    columnIndex = 0;
    headerless = true;
  }
  const collector = new ValueCollector();
  for (const row of headerless ? rows : rows.slice(1)) collector.add(row.cells[columnIndex] ?? '', row.line);
  return { values: collector.values, columns: headerless ? [] : header, columnIndex, headerless };
}
