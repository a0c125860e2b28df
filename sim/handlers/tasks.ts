// get-task-status (Task Management): the TaskStatus of an invite or process task.

import type { SimContext } from '../context';
import { errorResponse, json, notFound } from '../http';
import type { SimRequest, SimResponse } from '../http';
import { taskStatusAt } from '../tasks';

export function getTaskStatus(ctx: SimContext, _req: SimRequest, params: Record<string, string>): SimResponse {
  if (ctx.faults.current.taskStatusForbidden) {
    return errorResponse(403, 'The server understood the request but refuses to authorize it.', [
      'The access token lacks the right idn:task-management:read.',
    ]);
  }
  const task = ctx.tasks.get(params.id);
  if (!task) return notFound('task status', params.id);
  return json(200, taskStatusAt(task, Date.now()));
}
