import * as assert from 'assert';
import type { InterruptedExport } from '../../../../src/model/export/interrupted';
import { describeDuration, describeProgress, parseInterruptedExport, parseInterruptedExports } from '../../../../src/model/export/interrupted';

const ENTRY: InterruptedExport = {
  id: 'export-1',
  tenantId: 'env',
  target: '/tmp/out.csv',
  format: 'csv',
  bom: false,
  columns: ['id', 'name', 'attr:department'],
  query: { defaultFilter: 'NONE', filters: 'name sw "A"' },
  checkpoint: { nextOffset: 1250, written: 1250, bytes: 98_765, total: 50_000, lastPageIds: ['a', 'b'] },
  updatedAt: Date.now(),
  reason: 'network error',
};

describe('interrupted exports', () => {
  it('reads back what was stored (a current Date.now() included)', () => {
    assert.deepStrictEqual(parseInterruptedExport(JSON.parse(JSON.stringify(ENTRY))), ENTRY);
  });

  it('drops entries with a bad column, format, query or checkpoint', () => {
    for (const bad of [
      { ...ENTRY, columns: ['attr:=cmd'] },
      { ...ENTRY, columns: [] },
      { ...ENTRY, format: 'xlsx' },
      { ...ENTRY, query: { defaultFilter: 'ALL' } },
      { ...ENTRY, checkpoint: { ...ENTRY.checkpoint, bytes: -1 } },
      { ...ENTRY, checkpoint: { ...ENTRY.checkpoint, nextOffset: 1.5 } },
      { ...ENTRY, target: '' },
      null,
      'x',
    ]) {
      assert.strictEqual(parseInterruptedExport(bad), undefined, JSON.stringify(bad));
    }
    assert.deepStrictEqual(parseInterruptedExports([ENTRY, { junk: true }]).map((e) => e.id), ['export-1']);
    assert.deepStrictEqual(parseInterruptedExports({}), []);
  });

  it('describes progress and durations for the notification', () => {
    assert.strictEqual(describeProgress(12_250, 50_000), '12,250 of 50,000');
    assert.strictEqual(describeProgress(7, undefined), '7');
    assert.strictEqual(describeDuration(45_000), '45 s');
    assert.strictEqual(describeDuration(180_000), '3 min');
    assert.strictEqual(describeDuration(3_900_000), '1 h 5 min');
  });
});
