import * as assert from 'node:assert/strict';
import type { TaskResultResponse, TaskStatus } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import { TaskRegistry, taskStatusAt } from '../../../sim/tasks';
import { SimHarness, errorText } from './simTestUtils';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface MessageShape {
  type: string;
  key: string;
  localizedText: { locale: string; message: string };
}

describe('sim task model (computed from the time since creation)', () => {
  const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);
  const registry = new TaskRegistry(1000);

  it('QUEUED for the first 10 % of the duration: not launched, no progress, 0 %', () => {
    const task = registry.create('process', 'q1', 'client', 4, 'SUCCESS', t0);
    for (const at of [t0, t0 + 99]) {
      const s = taskStatusAt(task, at);
      assert.equal(s.launched, null);
      assert.equal(s.progress, null);
      assert.equal(s.percentComplete, 0);
      assert.equal(s.completionStatus, null);
      assert.equal(s.completed, null);
    }
  });

  it('started: launched set, progress text, percentComplete rising below 100', () => {
    const task = registry.create('process', 'r1', 'client', 4, 'SUCCESS', t0);
    const early = taskStatusAt(task, t0 + 300);
    const late = taskStatusAt(task, t0 + 950);
    assert.equal(early.launched, new Date(t0 + 100).toISOString());
    assert.match(early.progress ?? '', /^Processing identities: \d of 4$/);
    assert.ok(early.percentComplete > 0 && early.percentComplete < late.percentComplete && late.percentComplete < 100);
    assert.equal(late.completionStatus, null);
  });

  it('completed at the end of the duration with SUCCESS, 100 % and an INFO message', () => {
    const task = registry.create('invite', 'c1', 'client', 3, 'SUCCESS', t0);
    const s = taskStatusAt(task, t0 + 1000);
    assert.equal(s.completionStatus, 'SUCCESS');
    assert.equal(s.completed, new Date(t0 + 1000).toISOString());
    assert.equal(s.percentComplete, 100);
    assert.deepEqual((s.messages as MessageShape[]).map((m) => m.type), ['INFO']);
  });

  it('WARNING completes with a WARN message; ERROR and TERMINATED stop half way at 50 %', () => {
    const warning = taskStatusAt(registry.create('process', 'w1', 'client', 3, 'WARNING', t0), t0 + 1000);
    assert.equal(warning.completionStatus, 'WARNING');
    assert.ok((warning.messages as MessageShape[]).some((m) => m.type === 'WARN'));
    for (const outcome of ['ERROR', 'TERMINATED'] as const) {
      const task = registry.create('process', `x-${outcome}`, 'client', 3, outcome, t0);
      assert.equal(taskStatusAt(task, t0 + 500).completionStatus, null, 'still running before the midpoint');
      const s = taskStatusAt(task, t0 + 550);
      assert.equal(s.completionStatus, outcome);
      assert.equal(s.percentComplete, 50);
      assert.equal(s.completed, new Date(t0 + 550).toISOString());
      assert.ok((s.messages as MessageShape[]).length > 0);
    }
  });

  it('a duration of 0 completes at once', () => {
    const instant = new TaskRegistry(0);
    assert.equal(taskStatusAt(instant.create('process', 'i1', 'client', 1, 'SUCCESS', t0), t0).completionStatus, 'SUCCESS');
  });
});

describe('sim GET /v2025/task-status/{id}', () => {
  let h: SimHarness;
  before(async () => (h = await SimHarness.start({ taskDurationMs: 1000 })));
  afterEach(() => h.sim.setFaults({}));
  after(() => h.close());

  it('the process response id is a task that completes with SUCCESS after taskDurationMs', async () => {
    const res = await h.post('/identities/process', { identityIds: [FIXTURE_IDS.obrien, FIXTURE_IDS.manager, 'unknown'] });
    const id = (res.body as TaskResultResponse).id!;
    const first = await h.get(`/task-status/${id}`);
    assert.equal(first.status, 200);
    const running = first.body as TaskStatus;
    assert.equal(running.id, id);
    assert.equal(running.completionStatus, null);
    assert.deepEqual(running.attributes, { identityCount: 2 });
    assert.equal(running.launcher, h.sim.clientId);
    await sleep(1050);
    const done = (await h.get(`/task-status/${id}`)).body as TaskStatus;
    assert.equal(done.completionStatus, 'SUCCESS');
    assert.equal(done.percentComplete, 100);
  });

  it('process still updates lastRefresh at once, before its task completes', async () => {
    const before = Date.now();
    await h.post('/identities/process', { identityIds: [FIXTURE_IDS.owner] });
    const state = (await h.admin('GET', `/identities/${FIXTURE_IDS.owner}`)).body as { lastRefresh: string };
    assert.ok(Date.parse(state.lastRefresh) >= before - 5);
  });

  it('the invite TaskStatus id is a task; its initial status is QUEUED', async () => {
    const res = await h.post('/identities/invite', { ids: [FIXTURE_IDS.unregistered] });
    const initial = res.body as TaskStatus;
    assert.equal(initial.completionStatus, null);
    assert.equal(initial.launched, null);
    assert.equal(initial.percentComplete, 0);
    const polled = await h.get(`/task-status/${initial.id}`);
    assert.equal(polled.status, 200);
    assert.equal((polled.body as TaskStatus).uniqueName, 'Identity Invitation');
  });

  it('taskOutcome (set through POST /__sim/faults) decides how tasks created meanwhile end; earlier tasks keep theirs', async () => {
    const earlier = ((await h.post('/identities/process', { identityIds: [FIXTURE_IDS.obrien] })).body as TaskResultResponse).id!;
    assert.equal((await h.admin('POST', '/faults', { taskOutcome: 'ERROR' })).status, 200);
    const failing = ((await h.post('/identities/process', { identityIds: [FIXTURE_IDS.obrien] })).body as TaskResultResponse).id!;
    await sleep(1050);
    assert.equal(((await h.get(`/task-status/${earlier}`)).body as TaskStatus).completionStatus, 'SUCCESS');
    const failed = (await h.get(`/task-status/${failing}`)).body as TaskStatus;
    assert.equal(failed.completionStatus, 'ERROR');
    assert.ok((failed.messages as MessageShape[]).some((m) => m.type === 'ERROR'));
  });

  it('unknown id → 404 ErrorResponseDto', async () => {
    const res = await h.get('/task-status/0000000000000000000000000000beef');
    assert.equal(res.status, 404);
    assert.match(errorText(res), /task status/);
  });

  it('taskStatusForbidden → 403 ErrorResponseDto for known and unknown ids; 401 still comes first', async () => {
    const id = ((await h.post('/identities/process', { identityIds: [FIXTURE_IDS.obrien] })).body as TaskResultResponse).id!;
    h.sim.setFaults({ taskStatusForbidden: true });
    for (const path of [`/task-status/${id}`, '/task-status/nope']) {
      const res = await h.get(path);
      assert.equal(res.status, 403);
      assert.equal((res.body as { detailCode: string }).detailCode, '403 Forbidden');
    }
    assert.equal((await h.get(`/task-status/${id}`, { token: null })).status, 401);
  });

  it('POST /__sim/reset forgets the tasks', async () => {
    const id = ((await h.post('/identities/process', { identityIds: [FIXTURE_IDS.obrien] })).body as TaskResultResponse).id!;
    await h.admin('POST', '/reset');
    assert.equal((await h.get(`/task-status/${id}`)).status, 404);
  });
});
