// HTTP transport of one IscClient: one axios instance (no interceptors), the shared rate limiter, bearer tokens,
// 401 → one refresh, 429 → wait Retry-After (long waits announced), jittered retries of idempotent requests within a
// total budget, one deadline per attempt (see attempt.ts), abort, logging.
import * as l10n from '@vscode/l10n';
import { setMaxListeners } from 'node:events';
import * as http from 'node:http';
import type * as https from 'node:https';
import type { AxiosInstance, AxiosRequestConfig, AxiosStatic } from 'axios';
import { AbortedWait, anySignal, linkAbort, sleep } from './abort';
import { describeNetworkFailure, isPermanentFailure, runAttempt } from './attempt';
import type { AttemptAnswer, AttemptFailure } from './attempt';
import {
  IscApiError,
  abortedError,
  badResponseError,
  errorFromResponse,
  formatBytes,
  formatSeconds,
  networkError,
  operationLabel,
  rateLimitText,
  rateLimitedNotSentError,
  withRequestSent,
} from './errors';
import type { Permit, SlidingWindowLimiter } from './rateLimiter';
import { DEFAULT_RETRY_POLICY, RetryBudget, backoffDelay, parseRetryAfter } from './retry';
import type { RetryPolicy } from './retry';
import type { RateLimitWait } from './types';
import { httpsAgentFor } from './proxyAgent';
import { tlsTrustOf } from './proxyConfig';
import type { NetworkOptions, ProxyEndpoint, TlsTrust } from './proxyConfig';
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
  /** Overall deadline of one attempt: connect + headers + body. */
  timeoutMs: number;
  /** Largest response body accepted; a longer one fails with kind `badResponse`. */
  maxResponseBytes: number;
  retry?: Partial<RetryPolicy>;
  limiter: SlidingWindowLimiter;
  logger: Logger;
  onRequest?: (info: RequestInfo) => void;
  onWait?: (wait: RateLimitWait) => void;
  /** Proxy, bypass list and trusted certificates (default: direct, Node's trust store). */
  network?: NetworkOptions;
}

/** Waits longer than this are announced through onWait (and logged). */
const WAIT_NOTICE_MS = 2000;

