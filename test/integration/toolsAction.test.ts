// The acting tool against the simulator: the confirmation names action, tenant, count and first names; nothing is
// written before it; a chat-confirmed plan runs through the write guard and the action runtime (simulator state,
// audit lines); without a chat confirmation the guard's modal asks; read-only tenants and oversized filters are
// refused before anything is sent; delete is not offered; no result holds a secret.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { IdentityRef } from '../../src/model/identityRef';
import { CANCEL } from '../../src/testing/testUserInput';
import { apiRequestsSince, auditFor, ENV_TENANT, pickRefs, requestMark, requestsAbout, simIdentity, simJson } from './actionsSupport';
import { CHAT_TOKEN, TOOL_NAMES, assertNoSecret, cancellationToken, handles, invokeThroughVsCode, messageText, prepare, prepareAndInvoke, textOf, tool } from './toolsSupport';
import type { Handles } from './toolsSupport';
import { answered } from './orderedAnswers';

const writes = async (mark: number): Promise<number> => (await apiRequestsSince(mark)).filter((r) => r.method !== 'GET').length;

function operationIdOf(text: string): string {
  const id = /Operation ([0-9a-f-]{36})/.exec(text)?.[1];
  assert.ok(id, `the result names its operation: ${text}`);
  return id;
}

