// reset-identity, synchronize-attributes, start-identity-processing, start-identities-invite,
// send-identity-verification-account-token.

import { randomUUID } from 'node:crypto';
import type { SimContext } from '../context';
import { badRequest, isPlainObject, json, notFound, parseJsonBody, tooManyRequests, trackingId } from '../http';
import type { SimRequest, SimResponse } from '../http';
import { taskStatusAt } from '../tasks';
import { applyPendingChange } from '../attributes';

const PROCESS_MAX_IDS = 250;
const INVITE_MAX_UNINVITED = 1000;
const VERIFICATION_VIA = ['EMAIL_WORK', 'EMAIL_PERSONAL', 'LINK_WORK', 'LINK_PERSONAL'] as const;

export function resetIdentity(ctx: SimContext, _req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.id);
  if (!record) return notFound('identity', params.id);
  record.identityStatus = 'UNREGISTERED';
  record.registered = false;
  record.invited = false;
  record.modified = Date.now();
  ctx.store.changed(record, true);
  return { status: 202 };
}

export function synchronizeAttributes(ctx: SimContext, _req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.identityId);
  if (!record) return notFound('identity', params.identityId);
  const now = Date.now();
  if (ctx.syncCooldownMs > 0 && record.lastSync !== undefined && now - record.lastSync < ctx.syncCooldownMs) {
    return tooManyRequests(
      record.lastSync + ctx.syncCooldownMs - now,
      `Attribute synchronization can be requested once per ${Math.ceil(ctx.syncCooldownMs / 1000)} seconds per identity.`,
    );
  }
  record.lastSync = now;
  record.syncCount = (record.syncCount ?? 0) + 1;
  record.lastRefresh = now;
  record.modified = now;
  ctx.store.changed(record);
  return json(202, {
    id: randomUUID(),
    status: 'QUEUED',
    payload: { type: 'SYNCHRONIZE_IDENTITY_ATTRIBUTES', dataJson: JSON.stringify({ identityId: record.id }) },
  });
}

export function processIdentities(ctx: SimContext, req: SimRequest): SimResponse {
  const parsed = parseJsonBody(req);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  if (!isPlainObject(body) || !Array.isArray(body.identityIds)) return badRequest("The request body must be {\"identityIds\": [...]}.");
  const ids = body.identityIds as unknown[];
  if (ids.length === 0) return badRequest('identityIds must contain at least 1 identity id.');
  if (ids.length > PROCESS_MAX_IDS) return badRequest(`identityIds must contain at most ${PROCESS_MAX_IDS} identity ids, got ${ids.length}.`);
  if (!ids.every((id) => typeof id === 'string')) return badRequest('identityIds must be an array of strings.');
  const now = Date.now();
  let known = 0;
  for (const id of ids as string[]) {
    const record = ctx.store.get(id);
    if (!record) continue;
    known++;
    record.lastRefresh = now;
    record.modified = now;
    record.processCount = (record.processCount ?? 0) + 1;
    applyPendingChange(ctx.store.seed, record, now);
    ctx.store.changed(record);
  }
  const task = ctx.tasks.create('process', randomUUID(), req.clientId ?? 'support', known, ctx.faults.current.taskOutcome ?? 'SUCCESS', now);
  req.taskId = task.id;
  return json(202, { type: 'TASK_RESULT', id: task.id, name: null });
}

export function inviteIdentities(ctx: SimContext, req: SimRequest): SimResponse {
  const parsed = parseJsonBody(req);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  if (!isPlainObject(body)) return badRequest('The request body must be a JSON object {ids?, uninvited?}.');
  const { ids, uninvited } = body;
  if (ids !== undefined && ids !== null && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) {
    return badRequest('ids must be an array of identity id strings or null.');
  }
  if (uninvited !== undefined && typeof uninvited !== 'boolean') return badRequest('uninvited must be a boolean.');
  const idList = (ids ?? []) as string[];
  const targets = [];
  if (idList.length > 0) {
    for (const id of idList) {
      const record = ctx.store.get(id);
      if (record && !record.registered) targets.push(record);
    }
  } else if (uninvited === true) {
    for (const record of ctx.store.all()) {
      if (targets.length >= INVITE_MAX_UNINVITED) break;
      if (!record.registered && !record.invited) targets.push(record);
    }
  } else {
    return badRequest("Either a non-empty 'ids' list or 'uninvited': true is required.");
  }
  for (const record of targets) {
    record.invited = true;
    ctx.store.changed(record);
  }
  const now = Date.now();
  const task = ctx.tasks.create('invite', trackingId(), req.clientId ?? 'support', targets.length, ctx.faults.current.taskOutcome ?? 'SUCCESS', now);
  req.taskId = task.id;
  return json(202, taskStatusAt(task, now));
}

export function sendVerification(ctx: SimContext, req: SimRequest, params: Record<string, string>): SimResponse {
  const record = ctx.store.get(params.id);
  if (!record) return notFound('identity', params.id);
  const parsed = parseJsonBody(req);
  if (!parsed.ok) return parsed.response;
  const body = parsed.value;
  if (!isPlainObject(body)) return badRequest('The request body must be a JSON object {sourceName?, via}.');
  const via = body.via;
  if (typeof via !== 'string' || !(VERIFICATION_VIA as readonly string[]).includes(via)) {
    return badRequest(`'via' must be one of ${VERIFICATION_VIA.join(', ')}.`);
  }
  const sourceName = body.sourceName;
  if (sourceName !== undefined && sourceName !== null && typeof sourceName !== 'string') {
    return badRequest("'sourceName' must be a string or null.");
  }
  record.verifications = [...(record.verifications ?? []), { time: Date.now(), via, sourceName: sourceName ?? null }];
  ctx.store.changed(record);
  return { status: 200 };
}
