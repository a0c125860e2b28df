import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import type { Identity } from '../../../../src/api/types';
import type { ColumnId } from '../../../../src/model/export/columns';
import { FIXED_COLUMNS, attributeColumn, cellText, cellValue, isColumnId } from '../../../../src/model/export/columns';
import { csvCell, csvRecord, delimitedText, headerRecord, jsonLines, pageText } from '../../../../src/model/export/records';
import { neutralizeFormula } from '../../../../src/model/csvSafety';

const FORMULAS = ['=1+1', '+1+1', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1:A2)', '\tTAB', '\rCR', '=HYPERLINK("http://evil.example","x")', '＝1+1'];

/** An identity whose every field (and attribute) holds `value`. */
function identityAll(value: string, id = 'id1'): Identity {
  return {
    id,
    name: value,
    alias: value,
    emailAddress: value,
    identityStatus: value,
    processingState: value,
    lifecycleState: { stateName: value, manuallyUpdated: false },
    managerRef: { id: 'm1', name: value },
    created: value,
    modified: value,
    lastRefresh: value,
    attributes: { department: value, protected: value, location: value },
  };
}

const EVERY_COLUMN: ColumnId[] = [...FIXED_COLUMNS.map((c) => c.id).filter((c) => c !== 'id' && c !== 'isManager'), attributeColumn('department'), attributeColumn('location')];

describe('export records', () => {
  it('prefixes a quote to text starting with = + - @ tab or CR', () => {
    for (const formula of FORMULAS) assert.strictEqual(neutralizeFormula(formula), `'${formula}`, formula);
  });

  it('leaves ordinary text, numbers and booleans unchanged', () => {
    assert.strictEqual(neutralizeFormula('Jo = 1'), 'Jo = 1');
    assert.strictEqual(csvCell(-5), '-5');
    assert.strictEqual(csvCell(true), 'true');
    assert.strictEqual(csvCell('a-b'), 'a-b');
  });

  it('neutralizes formula values in every column of a CSV file, and a parser reads back the quoted text', () => {
    for (const formula of FORMULAS) {
      const text = delimitedText([headerRecord(EVERY_COLUMN), csvRecord(identityAll(formula), EVERY_COLUMN)]);
      const rows = parse(text, { relax_column_count: false }) as string[][];
      assert.strictEqual(rows.length, 2);
      assert.strictEqual(rows[1].length, EVERY_COLUMN.length);
      rows[1].forEach((cell, index) => assert.strictEqual(cell, `'${formula}`, `${EVERY_COLUMN[index]} of ${JSON.stringify(formula)}`));
    }
  });

  it('quotes fields with line breaks, quotes, commas and tabs and ends every record with CRLF', () => {
    const values = ['line1\nline2', 'cr\ronly', 'say "hi"', 'a,b', 'x\ty'];
    const text = delimitedText([values]);
    assert.ok(text.endsWith('\r\n'));
    assert.strictEqual(text, '"line1\nline2","cr\ronly","say ""hi""","a,b","x\ty"\r\n');
    assert.deepStrictEqual(parse(text), [values]);
  });

  it('writes TSV with a tab delimiter', () => {
    assert.strictEqual(delimitedText([['a', 'b c', 'd\te']], { delimiter: '\t' }), 'a\tb c\t"d\te"\r\n');
  });

  it('keeps each JSON Lines record on one line, with raw values and attributes nested', () => {
    const identity: Identity = { id: 'i1', name: 'multi\nline =1', isManager: true, attributes: { department: 'R&D\r\n', tags: ['a', 'b'] } };
    const text = jsonLines([identity, identity], ['id', 'name', 'isManager', attributeColumn('department'), attributeColumn('tags'), attributeColumn('missing')]);
    const lines = text.split('\n');
    assert.strictEqual(lines.length, 3);
    assert.strictEqual(lines[2], '');
    assert.deepStrictEqual(JSON.parse(lines[0]), { id: 'i1', name: 'multi\nline =1', isManager: true, attributes: { department: 'R&D\r\n', tags: ['a', 'b'], missing: null } });
  });

  it('joins multi-valued attributes and writes objects as JSON in CSV cells', () => {
    assert.strictEqual(cellText(['a', 'b']), 'a; b');
    assert.strictEqual(cellText({ k: 1 }), '{"k":1}');
    assert.strictEqual(pageText([{ id: 'i', name: 'n', attributes: { list: ['=x', 'y'] } }], [attributeColumn('list')], 'csv'), "'=x; y\r\n");
  });

  it('reads each fixed column from its identity field', () => {
    const identity: Identity = { id: 'i', name: 'N', managerRef: { id: 'm', name: 'Boss' }, lifecycleState: { stateName: 'active', manuallyUpdated: false }, attributes: { protected: true } };
    assert.strictEqual(cellValue(identity, 'manager'), 'Boss');
    assert.strictEqual(cellValue(identity, 'lifecycleState'), 'active');
    assert.strictEqual(cellValue(identity, 'protected'), true);
    assert.strictEqual(cellValue(identity, 'email'), undefined);
  });

  it('accepts fixed column ids and attribute keys, refuses anything else', () => {
    assert.ok(isColumnId('name'));
    assert.ok(isColumnId('attr:cloudLifecycleState'));
    for (const bad of ['attr:', 'attr:=cmd', 'attr:a b', 'nonsense', 'attr:../x', 42, null]) assert.ok(!isColumnId(bad), String(bad));
  });
});
