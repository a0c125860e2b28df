// VS Code's own network settings the ISC client honours, the way a user sets them for every extension: `http.proxy`
// (credentials in the URL), `http.noProxy`, `http.proxyStrictSSL`, with HTTPS_PROXY / NO_PROXY / NODE_EXTRA_CA_CERTS
// from the environment. The setting wins over the environment, as in VS Code's own proxy support.
import * as vscode from 'vscode';
import { extraCaTrust, proxyFromEnvironment } from '../api/proxyConfig';
import type { NetworkOptions } from '../api/proxyConfig';
import type { Logger } from '../util/redact';
import { registerSecret } from '../util/redact';

/** The settings whose change rebuilds the tenants' clients. */
export const NETWORK_SETTING_KEYS = ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL'] as const;

/** Registers the password of a proxy URL as a secret, so that no log line or error text shows it. */
function registerProxyPassword(proxyUrl: string | undefined): void {
  if (!proxyUrl) return;
  try {
    const password = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxyUrl) ? proxyUrl : `http://${proxyUrl}`).password;
    registerSecret(password);
    registerSecret(decodeURIComponent(password));
  } catch {
    // not a URL: the transport reports it
  }
}

export function readNetworkOptions(env: NodeJS.ProcessEnv, logger: Logger): NetworkOptions {
  const http = vscode.workspace.getConfiguration('http');
  const fromEnv = proxyFromEnvironment(env);
  const proxyUrl = http.get<string>('proxy')?.trim() || fromEnv.proxyUrl;
  registerProxyPassword(proxyUrl);
  // As in VS Code: a non-empty `http.noProxy` replaces NO_PROXY.
  const noProxySetting = http.get<string[]>('noProxy') ?? [];
  const noProxy = Array.isArray(noProxySetting) && noProxySetting.length > 0 ? noProxySetting.map(String) : fromEnv.noProxy;
  let ca: string[] | undefined;
  try {
    ca = extraCaTrust(env);
  } catch (error) {
    logger.warn(`NODE_EXTRA_CA_CERTS is set but not used: ${error instanceof Error ? error.message : String(error)}`);
  }
  const strictSsl = http.get<boolean>('proxyStrictSSL', true) !== false;
  if (!strictSsl) logger.warn('http.proxyStrictSSL is false: the certificates of ISC tenants are not verified.');
  return { proxyUrl, noProxy, ca, ...(strictSsl ? {} : { rejectUnauthorized: false }) };
}
