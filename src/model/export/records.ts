// Identities as export records: CSV lines (RFC 4180 via csv-stringify, spreadsheet-safe) and JSON Lines.
// No `vscode`. Used by the streaming exporter and by the table's "copy rows".
import { stringify } from 'csv-stringify/sync';
import type { Identity } from '../../api/types';
import type { CellValue, ColumnId } from './columns';
import { attributeKeyOf, cellText, cellValue, columnLabel } from './columns';
import { neutralizeFormula } from '../csvSafety';

export type ExportFormat = 'csv' | 'jsonl';

/** The CSV text of a cell: numbers and booleans as they are, any text neutralized. */
export function csvCell(value: CellValue): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutralizeFormula(cellText(value));
}

export interface DelimitedOptions {
  /** `,` for CSV files, a tab for pasting into a spreadsheet. */
  delimiter?: ',' | '\t';
}

/**
 * Records as delimited text, CRLF after every record (RFC 4180). A field holding a line break, tab, delimiter or
 * quote is quoted (csv-stringify alone would leave a bare LF unquoted when the record delimiter is CRLF).
 */
export function delimitedText(records: readonly (readonly string[])[], options: DelimitedOptions = {}): string {
  if (records.length === 0) return '';
  return stringify(records as string[][], {
    delimiter: options.delimiter ?? ',',
    record_delimiter: 'windows',
    quoted_match: /[\r\n\t"]/,
  });
}

export function headerRecord(columns: readonly ColumnId[]): string[] {
  return columns.map((column) => neutralizeFormula(columnLabel(column)));
}

export function csvRecord(identity: Identity, columns: readonly ColumnId[]): string[] {
  return columns.map((column) => csvCell(cellValue(identity, column)));
}

/** One JSON object per identity: fixed fields by column id, attribute columns under `attributes`, values as given. */
function jsonRecord(identity: Identity, columns: readonly ColumnId[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  let attributes: Record<string, unknown> | undefined;
  for (const column of columns) {
    const value = cellValue(identity, column);
    const key = attributeKeyOf(column);
    if (key === undefined) {
      record[column] = value ?? null;
    } else {
      attributes ??= {};
      attributes[key] = value ?? null;
    }
  }
  if (attributes) record.attributes = attributes;
  return record;
}

/** JSON Lines: JSON.stringify escapes line breaks inside values, so each record stays on one line. */
export function jsonLines(identities: readonly Identity[], columns: readonly ColumnId[]): string {
  let text = '';
  for (const identity of identities) text += `${JSON.stringify(jsonRecord(identity, columns))}\n`;
  return text;
}

/** The text of one page of identities in `format` (CSV without header). */
export function pageText(identities: readonly Identity[], columns: readonly ColumnId[], format: ExportFormat): string {
  if (format === 'jsonl') return jsonLines(identities, columns);
  return delimitedText(identities.map((identity) => csvRecord(identity, columns)));
}
