// One HTTP attempt: axios under one overall deadline (connect + headers + body), a cap on the response size, and a
// trace of how far the request got, so that every failure can say whether the request may have reached the server.
import * as l10n from '@vscode/l10n';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import { linkAbort } from './abort';
import type { TlsTrust } from './proxyConfig';

/** How far one attempt got: whether a connection to the server existed, and the status line if one came. */
interface AttemptTrace {
  connected: boolean;
  status?: number;
  headers?: http.IncomingHttpHeaders;
}

export interface AttemptAnswer {
  type: 'answer';
  status: number;
  /** Lowercase names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  text: string;
}

type AttemptFailureReason =
  /** The caller's signal (or the transport's disposal) fired. */
  | 'aborted'
  /** The attempt's deadline passed before the whole body arrived. */
  | 'timeout'
  /** The body grew past maxResponseBytes. */
  | 'tooLarge'
  /** The status line arrived but the body could not be read to its end (connection closed or reset mid-body). */
  | 'bodyUnreadable'
  /** No usable answer: refused, reset, DNS, TLS, ... */
  | 'network';

export interface AttemptFailure {
  type: 'failure';
  reason: AttemptFailureReason;
  /** The HTTP status and headers when the status line had arrived. */
  status?: number;
  headers?: Record<string, string>;
  code?: string;
  message: string;
  /** False only when the request certainly never reached the server. */
  requestSent: boolean;
}

export type AttemptOutcome = AttemptAnswer | AttemptFailure;

export interface AttemptLimits {
  /** Overall deadline of this attempt in ms (connect + headers + body). */
  deadlineMs: number;
  /** The caller's signal combined with the transport's own. */
  signal?: AbortSignal;
}

/**
 * Error codes for which the request certainly never reached the server: no connection (refused, DNS, unreachable)
 * or a TLS handshake that failed before any HTTP byte was written.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'ERR_SSL_WRONG_VERSION_NUMBER',
  // A CONNECT tunnel that was not opened (proxyAgent.ts): nothing reached the server.
  'ERR_PROXY_AUTH', 'ERR_PROXY_REFUSED', 'ERR_PROXY_UNREACHABLE', 'ERR_PROXY_TIMEOUT', 'ERR_PROXY_PROTOCOL', 'ERR_PROXY_CONFIG',
]);

function failedBeforeSending(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/** Failures that the same request meets again at once: an untrusted or wrong certificate, refused proxy credentials. */
const PERMANENT_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'ERR_PROXY_AUTH', 'ERR_PROXY_CONFIG',
]);

/** True when retrying `failure` cannot help (see PERMANENT_CODES). */
export function isPermanentFailure(failure: AttemptFailure): boolean {
  return failure.code !== undefined && PERMANENT_CODES.has(failure.code);
}

/** Marks the trace connected once the request has a connected socket (a reused keep-alive socket at once). */
function watchSocket(request: http.ClientRequest, trace: AttemptTrace): void {
  request.once('socket', (socket: Socket) => {
    if (!socket.connecting) trace.connected = true;
    else socket.once('connect', () => void (trace.connected = true));
  });
}

/** An axios `transport` that is node's own http/https, watched by `trace`; `tlsOptions` go on every https request. */
function tracingTransport(trace: AttemptTrace, tlsOptions: TlsTrust): { request: typeof http.request } {
  const request = (options: http.RequestOptions, callback?: (res: http.IncomingMessage) => void): http.ClientRequest => {
    const secure = options.protocol === 'https:';
    const req = (secure ? https : http).request(secure ? { ...options, ...tlsOptions } : options, (res) => {
      trace.status = res.statusCode;
      trace.headers = res.headers;
      callback?.(res);
    });
    watchSocket(req, trace);
    return req;
  };
  return { request: request as typeof http.request };
}

/** Runs one request through `axios` within `limits`; never rejects, every way out is an outcome. */
export async function runAttempt(axios: AxiosInstance, config: AxiosRequestConfig, limits: AttemptLimits, tlsOptions: TlsTrust = {}): Promise<AttemptOutcome> {
  const trace: AttemptTrace = { connected: false };
  const attempt = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    attempt.abort();
  }, Math.max(1, limits.deadlineMs));
  const unlink = linkAbort(limits.signal, attempt);
  try {
    const response = await axios.request<string>({ ...config, signal: attempt.signal, transport: tracingTransport(trace, tlsOptions) });
    const text = typeof response.data === 'string' ? response.data : '';
    return { type: 'answer', status: response.status, headers: flattenHeaders(response.headers), text };
  } catch (error) {
    const code = errorCode(error);
    const { status, headers } = trace;
    const requestSent = status !== undefined || (trace.connected && !failedBeforeSending(code));
    const base = { type: 'failure' as const, status, headers: headers && flattenHeaders(headers), code, message: errorMessage(error), requestSent };
    if (limits.signal?.aborted) return { ...base, reason: 'aborted' };
    if (timedOut) return { ...base, reason: 'timeout', code: 'ETIMEDOUT' };
    if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/.test(base.message)) return { ...base, reason: 'tooLarge' };
    if (status !== undefined) return { ...base, reason: 'bodyUnreadable' };
    return { ...base, reason: 'network' };
  } finally {
    clearTimeout(timer);
    unlink();
  }
}

// Functions, not strings: read when the error is built, after activation configured the translations.
const NETWORK_DETAILS: Record<string, () => string> = {
  ECONNREFUSED: () => l10n.t('the connection was refused'),
  ECONNRESET: () => l10n.t('the connection was reset'),
  ENOTFOUND: () => l10n.t('the host name could not be resolved'),
  EAI_AGAIN: () => l10n.t('the host name could not be resolved (DNS)'),
  ETIMEDOUT: () => l10n.t('the connection timed out'),
  EHOSTUNREACH: () => l10n.t('the host is unreachable'),
  ENETUNREACH: () => l10n.t('the network is unreachable'),
  EPIPE: () => l10n.t('the connection was closed'),
  ERR_PROXY_AUTH: () => l10n.t('the proxy refused the credentials'),
  ERR_PROXY_REFUSED: () => l10n.t('the proxy refused the connection'),
  ERR_PROXY_UNREACHABLE: () => l10n.t('the proxy could not be reached'),
  ERR_PROXY_TIMEOUT: () => l10n.t('the proxy did not answer'),
  ERR_PROXY_PROTOCOL: () => l10n.t('the proxy failed'),
  ERR_PROXY_CONFIG: () => l10n.t('the proxy setting cannot be used'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () => l10n.t("the server's certificate is not trusted"),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: () => l10n.t("the server's certificate is not trusted"),
  UNABLE_TO_GET_ISSUER_CERT: () => l10n.t("the server's certificate is not trusted"),
  SELF_SIGNED_CERT_IN_CHAIN: () => l10n.t("the server's certificate is not trusted"),
  DEPTH_ZERO_SELF_SIGNED_CERT: () => l10n.t("the server's certificate is not trusted"),
  CERT_UNTRUSTED: () => l10n.t("the server's certificate is not trusted"),
  CERT_HAS_EXPIRED: () => l10n.t("the server's certificate has expired"),
  ERR_TLS_CERT_ALTNAME_INVALID: () => l10n.t("the server's certificate is for another host name"),
};

/** `the connection was refused (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:1234` */
export function describeNetworkFailure(failure: AttemptFailure): string {
  const { code } = failure;
  return `${(code && NETWORK_DETAILS[code]?.()) || l10n.t('network error')}${code ? ` (${code})` : ''}: ${failure.message}`;
}

function flattenHeaders(headers: AxiosResponse['headers'] | http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
