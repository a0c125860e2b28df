// get-task-status: GET /v2025/task-status/{id}, the body validated, 404 and 403 typed.
import * as assert from 'assert';
import { expectApiError } from './helpers';
import { sendJson, useFaultServer } from './faultServer';

const TASK = {
  id: 'b9f5c1f2e0a44e8f9d7c6b5a4f3e2d1c',
  type: 'QUARTZ',
  uniqueName: 'Identity Invitation',
  description: 'Send registration invitations to identities',
  parentName: null,
  launcher: 'support',
  target: null,
  created: '2025-10-02T08:20:00.000Z',
  modified: '2025-10-02T08:21:00.000Z',
  launched: '2025-10-02T08:20:01.000Z',
  completed: '2025-10-02T08:21:00.000Z',
  completionStatus: 'Success',
  messages: [],
  returns: [],
  attributes: { identityCount: 2 },
  progress: null,
  percentComplete: 100,
};

describe('IscClient getTaskStatus', function () {
  this.timeout(10_000);
  const server = useFaultServer();

  it('GETs /v2025/task-status/{id} with the id encoded and returns the task', async () => {
    server().onApi((_req, res) => sendJson(res, 200, TASK));
    const task = await server().client().getTaskStatus('id with/slash');
    assert.deepStrictEqual(task, TASK);
    const [request] = server().received.filter((r) => r.path.startsWith('/v2025'));
    assert.strictEqual(request.method, 'GET');
    assert.strictEqual(request.path, '/v2025/task-status/id%20with%2Fslash');
    assert.strictEqual(request.authorization, `Bearer ${server().token}`);
  });

  it('refuses a body without an id as kind badResponse', async () => {
    server().onApi((_req, res) => sendJson(res, 200, { ...TASK, id: undefined }));
    const error = await expectApiError(server().client().getTaskStatus(TASK.id), 'badResponse');
    assert.strictEqual(error.message, 'Get task status failed: the server sent an unexpected response (a task status object has no "id").');
    assert.strictEqual(error.status, 200);
  });

  it('refuses a body that is not an object', async () => {
    server().onApi((_req, res) => sendJson(res, 200, [TASK]));
    await expectApiError(server().client().getTaskStatus(TASK.id), 'badResponse');
  });

  it('a task ISC does not know (404) is kind notFound', async () => {
    server().onApi((_req, res) => sendJson(res, 404, { detailCode: '404 Not found', messages: [{ text: 'The task was not found.' }] }));
    const error = await expectApiError(server().client().getTaskStatus(TASK.id), 'notFound');
    assert.strictEqual(error.message, 'Get task status failed (404): The task was not found.');
  });

  it('a token without idn:task-management:read (403) is kind forbidden', async () => {
    server().onApi((_req, res) => sendJson(res, 403, { detailCode: '403 Forbidden', messages: [{ text: 'The server understood the request but refuses to authorize it.' }] }));
    const error = await expectApiError(server().client().getTaskStatus(TASK.id), 'forbidden');
    assert.strictEqual(error.status, 403);
    assert.strictEqual(server().received.filter((r) => r.path.startsWith('/v2025')).length, 1, 'a 403 is not retried');
  });
});
