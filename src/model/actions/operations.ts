// What each identity action sends, and one executor that runs it over many identities with the bulk runner and
// writes one audit line per identity. No `vscode` import (the throughput benchmark runs this in plain Node).
import { randomUUID } from 'crypto';
import * as l10n from '@vscode/l10n';
import type { IscClient } from '../../api/iscClient';
import { isAbortError, isIscApiError, isUnreachableError, writeMayHaveActed } from '../../api/errors';
import type { SendAccountVerificationRequest, TaskStatus } from '../../api/types';
import type { AuditLog } from '../auditLog';
import { runBulk } from '../bulkRunner';
import type { BulkItemResult, BulkSummary } from '../bulkRunner';
import type { OutageOptions } from '../outageGate';
import type { ItemOutcome, OutcomeCounts } from '../outcome';
import type { IdentityRef } from '../identityRef';
import type { SyncCooldown } from './syncCooldown';

export type ActionKind =
  | 'resetIdentity'
  | 'synchronizeAttributes'
  | 'processIdentities'
  | 'inviteIdentities'
  | 'inviteAllUnregistered'
  | 'sendPasswordResetEmail'
  | 'deleteIdentity';

/** What one successful request returned. */
interface OperationValue {
  httpStatus: number;
  jobId?: string;
  jobStatus?: string;
}

export interface IdentityOperation {
  kind: ActionKind;
  /** Sentence-case name used in confirmations, progress and summaries. */
  label: string;
  /** Identities per request (process and invite take lists). */
  batchSize: number;
  concurrency: number;
  /** How the change bus should describe a success. */
  changeKind: 'changed' | 'deleted';
  /** What the operation needs to be rebuilt for a resumed job (operationFor), e.g. the email's `via`. */
  parameters?: Readonly<Record<string, string | number | boolean | null>>;
  send(client: IscClient, batch: readonly IdentityRef[], signal: AbortSignal): Promise<OperationValue>;
}

/** ISC's documented limit of ids per process request. */
export const PROCESS_BATCH_SIZE = 250;

export function resetOperation(): IdentityOperation {
  return {
    kind: 'resetIdentity',
    label: l10n.t('Reset identity'),
    batchSize: 1,
    concurrency: 12,
    changeKind: 'changed',
    send: async (client, [ref], signal) => {
      await client.resetIdentity(ref.identityId, { signal });
      return { httpStatus: 202 };
    },
  };
}

/** Waits for the once-per-10-s-per-identity allowance (tracked in `cooldown`) before each request. */
export function synchronizeOperation(cooldown: SyncCooldown, tenantId: string, onWait?: (ref: IdentityRef, ms: number) => void): IdentityOperation {
  return {
    kind: 'synchronizeAttributes',
    label: l10n.t('Synchronize attributes'),
    batchSize: 1,
    concurrency: 12,
    changeKind: 'changed',
    send: async (client, [ref], signal) => {
      await cooldown.acquire(tenantId, ref.identityId, signal, (ms) => onWait?.(ref, ms));
      try {
        const job = await client.synchronizeAttributes(ref.identityId, { signal });
        return { httpStatus: 202, jobId: job?.id, jobStatus: job?.status };
      } finally {
        // The server counts from when it received the request, which may be well after `acquire` (rate-limiter
        // queue): count the 10 s from the answer instead, which is never earlier.
        cooldown.markSent(tenantId, ref.identityId);
      }
    },
  };
}

export function processOperation(): IdentityOperation {
  return {
    kind: 'processIdentities',
    label: l10n.t('Process identities'),
    batchSize: PROCESS_BATCH_SIZE,
    concurrency: 4,
    changeKind: 'changed',
    send: async (client, batch, signal) => {
      // One batch is at most 250 ids, so the client sends exactly one request for it.
      const chunks = await client.processIdentities(batch.map((ref) => ref.identityId), { signal });
      const failed = chunks.find((chunk) => chunk.error);
      if (failed?.error) throw failed.error;
      const task = chunks[0]?.task;
      return { httpStatus: 202, jobId: task?.id };
    },
  };
}

