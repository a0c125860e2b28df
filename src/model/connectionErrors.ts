// Plain sentences for why a tenant connection failed (wrong secret, unknown host, TLS, proxy, ...). No `vscode` import.
import { isIscApiError } from '../api/errors';

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ConnectionProblem {
  kind: 'credentials' | 'forbidden' | 'host' | 'tls' | 'proxy' | 'refused' | 'timeout' | 'server' | 'other';
  message: string;
}

/** Explains a failed verifyCredentials (or any first call) for `baseUrl`. `proxyConfigured`: an HTTP(S)_PROXY is set. */
export function describeConnectionProblem(error: unknown, baseUrl: string, proxyConfigured = false): ConnectionProblem {
  let host = baseUrl;
  try {
    host = new URL(baseUrl).host;
  } catch {
    // keep the raw text
  }
  const code = codeOf(error);
  const isc = isIscApiError(error) ? error : undefined;
  const server = isc?.serverMessages.length ? ` ISC says: "${isc.serverMessages.join(' — ')}".` : '';
  if (isc?.kind === 'auth' || (isc?.status === 400 && isc.operation === 'oauth-token')) {
    return { kind: 'credentials', message: `The client ID or client secret was rejected by ${host}.${server} Check the personal access token (it may be expired or deleted).` };
  }
  if (isc?.kind === 'forbidden') {
    return { kind: 'forbidden', message: `The token works, but it lacks the rights to list identities on ${host}.${server}` };
  }
  if (isc?.status === 407 || /proxy/i.test(messageOf(error))) {
    return { kind: 'proxy', message: `The proxy refused the connection to ${host} (${messageOf(error)}). Check the proxy settings (http.proxy, HTTPS_PROXY).` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'host', message: `Unknown host ${host}: the name could not be resolved. Check the tenant name or API base URL${proxyConfigured ? ' (and the proxy settings)' : ''}.` };
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))) {
    return { kind: 'tls', message: `The TLS certificate of ${host} could not be verified (${code}). A proxy that inspects TLS needs its CA certificate trusted (NODE_EXTRA_CA_CERTS).` };
  }
  if (code === 'ECONNREFUSED') {
    return { kind: proxyConfigured ? 'proxy' : 'refused', message: `${proxyConfigured ? 'The proxy' : host} refused the connection (ECONNREFUSED).${proxyConfigured ? ' Check the proxy settings.' : ' Check the URL and port.'}` };
  }
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || /timeout/i.test(messageOf(error))) {
    return { kind: 'timeout', message: `${host} did not answer in time${proxyConfigured ? ' (through the proxy)' : ''}.` };
  }
  if (isc && (isc.kind === 'server' || isc.kind === 'badResponse' || isc.kind === 'notFound' || isc.kind === 'badRequest')) {
    return { kind: 'server', message: `${host} answered, but not like an ISC API: ${isc.message} Check that the URL is the API base URL (https://TENANT.api.identitynow.com).` };
  }
  return { kind: 'other', message: messageOf(error) };
}

/** The text an error node or notification shows: ISC's own messages when there are any. */
export function errorText(error: unknown): string {
  if (isIscApiError(error)) return error.message;
  return messageOf(error);
}
