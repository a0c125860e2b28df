// A bare node:http server on 127.0.0.1 for faults the simulator does not make: bodies trickled or cut off, answers
// that never come, resets after the request arrived, huge bodies. Token requests get a token unless told otherwise.
import * as http from 'node:http';
import type * as net from 'node:net';
import { randomBytes } from 'node:crypto';
import { IscClient } from '../../../src/api/iscClient';
import type { IscClientOptions } from '../../../src/api/iscClient';
import { FAST_LIMIT } from './helpers';

type FaultHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

interface ReceivedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: string;
}

export interface FaultServer {
  url: string;
  clientId: string;
  clientSecret: string;
  /** The token every token request gets. */
  token: string;
  /** Requests whose body arrived completely, in order. */
  received: ReceivedRequest[];
  /** Answers every request below /v2025 (replaces the previous handler). */
  onApi(handler: FaultHandler): void;
  /** Answers the token request instead of the default token (undefined restores it). */
  onToken(handler: FaultHandler | undefined): void;
  /** A client of this server with a generous limit and quick retries; options override. */
  client(options?: Partial<IscClientOptions>): IscClient;
  close(): Promise<void>;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Writes `text` one byte every `everyMs`; endless when `text` is undefined. Stops when the client goes away. */
export function trickle(res: http.ServerResponse, everyMs: number, text?: string): void {
  res.writeHead(200, { 'Content-Type': 'application/json', ...(text !== undefined ? { 'Content-Length': Buffer.byteLength(text) } : {}) });
  let index = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    if (text === undefined) {
      res.write(index++ === 0 ? '[' : ' ');
    } else if (index < text.length) {
      res.write(text[index++]);
    } else {
      clearInterval(timer);
      res.end();
    }
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}

async function startFaultServer(): Promise<FaultServer> {
  const token = `tok-${randomBytes(12).toString('hex')}`;
  const clientId = `cid-${randomBytes(4).toString('hex')}`;
  const clientSecret = `sec-${randomBytes(12).toString('hex')}`;
  const received: ReceivedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const clients: IscClient[] = [];
  let apiHandler: FaultHandler = (_req, res) => sendJson(res, 404, { message: 'no handler' });
  let tokenHandler: FaultHandler | undefined;
  const defaultToken: FaultHandler = (_req, res) => sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: 749 });

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      received.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
      if (path === '/oauth/token') (tokenHandler ?? defaultToken)(req, res, body);
      else apiHandler(req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    clientId,
    clientSecret,
    token,
    received,
    onApi: (handler) => void (apiHandler = handler),
    onToken: (handler) => void (tokenHandler = handler),
    client: (options = {}) => {
      const client = new IscClient({
        baseUrl: url,
        clientId,
        clientSecret,
        rateLimit: FAST_LIMIT,
        ...options,
        retry: { baseDelayMs: 10, maxDelayMs: 20, ...options.retry },
      });
      clients.push(client);
      return client;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.dispose();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A fresh fault server for each test of the enclosing `describe`, closed after it; call the result to get it. */
export function useFaultServer(): () => FaultServer {
  let server: FaultServer | undefined;
  beforeEach(async () => {
    server = await startFaultServer();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return () => {
    if (!server) throw new Error('the fault server runs only inside a test');
    return server;
  };
}
