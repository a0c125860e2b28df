// In-process SailPoint ISC v2025 Identities simulator: startSimulator() → an HTTP server on 127.0.0.1.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import type { AdminTarget } from './admin';
import { TokenService } from './auth';
import type { SimClient } from './auth';
import { BackoffTracker, iscBackoffConfig } from './backoff';
import type { SimContext } from './context';
import { FaultInjector, malform } from './faults';
import type { SimFaults, WireFault } from './faults';
import { errorResponse, readBody } from './http';
import type { SimRequest, SimResponse } from './http';
import { OutageControl } from './outage';
import { RateLimiter } from './rateLimiter';
import { RequestLog } from './requestLog';
import type { SimRequestRecord } from './requestLog';
import { API_PREFIX, handleApiRequest } from './router';
import { IdentityStore } from './store';
import { TaskRegistry } from './tasks';
import { resetConnection, send, sendTrickled, sendTruncated } from './wire';

export type { SimRequestRecord } from './requestLog';

export interface SimulatorOptions {
  /** 0 = random free port. */
  port?: number;
  /** Total identities including the fixtures (default 2000). */
  identities?: number;
  seed?: number;
  clientId?: string;
  clientSecret?: string;
  /** Extra API clients (e.g. a second client id, or a readOnly one that gets 403 on writes). */
  extraClients?: SimClient[];
  /** Default 100 per 10000 ms per client id; false disables. */
  rateLimit?: { requests: number; windowMs: number } | false;
  tokenLifetimeSec?: number;
  latencyMs?: number;
  faults?: SimFaults;
  syncCooldownMs?: number;
  /** Max request log entries kept (default 100000). */
  maxLogEntries?: number;
  /** How long an invite / process task takes from QUEUED to completed (default 3000 ms; 0 = completed at once). */
  taskDurationMs?: number;
  /** Multiplies ISC's back-off durations of the escalatingRetryAfter fault (default 1; tests use e.g. 0.01). */
  escalationTimeScale?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP; `url` is then https://127.0.0.1:PORT. */
  tls?: { key: string; cert: string };
}

export interface Simulator {
  /** http://127.0.0.1:PORT (https with the `tls` option) — API base without /v2025. */
  url: string;
  clientId: string;
  clientSecret: string;
  /** Live request log (oldest first, bounded). */
  requests: SimRequestRecord[];
  clearRequests(): void;
  setFaults(f: SimFaults): void;
  close(): Promise<void>;
  /** Extras beyond the shared simulator options. */
  readonly store: IdentityStore;
  /** Tasks started by invite / process (GET /v2025/task-status/{id}). */
  readonly tasks: TaskRegistry;
  requestsSince(seq: number): SimRequestRecord[];
  expireTokens(): void;
  reset(): void;
}

const DEFAULT_CLIENT_ID = 'sim-demo-client';
const DEFAULT_CLIENT_SECRET = 'sim-demo-secret-4c1f';
const DEFAULT_RATE_LIMIT = { requests: 100, windowMs: 10_000 };
const DEFAULT_TASK_DURATION_MS = 3000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function queryRecord(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of query) out[k] = v;
  return out;
}

function loggedBody(req: SimRequest, isToken: boolean): unknown {
  if (req.rawBody === '') return undefined;
  if (isToken) {
    const params = new URLSearchParams(req.rawBody);
    if (params.has('client_secret')) params.set('client_secret', '***');
    return queryRecord(params);
  }
  try {
    return JSON.parse(req.rawBody) as unknown;
  } catch {
    return req.rawBody.length > 2000 ? `${req.rawBody.slice(0, 2000)}…` : req.rawBody;
  }
}

