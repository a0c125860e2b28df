// One text-safety rule for identity data outside webviews: what is stripped, what is kept, and that the tree's
// labels and the confirmation's names treat the same text the same way.
import * as assert from 'assert';
import { displayName, namesPreview, plainMessageText } from '../../../src/model/actions/report';
import { displayText } from '../../../src/model/identityDisplay';
import { hasBidiControls, pageText, safeLine } from '../../../src/model/textSafety';

const HOSTILE = 'Ev\u202Eil\u2066 \u200Bname\u2028with\u2029separators\u200E\u200F\u061C\u0007\u009B\uFEFF';

describe('text safety', () => {
  it('keeps ZWJ emoji sequences and ZWNJ in Persian names', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const persian = 'می\u200Cخواهم';
    assert.strictEqual(safeLine(family, 50), family);
    assert.strictEqual(safeLine(persian, 50), persian);
  });

  it('strips bidi controls, zero-width space, C0/C1 controls, BOM and line separators', () => {
    assert.strictEqual(safeLine(HOSTILE, 200), 'Evil namewithseparators');
  });

  it('gives the tree label and the confirmation the same text for the same hostile name', () => {
    assert.strictEqual(displayName(HOSTILE, 200), displayText(HOSTILE, 200));
    assert.strictEqual(namesPreview([HOSTILE]), `“${displayText(HOSTILE, 40)}”`);
  });

  it('caps a 200 KB name to the limit with an ellipsis, quickly', () => {
    const huge = 'x'.repeat(200_000);
    const started = Date.now();
    const text = safeLine(huge, 60);
    assert.strictEqual(text.length, 60);
    assert.ok(text.endsWith('…'));
    assert.ok(Date.now() - started < 1000);
  });

  it('keeps the lines of a notification but not its unsafe characters or links', () => {
    assert.strictEqual(plainMessageText('Line one\u202E\nsee [here](command:evil)'), 'Line one\nsee [here] (command:evil)');
  });

  it('shows a value in a webview page as it is, with C0 controls and DEL as control pictures', () => {
    assert.strictEqual(pageText('a\u0000b\u0007c\u001bd\u007fe'), 'a\u2400b\u2407c\u241bd\u2421e');
    assert.strictEqual(pageText('tab\there\nline\r\n'), 'tab\there\nline\r\n');
    assert.strictEqual(pageText(HOSTILE), HOSTILE.replace('\u0007', '\u2407'));
  });

  it('flags values with bidi controls for the page and leaves other invisible characters unflagged', () => {
    assert.strictEqual(hasBidiControls('\u202Egnp.exe\u202C'), true);
    assert.strictEqual(hasBidiControls('\u2067x'), true);
    assert.strictEqual(hasBidiControls('zero\u200Bwidth \u{1F468}\u200D\u{1F469}'), false);
  });
});
