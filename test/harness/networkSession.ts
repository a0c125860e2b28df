// The corporate network of the "network" integration session, all on 127.0.0.1: two HTTPS simulators whose
// certificates come from throw-away CAs (one trusted through NODE_EXTRA_CA_CERTS, one not) and an HTTP CONNECT proxy
// that requires Basic credentials. The simulators are reached as https://sim.test:PORT, a name only the proxy resolves,
// and the proxy is configured the way a user would: VS Code's `http.proxy` setting with the credentials in the URL.
import * as path from 'path';
import { startConnectProxy } from './connectProxy';
import type { ConnectProxy } from './connectProxy';
import type { HarnessSimulator } from './simulator';
import { startHarnessSimulator } from './simulator';
import { createTestCa, opensslAvailable } from './testCa';

export const PROXY_USER = 'proxy-user';
export const PROXY_PASSWORD = 'proxy-pass-5d81';
/** The host name of the simulators behind the proxy (in their certificates' SAN). */
export const SIM_HOST = 'sim.test';

export interface NetworkFixture {
  /** Environment of code-server (and so of the extension host and its tests). */
  env: Record<string, string | undefined>;
  /** VS Code user settings. */
  settings: Record<string, unknown>;
  close(): Promise<void>;
}

/** Undefined (with the reason printed) when `openssl` is missing. */
export async function startNetworkFixture(dir: string): Promise<NetworkFixture | undefined> {
  if (!opensslAvailable()) {
    console.log('[integration] session "network" skipped: `openssl` is not installed (apt-get install openssl)');
    return undefined;
  }
  const trusted = createTestCa(dir, 'trusted', [SIM_HOST]);
  const untrusted = createTestCa(dir, 'untrusted', [SIM_HOST]);
  const started: { close(): Promise<void> }[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(started.map((s) => s.close().catch(() => undefined)));
  };
  try {
    const sim: HarnessSimulator = await startHarnessSimulator({ identities: 300, tls: { key: trusted.key, cert: trusted.cert } });
    started.push(sim);
    const untrustedSim = await startHarnessSimulator({ identities: 30, tls: { key: untrusted.key, cert: untrusted.cert } });
    started.push(untrustedSim);
    const proxy: ConnectProxy = await startConnectProxy({ user: PROXY_USER, password: PROXY_PASSWORD, hosts: { [SIM_HOST]: '127.0.0.1' } });
    started.push(proxy);
    const behindProxy = (url: string): string => url.replace('127.0.0.1', SIM_HOST);
    const proxyWithCredentials = `http://${encodeURIComponent(PROXY_USER)}:${encodeURIComponent(PROXY_PASSWORD)}@127.0.0.1:${proxy.port}`;
    return {
      env: {
        NODE_EXTRA_CA_CERTS: trusted.caFile,
        ISC_NET_SIM_URL: behindProxy(sim.url),
        ISC_NET_SIM_DIRECT_URL: sim.url,
        ISC_NET_UNTRUSTED_SIM_URL: behindProxy(untrustedSim.url),
        ISC_NET_PROXY_URL: proxy.url,
        ISC_NET_PROXY_USER: PROXY_USER,
        ISC_NET_PROXY_PASSWORD: PROXY_PASSWORD,
        ISC_NET_CA_FILE: trusted.caFile,
        ISC_NET_UNTRUSTED_CA_FILE: path.join(dir, 'untrusted', 'ca.pem'),
        ISC_SIM_CLIENT_ID: sim.clientId,
        ISC_SIM_CLIENT_SECRET: sim.clientSecret,
      },
      settings: { 'http.proxy': proxyWithCredentials },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
