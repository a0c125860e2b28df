// The ISC client of one tenant: typed calls of the eleven v2025 Identities operations. No `vscode` import.
import { normalizeBaseUrl } from './baseUrl';
import { IscApiError, abortedError, badResponseError, isAbortError } from './errors';
import { HttpTransport } from './http';
import type { QueryValue, RawResponse, RequestInfo, RequestSpec } from './http';
import { parseOwnershipDetails } from './ownership';
import { MAX_PAGE_SIZE, RepeatedPageError, clampPageSize, iteratePages } from './paging';
import type { NetworkOptions } from './proxyConfig';
import { sharedLimiter } from './rateLimiter';
import type { RateLimitConfig, SlidingWindowLimiter } from './rateLimiter';
import type { RetryPolicy } from './retry';
import { TokenProvider } from './tokenProvider';
import type { IssuedToken, TokenCache } from './tokenProvider';
import type {
  Identity,
  IdentitySyncJob,
  InviteIdentitiesRequest,
  ListIdentitiesQuery,
  OwnershipDetails,
  Page,
  RateLimitWait,
  RoleAssignment,
  RoleAssignmentRef,
  SendAccountVerificationRequest,
  TaskResultResponse,
  TaskStatus,
} from './types';
import * as v from './validate';
import { registerSecret, silentLogger } from '../util/redact';
import type { Logger } from '../util/redact';

export type { CachedToken, TokenCache } from './tokenProvider';

export interface IscClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  logger?: Logger;
  /**
   * Overall deadline of one HTTP attempt, from connecting to the last byte of the body (default 30 000 ms). Retries
   * of GETs stay within `retry.retryBudgetMs` in total (default 45 000 ms).
   */
  timeoutMs?: number;
  /** Largest response body accepted; a longer one fails with kind `badResponse` (default 64 MiB). */
  maxResponseBytes?: number;
  /** Retries of GETs after 5xx / network errors (default 3). */
  maxRetries?: number;
  /** Client-side rate limit, shared by every client of (baseUrl, clientId) in the process (default 100 per 10 s). */
  rateLimit?: RateLimitConfig;
  tokenCache?: TokenCache;
  /** Fine-tuning of retries (429 retries, backoff); maxRetries above wins. */
  retry?: Partial<RetryPolicy>;
  /** Called after every HTTP attempt (benchmarks, diagnostics). Keep it cheap. */
  onRequest?: (info: RequestInfo) => void;
  /**
   * Called when a call will wait longer than 2 s for ISC's rate limit (a 429's Retry-After, or the pause it set for
   * the client id), so that the wait can be shown. A wait still ends at once when the call's signal aborts.
   */
  onWait?: (wait: RateLimitWait) => void;
  /** Proxy, bypass list and trusted certificates (default: direct, Node's trust store); see proxyConfig.ts. */
  network?: NetworkOptions;
  /** Identity ids per start-identity-processing request (max 250). */
  processChunkSize?: number;
  /** Chunks of start-identity-processing in flight at once (default 2). */
  processConcurrency?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ProcessChunkResult {
  ids: string[];
  task?: TaskResultResponse;
  error?: IscApiError;
}

export type IterateIdentitiesQuery = Omit<ListIdentitiesQuery, 'offset' | 'limit'> & { pageSize?: number; prefetch?: number };

const MAX_PROCESS_IDS = 250;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const API = '/v2025';

const seg = (value: string): string => encodeURIComponent(value);

export class IscClient {
  readonly baseUrl: string;
  readonly clientId: string;
  private readonly transport: HttpTransport;
  private readonly tokens: TokenProvider;
  private readonly processChunkSize: number;
  private readonly processConcurrency: number;
  private readonly logger: Logger;