export async function startSimulator(o: SimulatorOptions = {}): Promise<Simulator> {
  const seed = o.seed ?? 1;
  const clientId = o.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = o.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const store = new IdentityStore(seed, o.identities ?? 2000);
  const tokens = new TokenService([{ clientId, clientSecret }, ...(o.extraClients ?? [])], o.tokenLifetimeSec ?? 749, `sim-tenant-${seed}`);
  const rateLimit = o.rateLimit === false ? undefined : (o.rateLimit ?? DEFAULT_RATE_LIMIT);
  const faults = new FaultInjector(seed);
  faults.set(o.faults ?? {});
  const log = new RequestLog(o.maxLogEntries ?? 100_000);
  const ctx: SimContext = {
    store,
    tokens,
    limiter: rateLimit ? new RateLimiter({ ...rateLimit }) : undefined,
    faults,
    syncCooldownMs: o.syncCooldownMs ?? 10_000,
    tasks: new TaskRegistry(o.taskDurationMs ?? DEFAULT_TASK_DURATION_MS),
    backoff: new BackoffTracker(),
    backoffConfig: () => iscBackoffConfig(faults.current.escalationTimeScale ?? o.escalationTimeScale ?? 1),
  };
  let url = '';
  /** Replaces the faults; escalation state lives only while escalatingRetryAfter is set. */
  const setFaults = (f: SimFaults): void => {
    faults.set(f);
    if (!f.escalatingRetryAfter) ctx.backoff.reset();
  };
  /** Answers that are never sent (neverAnswerRate): kept so close() can end them. */
  const unanswered = new Set<ServerResponse>();
  const admin: AdminTarget = {
    get url() {
      return url;
    },
    clientId,
    seed,
    log,
    store,
    currentFaults: () => faults.current,
    setFaults,
    applyOutage: (seconds) => outage.apply(seconds),
    reset: () => {
      store.regenerate();
      ctx.tasks.clear();
      setFaults(o.faults ?? {});
      ctx.backoff.reset();
      ctx.limiter?.reset();
    },
    expireTokens: () => tokens.expireAll(),
  };

  async function handle(nodeReq: IncomingMessage, res: ServerResponse): Promise<void> {
    if (outage.active) {
      // A keep-alive connection that outlived the start of an outage.
      nodeReq.socket.destroy();
      return;
    }
    const parsed = new URL(nodeReq.url ?? '/', 'http://127.0.0.1');
    const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : parsed.pathname;
    const method = (nodeReq.method ?? 'GET').toUpperCase();
    let rawBody: string;
    try {
      rawBody = await readBody(nodeReq);
    } catch {
      send(res, errorResponse(400, 'The request body could not be read (too large?).'));
      return;
    }
    if (path.startsWith('/__sim/')) {
      const answer = handleAdmin(admin, method, path, parsed.searchParams, rawBody);
      if (answer.afterSend) res.once('finish', answer.afterSend);
      send(res, answer);
      return;
    }
    const req: SimRequest = {
      method,
      path,
      query: parsed.searchParams,
      headers: nodeReq.headers,
      rawBody,
      experimental: String(nodeReq.headers['x-sailpoint-experimental'] ?? '').toLowerCase() === 'true',
    };
    const latency = (o.latencyMs ?? 0) + (faults.current.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);
    const isToken = path === '/oauth/token';
    const isApi = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
    const isWrite = isApi && (method === 'POST' || method === 'DELETE');
    let wireFault: WireFault | undefined;
    let response: SimResponse | undefined;
    if (isApi && faults.shouldNeverAnswer()) {
      wireFault = 'never-answer';
    } else {
      response = faults.before(method, path, isToken);
      if (!response) {
        if (isToken) {
          response = method === 'POST' ? tokens.handleTokenRequest(req) : errorResponse(405, 'Use POST for /oauth/token.');
        } else if (isApi) {
          response = handleApiRequest(ctx, req);
        } else {
          response = errorResponse(404, `The server did not find a current representation for ${method} ${path}.`);
        }
      }
    }
    const succeeded = response !== undefined && response.status >= 200 && response.status < 300;
    const applied = isWrite ? succeeded && req.operation !== undefined : undefined;
    if (response && isApi) {
      const hasJson = response.json !== undefined || response.body !== undefined;
      if (applied) wireFault = faults.afterApply();
      if (!wireFault && succeeded && hasJson && faults.shouldMalform()) {
        wireFault = 'malformed';
        response = { status: 200, raw: malform(response.json ?? JSON.stringify(response.body)), headers: response.headers };
      }
      if (!wireFault && (faults.current.trickleBodyMs ?? 0) > 0) wireFault = 'trickle';
    }
    log.add({
      time: Date.now(),
      method,
      path,
      query: queryRecord(parsed.searchParams),
      status: response?.status ?? 0,
      clientId: req.clientId,
      experimental: req.experimental,
      ...(req.operation !== undefined && { operation: req.operation }),
      ...(applied !== undefined && { applied }),
      ...(req.taskId !== undefined && { taskId: req.taskId }),
      ...(wireFault !== undefined && { wireFault }),
      body: loggedBody(req, isToken),
    });
    if (!response) {
      unanswered.add(res);
      res.once('close', () => unanswered.delete(res));
      return;
    }
    if (wireFault === 'reset-after-apply') resetConnection(res);
    else if (wireFault === 'truncate-after-apply') sendTruncated(res, response);
    else if (wireFault === 'trickle') sendTrickled(res, response, faults.current.trickleBodyMs ?? 1);
    else send(res, response);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, errorResponse(500, `Simulator error: ${(e as Error).message}`));
      else res.destroy();
    });
  };
  const server: Server = o.tls ? createTlsServer({ key: o.tls.key, cert: o.tls.cert }, listener) : createServer(listener);
  server.keepAliveTimeout = 5000;
  const outage = new OutageControl(server, () => faults.forget('outageSeconds'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  url = `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  outage.apply(o.faults?.outageSeconds);

  return {
    url,
    clientId,
    clientSecret,
    get requests() {
      return log.records;
    },
    store,
    tasks: ctx.tasks,
    clearRequests: () => log.clear(),
    setFaults: (f) => {
      setFaults(f);
      outage.apply(f.outageSeconds);
    },
    requestsSince: (seq) => log.since(seq),
    expireTokens: () => tokens.expireAll(),
    reset: () => {
      admin.reset();
      outage.apply(undefined);
    },
    close: async () => {
      await outage.dispose();
      for (const pending of unanswered) pending.socket?.destroy();
      if (!server.listening) {
        server.closeAllConnections();
        return;
      }
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
