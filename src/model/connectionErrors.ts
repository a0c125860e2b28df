// Plain sentences for why a tenant connection failed (wrong secret, unknown host, TLS, proxy, ...). No `vscode` import.
import { isIscApiError } from '../api/errors';

/** Errors that a sign-in fixes: missing or rejected credentials. */
export function isSignInError(error: unknown): boolean {
  return isIscApiError(error) && (error.kind === 'auth' || (error.operation === 'oauth-token' && error.status === 400));
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Node's codes for a certificate chain that ends in no trusted CA (a TLS-inspecting proxy, a private CA). */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_UNTRUSTED',
]);

const TRUST_ADVICE =
  'If your network inspects TLS (a corporate proxy), trust its CA certificate: add it to the system certificate store ' +
  '(VS Code reads it: http.systemCertificates), or save it as a PEM file, point the NODE_EXTRA_CA_CERTS environment ' +
  'variable at it and restart VS Code. Setting http.proxyStrictSSL to false turns the check off, but then anyone on ' +
  'the way can read the client secret.';

const PROXY_CREDENTIALS_ADVICE =
  'The proxy refused the credentials (407 Proxy Authentication Required): check the user name and password in the ' +
  'proxy URL, in the http.proxy setting or HTTPS_PROXY, as http://USER:PASSWORD@HOST:PORT (special characters percent-encoded).';

const PROXY_ADVICE = 'Check the proxy settings (http.proxy or HTTPS_PROXY, and http.noProxy or NO_PROXY for hosts reached directly).';

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

function isProxyCredentialsProblem(error: unknown, code: string | undefined): boolean {
  return code === 'ERR_PROXY_AUTH' || (isIscApiError(error) && error.status === 407);
}

function isProxyProblem(error: unknown, code: string | undefined): boolean {
  if (isProxyCredentialsProblem(error, code) || code?.startsWith('ERR_PROXY')) return true;
  // VS Code's proxy support fails with "Failed to establish a socket connection to proxies: …" and no code. An HTTP
  // answer came from the server (or its gateway), whatever its text says.
  const answered = isIscApiError(error) && error.status !== undefined;
  return !answered && /\bprox(y|ies)\b/i.test(messageOf(error));
}

/** What to do about a certificate or proxy failure; undefined for every other error. */
function networkAdvice(error: unknown, code: string | undefined): string | undefined {
  if (isProxyCredentialsProblem(error, code)) return PROXY_CREDENTIALS_ADVICE;
  if (isProxyProblem(error, code)) return PROXY_ADVICE;
  if (code && UNTRUSTED_CODES.has(code)) return TRUST_ADVICE;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'Check the computer\'s clock; a proxy that inspects TLS may present an outdated certificate.';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `The certificate is for another host: check the API base URL. ${TRUST_ADVICE}`;
  return undefined;
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
  if (isProxyProblem(error, code)) {
    return { kind: 'proxy', message: `The connection to ${host} through the proxy failed: ${messageOf(error)} ${networkAdvice(error, code)}` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { kind: 'host', message: `Unknown host ${host}: the name could not be resolved. Check the tenant name or API base URL${proxyConfigured ? ' (and the proxy settings)' : ''}.` };
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))) {
    const advice = networkAdvice(error, code) ?? 'A proxy that inspects TLS needs its CA certificate trusted (NODE_EXTRA_CA_CERTS).';
    const what = UNTRUSTED_CODES.has(code) ? 'is not trusted' : 'could not be verified';
    return { kind: 'tls', message: `The TLS certificate of ${host} ${what} (${code}). ${advice}` };
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

/** The text an error node or notification shows: ISC's own messages when there are any, and for a certificate or
 * proxy failure what to do about it. */
export function errorText(error: unknown): string {
  const text = isIscApiError(error) ? error.message : messageOf(error);
  const advice = networkAdvice(error, codeOf(error));
  return advice ? `${text} ${advice}` : text;
}
