// HTTPS through an HTTP proxy: a keep-alive https.Agent whose connections are CONNECT tunnels (RFC 9110 §9.3.6),
// with Basic proxy credentials, and typed failures that say it was the proxy, not the server. The CONNECT is written
// on a plain socket rather than through `http.request`, which VS Code's extension host patches. No `vscode` import.
import * as https from 'node:https';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { ProxyConfigError, proxyForUrl } from './proxyConfig';
import type { NetworkOptions, ProxyEndpoint } from './proxyConfig';
import type { Logger } from '../util/redact';

export type ProxyFailureCode =
  /** 407: the proxy wants (other) credentials. */
  | 'ERR_PROXY_AUTH'
  /** Another status than 200 to the CONNECT (403 by policy, 502 target unreachable, ...). */
  | 'ERR_PROXY_REFUSED'
  /** No connection to the proxy itself (refused, unknown host, ...). */
  | 'ERR_PROXY_UNREACHABLE'
  /** The proxy did not answer the CONNECT in time, or answered something that is not HTTP. */
  | 'ERR_PROXY_TIMEOUT'
  | 'ERR_PROXY_PROTOCOL';

/** A tunnel that could not be opened: the request never reached the server. */
export class ProxyTunnelError extends Error {
  constructor(
    readonly code: ProxyFailureCode,
    message: string,
    /** The proxy's status answer to the CONNECT, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProxyTunnelError';
  }
}

/** The longest CONNECT answer head accepted (a proxy sends a few hundred bytes). */
const MAX_HEAD_BYTES = 16 * 1024;
const DEFAULT_TUNNEL_TIMEOUT_MS = 30_000;

function authority(host: string, port: number): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** Opens a tunnel to `host:port` through `proxy`; resolves with the raw socket once the proxy answered 200. */
export function openTunnel(proxy: ProxyEndpoint, host: string, port: number, timeoutMs = DEFAULT_TUNNEL_TIMEOUT_MS): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const target = authority(host, port);
    const socket = net.connect(proxy.port, proxy.host);
    let connected = false;
    let head = Buffer.alloc(0);
    const finish = (error?: ProxyTunnelError): void => {
      socket.setTimeout(0);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (!error) return;
      socket.destroy();
      reject(error);
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      const code = error.code ? ` (${error.code})` : '';
      finish(connected
        ? new ProxyTunnelError('ERR_PROXY_PROTOCOL', `proxy ${proxy.display} broke the connection${code}: ${error.message}`)
        : new ProxyTunnelError('ERR_PROXY_UNREACHABLE', `proxy ${proxy.display}${code}: ${error.message}`));
    };
    const onClose = (): void => finish(new ProxyTunnelError('ERR_PROXY_PROTOCOL', `proxy ${proxy.display} closed the connection without answering the CONNECT to ${target}`));
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) finish(new ProxyTunnelError('ERR_PROXY_PROTOCOL', `proxy ${proxy.display} sent no HTTP answer`));
        return;
      }
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const statusLine = /^HTTP\/1\.[01] (\d{3})\s*(.*)$/.exec(lines[0]);
      if (!statusLine) return finish(new ProxyTunnelError('ERR_PROXY_PROTOCOL', `proxy ${proxy.display} sent no HTTP answer`));
      const status = Number(statusLine[1]);
      const reason = `${status}${statusLine[2] ? ` ${statusLine[2]}` : ''}`;
      if (status === 200) {
        finish();
        const rest = head.subarray(end + 4);
        if (rest.length) socket.unshift(rest);
        resolve(socket);
      } else if (status === 407) {
        const asks = lines.find((line) => /^proxy-authenticate:/i.test(line))?.replace(/^[^:]+:\s*/, '').split(/\s/)[0];
        const none = proxy.authorization ? '' : '; the proxy URL holds no credentials';
        finish(new ProxyTunnelError('ERR_PROXY_AUTH', `proxy ${proxy.display} answered ${reason}${asks ? ` (it asks for ${asks})` : ''}${none}`, status));
      } else {
        finish(new ProxyTunnelError('ERR_PROXY_REFUSED', `proxy ${proxy.display} answered ${reason} to the CONNECT to ${target}`, status));
      }
    };
    socket.setTimeout(timeoutMs, () => finish(new ProxyTunnelError('ERR_PROXY_TIMEOUT', `proxy ${proxy.display} did not answer the CONNECT to ${target} within ${timeoutMs / 1000} s`)));
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.once('connect', () => {
      connected = true;
      const credentials = proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : '';
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${credentials}\r\n`);
    });
  });
}

interface ProxyTunnelAgentOptions extends https.AgentOptions {
  /** How long the proxy may take to answer a CONNECT (default 30 s). */
  tunnelTimeoutMs?: number;
}

/**
 * An https.Agent that reaches every host through `proxy`: it pools the TLS connections inside the tunnels like any
 * keep-alive agent, so a tunnel carries many requests.
 */
class ProxyTunnelAgent extends https.Agent {
  private readonly tunnelTimeoutMs: number;

  constructor(
    readonly proxy: ProxyEndpoint,
    options: ProxyTunnelAgentOptions = {},
  ) {
    super(options);
    this.tunnelTimeoutMs = options.tunnelTimeoutMs ?? DEFAULT_TUNNEL_TIMEOUT_MS;
  }

  override createConnection(options: https.RequestOptions, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    const port = Number(options.port ?? 443);
    // Node's agent takes the error alone when no connection came (its typings ask for a stream in every case).
    const done = callback as ((error: Error | null, stream?: Duplex) => void) | undefined;
    openTunnel(this.proxy, host, port, this.tunnelTimeoutMs).then(
      // The request's TLS options (ca, rejectUnauthorized, servername) hold for the server inside the tunnel.
      (socket) => done?.(null, tls.connect({ ...(options as tls.ConnectionOptions), socket })),
      (error: Error) => done?.(error),
    );
    return undefined;
  }
}

/**
 * Fails every request with `error` (a proxy setting this agent cannot use, e.g. socks://). In VS Code's default
 * `http.proxySupport: override` the extension host replaces the agent with its own, which can: the setting then works.
 */
class UnusableProxyAgent extends https.Agent {
  constructor(private readonly error: Error) {
    super();
  }

  override createConnection(_options: https.RequestOptions, callback?: (error: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const done = callback as ((error: Error | null, stream?: Duplex) => void) | undefined;
    process.nextTick(() => done?.(this.error));
    return undefined;
  }
}

/**
 * The keep-alive agent of the tenant at `baseUrl`: direct, through the proxy `network` names for it, or failing with
 * the reason its proxy setting cannot be used (logged once here).
 */
export function httpsAgentFor(baseUrl: string, network: NetworkOptions, agentOptions: https.AgentOptions, logger: Logger): { agent: https.Agent; proxy?: ProxyEndpoint } {
  try {
    const proxy = proxyForUrl(new URL(baseUrl), network);
    return proxy ? { agent: new ProxyTunnelAgent(proxy, agentOptions), proxy } : { agent: new https.Agent(agentOptions) };
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    logger.warn(`The proxy setting cannot be used by the ISC client: ${error.message}`);
    return { agent: new UnusableProxyAgent(error) };
  }
}
