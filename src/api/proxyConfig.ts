// Which route a request takes on a corporate network: the proxy (VS Code's `http.proxy`, else HTTPS_PROXY), the
// hosts that bypass it (NO_PROXY, `http.noProxy`, always literal loopback), and the certificates trusted on top of
// Node's own (NODE_EXTRA_CA_CERTS). No `vscode` import: the config room reads the settings and hands them down.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as tls from 'node:tls';
import { isLoopbackHost } from './baseUrl';

/** How the transport reaches the tenant. Everything optional: an empty object is a direct connection. */
export interface NetworkOptions {
  /** `http://[user:password@]host[:port]`; a bare `host:port` is read as http. */
  proxyUrl?: string;
  /** NO_PROXY entries: `*`, `example.com` (and its subdomains), `.example.com`, `*.example.com`, `host:port`, IPs. */
  noProxy?: string[];
  /** CA certificates (PEM) that replace Node's default trust store for the tenant's TLS connections. */
  ca?: string[];
  /** False turns certificate verification off (VS Code's `http.proxyStrictSSL: false`). */
  rejectUnauthorized?: boolean;
}

/** The TLS options of NetworkOptions, as they go on an agent and a request. */
export type TlsTrust = Pick<NetworkOptions, 'ca' | 'rejectUnauthorized'>;

/** The TLS options of `network`, only those set (an explicit `undefined` would still change an agent's pool key). */
export function tlsTrustOf(network: NetworkOptions): TlsTrust {
  return {
    ...(network.ca ? { ca: network.ca } : {}),
    ...(network.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
  };
}

/** A proxy to open CONNECT tunnels through. */
export interface ProxyEndpoint {
  host: string;
  port: number;
  /** `Basic …` from the credentials in the proxy URL. */
  authorization?: string;
  /** `host:port` without credentials: for messages and logs. */
  display: string;
}

export class ProxyConfigError extends Error {
  readonly code = 'ERR_PROXY_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ProxyConfigError';
  }
}

/** The proxy for HTTPS requests from the environment (HTTPS_PROXY, then HTTP_PROXY; either case) and its NO_PROXY. */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv): Pick<NetworkOptions, 'proxyUrl' | 'noProxy'> {
  const proxyUrl = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || undefined;
  return { proxyUrl: proxyUrl?.trim() || undefined, noProxy: splitNoProxy(env.NO_PROXY ?? env.no_proxy) };
}

/** `a.com, .b.com  c.com` → entries. */
export function splitNoProxy(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).map((entry) => entry.trim()).filter(Boolean);
}

/** Parses a proxy URL; throws ProxyConfigError (no credentials in the text) for anything but http proxies. */
export function parseProxyUrl(text: string): ProxyEndpoint {
  const raw = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProxyConfigError(l10n.t('The proxy setting is not a valid URL (expected http://host:port).'));
  }
  if (url.protocol !== 'http:') {
    throw new ProxyConfigError(
      l10n.t('Proxies of type {0}// are not supported: use an http:// proxy (CONNECT), or leave http.proxySupport at "override" so that VS Code routes the requests.', url.protocol),
    );
  }
  if (!url.hostname) throw new ProxyConfigError(l10n.t('The proxy setting has no host (expected http://host:port).'));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 80;
  const endpoint: ProxyEndpoint = { host, port, display: `${url.hostname}:${port}` };
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    endpoint.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  }
  return endpoint;
}

/** `[::1]:8080` → { host: '::1', port: 8080 }; `a.com:8080`, `a.com`, and a bare IPv6 address likewise. */
function parseNoProxyEntry(entry: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { host: withPort[1], port: Number(withPort[2]) };
  return { host: entry };
}

/** True when `hostname:port` matches a NO_PROXY entry (a domain entry matches its subdomains too). */
export function bypassesProxy(hostname: string, port: number, noProxy: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  return noProxy.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const parsed = parseNoProxyEntry(entry);
    if (parsed.port !== undefined && parsed.port !== port) return false;
    const domain = parsed.host.replace(/^\*?\./, '').replace(/\.$/, '');
    return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
  });
}

/**
 * The proxy a request to `target` goes through, or undefined for a direct connection. Literal loopback hosts are
 * always direct (the local simulator, a tunnel on this machine). Throws ProxyConfigError for an unusable proxy URL.
 */
export function proxyForUrl(target: URL, options: NetworkOptions): ProxyEndpoint | undefined {
  if (!options.proxyUrl || isLoopbackHost(target.hostname)) return undefined;
  const port = target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
  if (bypassesProxy(target.hostname, port, options.noProxy ?? [])) return undefined;
  return parseProxyUrl(options.proxyUrl);
}

/** The PEM certificates of a bundle file (several `-----BEGIN CERTIFICATE-----` blocks). */
function certificatesOf(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * Node's roots plus the certificates of NODE_EXTRA_CA_CERTS, as an explicit `ca`; undefined when the variable is unset
 * (Node's default store is then right as it is). Explicit because VS Code's extension host adds the system
 * certificates to each TLS context (`http.systemCertificates`), and a context extended that way no longer holds
 * NODE_EXTRA_CA_CERTS: without this the variable has no effect on extensions. Throws when the file cannot be read.
 */
export function extraCaTrust(env: NodeJS.ProcessEnv): string[] | undefined {
  const file = env.NODE_EXTRA_CA_CERTS?.trim();
  if (!file) return undefined;
  const extra = certificatesOf(fs.readFileSync(file, 'utf8'));
  if (extra.length === 0) throw new Error(l10n.t('NODE_EXTRA_CA_CERTS ({0}) holds no PEM certificate.', file));
  return [...tls.rootCertificates, ...extra];
}