/** Query strings encoded strictly (RFC 3986): space → %20, `+` → %2B, `&` → %26, `#` → %23, `"` → %22, `\` → %5C. */
export function serializeQuery(params: Record<string, QueryValue>): string {
  return Object.entries(params)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

export class HttpTransport {
  private readonly axios: AxiosInstance;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 100 });
  private readonly httpsAgent: https.Agent;
  /** TLS options of every https request, on the request too: VS Code's proxy support may swap the agent. */
  private readonly tlsOptions: TlsTrust;
  /** The proxy this transport tunnels through (undefined: direct). */
  readonly proxy: ProxyEndpoint | undefined;
  private readonly disposed = new AbortController();
  private readonly retry: RetryPolicy;
  tokens: TokenSource | undefined;

  constructor(private readonly options: TransportOptions) {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    // Every call without its own signal waits on this one: many concurrent listeners are expected.
    setMaxListeners(0, this.disposed.signal);
    const network = options.network ?? {};
    this.tlsOptions = tlsTrustOf(network);
    const route = httpsAgentFor(options.baseUrl, network, { keepAlive: true, maxSockets: 100, ...this.tlsOptions }, options.logger);
    this.httpsAgent = route.agent;
    this.proxy = route.proxy;
    this.axios = loadAxios().create({
      baseURL: options.baseUrl,
      // No axios `timeout`: it ends when the response starts. Each attempt has its own deadline (attempt.ts).
      maxContentLength: options.maxResponseBytes,
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
      // The agent is the route (proxyConfig.ts decides it): axios must not pick a proxy from the environment itself.
      proxy: false,
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
    const budget = new RetryBudget(this.retry.retryBudgetMs, this.options.timeoutMs);
    let retries = 0;
    let retries429 = 0;
    let refreshedAfter401 = false;
    // Whether an earlier attempt may have reached the server without an answer that proves it did nothing.
    let sentBefore = false;
    for (;;) {
      if (signal?.aborted) throw abortedError(operation, undefined, sentBefore);
      const { token, permit } = await this.admit(spec, signal, sentBefore);
      budget.attempts++;
      const attempt = budget.attempts;
      const started = performance.now();
      let outcome: AttemptAnswer | AttemptFailure;
      try {
        outcome = await runAttempt(this.axios, this.config(spec, token), { deadlineMs: budget.nextDeadlineMs(), signal }, this.tlsOptions);
      } finally {
        permit.release();
      }
      const ms = performance.now() - started;
      budget.record(ms);
      this.report(spec, attempt, outcome, ms);

      // A status line whose body broke off is still that status's answer, unless it was a 2xx.
      let answer: AttemptAnswer | undefined = outcome.type === 'answer' ? outcome : undefined;
      if (outcome.type === 'failure' && outcome.reason === 'bodyUnreadable' && !isSuccess(outcome.status)) {
        answer = { type: 'answer', status: outcome.status ?? 0, headers: outcome.headers ?? {}, text: '' };
      }
      if (!answer) {
        const failure = outcome as AttemptFailure;
        const requestSent: boolean = failure.requestSent || sentBefore;
        if (failure.reason === 'aborted') throw abortedError(operation, failure, requestSent);
        if (failure.reason === 'tooLarge') {
          throw badResponseError(operation, l10n.t('the response is larger than {0}', formatBytes(this.options.maxResponseBytes)), failure.status);
        }
        const retryable = (spec.idempotent || !failure.requestSent) && !isPermanentFailure(failure);
        const delay = backoffDelay(retries, this.retry);
        if (retryable && retries < this.retry.maxRetries && budget.allowsRetryAfter(delay)) {
          sentBefore = requestSent;
          retries++;
          await this.wait(delay, operation, signal, sentBefore);
          budget.record(delay);
          continue;
        }
        throw this.failureError(operation, failure, budget, requestSent);
      }

      const { status, headers } = answer;
      if (isSuccess(status)) {
        return { status, headers, body: parseBody(operation, status, answer.text, true), attempts: attempt };
      }
      const body = parseBody(operation, status, answer.text, false);
      if (status === 401 && spec.auth && token !== undefined && !refreshedAfter401) {
        refreshedAfter401 = true;
        this.requireTokens().invalidate(token);
        continue;
      }
      if (status === 429) {
        retries429++;
        const retryAfterMs = parseRetryAfter(headers['retry-after']);
        const ownWait = spec.local429 || spec.outsideRateLimit;
        if (retryAfterMs !== undefined && retryAfterMs > this.retry.maxRetryAfterMs) {
          // Hold every caller of the client id back too: sending while ISC asks to wait makes it escalate.
          if (!ownWait) this.options.limiter.pauseFor(retryAfterMs);
          throw errorFromResponse(operation, status, body, { retryAfterMs });
        }
        if (retries429 > this.retry.max429Retries) {
          throw errorFromResponse(operation, status, body, { retryAfterMs: retryAfterMs ?? this.options.limiter.pauseRemainingMs });
        }
        const waitMs = Math.max(100, retryAfterMs ?? backoffDelay(retries429 - 1, { baseDelayMs: 1000, maxDelayMs: 10_000 }));
        if (ownWait) {
          this.announceWait(operation, waitMs);
          await this.wait(waitMs, operation, signal, sentBefore);
        } else {
          // Everybody on this client id waits; our own acquire() in admit() waits (and is told) as well.
          this.options.limiter.pauseFor(waitMs);
        }
        continue;
      }
      if (status >= 500) sentBefore = true;
      const delay = backoffDelay(retries, this.retry);
      if (status >= 500 && spec.idempotent && retries < this.retry.maxRetries && budget.allowsRetryAfter(delay)) {
        retries++;
        await this.wait(delay, operation, signal, sentBefore);
        budget.record(delay);
        continue;
      }
      // The token endpoint answers wrong credentials with 400 or 401 depending on the deployment.
      const authFailure = operation === 'oauth-token' && (status === 400 || status === 401);
      throw errorFromResponse(operation, status, body, authFailure ? { kind: 'auth' } : {});
    }
  }

  /** Token first, slot second: a caller holding a slot while waiting for a token could starve the token request. */
  private async admit(spec: RequestSpec, signal: AbortSignal | undefined, sentBefore: boolean): Promise<{ token?: string; permit: Permit }> {
    let token: string | undefined;
    if (spec.auth) {
      try {
        token = await this.requireTokens().getToken(signal);
      } catch (error) {
        if (error instanceof AbortedWait) throw abortedError(spec.operation, undefined, sentBefore);
        // The token request failed (its own IscApiError): this request itself never left.
        throw error instanceof IscApiError ? withRequestSent(error, sentBefore) : error;
      }
    }
    const permit = spec.outsideRateLimit ? NO_PERMIT : await this.acquireSlot(spec.operation, signal, sentBefore);
    if (spec.auth) token = this.requireTokens().peek() ?? token;
    return { token, permit };
  }

  /** A limiter slot; a pause longer than maxRetryAfterMs fails at once instead of holding the caller for minutes. */
  private async acquireSlot(operation: string, signal: AbortSignal | undefined, sentBefore: boolean): Promise<Permit> {
    // Aborts this wait: when the caller's signal fires, or when a pause is too long to wait for.
    const waitAbort = new AbortController();
    let refusedWaitMs: number | undefined;
    const onPause = (remainingMs: number): void => {
      if (remainingMs > this.retry.maxRetryAfterMs) {
        refusedWaitMs = remainingMs;
        waitAbort.abort();
      } else {
        this.announceWait(operation, remainingMs);
      }
    };
    const unlink = linkAbort(signal, waitAbort);
    try {
      return await this.options.limiter.acquire(waitAbort.signal, onPause);
    } catch (error) {
      if (refusedWaitMs !== undefined && !signal?.aborted) throw rateLimitedNotSentError(operation, refusedWaitMs);
      if (error instanceof AbortedWait) throw abortedError(operation, undefined, sentBefore);
      throw error;
    } finally {
      unlink();
    }
  }

  private announceWait(operation: string, waitMs: number): void {
    if (waitMs <= WAIT_NOTICE_MS) return;
    const resumesAt = Date.now() + waitMs;
    try {
      this.options.logger.info(`${operationLabel(operation)}: ${rateLimitText(waitMs)}; resumes at ${new Date(resumesAt).toISOString()}.`);
      this.options.onWait?.({ operation, waitMs, resumesAt, reason: 'rateLimit' });
    } catch {
      // A broken listener must not break the call.
    }
  }

  private failureError(operation: string, failure: AttemptFailure, budget: RetryBudget, requestSent: boolean): IscApiError {
    if (failure.reason === 'bodyUnreadable') {
      return badResponseError(operation, l10n.t('the body broke off before its end: {0}', failure.message), failure.status);
    }
    const retried = budget.attempts > 1;
    const timeout = formatSeconds(this.options.timeoutMs);
    const spent = formatSeconds(budget.spent);
    let detail: string;
    if (failure.reason === 'timeout') {
      detail = retried ? l10n.t('no answer within {0}; gave up after {1} attempts in {2}.', timeout, budget.attempts, spent) : l10n.t('no answer within {0} (timeout).', timeout);
    } else {
      detail = retried ? l10n.t('{0}; gave up after {1} attempts in {2}', describeNetworkFailure(failure), budget.attempts, spent) : describeNetworkFailure(failure);
    }
    return networkError(operation, detail, failure, requestSent);
  }

  private requireTokens(): TokenSource {
    if (!this.tokens) throw new Error('HttpTransport: no token source');
    return this.tokens;
  }

  private async wait(ms: number, operation: string, signal: AbortSignal | undefined, requestSent: boolean): Promise<void> {
    try {
      await sleep(ms, signal);
    } catch {
      throw abortedError(operation, undefined, requestSent);
    }
  }

  private config(spec: RequestSpec, token: string | undefined): AxiosRequestConfig {
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
    return { method: spec.method, url: spec.path, params: spec.params, data, headers };
  }

  private report(spec: RequestSpec, attempt: number, outcome: AttemptAnswer | AttemptFailure, ms: number): void {
    const query = spec.params ? serializeQuery(spec.params) : '';
    const path = query ? `${spec.path}?${query}` : spec.path;
    const status = outcome.status;
    const outcomeText = outcome.type === 'answer' ? String(status) : `${status ?? ''}${status ? ' ' : ''}${outcome.code ?? outcome.reason}`;
    try {
      this.options.logger.debug(redactText(`${spec.method} ${path} → ${outcomeText} ${Math.round(ms)} ms (retry ${attempt - 1}, ${operationLabel(spec.operation)})`));
    } catch {
      // A broken logger must not break the call.
    }
    if (this.options.onRequest) {
      try {
        this.options.onRequest({ method: spec.method, url: `${this.options.baseUrl}${path}`, status: outcome.type === 'answer' ? status : undefined, attempt, ms });
      } catch {
        // ignore
      }
    }
  }
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
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
