// An HTTP CONNECT proxy on 127.0.0.1 that requires Basic proxy authentication, like a corporate proxy. It resolves
// some host names itself (`sim.test` → 127.0.0.1): only the proxy knows where they are, as in a corporate network.
// Plain `GET /__proxy/stats` answers the tunnel counts, so that a test can prove its traffic went through.
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as net from 'net';

export interface ProxyStats {
  /** Tunnels opened to a target. */
  tunnels: number;
  /** CONNECT requests answered 407 (no or wrong credentials). */
  refused: number;
  /** Targets of the opened tunnels (`host:port`). */
  targets: string[];
}

export interface ConnectProxy {
  /** http://127.0.0.1:PORT (no credentials). */
  url: string;
  port: number;
  stats: ProxyStats;
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  user: string;
  password: string;
  /** Host names the proxy resolves itself, e.g. `{ 'sim.test': '127.0.0.1' }`. */
  hosts?: Record<string, string>;
}

function authorized(header: string | undefined, expected: string): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  return !!match && Buffer.from(match[1], 'base64').toString('utf8') === expected;
}

export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const stats: ProxyStats = { tunnels: 0, refused: 0, targets: [] };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    // Only CONNECT is proxied; a plain request to the proxy itself gets the stats (or 405 for anything else).
    if (req.method === 'GET' && req.url === '/__proxy/stats') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
      return;
    }
    res.writeHead(405, { 'content-type': 'text/plain' }).end('This proxy only tunnels (CONNECT).\n');
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy());
    if (!authorized(req.headers['proxy-authorization'], `${options.user}:${options.password}`)) {
      stats.refused++;
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const [host, portText] = (req.url ?? '').split(/:(?=\d+$)/);
    const port = Number(portText);
    if (!host || !Number.isInteger(port)) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    let established = false;
    const upstream = net.connect(port, options.hosts?.[host.toLowerCase()] ?? host, () => {
      established = true;
      stats.tunnels++;
      stats.targets.push(`${host}:${port}`);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!established) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
