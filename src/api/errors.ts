// Typed errors of the ISC client. Every failure of an IscClient call is an IscApiError. Their texts are redacted
// when built, and the cause keeps only a small plain summary: no request config, headers or body of the transport.
import * as l10n from '@vscode/l10n';
import { redactText, redactValue } from '../util/redact';

export type IscErrorKind =
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'badRequest'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'badResponse'
  | 'aborted';

export interface IscApiErrorInit {
  kind: IscErrorKind;
  operation: string;
  message: string;
  status?: number;
  serverMessages?: string[];
  detailCode?: string;
  trackingId?: string;
  body?: unknown;
  retryAfterMs?: number;
  /**
   * Whether the request reached the server: false when it certainly did not (connection refused, DNS failure,
   * cancelled before sending), true once any byte was sent, undefined when the transport cannot tell.
   */
  requestSent?: boolean;
  /** What went wrong underneath; only its name, code, status and message are kept (see ErrorCause). */
  cause?: unknown;
}

/** The part of an underlying error an IscApiError keeps: never a config, a header or a request body. */
export interface ErrorCause {
  name?: string;
  code?: string;
  status?: number;
  message: string;
}

function toErrorCause(error: unknown): ErrorCause {
  if (!error || typeof error !== 'object') return { message: redactText(String(error)) };
  const source = error as { name?: unknown; code?: unknown; status?: unknown; response?: { status?: unknown }; message?: unknown };
  const cause: ErrorCause = { message: redactText(typeof source.message === 'string' ? source.message : String(error)) };
  if (typeof source.name === 'string' && source.name !== 'Error') cause.name = source.name;
  if (typeof source.code === 'string') cause.code = source.code;
  const status = typeof source.status === 'number' ? source.status : source.response?.status;
  if (typeof status === 'number') cause.status = status;
  return cause;
}

export class IscApiError extends Error {
  readonly kind: IscErrorKind;
  readonly status?: number;
  /** ISC's own message texts (ErrorResponseDto messages[].text, `message`, `error_description`, ...). */
  readonly serverMessages: string[];
  readonly detailCode?: string;
  readonly trackingId?: string;
  /** The parsed error body as received (e.g. IdentityAssociationDetails of a refused delete). */
  readonly body?: unknown;
  /** Operation name as in the API docs, e.g. `delete-identity`. */
  readonly operation: string;
  /** For `rateLimited`: how long the server asked to wait. */
  readonly retryAfterMs?: number;
  /** See IscApiErrorInit.requestSent. */
  readonly requestSent?: boolean;

  constructor(init: IscApiErrorInit) {
    super(redactText(init.message), init.cause !== undefined ? { cause: toErrorCause(init.cause) } : undefined);
    this.name = 'IscApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessages = (init.serverMessages ?? []).map(redactText);
    this.detailCode = init.detailCode;
    this.trackingId = init.trackingId;
    this.body = init.body;
    this.operation = init.operation;
    this.retryAfterMs = init.retryAfterMs;
    this.requestSent = init.requestSent;
  }
}

export function isIscApiError(e: unknown): e is IscApiError {
  return e instanceof IscApiError;
}

/** True for an IscApiError of kind `aborted` and for DOM/axios abort errors. */
export function isAbortError(e: unknown): boolean {
  if (e instanceof IscApiError) return e.kind === 'aborted';
  if (!e || typeof e !== 'object') return false;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'AbortError' || name === 'CanceledError' || code === 'ERR_CANCELED' || code === 'ABORT_ERR';
}

/** Human labels of the operations, used to start error sentences. */
// Functions, not strings: each is read when the sentence is built, after activation configured the translations.
const OPERATION_LABELS: Record<string, () => string> = {
  'oauth-token': () => l10n.t('Authentication'),
  'list-identities': () => l10n.t('List identities'),
  'get-identity': () => l10n.t('Get identity'),
  'delete-identity': () => l10n.t('Delete identity'),
  'get-identity-ownership-details': () => l10n.t('Get ownership details'),
  'get-role-assignments': () => l10n.t('Get role assignments'),
  'get-role-assignment': () => l10n.t('Get role assignment'),
  'reset-identity': () => l10n.t('Reset identity'),
  'send-identity-verification-account-token': () => l10n.t('Send password reset email'),
  'start-identities-invite': () => l10n.t('Invite identities'),
  'start-identity-processing': () => l10n.t('Process identities'),
  'synchronize-attributes-for-identity': () => l10n.t('Synchronize attributes'),
  'get-task-status': () => l10n.t('Get task status'),
};

export function operationLabel(operation: string): string {
  return OPERATION_LABELS[operation]?.() ?? operation;
}

function kindForStatus(status: number): IscErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  if (status < 400) return 'badResponse'; // redirects are not followed: an API never answers 3xx
  return 'badRequest';
}

function textsOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' && item.trim()) out.push(item.trim());
    else if (item && typeof item === 'object') {
      const text = (item as { text?: unknown }).text;
      if (typeof text === 'string' && text.trim()) out.push(text.trim());
    }
  }
  return out;
}

/** Collects ISC's message texts from any of its error body shapes. */
export function serverMessagesOf(body: unknown): string[] {
  if (typeof body === 'string') {
    const text = body.trim();
    // A short plain-text body is a message; an HTML error page is not.
    return text && text.length <= 300 && !text.startsWith('<') ? [text] : [];
  }
  if (!body || typeof body !== 'object') return [];
  const b = body as Record<string, unknown>;
  const out = [...textsOf(b.messages)];
  for (const key of ['message', 'error_description', 'error', 'errorMessage']) {
    const value = b[key];
    if (typeof value === 'string' && value.trim()) out.push(value.trim());
    else if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
      out.push(((value as { message: string }).message).trim());
    }
  }
  if (out.length === 0) out.push(...textsOf(b.causes));
  // `error: invalid_client` + `error_description: Bad credentials`: keep both, drop exact duplicates.
  return [...new Set(out)];
}

