// HTTP transport of one IscClient: one axios instance (no interceptors), the shared rate limiter, bearer tokens,
// 401 → one refresh, 429 → wait Retry-After, bounded jittered retries of idempotent requests, abort, logging.
import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AxiosInstance, AxiosResponse, AxiosStatic } from 'axios';
import { AbortedWait, anySignal, sleep } from './abort';
import { abortedError, badResponseError, errorFromResponse, networkError, operationLabel } from './errors';
import type { Permit, SlidingWindowLimiter } from './rateLimiter';
import { DEFAULT_RETRY_POLICY, backoffDelay, failedBeforeSending, parseRetryAfter } from './retry';
import type { RetryPolicy } from './retry';
import { isLoopbackHost } from './baseUrl';
import { redactText } from '../util/redact';
import type { Logger } from '../util/redact';

/** What a request outside the rate-limited API holds instead of a limiter slot. */
const NO_PERMIT: Permit = { release: () => undefined };

const USER_AGENT = 'isc-identity-explorer/0.1.0';

let axiosStatic: AxiosStatic | undefined;

/** axios is loaded on the first transport, not when the bundle loads: it keeps its evaluation out of activation. */
function loadAxios(): AxiosStatic {
  if (!axiosStatic) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('axios') as AxiosStatic & { default?: AxiosStatic };
    axiosStatic = loaded.default ?? loaded;
  }
  return axiosStatic;
}

export interface RequestInfo {
  method: string;
  url: string;
  status?: number;
  attempt: number;
  ms: number;
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestSpec {
  /** Operation name as in the API docs (`list-identities`, ...), used in errors and logs. */
  operation: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below the base URL, starting with `/` (`/v2025/identities`); path parameters already encoded. */
  path: string;
  params?: Record<string, QueryValue>;
  json?: unknown;
  form?: Record<string, string>;
  /** Send `Authorization: Bearer …` (false only for the token request). */
  auth: boolean;
  /** Safe to repeat after 5xx / timeouts / connection resets (GET, token request). */
  idempotent: boolean;
  /**
   * A 429 of this operation is about the resource, not the client id (synchronize-attributes: once per 10 s per
   * identity): wait for this call only instead of pausing every caller of the shared limiter.
   */
  local429?: boolean;
  /**
   * Outside the versioned API whose limit the shared limiter models (the token request): takes no slot, and a 429
   * waits for this call only.
   */
  outsideRateLimit?: boolean;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined for an empty body. */
  body: unknown;
  attempts: number;
}

/** What the transport needs from the token provider. */
export interface TokenSource {
  getToken(signal?: AbortSignal): Promise<string>;
  peek(): string | undefined;
  invalidate(token: string): void;
}

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  retry?: Partial<RetryPolicy>;
  limiter: SlidingWindowLimiter;
  logger: Logger;
  onRequest?: (info: RequestInfo) => void;
}

/** Query strings encoded strictly (RFC 3986): space → %20, `+` → %2B, `&` → %26, `#` → %23, `"` → %22, `\` → %5C. */
export function serializeQuery(params: Record<string, QueryValue>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

const NETWORK_DETAILS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
};

