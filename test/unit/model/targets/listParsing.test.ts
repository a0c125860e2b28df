import * as assert from 'assert';
import { ListParseError, classifyTargetValue, parseCsvList, parsePastedList } from '../../../../src/model/targets/listParsing';

const ID = '2c9180835d2e5168015d32f890ca1581';

describe('listParsing', () => {
  describe('classifyTargetValue', () => {
    it('reads 32 hex characters as an id, a value with @ as an email and anything else as a name', () => {
      assert.deepStrictEqual(
        [ID, ID.toUpperCase(), 'jo@example.com', 'jo.smith', 'Jo Smith', `${ID}0`, '2c9180835d2e5168015d32f890ca158g'].map(classifyTargetValue),
        ['id', 'id', 'email', 'name', 'name', 'name', 'name'],
      );
    });
  });

  describe('parsePastedList', () => {
    it('trims, drops blank lines and keeps each value with its line number', () => {
      assert.deepStrictEqual(parsePastedList(`  ${ID}  \n\n jo@example.com\r\n\tJo Smith\n`), [
        { value: ID, line: 1, kind: 'id' },
        { value: 'jo@example.com', line: 3, kind: 'email' },
        { value: 'Jo Smith', line: 4, kind: 'name' },
      ]);
    });

    it('drops repeats, keeping the first line: ids and emails regardless of case, names exactly', () => {
      const values = parsePastedList([ID, ID.toUpperCase(), 'Jo@Example.com', 'jo@example.com', 'Jo', 'jo', 'Jo'].join('\n'));
      assert.deepStrictEqual(values.map((v) => [v.value, v.line]), [[ID, 1], ['Jo@Example.com', 3], ['Jo', 5], ['jo', 6]]);
    });

    it('sends ids lowercase and drops surrounding quotes', () => {
      assert.deepStrictEqual(parsePastedList(`"${ID.toUpperCase()}"\n'Jo Smith'`).map((v) => v.value), [ID, 'Jo Smith']);
    });
  });

  describe('parseCsvList', () => {
    it('picks the id column by its header, whatever its case', () => {
      const list = parseCsvList(`Name,ID,Department\nJo,${ID},Sales\n`);
      assert.strictEqual(list.columnIndex, 1);
      assert.deepStrictEqual(list.columns, ['Name', 'ID', 'Department']);
      assert.deepStrictEqual(list.values, [{ value: ID, line: 2, kind: 'id' }]);
    });

    it('prefers id over email over alias over name', () => {
      assert.strictEqual(parseCsvList('name,alias,e-mail address,x\na,b,c@d,e').columnIndex, 2);
      assert.strictEqual(parseCsvList('Display Name,Alias\na,b').columnIndex, 1);
    });

    it('uses the column given by name or index', () => {
      assert.deepStrictEqual(parseCsvList('id,manager\na,boss@x.com', { column: 'Manager' }).values.map((v) => v.value), ['boss@x.com']);
      assert.deepStrictEqual(parseCsvList('id,manager\na,boss@x.com', { column: 1 }).values.map((v) => v.value), ['boss@x.com']);
    });

    it('handles a BOM, CRLF, quoted values with commas, quotes and line breaks', () => {
      const text = '\uFEFFname,email\r\n"Smith, Jo","jo@x.com"\r\n\r\n"Say ""hi""\r\nthere",hi@x.com\r\nlast,last@x.com';
      const list = parseCsvList(text, { column: 'name' });
      assert.deepStrictEqual(list.values.map((v) => [v.value, v.line]), [['Smith, Jo', 2], ['Say "hi"\r\nthere', 4], ['last', 6]]);
    });

    it('reads semicolon- and tab-separated files', () => {
      assert.deepStrictEqual(parseCsvList('name;email\n"Doe, J";j@x.com').values.map((v) => v.value), ['j@x.com']);
      assert.deepStrictEqual(parseCsvList('name\temail\nDoe\tj@x.com').values.map((v) => v.value), ['j@x.com']);
    });

    it('drops blank cells and repeated values, and tolerates short rows', () => {
      const list = parseCsvList(`id,name\n${ID},a\n,b\n${ID},c\nshort`);
      assert.deepStrictEqual(list.values.map((v) => [v.value, v.line]), [[ID, 2], ['short', 5]]);
    });

    it('reads a one-column file without a header when its first cell is an id or email', () => {
      const list = parseCsvList(`${ID}\njo@x.com\n`);
      assert.strictEqual(list.headerless, true);
      assert.deepStrictEqual(list.values.map((v) => [v.value, v.line]), [[ID, 1], ['jo@x.com', 2]]);
    });

    it('asks for a column when no header is recognised, naming the columns', () => {
      assert.throws(
        () => parseCsvList('Employee,Dept\nJo,Sales'),
        (error: unknown) => error instanceof ListParseError && /Employee, Dept/.test(error.message) && error.columns?.length === 2,
      );
    });

    it('names a missing column that was asked for', () => {
      assert.throws(() => parseCsvList('id\na', { column: 'email' }), /no column "email"/);
      assert.throws(() => parseCsvList('id\na', { column: 3 }), /no column 4/);
    });

    it('reports a malformed CSV as a ListParseError', () => {
      assert.throws(() => parseCsvList('id\n"unterminated'), ListParseError);
    });

    it('returns nothing for an empty file', () => {
      assert.deepStrictEqual(parseCsvList('').values, []);
    });
  });
});
