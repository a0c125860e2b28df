import * as assert from 'assert';
import { parse } from 'csv-parse/sync';
import { aggregateChanges, summarizeChange } from '../../../../src/model/compare/changeSummary';
import { changesToCsv, changesToMarkdown, csvCell, diffToCsv, diffToMarkdown, markdownCell } from '../../../../src/model/compare/compareExport';
import { compareIdentities } from '../../../../src/model/compare/identityDiff';
import { role, snapshot } from './fixtures';

const LABELS = { a: 'Anna (sandbox)', b: 'Anna (production)' };

function sampleDiff() {
  return compareIdentities(
    snapshot({ attributes: { department: 'Sales', city: 'Ghent' } }, [role('r1', 'Engineer', { assignmentSource: 'UI' }), role('r2', 'Admin')]),
    snapshot({ attributes: { department: '=HYPERLINK("http://evil.example")', city: 'Ghent' } }, [role('r2', 'Admin')]),
  );
}

describe('compare export: cells', () => {
  it('neutralises CSV cells that start a formula (= + - @, tab, carriage return)', () => {
    for (const value of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) assert.strictEqual(csvCell(value), `'${value}`);
    assert.strictEqual(csvCell('a=1'), 'a=1');
    assert.strictEqual(csvCell(42), '42');
  });

  it('cuts a CSV cell to what a spreadsheet cell holds', () => {
    assert.strictEqual(csvCell('x'.repeat(100_000)).length, 32_000);
  });

  it('escapes Markdown and HTML in a cell and keeps it on one line', () => {
    assert.strictEqual(markdownCell('<img src=x onerror=a()> | [x](javascript:a)\n**b**'), '\\<img src=x onerror=a()\\> \\| \\[x\\](javascript:a) \\*\\*b\\*\\*');
  });

  it('removes bidi overrides from a Markdown cell', () => {
    assert.strictEqual(markdownCell('\u202Egnp.exe\u202C'), 'gnp.exe');
  });
});

describe('compare export: two identities', () => {
  it('writes CSV with one row per fact, attribute, role assignment and owned object, formulas neutralised', () => {
    const rows = parse(diffToCsv(sampleDiff(), LABELS)) as string[][];
    assert.deepStrictEqual(rows[0], ['section', 'item', 'status', 'Anna (sandbox)', 'Anna (production)']);
    const department = rows.find((r) => r[1] === 'department');
    assert.deepStrictEqual(department, ['attribute', 'department', 'differs', 'Sales', `'=HYPERLINK("http://evil.example")`]);
    const engineer = rows.find((r) => r[1] === 'Engineer');
    assert.deepStrictEqual(engineer?.slice(0, 3), ['role assignment', 'Engineer', 'only A']);
    assert.match(engineer?.[3] ?? '', /source UI; added 2025-01-01/);
  });

  it('leaves equal rows out of the "differences only" CSV', () => {
    const rows = parse(diffToCsv(sampleDiff(), LABELS, { differencesOnly: true })) as string[][];
    assert.deepStrictEqual(rows.slice(1).map((r) => r[1]), ['department', 'Engineer']);
  });

  it('writes Markdown tables per section with a summary line', () => {
    const text = diffToMarkdown(sampleDiff(), LABELS);
    assert.match(text, /1 of 2 attributes differ/);
    assert.match(text, /### Attributes\n\n\| Attribute \| Status \| A \| B \|/);
    assert.match(text, /\| department \| differs \| Sales \| =HYPERLINK\("http:\/\/evil.example"\) \|/);
    assert.match(text, /### Role assignments/);
  });

  it('says the roles were matched by name when the identities are in different tenants', () => {
    const diff = compareIdentities(snapshot(), snapshot(), { crossTenant: true });
    assert.match(diffToMarkdown(diff, LABELS), /matched by role name: different tenants/);
    assert.match(diffToMarkdown(diff, LABELS, { differencesOnly: true }), /No difference\./);
  });

  it('keeps hostile values as text in Markdown', () => {
    const diff = compareIdentities(snapshot({ attributes: { x: '<script>alert(1)</script>' } }), snapshot({ attributes: {} }));
    const text = diffToMarkdown(diff, LABELS);
    assert.ok(!text.includes('<script>'));
    assert.ok(text.includes('\\<script\\>alert(1)\\</script\\>'));
  });
});

describe('compare export: changes of many identities', () => {
  const changes = () => [
    summarizeChange(snapshot({ attributes: { department: 'A' } }), snapshot({ attributes: { department: '+B' } }, [role('r1', 'Engineer')])),
    summarizeChange(snapshot(), snapshot()),
  ];

  it('writes one CSV row per changed field and one "no change" row per unchanged identity', () => {
    const rows = parse(changesToCsv(changes())) as string[][];
    assert.deepStrictEqual(rows, [
      ['identityId', 'name', 'change', 'field', 'before', 'after'],
      ['a1', 'Anna Smith', 'attribute changed', 'department', 'A', "'+B"],
      ['a1', 'Anna Smith', 'role assignment added', 'Engineer', '', 'as-r1'],
      ['a1', 'Anna Smith', 'no change', '', '', ''],
    ]);
  });

  it('starts the CSV with a byte-order mark when asked (Excel reads UTF-8 then)', () => {
    assert.ok(changesToCsv(changes(), { bom: true }).startsWith('\uFEFF'));
    assert.ok(!changesToCsv(changes()).startsWith('\uFEFF'));
  });

  it('writes Markdown with the aggregate, the changed identities, and unchanged ones only counted', () => {
    const list = changes();
    const text = changesToMarkdown(list, aggregateChanges(list));
    assert.match(text, /^1 of 2 changed: department 1; 1 role assignment added\n/);
    assert.match(text, /\*\*Anna Smith\*\* \(a1\)\n- department: A → \+B\n- Role assignment added: Engineer/);
    assert.match(text, /1 without change\./);
  });
});