describe('language-model tools: the acting tool', function () {
  this.timeout(120_000);
  let h: Handles;
  let wasReadOnly: boolean;
  let pool: IdentityRef[];
  const results: string[] = [];
  const take = (count: number): IdentityRef[] => {
    const taken = pool.slice(0, count);
    pool = pool.slice(count);
    assert.strictEqual(taken.length, count, 'enough identities left in the pool');
    return taken;
  };
  const act = () => tool(h, TOOL_NAMES.runIdentityAction);
  const ids = (refs: IdentityRef[]): string[] => refs.map((ref) => ref.identityId);

  before(async () => {
    h = await handles();
    wasReadOnly = h.registry.get(ENV_TENANT)!.readOnly;
    await h.registry.setReadOnly(ENV_TENANT, false);
    pool = await pickRefs(h.registry, 600, 30);
  });

  afterEach(async () => {
    await h.registry.setReadOnly(ENV_TENANT, false);
  });

  after(async () => {
    await h.registry.setReadOnly(ENV_TENANT, wasReadOnly);
    await simJson('/__sim/reset', { method: 'POST' });
    for (const text of results) assertNoSecret(text);
  });

  it('asks for a confirmation naming action, tenant, count and the first names, and writes nothing before it', async () => {
    const refs = take(7);
    const mark = await requestMark();
    const prepared = await prepare(act(), { tenant: ENV_TENANT, action: 'process', identityIds: ids(refs) });
    const confirmation = prepared?.confirmationMessages;
    assert.ok(confirmation, 'a confirmation is asked for');
    const label = h.registry.get(ENV_TENANT)!.label;
    assert.strictEqual(confirmation.title, `Process identities: 7 identities on tenant “${label}”?`);
    const message = messageText(confirmation.message);
    assert.ok(message.includes('Process identities'), message);
    assert.ok(message.includes('(7)'), message);
    for (const ref of refs.slice(0, 5)) assert.ok(message.includes(ref.identityId), `first ids listed: ${message}`);
    assert.ok(message.includes('and 2 more'), message);
    const requests = await apiRequestsSince(mark);
    assert.ok(requests.every((r) => r.method === 'GET'), 'only reads before the confirmation');
    assert.strictEqual(requests.length, 1, 'one lookup of the ids');
    results.push(message);
  });

  it('runs a plan confirmed in the chat through the guard and the runtime: the simulator acts, one audit line each', async () => {
    const refs = take(3);
    const before = await Promise.all(refs.map((ref) => simIdentity(ref.identityId)));
    const {
      result: { text },
      log,
    } = await answered(h, [], () => prepareAndInvoke(act(), { tenant: ENV_TENANT, action: 'process', identityIds: ids(refs) }, 'chat'));
    results.push(text);
    assert.strictEqual(log.confirmations.length, 0, 'the chat confirmed it: no second modal');
    assert.ok(text.includes(': 3 done.'), text);
    for (const [i, ref] of refs.entries()) assert.strictEqual((await simIdentity(ref.identityId))!.processCount, before[i]!.processCount + 1);
    const audit = await auditFor(h.actions, operationIdOf(text));
    assert.deepStrictEqual(audit.map((line) => [line.identityId, line.outcome, line.action]).sort(), refs.map((ref) => [ref.identityId, 'done', 'processIdentities']).sort());
    assert.ok(log.messages.some((m) => m.text?.startsWith('Process identities on')), 'the summary notification is shown');
  });

  it('acts on the identities of a filter (structured conditions)', async () => {
    const refs = take(2);
    const before = await Promise.all(refs.map((ref) => simIdentity(ref.identityId)));
    const {
      result: { prepared, text },
    } = await answered(h, [], () => prepareAndInvoke(act(), { tenant: ENV_TENANT, action: 'synchronize', conditions: [{ field: 'id', op: 'in', value: ids(refs) }] }, 'chat'));
    results.push(text);
    assert.ok(prepared?.confirmationMessages?.title.startsWith('Synchronize attributes: 2 identities'), prepared?.confirmationMessages?.title);
    assert.ok(text.includes(': 2 done.'), text);
    for (const [i, ref] of refs.entries()) assert.strictEqual((await simIdentity(ref.identityId))!.syncCount, (before[i]!.syncCount ?? 0) + 1);
  });

  it('sends a password-reset email with the source and channel given in the input', async () => {
    const [ref] = take(1);
    const {
      result: { prepared, text },
    } = await answered(h, [], () =>
      prepareAndInvoke(act(), { tenant: ENV_TENANT, action: 'passwordResetEmail', identityIds: [ref.identityId], sourceName: 'Active Directory', via: 'EMAIL_PERSONAL' }, 'chat'),
    );
    results.push(text);
    assert.ok(messageText(prepared?.confirmationMessages?.message).includes('EMAIL\\_PERSONAL'), 'the confirmation names the channel');
    const state = await simIdentity(ref.identityId);
    assert.deepStrictEqual(state!.verifications.map((v) => [v.via, v.sourceName]), [['EMAIL_PERSONAL', 'Active Directory']]);
  });

  it("without a chat confirmation, the guard's own modal asks; cancelling it sends nothing", async () => {
    const [ref] = take(1);
    const mark = await requestMark();
    const {
      result: { text },
      log,
    } = await answered(h, [CANCEL], () => prepareAndInvoke(act(), { tenant: ENV_TENANT, action: 'reset', identityIds: [ref.identityId] }, 'outside chat'));
    results.push(text);
    assert.strictEqual(log.confirmations.length, 1, 'the modal was shown');
    assert.strictEqual(log.confirmations[0].action, 'Reset identity');
    assert.strictEqual(log.confirmations[0].tenantId, ENV_TENANT);
    assert.deepStrictEqual(log.confirmations[0].identities.map((i) => i.identityId), [ref.identityId]);
    assert.ok(text.startsWith('Cancelled by the user'), text);
    assert.strictEqual(await writes(mark), 0);
  });

  it('an invoke that no prepareInvocation planned gets the modal too, even with a chat token', async () => {
    const [ref] = take(1);
    const { result, log } = await answered(h, ['Reset'], async () =>
      act().invoke({ input: { tenant: ENV_TENANT, action: 'reset', identityIds: [ref.identityId] }, toolInvocationToken: CHAT_TOKEN }, cancellationToken()),
    );
    const text = textOf(result ?? undefined);
    results.push(text);
    assert.strictEqual(log.confirmations.length, 1, 'the modal was shown');
    assert.ok(text.includes(': 1 done.'), text);
    assert.strictEqual((await simIdentity(ref.identityId))!.registered, false);
  });

  it("with chat.tools.autoApprove on, the chat confirmed nothing: the guard's modal asks", async () => {
    const [ref] = take(1);
    const chatTools = vscode.workspace.getConfiguration('chat.tools');
    await chatTools.update('autoApprove', true, vscode.ConfigurationTarget.Global);
    try {
      const mark = await requestMark();
      const {
        result: { text },
        log,
      } = await answered(h, [CANCEL], () => prepareAndInvoke(act(), { tenant: ENV_TENANT, action: 'reset', identityIds: [ref.identityId] }, 'chat'));
      results.push(text);
      assert.strictEqual(log.confirmations.length, 1, 'the modal was shown');
      assert.strictEqual(await writes(mark), 0);
    } finally {
      await chatTools.update('autoApprove', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('refuses a read-only tenant before any request, audits the refusal, and through vscode.lm.invokeTool too', async () => {
    const refs = take(2);
    await h.registry.setReadOnly(ENV_TENANT, true);
    const mark = await requestMark();
    const input = { tenant: ENV_TENANT, action: 'reset', identityIds: ids(refs) };
    // The guard's warnings are left unanswered: no prompt may wait for an answer.
    const { result: prepared, log } = await answered(h, [], () => prepare(act(), input));
    assert.strictEqual(prepared?.confirmationMessages, undefined, 'nothing to confirm');
    assert.match(messageText(prepared?.invocationMessage), /read-only/);
    const { result: direct } = await answered(h, [], async () => textOf((await act().invoke({ input, toolInvocationToken: CHAT_TOKEN }, cancellationToken())) ?? undefined));
    const { result: viaVsCode } = await answered(h, [], () => invokeThroughVsCode(TOOL_NAMES.runIdentityAction, input));
    results.push(direct, viaVsCode);
    for (const text of [direct, viaVsCode]) {
      assert.ok(text.startsWith('Refused, nothing was sent.'), text);
      assert.match(text, /read-only/);
    }
    assert.deepStrictEqual(await requestsAbout(mark, refs), [], 'no request at all');
    assert.strictEqual(log.confirmations.length, 0);
    const skipped = (await h.actions.readAudit()).filter((line) => refs.some((ref) => ref.identityId === line.identityId));
    assert.ok(skipped.length >= 2 && skipped.every((line) => line.outcome === 'skipped' && /read-only/.test(line.error ?? '')), JSON.stringify(skipped));
  });

  it('refuses when the tenant became read-only while the confirmation was open', async () => {
    const [ref] = take(1);
    const input = { tenant: ENV_TENANT, action: 'reset', identityIds: [ref.identityId] };
    const { result: prepared, log } = await answered(h, [], () => prepare(act(), input));
    assert.ok(prepared?.confirmationMessages);
    await h.registry.setReadOnly(ENV_TENANT, true);
    const mark = await requestMark();
    const { result: text } = await answered(h, [], async () => textOf((await act().invoke({ input, toolInvocationToken: CHAT_TOKEN }, cancellationToken())) ?? undefined));
    results.push(text);
    assert.ok(text.startsWith('Refused, nothing was sent.'), text);
    assert.strictEqual(await writes(mark), 0);
    assert.ok(log.messages.some((m) => m.level === 'warning' && m.text?.includes('read-only')), 'the guard explained it');
  });

  it('refuses a filter that matches more identities than one call may act on', async () => {
    const mark = await requestMark();
    const input = { tenant: ENV_TENANT, action: 'process', filter: 'name sw "A"' };
    const { result: prepared } = await answered(h, [], () => prepare(act(), input));
    assert.strictEqual(prepared?.confirmationMessages, undefined);
    const { result: text } = await answered(h, [], async () => textOf((await act().invoke({ input, toolInvocationToken: CHAT_TOKEN }, cancellationToken())) ?? undefined));
    results.push(text);
    assert.match(text, /The filter matches \d+ identities; this tool acts on at most 100 per call/);
    assert.strictEqual(await writes(mark), 0);
  });

  it('does not offer delete', async () => {
    const [ref] = take(1);
    const mark = await requestMark();
    await assert.rejects(prepare(act(), { tenant: ENV_TENANT, action: 'delete', identityIds: [ref.identityId] }), /Deleting identities is not offered/);
    await assert.rejects(
      Promise.resolve(act().invoke({ input: { tenant: ENV_TENANT, action: 'delete', identityIds: [ref.identityId] }, toolInvocationToken: CHAT_TOKEN }, cancellationToken())),
      /Deleting identities is not offered/,
    );
    assert.deepStrictEqual(await requestsAbout(mark, [ref]), []);
    assert.ok(await simIdentity(ref.identityId), 'the identity still exists');
  });

  it('reports ids ISC does not know and sends nothing for them', async () => {
    const [ref] = take(1);
    const {
      result: { prepared, text },
    } = await answered(h, [], () => prepareAndInvoke(act(), { tenant: ENV_TENANT, action: 'process', identityIds: [ref.identityId, 'ffffffffffffffffffffffffffffffff'] }, 'chat'));
    results.push(text);
    assert.ok(messageText(prepared?.confirmationMessages?.message).includes('1 id not found'), messageText(prepared?.confirmationMessages?.message));
    assert.ok(text.includes(': 1 done.'), text);
    assert.ok(text.includes('Not found in ISC, nothing sent (1): ffffffffffffffffffffffffffffffff'), text);
  });
});