function taskStatusText(task: TaskStatus | undefined): string | undefined {
  if (!task) return undefined;
  if (task.completionStatus) return String(task.completionStatus);
  if (task.completed) return 'COMPLETED';
  if (task.launched) return typeof task.percentComplete === 'number' ? `RUNNING (${task.percentComplete}%)` : 'RUNNING';
  return task.progress ? `QUEUED: ${task.progress}` : 'QUEUED';
}

export function inviteOperation(): IdentityOperation {
  return {
    kind: 'inviteIdentities',
    label: l10n.t('Invite identities'),
    batchSize: PROCESS_BATCH_SIZE,
    concurrency: 2,
    changeKind: 'changed',
    send: async (client, batch, signal) => {
      const task = await client.inviteIdentities({ ids: batch.map((ref) => ref.identityId), uninvited: false }, { signal });
      return { httpStatus: 202, jobId: task?.id, jobStatus: taskStatusText(task) };
    },
  };
}

/** The "all unregistered identities" invitation: one request, no ids. Run it with ALL_UNREGISTERED_TARGET. */
export function inviteAllUnregisteredOperation(): IdentityOperation {
  return {
    kind: 'inviteAllUnregistered',
    label: l10n.t('Invite all unregistered identities'),
    batchSize: 1,
    concurrency: 1,
    changeKind: 'changed',
    send: async (client, _batch, signal) => {
      const task = await client.inviteIdentities({ uninvited: true }, { signal });
      return { httpStatus: 202, jobId: task?.id, jobStatus: taskStatusText(task) };
    },
  };
}

export function allUnregisteredTarget(tenantId: string): IdentityRef {
  return { tenantId, identityId: '*', name: l10n.t('(all unregistered identities)') };
}

export function passwordResetOperation(request: SendAccountVerificationRequest): IdentityOperation {
  return {
    kind: 'sendPasswordResetEmail',
    label: l10n.t('Send password-reset email'),
    batchSize: 1,
    concurrency: 8,
    changeKind: 'changed',
    parameters: { via: request.via, sourceName: request.sourceName ?? null },
    send: async (client, [ref], signal) => {
      await client.sendVerificationAccountToken(ref.identityId, { ...request }, { signal });
      return { httpStatus: 200 };
    },
  };
}

