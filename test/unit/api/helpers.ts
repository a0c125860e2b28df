// Shared helpers of the API client tests: simulator start-up, clients, capturing loggers, request-log queries.
import * as assert from 'assert';
import * as net from 'net';
import { startSimulator } from '../../../sim/server';
import type { SimRequestRecord, Simulator, SimulatorOptions } from '../../../sim/server';
import { IscClient } from '../../../src/api/iscClient';
import type { IscClientOptions } from '../../../src/api/iscClient';
import { IscApiError } from '../../../src/api/errors';
import type { IscErrorKind } from '../../../src/api/errors';
import type { Logger } from '../../../src/util/redact';

export { FIXTURE_IDS, OBRIEN_NAME, HOSTILE_NAME } from '../../../sim/fixtures';

/** A generous client-side limit for tests that are not about rate limiting. */
export const FAST_LIMIT = { requests: 10_000, windowMs: 1000 };

export async function startSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ port: 0, identities: 2000, seed: 1, rateLimit: false, ...options });
}

export function clientFor(sim: Simulator, options: Partial<IscClientOptions> = {}): IscClient {
  return new IscClient({
    baseUrl: sim.url,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    rateLimit: FAST_LIMIT,
    ...options,
  });
}

export function apiRequests(sim: Simulator, since = 0): SimRequestRecord[] {
  return sim.requests.filter((r) => r.seq > since && r.path.startsWith('/v2025'));
}

export function tokenRequests(sim: Simulator, since = 0): SimRequestRecord[] {
  return sim.requests.filter((r) => r.seq > since && r.path === '/oauth/token');
}

export function lastSeq(sim: Simulator): number {
  const records = sim.requests;
  return records.length ? records[records.length - 1].seq : 0;
}

export interface CapturingLogger extends Logger {
  lines: string[];
}

export function capturingLogger(): CapturingLogger {
  const lines: string[] = [];
  const push = (level: string) => (message: string | Error) => {
    lines.push(`${level} ${message instanceof Error ? `${message.name}: ${message.message}` : message}`);
  };
  return { lines, trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** Asserts that `promise` rejects with an IscApiError of `kind`, and returns it. */
export async function expectApiError(promise: Promise<unknown>, kind: IscErrorKind): Promise<IscApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof IscApiError, `expected IscApiError, got ${String(error)}`);
    assert.strictEqual(error.kind, kind, `expected kind ${kind}, got ${error.kind}: ${error.message}`);
    return error;
  }
  assert.fail(`expected an IscApiError of kind ${kind}, but the call succeeded`);
}

export async function adminGet<T>(sim: Simulator, path: string): Promise<T> {
  const response = await fetch(`${sim.url}${path}`);
  assert.strictEqual(response.status, 200, `GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Elapsed milliseconds of `fn`. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/**
 * A transparent TCP relay in front of the simulator that records the raw HTTP request heads, to check the exact
 * bytes the client puts on the wire (query encoding, headers). Every request still goes to the simulator.
 */
export interface WireTap {
  url: string;
  heads: string[];
  close(): Promise<void>;
}

export async function wireTap(sim: Simulator): Promise<WireTap> {
  const target = new URL(sim.url);
  const heads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let buffer = '';
    client.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const head = buffer.slice(0, end);
        const lengthMatch = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        const bodyLength = lengthMatch ? Number(lengthMatch[1]) : 0;
        if (buffer.length < end + 4 + bodyLength) break;
        heads.push(head);
        buffer = buffer.slice(end + 4 + bodyLength);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    heads,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
