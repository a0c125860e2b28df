import * as assert from 'assert';
import { isHostToWebviewMessage, isPanelStrings, LIMITS, PANEL_ACTIONS, PANEL_STRING_KEYS, parsePersistedState, parseWebviewMessage } from '../../../src/webview/protocol';
import type { RenderReport } from '../../../src/webview/protocol';

const ID = '0b71e4c1a3d54f1e9a2b7c3d4e5f6a01';

function report(overrides: Partial<Record<keyof RenderReport, unknown>> = {}): Record<string, unknown> {
  return {
    seq: 3,
    rev: 7,
    identityId: ID,
    sections: ['header', 'attributes'],
    state: 'ready',
    header: 'ready',
    assignments: 'loading',
    ownership: 'ready',
    assignment: 'idle',
    name: 'Laura Peeters',
    attributeCount: 17,
    ...overrides,
  };
}

function rejects(message: unknown, reasonPattern?: RegExp): void {
  const result = parseWebviewMessage(message);
  assert.strictEqual(result.ok, false, `expected ${JSON.stringify(message)?.slice(0, 200)} to be rejected`);
  if (!result.ok && reasonPattern) assert.match(result.reason, reasonPattern);
}

function accepts(message: unknown): void {
  const result = parseWebviewMessage(message);
  assert.ok(result.ok, result.ok ? '' : `expected acceptance, got: ${result.reason}`);
}

