import * as assert from 'assert';
import { FIXED_COLUMNS } from '../../../src/model/export/columns';
import { parseLayout } from '../../../src/table/host/columnStore';

describe('table column layout', () => {
  it('keeps a stored order, width and visibility, and adds fixed columns it lacks as hidden', () => {
    const layout = parseLayout([
      { id: 'email', width: 300, visible: true },
      { id: 'attr:department', width: 120, visible: true },
      { id: 'name', width: 180, visible: false },
    ]);
    assert.deepStrictEqual(layout.slice(0, 3), [
      { id: 'email', width: 300, visible: true },
      { id: 'attr:department', width: 120, visible: true },
      { id: 'name', width: 180, visible: false },
    ]);
    assert.strictEqual(layout.length, FIXED_COLUMNS.length + 1);
    assert.ok(layout.slice(3).every((c) => !c.visible));
  });

  it('drops unknown columns and repeats, clamps widths, and falls back to the default when nothing is visible', () => {
    const layout = parseLayout([{ id: 'attr:=x', width: 100, visible: true }, { id: 'name', width: 99_999, visible: true }, { id: 'name', width: 50, visible: true }]);
    assert.deepStrictEqual(layout[0], { id: 'name', width: 2000, visible: true });
    assert.strictEqual(layout.filter((c) => c.id === 'name').length, 1);
    const fallback = parseLayout([{ id: 'name', width: 100, visible: false }]);
    assert.ok(fallback.filter((c) => c.visible).length > 3, 'the default layout');
    assert.deepStrictEqual(parseLayout('junk'), fallback);
  });
});