function stringField(body: unknown, key: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

const STATUS_TEXT: Record<number, () => string> = {
  400: () => l10n.t('Bad request'),
  401: () => l10n.t('Unauthorized'),
  403: () => l10n.t('Forbidden'),
  404: () => l10n.t('Not found'),
  407: () => l10n.t('Proxy Authentication Required'),
  409: () => l10n.t('Conflict'),
  429: () => l10n.t('Too many requests'),
  500: () => l10n.t('Internal server error'),
  502: () => l10n.t('Bad gateway'),
  503: () => l10n.t('Service unavailable'),
  504: () => l10n.t('Gateway timeout'),
};

/** A duration as a person reads it in an error: `0.15 s`, `30 s`, `45 s`. */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds >= 10 ? Math.round(seconds) : Number(seconds.toFixed(2))} s`;
}

/** `64 MiB`, `512 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return l10n.t('{0} bytes', bytes);
}

/** A rate-limit wait as a person reads it: `8 s`, `5 min`, `20 min`, `2 h`. */
function formatWait(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${Number((seconds / 3600).toFixed(1))} h`;
}

/** `ISC asked to wait 5 min (rate limit)`. */
export function rateLimitText(waitMs: number): string {
  return l10n.t('ISC asked to wait {0} (rate limit)', formatWait(waitMs));
}

/**
 * Builds the error of a non-2xx answer: `Delete identity failed (400): Identity is protected`. An answer always
 * means the request reached the server (requestSent). The body is kept with its strings redacted.
 */
export function errorFromResponse(
  operation: string,
  status: number,
  body: unknown,
  extra: { retryAfterMs?: number; kind?: IscErrorKind } = {},
): IscApiError {
  const serverMessages = serverMessagesOf(body);
  const detail = serverMessages.length ? serverMessages.join(' — ') : (STATUS_TEXT[status]?.() ?? `HTTP ${status}`);
  const message =
    status === 429 && extra.retryAfterMs !== undefined
      ? l10n.t('{0} failed ({1}): {2} — {3}.', operationLabel(operation), status, detail, rateLimitText(extra.retryAfterMs))
      : l10n.t('{0} failed ({1}): {2}', operationLabel(operation), status, detail);
  return new IscApiError({
    kind: extra.kind ?? kindForStatus(status),
    operation,
    status,
    message,
    serverMessages,
    detailCode: stringField(body, 'detailCode'),
    trackingId: stringField(body, 'trackingId'),
    body: redactValue(body),
    retryAfterMs: extra.retryAfterMs,
    requestSent: true,
  });
}

/** A call not sent because the client id is held back longer than the retry policy waits. */
export function rateLimitedNotSentError(operation: string, waitMs: number): IscApiError {
  return new IscApiError({
    kind: 'rateLimited',
    operation,
    retryAfterMs: waitMs,
    requestSent: false,
    message: l10n.t('{0} was not sent: {1}.', operationLabel(operation), rateLimitText(waitMs)),
  });
}

/** `requestSent`: see IscApiErrorInit; a cancel is an unknown outcome only once the request was sent. */
export function abortedError(operation: string, cause?: unknown, requestSent?: boolean): IscApiError {
  return new IscApiError({ kind: 'aborted', operation, message: l10n.t('{0} was cancelled.', operationLabel(operation)), cause, requestSent });
}

/** A 2xx that cannot be used. With a status the request certainly reached the server (requestSent). */
export function badResponseError(operation: string, detail: string, status?: number, body?: unknown): IscApiError {
  return new IscApiError({
    kind: 'badResponse',
    operation,
    status,
    body,
    requestSent: status !== undefined ? true : undefined,
    message: l10n.t('{0} failed: the server sent an unexpected response ({1}).', operationLabel(operation), detail),
  });
}

export function networkError(operation: string, detail: string, cause?: unknown, requestSent?: boolean): IscApiError {
  return new IscApiError({ kind: 'network', operation, cause, requestSent, message: l10n.t('{0} failed: {1}', operationLabel(operation), detail) });
}

/** The same error with another requestSent (a token failure seen by the call that waited for the token). */
export function withRequestSent(error: IscApiError, requestSent: boolean): IscApiError {
  return new IscApiError({
    kind: error.kind,
    operation: error.operation,
    message: error.message,
    status: error.status,
    serverMessages: error.serverMessages,
    detailCode: error.detailCode,
    trackingId: error.trackingId,
    body: error.body,
    retryAfterMs: error.retryAfterMs,
    requestSent,
    cause: error.cause,
  });
}

/**
 * For a failed write (POST/DELETE): could ISC have carried it out anyway? True means the outcome is unknown and the
 * write must not be re-sent blindly; false means ISC certainly did not act (4xx, 429, never sent).
 */
export function writeMayHaveActed(error: unknown): boolean {
  if (!(error instanceof IscApiError)) return true;
  if (error.requestSent === false) return false;
  switch (error.kind) {
    case 'auth':
    case 'forbidden':
    case 'notFound':
    case 'badRequest':
    case 'rateLimited':
      return false;
    case 'aborted':
      return error.requestSent === true;
    case 'server':
    case 'badResponse':
    case 'network':
      return true;
  }
}

/** The tenant could not be reached at all (connection refused, host unknown): the request was certainly not sent. */
export function isUnreachableError(error: unknown): boolean {
  return error instanceof IscApiError && error.kind === 'network' && error.requestSent === false;
}
