import * as assert from 'assert';
import { COMPARE_STRING_KEYS, isCompareHostMessage, isCompareStrings, parseCompareMessage, parseComparePersistedState } from '../../../src/compare/protocol';

const REPORT = { seq: 1, rev: 2, state: 'ready', hideEqual: false, attributeRows: 3 };

describe('compare protocol: messages from the page', () => {
  it('accepts each known message with exactly its fields', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'copy', format: 'markdown', scope: 'differences' },
      { type: 'copy', format: 'csv', scope: 'all' },
      { type: 'openIdentity', side: 'b' },
      { type: 'hideEqual', value: true },
      { type: 'rendered', report: REPORT },
    ]) {
      assert.deepStrictEqual(parseCompareMessage(message), { ok: true, message });
    }
  });

  it('rejects unknown types, extra fields, missing fields and wrong values, with a reason', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      [['ready'], /not an object/],
      [{ type: 'runAction', action: 'deleteIdentity' }, /unknown message type "runAction"/],
      [{ type: 'ready', extra: 1 }, /unexpected field "extra"/],
      [{ type: 'copy', format: 'html', scope: 'all' }, /field format: not an allowed value/],
      [{ type: 'copy', format: 'csv' }, /missing field scope/],
      [{ type: 'openIdentity', side: 'c' }, /field side/],
      [{ type: 'openIdentity', identityId: 'abc' }, /unexpected field "identityId"/],
      [{ type: 'hideEqual', value: 'yes' }, /not a boolean/],
      [{ type: 'rendered', report: { ...REPORT, attributeRows: -1 } }, /not a count/],
      [{ type: 'rendered', report: { ...REPORT, nameA: 'x'.repeat(300_000) } }, /too long/],
      [{ type: 'rendered', report: { ...REPORT, script: '<script>' } }, /unexpected field "script"/],
    ];
    for (const [message, reason] of cases) {
      const result = parseCompareMessage(message);
      assert.strictEqual(result.ok, false, JSON.stringify(message)?.slice(0, 80));
      if (!result.ok) assert.match(result.reason, reason);
    }
  });

  it('rejects an object with a prototype other than Object', () => {
    class Sneaky {
      type = 'ready';
    }
    assert.strictEqual(parseCompareMessage(new Sneaky()).ok, false);
  });
});

describe('compare protocol: messages from the host', () => {
  const side = { tenantId: 't', tenantLabel: 'T', identityId: 'i', name: 'n' };
  const strings = (): Record<string, string> => Object.fromEntries(COMPARE_STRING_KEYS.map((key) => [key, `text of ${key}`]));

  it('recognises init and state messages', () => {
    assert.ok(isCompareHostMessage({ type: 'init', rev: 1, strings: strings(), a: side, b: side, crossTenant: false, state: { status: 'loading' } }));
    assert.ok(isCompareHostMessage({ type: 'state', rev: 2, a: side, b: side, state: { status: 'failed', problems: {} } }));
  });

  it('refuses a state message that does not name both sides', () => {
    assert.ok(!isCompareHostMessage({ type: 'state', rev: 2, a: side, state: { status: 'loading' } }));
  });

  it('refuses a ready state without a diff and an init without sides', () => {
    assert.ok(!isCompareHostMessage({ type: 'state', rev: 2, a: side, b: side, state: { status: 'ready' } }));
    assert.ok(!isCompareHostMessage({ type: 'init', rev: 1, strings: strings(), a: side, crossTenant: false, state: { status: 'loading' } }));
  });
});

describe('compare protocol: the page texts of init', () => {
  const side = { tenantId: 't', tenantLabel: 'T', identityId: 'i', name: 'n' };
  const strings = (): Record<string, string> => Object.fromEntries(COMPARE_STRING_KEYS.map((key) => [key, `text of ${key}`]));

  it('rejects a strings object that lacks a key', () => {
    const partial = strings();
    delete partial.hideEqual;
    assert.ok(isCompareStrings(strings()));
    assert.ok(!isCompareStrings(partial));
  });

  it('rejects an init message without its texts', () => {
    assert.ok(!isCompareHostMessage({ type: 'init', rev: 1, a: side, b: side, crossTenant: false, state: { status: 'loading' } }));
  });
});

describe('compare protocol: persisted page state', () => {
  it('keeps a valid pair and the hide-equal choice', () => {
    const state = { a: { tenantId: 'env', identityId: 'abc', name: 'A' }, b: { tenantId: 't2', identityId: 'def', name: 'B' }, hideEqual: true };
    assert.deepStrictEqual(parseComparePersistedState(state), state);
  });

  it('drops state whose ids could be paths', () => {
    assert.strictEqual(parseComparePersistedState({ a: { tenantId: 'env', identityId: '../x', name: 'A' }, b: { tenantId: 'env', identityId: 'b', name: 'B' } }), undefined);
  });
});
