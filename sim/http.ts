// Request/response plumbing shared by the simulator's handlers.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ErrorResponseBody } from '../src/api/types';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  /** Client id of the bearer token (set once authenticated). */
  clientId?: string;
  experimental: boolean;
  /** Set by the router: the operation id of the matched route, once the request reached its handler. */
  operation?: string;
  /** Set by handlers that start an ISC task (invite, process). */
  taskId?: string;
}

export interface SimResponse {
  status: number;
  /** JSON-serialised unless `raw` is given. Undefined → empty body. */
  body?: unknown;
  raw?: string;
  /** An already JSON-serialised body (served like `body`, incl. the malformed-body fault). */
  json?: string;
  headers?: Record<string, string>;
  /** Runs once the response has been written (admin: an outage starts only after its request got the answer). */
  afterSend?: () => void;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function trackingId(): string {
  return randomBytes(16).toString('hex');
}

const DETAIL_CODES: Record<number, string> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  500: '500.0 Internal Fault',
  502: '502 Bad Gateway',
  503: '503 Service Unavailable',
};

function errorBody(status: number, text: string, causes?: string[]): ErrorResponseBody {
  const body: ErrorResponseBody = {
    detailCode: DETAIL_CODES[status] ?? `${status} Error`,
    trackingId: trackingId(),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
  };
  if (causes && causes.length > 0) body.causes = causes.map((c) => ({ locale: 'en-US', localeOrigin: 'DEFAULT', text: c }));
  return body;
}

export function errorResponse(status: number, text: string, causes?: string[]): SimResponse {
  return { status, body: errorBody(status, text, causes) };
}

export function badRequest(text: string): SimResponse {
  return errorResponse(400, text);
}

export function notFound(what: string, id: string): SimResponse {
  return errorResponse(404, `The server did not find a current representation for the target resource: ${what} '${id}' was not found.`);
}

export function tooManyRequests(retryAfterMs: number, message = ' Rate Limit Exceeded '): SimResponse {
  return {
    status: 429,
    body: { message },
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  };
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

/** Parses a JSON request body; returns a 400 response when it is missing or malformed. */
export function parseJsonBody(req: SimRequest): { ok: true; value: unknown } | { ok: false; response: SimResponse } {
  if (req.rawBody.trim() === '') return { ok: false, response: badRequest('The request body is required.') };
  try {
    return { ok: true, value: JSON.parse(req.rawBody) as unknown };
  } catch (e) {
    return { ok: false, response: badRequest(`The request body is not valid JSON: ${(e as Error).message}`) };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
