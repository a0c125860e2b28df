import * as assert from 'assert';
import {
  booleanField,
  checkFields,
  countField,
  describeValue,
  enumField,
  idField,
  intField,
  isPlainObject,
  listField,
  objectField,
  parseTypedMessage,
  textField,
} from '../../../src/model/messageChecks';

describe('webview message checks (src/model/messageChecks.ts)', () => {
  it('takes object literals and null-prototype objects as plain objects', () => {
    assert.strictEqual(isPlainObject({ a: 1 }), true);
    assert.strictEqual(isPlainObject(Object.create(null)), true);
  });

  it('refuses arrays, null, primitives and class instances as plain objects', () => {
    for (const value of [[], null, undefined, 'x', 1, new Date(), new (class Thing {})()]) {
      assert.strictEqual(isPlainObject(value), false, String(value));
    }
  });

  it('names a long string value by its first 40 characters and other values by their type', () => {
    assert.strictEqual(describeValue('x'.repeat(50)), JSON.stringify(`${'x'.repeat(40)}…`));
    assert.strictEqual(describeValue(42), 'number');
  });

  it('caps text fields at their length and lets optional ones be absent', () => {
    assert.strictEqual(textField(3)('abc'), undefined);
    assert.strictEqual(textField(3)('abcd'), 'too long');
    assert.strictEqual(textField(3)(undefined), 'not a string');
    assert.strictEqual(textField(3, true)(undefined), undefined);
  });

  it('accepts ids of letters, digits, dot, underscore and dash up to their length only', () => {
    const id = idField(8);
    assert.strictEqual(id('2c9180a4'), undefined);
    assert.strictEqual(id('2c9180a45'), 'too long');
    assert.strictEqual(id('../etc'), 'not an id');
    assert.strictEqual(id('-flag'), 'not an id');
    assert.strictEqual(id(7), 'not a string');
  });

  it('accepts whole numbers in range as ints and counts, nothing else', () => {
    assert.strictEqual(intField(1, 3)(2), undefined);
    assert.strictEqual(intField(1, 3)(4), 'not an allowed number');
    assert.strictEqual(intField(1, 3)(1.5), 'not an allowed number');
    assert.strictEqual(countField()(undefined), undefined);
    assert.strictEqual(countField(false)(undefined), 'not a count');
    assert.strictEqual(countField()(-1), 'not a count');
  });

  it('accepts only the listed enum values and booleans as booleans', () => {
    assert.strictEqual(enumField(['a', 'b'])('a'), undefined);
    assert.strictEqual(enumField(['a', 'b'])('toString'), 'not an allowed value');
    assert.strictEqual(booleanField()(false), undefined);
    assert.strictEqual(booleanField()('true'), 'not a boolean');
    assert.strictEqual(booleanField(true)(undefined), undefined);
  });

  it('caps lists, checks each item and refuses repeats when asked', () => {
    const list = listField(2, textField(5), true);
    assert.strictEqual(list(['a', 'b']), undefined);
    assert.strictEqual(list(['a', 'b', 'c']), 'too many');
    assert.strictEqual(list(['a', 7]), 'item not a string');
    assert.strictEqual(list(['a', 'a']), 'repeated items');
    assert.strictEqual(list('a'), 'not an array');
  });

  it('refuses an unexpected field, a missing required field and a bad field, in that order', () => {
    const fields = { a: textField(5), b: countField() };
    assert.strictEqual(checkFields({ a: 'x', b: 1 }, fields, ['a']), undefined);
    assert.strictEqual(checkFields({ a: 'x', c: 1 }, fields, ['a']), 'unexpected field "c"');
    assert.strictEqual(checkFields({ b: 1 }, fields, ['a']), 'missing field a');
    assert.strictEqual(checkFields({ a: 'x', b: -1 }, fields, ['a']), 'field b: not a count');
    assert.strictEqual(objectField(fields, ['a'])([]), 'not an object');
  });

  it('parses a typed message with exactly its fields and names the type in the reason', () => {
    const byType = { ready: {}, open: { id: idField(8) } };
    assert.deepStrictEqual(parseTypedMessage({ type: 'open', id: 'abc' }, byType), { ok: true, message: { type: 'open', id: 'abc' } });
    assert.deepStrictEqual(parseTypedMessage({ type: 'open' }, byType), { ok: false, reason: 'open: missing field id' });
    assert.deepStrictEqual(parseTypedMessage({ type: 'ready', extra: 1 }, byType), { ok: false, reason: 'ready: unexpected field "extra"' });
    assert.deepStrictEqual(parseTypedMessage('ready', byType), { ok: false, reason: 'message is not an object' });
  });

  it('refuses message types inherited from Object.prototype', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      assert.match((parseTypedMessage({ type }, { ready: {} }) as { reason: string }).reason, /unknown message type/);
    }
  });
});
