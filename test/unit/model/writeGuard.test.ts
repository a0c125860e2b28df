import * as assert from 'assert';
import type { IdentityRef } from '../../../src/model/identityRef';
import type { TenantDirectory, TenantInfo } from '../../../src/model/tenant';
import { silentLogger } from '../../../src/util/redact';
import { makeWritableButton, WriteGuard } from '../../../src/model/writeGuard';
import type { ConfirmationRequest, GuardUi, MessageLevel, WriteRequest } from '../../../src/model/writeGuard';

interface Fixture {
  guard: WriteGuard;
  tenant: TenantInfo;
  reads: { count: number };
  confirmations: ConfirmationRequest[];
  messages: { level: MessageLevel; text: string; buttons: string[] }[];
  madeWritable: string[];
  followUps: Promise<unknown>[];
}

function fixture(options: { readOnly?: boolean; known?: boolean; answer?: (request: ConfirmationRequest) => string | undefined; click?: string; onConfirm?: (tenant: TenantInfo) => void; makeWritableWorks?: boolean } = {}): Fixture {
  const tenant: TenantInfo = { id: 't1', label: 'Acme', baseUrl: 'https://acme.api.identitynow.com', clientId: 'c', readOnly: options.readOnly ?? false, source: 'user' };
  const reads = { count: 0 };
  const tenants: TenantDirectory = {
    list: () => [tenant],
    get: (id) => {
      reads.count++;
      return options.known === false || id !== tenant.id ? undefined : tenant;
    },
    activeTenantId: () => tenant.id,
    getClient: () => Promise.reject(new Error('no client in unit tests')),
    onDidChange: () => ({ dispose: () => undefined }),
    onRateLimitWait: () => ({ dispose: () => undefined }),
  };
  const confirmations: ConfirmationRequest[] = [];
  const messages: Fixture['messages'] = [];
  const madeWritable: string[] = [];
  const followUps: Promise<unknown>[] = [];
  const ui: GuardUi = {
    confirm: (request) => {
      confirmations.push(request);
      options.onConfirm?.(tenant);
      return options.answer ? options.answer(request) : request.confirmButton;
    },
    message: (level, text, ...buttons) => {
      messages.push({ level, text, buttons });
      return Promise.resolve(options.click);
    },
  };
  const guard = new WriteGuard({
    tenants,
    ui: () => ui,
    logger: silentLogger,
    makeWritable: async (t) => {
      madeWritable.push(t.id);
      if (options.makeWritableWorks !== false) tenant.readOnly = false;
    },
    track: (work) => followUps.push(work),
  });
  return { guard, tenant, reads, confirmations, messages, madeWritable, followUps };
}

const refs = (n: number): IdentityRef[] => Array.from({ length: n }, (_, i) => ({ tenantId: 't1', identityId: `id${i}`, name: `Person ${i}` }));

function request(f: Fixture, overrides: Partial<WriteRequest> = {}): WriteRequest {
  return { action: 'Reset identity', tenant: f.tenant, identities: refs(3), confirmButton: 'Reset 3 Identities', ...overrides };
}

describe('WriteGuard', () => {
  it('allows a confirmed write on a writable tenant', async () => {
    const f = fixture();
    assert.strictEqual(await f.guard.authorize(request(f)), 'allowed');
    assert.strictEqual(f.confirmations.length, 1);
  });

  it('cancels when the modal is dismissed (its own Cancel)', async () => {
    const f = fixture({ answer: () => undefined });
    assert.strictEqual(await f.guard.authorize(request(f)), 'cancelled');
  });

  it('cancels when the final check says no, after the modal', async () => {
    const f = fixture();
    assert.strictEqual(await f.guard.authorize(request(f, { finalCheck: async () => false })), 'cancelled');
    assert.strictEqual(f.confirmations.length, 1);
  });

  it('refuses a read-only tenant without asking for confirmation', async () => {
    const f = fixture({ readOnly: true });
    assert.strictEqual(await f.guard.authorize(request(f)), 'readOnly');
    assert.strictEqual(f.confirmations.length, 0);
  });

  it('refuses when the tenant became read-only while the modal was open', async () => {
    const f = fixture({ onConfirm: (tenant) => (tenant.readOnly = true) });
    assert.strictEqual(await f.guard.authorize(request(f)), 'readOnly');
  });

  it('reads the tenant twice per authorization: before and after the modal', async () => {
    const f = fixture();
    await f.guard.authorize(request(f));
    assert.strictEqual(f.reads.count, 2);
  });

  it('says a read-only refusal with a warning naming the real command title and offering Allow Writes…', () => {
    const f = fixture({ readOnly: true });
    f.guard.checkWritableOrExplain('t1', 'Reset identity');
    assert.strictEqual(f.messages.length, 1);
    assert.strictEqual(f.messages[0].level, 'warning');
    assert.ok(f.messages[0].text.includes('“ISC: Toggle Read-Only Mode”'), f.messages[0].text);
    assert.deepStrictEqual(f.messages[0].buttons, [makeWritableButton()]);
  });

  it('reports an unknown tenant as unknown, in its own words', async () => {
    const f = fixture({ known: false });
    assert.strictEqual(await f.guard.authorize(request(f)), 'unknownTenant');
    assert.match(f.messages[0].text, /no longer configured/);
    assert.doesNotMatch(f.messages[0].text, /read-only/);
  });

  it('after Allow Writes… makes the tenant writable and runs the action again once', async () => {
    const f = fixture({ readOnly: true, click: makeWritableButton() });
    let reruns = 0;
    f.guard.checkWritableOrExplain('t1', 'Reset identity', async () => void reruns++);
    await Promise.all(f.followUps);
    assert.deepStrictEqual(f.madeWritable, ['t1']);
    assert.strictEqual(reruns, 1);
  });

  it('does not run the action again when the tenant stayed read-only', async () => {
    const f = fixture({ readOnly: true, click: makeWritableButton(), makeWritableWorks: false });
    let reruns = 0;
    f.guard.checkWritableOrExplain('t1', 'Reset identity', async () => void reruns++);
    await Promise.all(f.followUps);
    assert.strictEqual(reruns, 0);
  });

  it('neither makes writable nor re-runs when the warning is dismissed', async () => {
    const f = fixture({ readOnly: true });
    let reruns = 0;
    f.guard.checkWritableOrExplain('t1', 'Reset identity', async () => void reruns++);
    await Promise.all(f.followUps);
    assert.deepStrictEqual([f.madeWritable.length, reruns], [0, 0]);
  });

  it('lists the names once, in the detail', () => {
    const f = fixture();
    const confirmation = f.guard.describe(request(f));
    assert.strictEqual(confirmation.message, 'Reset identity — 3 identities on tenant “Acme”?');
    for (const name of ['Person 0', 'Person 1', 'Person 2']) {
      assert.strictEqual(confirmation.detail.split(name).length - 1, 1, `${name} once in the detail`);
    }
  });

  it('names a single identity in the message only', () => {
    const f = fixture();
    const confirmation = f.guard.describe(request(f, { identities: refs(1), confirmButton: 'Reset' }));
    assert.strictEqual(confirmation.message, 'Reset identity — identity “Person 0” on tenant “Acme”?');
    assert.ok(!confirmation.detail.includes('Person 0'));
  });

  it('adds no ⚠ glyph to a strong confirmation (the modal has its own icon)', () => {
    const f = fixture();
    const confirmation = f.guard.describe(request(f, { strong: true }));
    assert.strictEqual(confirmation.strong, true);
    assert.ok(!confirmation.message.includes('⚠'));
  });
});