export function deleteOperation(): IdentityOperation {
  return {
    kind: 'deleteIdentity',
    label: l10n.t('Delete identity'),
    batchSize: 1,
    concurrency: 1,
    changeKind: 'deleted',
    send: async (client, [ref], signal) => {
      await client.deleteIdentity(ref.identityId, { signal });
      return { httpStatus: 204 };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------

export interface ItemReport {
  ref: IdentityRef;
  outcome: ItemOutcome;
  httpStatus: number | null;
  /** When the request for this identity was last sent (null when never sent). */
  sentAt: number | null;
  jobId: string | null;
  jobStatus: string | null;
  error: string | null;
  /** ISC's own message texts when it refused. */
  serverMessages: string[];
}

export interface OperationReport {
  operationId: string;
  retryOf?: string;
  kind: ActionKind;
  label: string;
  tenantId: string;
  tenantLabel: string;
  clientId: string;
  items: ItemReport[];
  counts: OutcomeCounts;
  cancelled: boolean;
  startedAt: number;
  durationMs: number;
  /** Requests made (batches count once per attempt). */
  requests: number;
  /** Time the run waited for an unreachable tenant. */
  pausedMs: number;
}

interface TenantIdentity {
  id: string;
  label: string;
  clientId: string;
}

export interface ExecuteOptions {
  client: IscClient;
  tenant: TenantIdentity;
  audit?: AuditLog;
  signal?: AbortSignal;
  operationId?: string;
  retryOf?: string;
  /** Overrides the operation's own concurrency. */
  concurrency?: number;
  onItem?: (item: ItemReport, done: number, total: number) => void;
  /** Awaited before each request (a job journal records the send first). */
  beforeSend?: (refs: readonly IdentityRef[]) => Promise<void> | void;
  /** Told when the run pauses for an unreachable tenant and when it resumes. */
  onOutage?: (state: { paused: true; since: number } | { paused: false; pausedMs: number }) => void;
  /** Longest outage waited out (default 2 min). */
  maxOutageMs?: number;
}

function errorText(outcome: ItemOutcome, error: unknown, attempts: number): string {
  if (outcome === 'unknown') {
    const why = isAbortError(error) ? l10n.t('Cancelled after it was sent') : error instanceof Error ? error.message : String(error);
    return l10n.t('{0} — ISC may have carried it out; check before sending it again.', why);
  }
  if (isAbortError(error) || (error === undefined && attempts === 0)) return l10n.t('Cancelled before it was sent.');
  if (error instanceof Error) return error.message;
  return String(error);
}

function itemReport(result: BulkItemResult<IdentityRef, OperationValue>): ItemReport {
  const error = result.error;
  const api = isIscApiError(error) ? error : undefined;
  const ok = result.outcome === 'done';
  return {
    ref: result.item,
    outcome: result.outcome,
    httpStatus: ok ? (result.value?.httpStatus ?? null) : (api?.status ?? null),
    sentAt: result.sentAt,
    jobId: result.value?.jobId ?? null,
    jobStatus: result.value?.jobStatus ?? null,
    error: ok ? null : errorText(result.outcome, error, result.attempts),
    serverMessages: api?.serverMessages ?? [],
  };
}

export function newOperationId(): string {
  return randomUUID();
}

/** Runs `operation` for every ref (one tenant), appending one audit line per identity as soon as its result is known. */
export async function executeOperation(operation: IdentityOperation, refs: readonly IdentityRef[], options: ExecuteOptions): Promise<OperationReport> {
  const operationId = options.operationId ?? newOperationId();
  const audit = (item: ItemReport): void => {
    void options.audit?.append({
      operationId,
      retryOf: options.retryOf,
      tenantId: options.tenant.id,
      tenantLabel: options.tenant.label,
      clientId: options.tenant.clientId,
      action: operation.kind,
      identityId: item.ref.identityId,
      identityName: item.ref.name,
      httpStatus: item.httpStatus,
      outcome: item.outcome,
      jobId: item.jobId,
      error: item.error,
    });
  };
  const summary: BulkSummary<IdentityRef, OperationValue> = await runBulk({
    items: refs,
    concurrency: options.concurrency ?? operation.concurrency,
    batchSize: operation.batchSize,
    signal: options.signal,
    isAbort: isAbortError,
    // A cancel that cut a request short may have reached ISC; only a cancel known to precede the send is `cancelled`.
    mayHaveActed: (error) => (isAbortError(error) ? isIscApiError(error) && error.requestSent !== false : writeMayHaveActed(error)),
    outage: outageOptions(options),
    beforeSend: options.beforeSend ? (batch) => options.beforeSend?.(batch) : undefined,
    worker: (batch, signal) => operation.send(options.client, batch, signal),
    onResult: (result, done, total) => {
      const item = itemReport(result);
      audit(item);
      options.onItem?.(item, done, total);
    },
  });
  await options.audit?.flush();
  return {
    operationId,
    retryOf: options.retryOf,
    kind: operation.kind,
    label: operation.label,
    tenantId: options.tenant.id,
    tenantLabel: options.tenant.label,
    clientId: options.tenant.clientId,
    items: summary.results.map(itemReport),
    counts: summary.counts,
    cancelled: summary.cancelled,
    startedAt: summary.startedAt,
    durationMs: summary.durationMs,
    requests: summary.calls,
    pausedMs: summary.pausedMs,
  };
}

/** Any HTTP answer means the tenant is reachable again. */
async function tenantAnswers(client: IscClient, signal: AbortSignal): Promise<boolean> {
  try {
    await client.listIdentities({ limit: 1 }, { signal });
    return true;
  } catch (error) {
    return isIscApiError(error) && error.status !== undefined;
  }
}

function outageOptions(options: ExecuteOptions): OutageOptions {
  return {
    isUnreachable: isUnreachableError,
    probe: (signal) => tenantAnswers(options.client, signal),
    maxOutageMs: options.maxOutageMs,
    onPause: (since) => options.onOutage?.({ paused: true, since }),
    onResume: (pausedMs) => options.onOutage?.({ paused: false, pausedMs }),
  };
}