export class HttpTransport {
  private readonly axios: AxiosInstance;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 100 });
  private readonly disposed = new AbortController();
  private readonly retry: RetryPolicy;
  tokens: TokenSource | undefined;

  constructor(private readonly options: TransportOptions) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    // Every call without its own signal waits on this one: many concurrent listeners are expected.
    setMaxListeners(0, this.disposed.signal);
    const loopback = isLoopbackHost(new URL(options.baseUrl).hostname);
    this.axios = loadAxios().create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      headers: {
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
        'X-SailPoint-Experimental': 'true',
      },
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      paramsSerializer: { serialize: (params) => serializeQuery(params as Record<string, QueryValue>) },
      maxRedirects: 0,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // Never route the local simulator through an environment proxy.
      ...(loopback ? { proxy: false as const } : {}),
    });
  }

  get limiter(): SlidingWindowLimiter {
    return this.options.limiter;
  }

  /** Aborts everything in flight and closes idle sockets. */
  dispose(): void {
    this.disposed.abort();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async request(spec: RequestSpec): Promise<RawResponse> {
    const signal = anySignal(spec.signal, this.disposed.signal);
    const { operation } = spec;
    let attempt = 0;
    let retries = 0;
    let retries429 = 0;
    let refreshedAfter401 = false;
    for (;;) {
      if (signal?.aborted) throw abortedError(operation);
      attempt++;
      let token: string | undefined;
      let permit: Permit;
      try {
        // Token first, slot second: a caller holding a slot while waiting for a token could starve the token request.
        if (spec.auth) token = await this.requireTokens().getToken(signal);
        permit = spec.outsideRateLimit ? NO_PERMIT : await this.options.limiter.acquire(signal);
      } catch (error) {
        if (error instanceof AbortedWait) throw abortedError(operation, error);
        throw error; // the token request failed: already an IscApiError
      }
      if (spec.auth) token = this.requireTokens().peek() ?? token;
      let response: AxiosResponse<string> | undefined;
      let failure: unknown;
      const sendStarted = performance.now();
      try {
        response = await this.send(spec, token, signal);
      } catch (error) {
        failure = error;
      } finally {
        permit.release();
      }
      this.report(spec, attempt, response?.status, performance.now() - sendStarted, failure);
      if (failure !== undefined && (signal?.aborted || loadAxios().isCancel(failure))) throw abortedError(operation, failure);

      if (response) {
        const { status } = response;
        const headers = flattenHeaders(response.headers);
        if (status >= 200 && status < 300) {
          return { status, headers, body: parseBody(operation, status, response.data, true), attempts: attempt };
        }
        const body = parseBody(operation, status, response.data, false);
        if (status === 401 && spec.auth && token !== undefined && !refreshedAfter401) {
          refreshedAfter401 = true;
          this.requireTokens().invalidate(token);
          continue;
        }
        if (status === 429) {
          const retryAfterMs = parseRetryAfter(headers['retry-after']);
          retries429++;
          if (retries429 > this.retry.max429Retries || (retryAfterMs ?? 0) > this.retry.maxRetryAfterMs) {
            const waitMs = retryAfterMs ?? this.options.limiter.pauseRemainingMs;
            throw errorFromResponse(operation, status, body, { retryAfterMs: waitMs });
          }
          const waitMs = Math.max(100, retryAfterMs ?? backoffDelay(retries429 - 1, { baseDelayMs: 1000, maxDelayMs: 10_000 }));
          if (spec.local429 || spec.outsideRateLimit) {
            await this.wait(waitMs, operation, signal);
          } else {
            // Everybody on this client id waits; our own acquire() below waits as well.
            this.options.limiter.pauseFor(waitMs);
          }
          continue;
        }
        if (status >= 500 && spec.idempotent && retries < this.retry.maxRetries) {
          await this.backoff(retries++, operation, signal);
          continue;
        }
        // The token endpoint answers wrong credentials with 400 or 401 depending on the deployment.
        const authFailure = operation === 'oauth-token' && (status === 400 || status === 401);
        throw errorFromResponse(operation, status, body, authFailure ? { kind: 'auth' } : {});
      }

      const code = errorCode(failure);
      const timedOut = isTimeout(failure);
      const retryable = spec.idempotent || (!timedOut && failedBeforeSending(code));
      if (retryable && retries < this.retry.maxRetries) {
        await this.backoff(retries++, operation, signal);
        continue;
      }
      const detail = timedOut
        ? `no answer within ${Number((this.options.timeoutMs / 1000).toFixed(2))} s (timeout).`
        : `${(code && NETWORK_DETAILS[code]) || 'network error'}${code ? ` (${code})` : ''}: ${errMessage(failure)}`;
      throw networkError(operation, detail, failure);
    }
  }

  private requireTokens(): TokenSource {
    if (!this.tokens) throw new Error('HttpTransport: no token source');
    return this.tokens;
  }

  private backoff(retry: number, operation: string, signal?: AbortSignal): Promise<void> {
    return this.wait(backoffDelay(retry, this.retry), operation, signal);
  }

  private async wait(ms: number, operation: string, signal?: AbortSignal): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch (error) {
      throw abortedError(operation, error);
    }
  }

  private send(spec: RequestSpec, token: string | undefined, signal?: AbortSignal): Promise<AxiosResponse<string>> {
    const headers: Record<string, string> = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    let data: string | undefined;
    if (spec.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      data = new URLSearchParams(spec.form).toString();
    } else if (spec.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      data = JSON.stringify(spec.json);
    }
    return this.axios.request<string>({ method: spec.method, url: spec.path, params: spec.params, data, headers, signal });
  }

  private report(spec: RequestSpec, attempt: number, status: number | undefined, ms: number, failure: unknown): void {
    const query = spec.params ? serializeQuery(spec.params) : '';
    const path = query ? `${spec.path}?${query}` : spec.path;
    const outcome = status ?? (errorCode(failure) || 'no response');
    try {
      this.options.logger.debug(redactText(`${spec.method} ${path} → ${outcome} ${Math.round(ms)} ms (retry ${attempt - 1}, ${operationLabel(spec.operation)})`));
    } catch {
      // A broken logger must not break the call.
    }
    if (this.options.onRequest) {
      try {
        this.options.onRequest({ method: spec.method, url: `${this.options.baseUrl}${path}`, status, attempt, ms });
      } catch {
        // ignore
      }
    }
  }
}

function flattenHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** Parses a JSON body. On a 2xx, malformed JSON is an IscApiError `badResponse`; on errors the text is kept. */
function parseBody(operation: string, status: number, data: unknown, success: boolean): unknown {
  if (data === undefined || data === null) return undefined;
  if (typeof data !== 'string') return data;
  const text = data.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (!success) return text;
    const preview = text.length > 60 ? `${text.slice(0, 60)}…` : text;
    throw badResponseError(operation, `malformed JSON: ${JSON.stringify(preview)}`, status);
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isTimeout(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout of \d+ms exceeded/.test(errMessage(error));
}

function errMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
