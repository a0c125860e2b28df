// A raw HTTP client for wire-level simulator tests: one new connection per request, and a record of what arrived
// when (headers, each body chunk) and how the exchange ended (complete, reset, cut short, refused, given up).

import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

export interface RawOutcome {
  status?: number;
  headers?: IncomingHttpHeaders;
  body: Buffer;
  /** Ms from the start of the request until the headers arrived. */
  headersAtMs?: number;
  /** Size of each body chunk as it arrived. */
  chunkSizes: number[];
  /** Whether the whole body announced by the headers arrived. */
  complete: boolean;
  /** How the exchange failed: an error code (ECONNRESET, ECONNREFUSED), 'aborted' (body cut short) or 'timeout'. */
  error?: string;
  durationMs: number;
}

export interface RawRequestOptions {
  headers?: Record<string, string>;
  body?: string;
  /** The client gives up (destroys the request) after this many ms; default 5000. */
  timeoutMs?: number;
}

export function rawRequest(baseUrl: string, method: string, path: string, options: RawRequestOptions = {}): Promise<RawOutcome> {
  const started = Date.now();
  const url = new URL(path, baseUrl);
  return new Promise((resolve) => {
    const outcome: RawOutcome = { body: Buffer.alloc(0), chunkSizes: [], complete: false, durationMs: 0 };
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined && outcome.error === undefined) outcome.error = error;
      outcome.body = Buffer.concat(chunks);
      outcome.durationMs = Date.now() - started;
      resolve(outcome);
    };
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    const req = request(url, { method, headers, agent: false }, (res) => {
      outcome.status = res.statusCode;
      outcome.headers = res.headers;
      outcome.headersAtMs = Date.now() - started;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        outcome.chunkSizes.push(chunk.length);
      });
      res.on('aborted', () => (outcome.error ??= 'aborted'));
      res.on('error', () => (outcome.error ??= 'aborted'));
      res.on('end', () => {
        outcome.complete = res.complete;
        if (!res.complete) outcome.error ??= 'aborted';
        finish();
      });
      res.on('close', () => finish(res.complete ? undefined : 'aborted'));
    });
    const timer = setTimeout(() => {
      outcome.error ??= 'timeout';
      req.destroy();
      finish('timeout');
    }, options.timeoutMs ?? 5000);
    req.on('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
    req.end(options.body);
  });
}

/** Headers of an authenticated v2025 call with a JSON body. */
export function apiHeaders(token: string, json = false): Record<string, string> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'X-SailPoint-Experimental': 'true', Accept: 'application/json' };
  if (json) headers['Content-Type'] = 'application/json';
  return headers;
}