describe('webview protocol guards (webview -> host)', () => {
  it('accepts every well-formed message type', () => {
    accepts({ type: 'ready' });
    accepts({ type: 'refresh' });
    accepts({ type: 'openRawJson' });
    accepts({ type: 'keep' });
    accepts({ type: 'retry', section: 'identity' });
    accepts({ type: 'retry', section: 'assignment' });
    accepts({ type: 'openIdentity', identityId: ID });
    accepts({ type: 'selectAssignment', assignmentId: '1cbb0705b38c4226b1334eadd8874086' });
    accepts({ type: 'copy', text: '<script>alert(1)</script>' });
    accepts({ type: 'copy', text: 'x'.repeat(100 * 1024) });
    for (const action of PANEL_ACTIONS) accepts({ type: 'runAction', action });
    accepts({ type: 'rendered', report: report() });
    accepts({ type: 'rendered', report: report({ name: undefined, attributeCount: undefined }) });
  });

  it('rejects values that are not plain objects', () => {
    for (const value of [undefined, null, 0, 'ready', true, [], [{ type: 'ready' }], new Date(), new Map()]) rejects(value, /not an object/);
  });

  it('rejects unknown and missing types', () => {
    rejects({}, /unknown message type/);
    rejects({ type: 'eval' }, /unknown message type/);
    rejects({ type: 'READY' }, /unknown message type/);
    rejects({ type: 42 }, /unknown message type/);
    rejects({ type: '__proto__' }, /unknown message type/);
    rejects({ type: 'constructor' }, /unknown message type/);
    rejects({ type: 'toString' }, /unknown message type/);
    rejects(JSON.parse('{"type":"hasOwnProperty"}'), /unknown message type/);
  });

  it('rejects missing fields', () => {
    rejects({ type: 'retry' }, /missing field section/);
    rejects({ type: 'openIdentity' }, /missing field identityId/);
    rejects({ type: 'selectAssignment' }, /missing field assignmentId/);
    rejects({ type: 'copy' }, /missing field text/);
    rejects({ type: 'runAction' }, /missing field action/);
    rejects({ type: 'rendered' }, /missing field report/);
    rejects({ type: 'rendered', report: report({ state: undefined }) }, /missing field state/);
  });

  it('rejects wrong field types and values', () => {
    rejects({ type: 'retry', section: 'everything' }, /section/);
    rejects({ type: 'openIdentity', identityId: 42 }, /identityId: not a string/);
    rejects({ type: 'openIdentity', identityId: '../../oauth/token' }, /identityId: not an id/);
    rejects({ type: 'openIdentity', identityId: '' }, /identityId/);
    rejects({ type: 'openIdentity', identityId: 'a b' }, /identityId: not an id/);
    rejects({ type: 'openIdentity', identityId: 'abc?x=1' }, /identityId: not an id/);
    rejects({ type: 'selectAssignment', assignmentId: ['x'] }, /assignmentId/);
    rejects({ type: 'copy', text: { toString: 'x' } }, /text: not a string/);
    rejects({ type: 'runAction', action: 'workbench.action.terminal.new' }, /action: not an allowed value/);
    rejects({ type: 'runAction', action: 'iscExplorer.deleteIdentity' }, /action/);
    rejects({ type: 'runAction', action: 'DELETEIDENTITY' }, /action/);
    rejects({ type: 'rendered', report: 'painted' }, /report: not an object/);
    rejects({ type: 'rendered', report: report({ seq: -1 }) }, /seq/);
    rejects({ type: 'rendered', report: report({ seq: 1.5 }) }, /seq/);
    rejects({ type: 'rendered', report: report({ rev: '7' }) }, /rev/);
    rejects({ type: 'rendered', report: report({ state: 'pwned' }) }, /state/);
    rejects({ type: 'rendered', report: report({ header: 'done' }) }, /header/);
    rejects({ type: 'rendered', report: report({ sections: 'header' }) }, /sections/);
    rejects({ type: 'rendered', report: report({ sections: [1, 2] }) }, /sections/);
    rejects({ type: 'rendered', report: report({ attributeCount: 'many' }) }, /attributeCount/);
    rejects({ type: 'rendered', report: report({ identityId: '<img>' }) }, /identityId/);
  });

  it('rejects extra fields, including huge extra payloads', () => {
    rejects({ type: 'ready', extra: true }, /unexpected field "extra"/);
    rejects({ type: 'refresh', payload: 'x'.repeat(5_000_000) }, /unexpected field "payload"/);
    rejects({ type: 'runAction', action: 'resetIdentity', args: ['other-id'] }, /unexpected field "args"/);
    rejects({ type: 'rendered', report: report({ html: '<b>x</b>' } as Record<string, unknown>) }, /unexpected field "html"/);
    rejects(JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'), /unexpected field "__proto__"/);
  });

  it('rejects oversized field values', () => {
    rejects({ type: 'copy', text: 'x'.repeat(LIMITS.copyText + 1) }, /text: too long/);
    rejects({ type: 'openIdentity', identityId: 'a'.repeat(LIMITS.idLength + 1) }, /too long/);
    rejects({ type: 'rendered', report: report({ name: 'n'.repeat(LIMITS.reportText + 1) }) }, /name: too long/);
    rejects({ type: 'rendered', report: report({ sections: Array.from({ length: 1000 }, () => 'header') }) }, /sections: too many/);
    rejects({ type: 'rendered', report: report({ attributeCount: 1e12 }) }, /attributeCount/);
  });

  it('accepts values at the size limits', () => {
    accepts({ type: 'copy', text: 'x'.repeat(LIMITS.copyText) });
    accepts({ type: 'openIdentity', identityId: 'a'.repeat(LIMITS.idLength) });
  });
});

describe('webview protocol guards (host -> webview)', () => {
  it('accepts host messages and rejects malformed ones', () => {
    assert.ok(isHostToWebviewMessage({ type: 'identity', rev: 1, data: { status: 'loading' } }));
    assert.ok(isHostToWebviewMessage({ type: 'deleted', rev: 2 }));
    assert.ok(isHostToWebviewMessage({ type: 'focus', rev: 2, section: 'ownership' }));
    assert.ok(
      isHostToWebviewMessage({
        type: 'init',
        rev: 3,
        strings: panelStrings(),
        panel: { tenantId: 'env', tenantLabel: 'env', readOnly: false, identityId: ID, name: 'x' },
        identity: { status: 'idle' },
        assignments: { status: 'idle' },
        ownership: { status: 'idle' },
        deleted: false,
      }),
    );
    assert.ok(!isHostToWebviewMessage({ type: 'identity', data: { status: 'loading' } }), 'rev is required');
    assert.ok(!isHostToWebviewMessage({ type: 'identity', rev: 1, data: { status: 'weird' } }));
    assert.ok(!isHostToWebviewMessage({ type: 'focus', rev: 1, section: 'elsewhere' }));
    assert.ok(!isHostToWebviewMessage({ type: 'assignment', rev: 1, selection: { data: { status: 'idle' } } }));
    assert.ok(!isHostToWebviewMessage({ type: 'run', rev: 1 }));
    assert.ok(!isHostToWebviewMessage(null));
  });

  it('checks the live tenant update (read-only banner) and the assignment focus', () => {
    assert.ok(isHostToWebviewMessage({ type: 'tenant', rev: 4, tenant: { tenantLabel: 'Demo tenant (simulator)', readOnly: true } }));
    assert.ok(isHostToWebviewMessage({ type: 'focus', rev: 4, section: 'assignment' }));
    assert.ok(!isHostToWebviewMessage({ type: 'tenant', rev: 4 }), 'the tenant is required');
    assert.ok(!isHostToWebviewMessage({ type: 'tenant', rev: 4, tenant: { tenantLabel: 'x', readOnly: 'yes' } }), 'readOnly is a boolean');
    assert.ok(!isHostToWebviewMessage({ type: 'tenant', rev: 4, tenant: { readOnly: false } }), 'the label is required');
    assert.ok(!isHostToWebviewMessage({ type: 'tenant', rev: 4, tenant: { tenantLabel: 'x'.repeat(5000), readOnly: false } }), 'the label is bounded');
  });
});

function panelStrings(): Record<string, string> {
  return Object.fromEntries(PANEL_STRING_KEYS.map((key) => [key, `text of ${key}`]));
}

describe('webview protocol: the page texts of init', () => {
  it('accepts a strings object with every key', () => {
    assert.ok(isPanelStrings(panelStrings()));
  });

  it('rejects a strings object that lacks a key', () => {
    const strings = panelStrings();
    delete strings.retry;
    assert.ok(!isPanelStrings(strings));
  });

  it('rejects a text that is not a string or is over-long', () => {
    assert.ok(!isPanelStrings({ ...panelStrings(), retry: 3 }));
    assert.ok(!isPanelStrings({ ...panelStrings(), retry: 'x'.repeat(5000) }));
  });

  it('rejects an init message without its texts', () => {
    const init = {
      type: 'init',
      rev: 3,
      panel: { tenantId: 'env', tenantLabel: 'env', readOnly: false, identityId: ID, name: 'x' },
      identity: { status: 'idle' },
      assignments: { status: 'idle' },
      ownership: { status: 'idle' },
      deleted: false,
    };
    assert.ok(isHostToWebviewMessage({ ...init, strings: panelStrings() }));
    assert.ok(!isHostToWebviewMessage(init));
  });
});

describe('persisted panel state', () => {
  it('restores only well-formed state', () => {
    assert.deepStrictEqual(parsePersistedState({ tenantId: 'env', identityId: ID, name: 'Laura', filter: 'dep', selectedAssignmentId: 'abc' }), {
      tenantId: 'env',
      identityId: ID,
      name: 'Laura',
      filter: 'dep',
      selectedAssignmentId: 'abc',
    });
    assert.strictEqual(parsePersistedState(undefined), undefined);
    assert.strictEqual(parsePersistedState({ tenantId: 'env' }), undefined);
    assert.strictEqual(parsePersistedState({ tenantId: 'env', identityId: '../x' }), undefined);
    assert.strictEqual(parsePersistedState({ tenantId: '', identityId: ID }), undefined);
    const odd = parsePersistedState({ tenantId: 'env', identityId: ID, name: 7, selectedAssignmentId: '../x', filter: 'f'.repeat(5000) });
    assert.ok(odd);
    assert.strictEqual(odd.name, ID);
    assert.strictEqual(odd.selectedAssignmentId, undefined);
    assert.strictEqual(odd.filter?.length, 1024);
  });
});