  constructor(options: IscClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    if (!options.clientId) throw new TypeError('IscClient: clientId is required');
    if (!options.clientSecret) throw new TypeError('IscClient: clientSecret is required');
    this.clientId = options.clientId;
    this.logger = options.logger ?? silentLogger;
    registerSecret(options.clientSecret);
    this.transport = new HttpTransport({
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      retry: { ...options.retry, ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}) },
      limiter: sharedLimiter(this.baseUrl, this.clientId, options.rateLimit),
      logger: this.logger,
      onRequest: options.onRequest,
      onWait: options.onWait,
      network: options.network,
    });
    const clientId = options.clientId;
    const clientSecret = options.clientSecret;
    this.tokens = new TokenProvider(() => this.requestToken(clientId, clientSecret), options.tokenCache);
    this.transport.tokens = this.tokens;
    this.processChunkSize = Math.max(1, Math.min(MAX_PROCESS_IDS, options.processChunkSize ?? MAX_PROCESS_IDS));
    this.processConcurrency = Math.max(1, options.processConcurrency ?? 2);
  }

  /** The process-wide limiter this client shares (diagnostics, benchmarks). */
  get limiter(): SlidingWindowLimiter {
    return this.transport.limiter;
  }

  /** Token requests this client made so far. */
  get tokenRequestCount(): number {
    return this.tokens.fetchCount;
  }

  /** Fetches a fresh token; rejects with an IscApiError (kind `auth` for wrong credentials). */
  async verifyCredentials(o?: CallOptions): Promise<void> {
    try {
      await this.tokens.fetchFresh(o?.signal);
    } catch (error) {
      throw this.asApiError(error, 'oauth-token');
    }
  }

  async listIdentities(q: ListIdentitiesQuery = {}, o?: CallOptions): Promise<Page<Identity>> {
    const op = 'list-identities';
    const limit = q.limit === undefined ? MAX_PAGE_SIZE : clampPageSize(q.limit);
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    const params: Record<string, QueryValue> = {
      filters: q.filters || undefined,
      sorters: q.sorters || undefined,
      defaultFilter: q.defaultFilter ?? 'NONE',
      count: q.count ? true : undefined,
      limit,
      offset,
    };
    const res = await this.call({ operation: op, method: 'GET', path: `${API}/identities`, params, signal: o?.signal });
    const items = v.expectIdentityList(op, res.body, res.status);
    const page: Page<Identity> = { items, offset, limit };
    if (q.count) {
      // Lenient: without a usable X-Total-Count the page simply has no total (paging then goes one page at a time).
      const total = v.parseTotalCount(res.headers['x-total-count']);
      if (total !== undefined) page.total = total;
      else this.logger.warn(`List identities: count was requested but X-Total-Count is missing or invalid.`);
    }
    return page;
  }

  /**
   * Pages of up to 250 identities (pageSize). The first request asks for the total (count=true) unless `count: false`
   * is given: knowing it lets later pages be fetched a few at a time (`prefetch`, default 4, still yielded in order);
   * `total` is then set on every page. The enumeration ends on an empty page (see iteratePages for why not sooner).
   */
  iterateIdentities(q: IterateIdentitiesQuery = {}, o?: CallOptions): AsyncIterable<Page<Identity>> {
    const { pageSize, prefetch, count, ...rest } = q;
    const pages = iteratePages<Identity>(
      (offset, limit, withCount, signal) => this.listIdentities({ ...rest, count: withCount, offset, limit }, { signal }),
      { pageSize, prefetch, count: count !== false, signal: o?.signal, idOf: (identity) => identity.id },
    );
    return (async function* () {
      try {
        yield* pages;
      } catch (error) {
        if (error instanceof RepeatedPageError) throw badResponseError('list-identities', error.message);
        throw error;
      }
    })();
  }

  async getIdentity(id: string, o?: CallOptions): Promise<Identity> {
    const op = 'get-identity';
    const res = await this.call({ operation: op, method: 'GET', path: `${API}/identities/${seg(id)}`, signal: o?.signal });
    return v.expectIdentity(op, res.body, res.status);
  }

  async deleteIdentity(id: string, o?: CallOptions): Promise<void> {
    await this.call({ operation: 'delete-identity', method: 'DELETE', path: `${API}/identities/${seg(id)}`, signal: o?.signal });
  }

  async getOwnershipDetails(identityId: string, o?: CallOptions): Promise<OwnershipDetails> {
    const res = await this.call({
      operation: 'get-identity-ownership-details',
      method: 'GET',
      path: `${API}/identities/${seg(identityId)}/ownership`,
      signal: o?.signal,
    });
    return parseOwnershipDetails(res.body);
  }

  /** Role assignment references (id, role, dates) of an identity. */
  async getRoleAssignmentRefs(identityId: string, o?: CallOptions): Promise<RoleAssignmentRef[]> {
    const op = 'get-role-assignments';
    const res = await this.call({ operation: op, method: 'GET', path: `${API}/identities/${seg(identityId)}/role-assignments`, signal: o?.signal });
    return v.expectRoleAssignmentRefs(op, res.body, res.status);
  }

  /** Full role assignments of an identity for one role (by id or name). */
  async findRoleAssignments(identityId: string, by: { roleId?: string; roleName?: string }, o?: CallOptions): Promise<RoleAssignment[]> {
    const op = 'get-role-assignments';
    if (!by.roleId && !by.roleName) {
      throw new IscApiError({ kind: 'badRequest', operation: op, message: 'Get role assignments failed: give a role id or a role name.' });
    }
    const res = await this.call({
      operation: op,
      method: 'GET',
      path: `${API}/identities/${seg(identityId)}/role-assignments`,
      params: { roleId: by.roleId || undefined, roleName: by.roleName || undefined },
      signal: o?.signal,
    });
    return v.expectRoleAssignments(op, res.body, res.status);
  }

  async getRoleAssignment(identityId: string, assignmentId: string, o?: CallOptions): Promise<RoleAssignment> {
    const op = 'get-role-assignment';
    const res = await this.call({
      operation: op,
      method: 'GET',
      path: `${API}/identities/${seg(identityId)}/role-assignments/${seg(assignmentId)}`,
      signal: o?.signal,
    });
    return v.expectRoleAssignment(op, res.body, res.status);
  }

  async resetIdentity(id: string, o?: CallOptions): Promise<void> {
    await this.call({ operation: 'reset-identity', method: 'POST', path: `${API}/identities/${seg(id)}/reset`, signal: o?.signal });
  }

  async sendVerificationAccountToken(id: string, body: SendAccountVerificationRequest, o?: CallOptions): Promise<void> {
    const json: SendAccountVerificationRequest = { via: body.via };
    if (body.sourceName !== undefined) json.sourceName = body.sourceName;
    await this.call({
      operation: 'send-identity-verification-account-token',
      method: 'POST',
      path: `${API}/identities/${seg(id)}/verification/account/send`,
      json,
      signal: o?.signal,
    });
  }

  /** Invites the given identities, or every uninvited one (`{ uninvited: true }`). */
  async inviteIdentities(body: InviteIdentitiesRequest, o?: CallOptions): Promise<TaskStatus> {
    const op = 'start-identities-invite';
    const json: InviteIdentitiesRequest = {};
    if (body.ids !== undefined) json.ids = body.ids;
    if (body.uninvited !== undefined) json.uninvited = body.uninvited;
    const res = await this.call({ operation: op, method: 'POST', path: `${API}/identities/invite`, json, signal: o?.signal });
    return v.expectTaskStatus(op, res.body, res.status);
  }

  /**
   * Starts identity processing in requests of at most 250 ids (a few in parallel). A failed chunk is reported in its
   * result, not thrown; an abort rejects the whole call with kind `aborted`.
   */
  async processIdentities(ids: string[], o?: CallOptions): Promise<ProcessChunkResult[]> {
    const op = 'start-identity-processing';
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += this.processChunkSize) chunks.push(ids.slice(i, i + this.processChunkSize));
    const results: ProcessChunkResult[] = new Array(chunks.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < chunks.length) {
        if (o?.signal?.aborted) throw abortedError(op);
        const index = next++;
        const chunk = chunks[index];
        try {
          const res = await this.call({ operation: op, method: 'POST', path: `${API}/identities/process`, json: { identityIds: chunk }, signal: o?.signal });
          results[index] = { ids: chunk, task: v.expectTaskResult(op, res.body, res.status) };
        } catch (error) {
          const apiError = this.asApiError(error, op);
          if (apiError.kind === 'aborted') throw apiError;
          results[index] = { ids: chunk, error: apiError };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.processConcurrency, chunks.length) }, worker));
    return results;
  }

  /** Status of an ISC task (the one invite returns, possibly process's TASK_RESULT): `GET /task-status/{id}`. */
  async getTaskStatus(taskId: string, o?: CallOptions): Promise<TaskStatus> {
    const op = 'get-task-status';
    const res = await this.call({ operation: op, method: 'GET', path: `${API}/task-status/${seg(taskId)}`, signal: o?.signal });
    return v.expectTaskStatus(op, res.body, res.status);
  }

  async synchronizeAttributes(identityId: string, o?: CallOptions): Promise<IdentitySyncJob> {
    const op = 'synchronize-attributes-for-identity';
    const res = await this.call({
      operation: op,
      method: 'POST',
      path: `${API}/identities/${seg(identityId)}/synchronize-attributes`,
      signal: o?.signal,
    });
    return v.expectSyncJob(op, res.body, res.status);
  }

  /** Aborts calls in flight, closes sockets, forgets the in-memory token. The shared limiter stays. */
  dispose(): void {
    this.transport.dispose();
    this.tokens.clear();
  }

  private async requestToken(clientId: string, clientSecret: string): Promise<IssuedToken> {
    const op = 'oauth-token';
    const res = await this.transport.request({
      operation: op,
      method: 'POST',
      path: '/oauth/token',
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      auth: false,
      idempotent: true,
      outsideRateLimit: true,
    });
    const body = res.body as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!body || typeof body.access_token !== 'string' || !body.access_token) {
      throw badResponseError(op, 'the token response has no access_token', res.status);
    }
    registerSecret(body.access_token);
    const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : Number(body.expires_in);
    return { token: body.access_token, expiresInSec: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 300 };
  }

  private async call(spec: Omit<RequestSpec, 'auth' | 'idempotent'>): Promise<RawResponse> {
    // synchronize-attributes answers 429 when the identity was synchronised less than 10 s ago: that is no reason
    // to hold back every other caller of this client id.
    if (spec.operation === 'synchronize-attributes-for-identity') spec = { ...spec, local429: true };
    try {
      return await this.transport.request({ ...spec, auth: true, idempotent: spec.method === 'GET' });
    } catch (error) {
      throw this.asApiError(error, spec.operation);
    }
  }

  private asApiError(error: unknown, operation: string): IscApiError {
    if (error instanceof IscApiError) return error;
    if (isAbortError(error)) return abortedError(operation, error);
    return new IscApiError({
      kind: 'network',
      operation,
      message: `${operation} failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
