// Plain sentences for why a tenant connection failed (wrong secret, unknown host, TLS, proxy, ...). No `vscode` import.
import * as l10n from '@vscode/l10n';
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

// Functions, not constants: read when the sentence is built, after activation configured the translations.
function trustAdvice(): string {
  return l10n.t(
    'If your network inspects TLS (a corporate proxy), trust its CA certificate: add it to the system certificate store (VS Code reads it: http.systemCertificates), or save it as a PEM file, point the NODE_EXTRA_CA_CERTS environment variable at it and restart VS Code. Setting http.proxyStrictSSL to false turns the check off, but then anyone on the way can read the client secret.',
  );
}

function proxyCredentialsAdvice(): string {
  return l10n.t(
    'The proxy refused the credentials (407 Proxy Authentication Required): check the user name and password in the proxy URL, in the http.proxy setting or HTTPS_PROXY, as http://USER:PASSWORD@HOST:PORT (special characters percent-encoded).',
  );
}

function proxyAdvice(): string {
  return l10n.t('Check the proxy settings (http.proxy or HTTPS_PROXY, and http.noProxy or NO_PROXY for hosts reached directly).');
}

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
  if (isProxyCredentialsProblem(error, code)) return proxyCredentialsAdvice();
  if (isProxyProblem(error, code)) return proxyAdvice();
  if (code && UNTRUSTED_CODES.has(code)) return trustAdvice();
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return l10n.t("Check the computer's clock; a proxy that inspects TLS may present an outdated certificate.");
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return l10n.t('The certificate is for another host: check the API base URL. {0}', trustAdvice());
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
  const said = isc?.serverMessages.length ? isc.serverMessages.join(' — ') : undefined;
  if (isc?.kind === 'auth' || (isc?.status === 400 && isc.operation === 'oauth-token')) {
    const message = said
      ? l10n.t('The client ID or client secret was rejected by {0}. ISC says: "{1}". Check the personal access token (it may be expired or deleted).', host, said)
      : l10n.t('The client ID or client secret was rejected by {0}. Check the personal access token (it may be expired or deleted).', host);
    return { kind: 'credentials', message };
  }
  if (isc?.kind === 'forbidden') {
    const message = said
      ? l10n.t('The token works, but it lacks the rights to list identities on {0}. ISC says: "{1}".', host, said)
      : l10n.t('The token works, but it lacks the rights to list identities on {0}.', host);
    return { kind: 'forbidden', message };
  }
  if (isProxyProblem(error, code)) {
    return { kind: 'proxy', message: l10n.t('The connection to {0} through the proxy failed: {1} {2}', host, messageOf(error), networkAdvice(error, code) ?? '') };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const message = proxyConfigured
      ? l10n.t('Unknown host {0}: the name could not be resolved. Check the tenant name or API base URL (and the proxy settings).', host)
      : l10n.t('Unknown host {0}: the name could not be resolved. Check the tenant name or API base URL.', host);
    return { kind: 'host', message };
  }
  if (code && (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))) {
    const advice = networkAdvice(error, code) ?? l10n.t('A proxy that inspects TLS needs its CA certificate trusted (NODE_EXTRA_CA_CERTS).');
    const message = UNTRUSTED_CODES.has(code)
      ? l10n.t('The TLS certificate of {0} is not trusted ({1}). {2}', host, code, advice)
      : l10n.t('The TLS certificate of {0} could not be verified ({1}). {2}', host, code, advice);
    return { kind: 'tls', message };
  }
  if (code === 'ECONNREFUSED') {
    return proxyConfigured
      ? { kind: 'proxy', message: l10n.t('The proxy refused the connection (ECONNREFUSED). Check the proxy settings.') }
      : { kind: 'refused', message: l10n.t('{0} refused the connection (ECONNREFUSED). Check the URL and port.', host) };
  }
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED' || /timeout/i.test(messageOf(error))) {
    return { kind: 'timeout', message: proxyConfigured ? l10n.t('{0} did not answer in time (through the proxy).', host) : l10n.t('{0} did not answer in time.', host) };
  }
  if (isc && (isc.kind === 'server' || isc.kind === 'badResponse' || isc.kind === 'notFound' || isc.kind === 'badRequest')) {
    return {
      kind: 'server',
      message: l10n.t('{0} answered, but not like an ISC API: {1} Check that the URL is the API base URL (https://TENANT.api.identitynow.com).', host, isc.message),
    };
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
