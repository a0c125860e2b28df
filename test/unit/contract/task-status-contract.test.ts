// GET /v2025/task-status/{id} answers validate against ../shared/spec/identities-v2025.yaml in every task phase.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { TaskResultResponse, TaskStatus } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import type { TaskOutcome } from '../../../sim/tasks';
import { SimHarness } from '../sim/simTestUtils';
import type { ApiResult } from '../sim/simTestUtils';
import { SPEC_PATH, SpecValidator } from './specValidator';

const SPEC = '/task-status/{id}';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('simulator contract: task status', function () {
  this.timeout(30_000);
  let v: SpecValidator;
  let h: SimHarness;

  before(async function () {
    if (!fs.existsSync(SPEC_PATH)) {
      console.log(`      SKIP task status contract: spec not found at ${SPEC_PATH}`);
      this.skip();
    }
    v = new SpecValidator();
    h = await SimHarness.start({ taskDurationMs: 600 });
  });
  afterEach(() => h?.sim.setFaults({}));
  after(() => h?.close());

  function check(res: ApiResult, expected: number): void {
    assert.equal(res.status, expected, res.text.slice(0, 300));
    assert.deepEqual(v.validateResponse(SPEC, 'GET', res), [], `GET ${SPEC} ${res.status}`);
  }

  /**
   * The spec documents 403 and 404 of this operation without a body; ISC (and the simulator) send an ErrorResponseDto
   * as on every other operation. The status must be documented and the body must be an ErrorResponseDto.
   */
  function checkErrorBody(res: ApiResult, expected: number): void {
    assert.equal(res.status, expected, res.text.slice(0, 300));
    const problems = v.validateResponse(SPEC, 'GET', res).filter((p) => !p.startsWith(`status ${expected} documents no body`));
    assert.deepEqual(problems, []);
    assert.deepEqual(v.validateSchema('ErrorResponseDto', res.body), []);
  }

  async function processTask(): Promise<string> {
    return ((await h.post('/identities/process', { identityIds: [FIXTURE_IDS.obrien] })).body as TaskResultResponse).id!;
  }

  it('queued, running and completed TaskStatus of process and invite tasks validate', async () => {
    const phase = (s: TaskStatus): string => (s.completionStatus ? 'completed' : s.launched ? 'running' : 'queued');
    const inviteTask = async (): Promise<string> => {
      const invite = await h.post('/identities/invite', { ids: [FIXTURE_IDS.unregistered] });
      assert.deepEqual(v.validateResponse('/identities/invite', 'POST', invite), []);
      return (invite.body as TaskStatus).id;
    };
    // Each phase gets tasks whose duration puts them well inside it when polled 250 ms (+ request time) later.
    const expected = new Map<string, string>();
    for (const [durationMs, name] of [[60_000, 'queued'], [1_500, 'running'], [50, 'completed']] as const) {
      h.sim.tasks.durationMs = durationMs;
      expected.set(await processTask(), name);
      expected.set(await inviteTask(), name);
    }
    h.sim.tasks.durationMs = 600;
    await sleep(250);
    for (const [id, name] of expected) {
      const res = await h.get(`/task-status/${id}`);
      check(res, 200);
      assert.equal(phase(res.body as TaskStatus), name, id);
    }
  });

  it('every completion status validates, messages included', async () => {
    const outcomes: TaskOutcome[] = ['SUCCESS', 'WARNING', 'ERROR', 'TERMINATED'];
    const ids: string[] = [];
    for (const taskOutcome of outcomes) {
      h.sim.setFaults({ taskOutcome });
      ids.push(await processTask());
    }
    await sleep(650);
    for (const [i, id] of ids.entries()) {
      const res = await h.get(`/task-status/${id}`);
      check(res, 200);
      assert.equal((res.body as TaskStatus).completionStatus, outcomes[i]);
      assert.ok((res.body as TaskStatus).messages.length > 0);
    }
  });

  it('404 for an unknown id and 403 when forbidden carry an ErrorResponseDto', async () => {
    checkErrorBody(await h.get('/task-status/0000000000000000000000000000beef'), 404);
    h.sim.setFaults({ taskStatusForbidden: true });
    checkErrorBody(await h.get(`/task-status/${await processTask()}`), 403);
  });

  it('401 without a token and 429 (with Retry-After) validate', async () => {
    const id = await processTask();
    check(await h.get(`/task-status/${id}`, { token: null }), 401);
    h.sim.setFaults({ failNext: { status: 429, count: 1 } });
    check(await h.get(`/task-status/${id}`), 429);
  });
});
