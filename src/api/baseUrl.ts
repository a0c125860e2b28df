// Normalisation of the API base URL a user types. The result never ends in `/` or `/v2025`.
import * as l10n from '@vscode/l10n';
import { domainToUnicode } from 'node:url';

export class InvalidBaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidBaseUrlError';
  }
}

const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * True only for literal loopback hosts: `localhost`, 127.0.0.0/8 and ::1. A name that merely ends in `.localhost`
 * is resolved by DNS like any other, so it gets no plain-http or no-proxy exemption.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return !!octets && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Where a base URL really points: for the Add Tenant confirmation before any secret is sent. */
export interface BaseUrlHost {
  /** The host as the network sees it (punycode for international names). */
  asciiHost: string;
  /** The same host as a person reads it (Unicode). */
  unicodeHost: string;
  /** True for *.identitynow.com and *.identitynow-demo.com (SailPoint's own domains). */
  isSailPointDomain: boolean;
  isLoopback: boolean;
}

export function describeBaseUrlHost(baseUrl: string): BaseUrlHost {
  const hostname = new URL(baseUrl).hostname.toLowerCase();
  const isSailPointDomain = /(^|\.)identitynow(-demo)?\.com$/.test(hostname);
  return { asciiHost: hostname, unicodeHost: domainToUnicode(hostname), isSailPointDomain, isLoopback: isLoopbackHost(hostname) };
}

/**
 * Turns user input into the API base URL without `/v2025`:
 * - `acme` → `https://acme.api.identitynow.com`
 * - `acme.api.identitynow.com` → `https://acme.api.identitynow.com`
 * - `https://acme.api.identitynow.com/v2025/` → `https://acme.api.identitynow.com`
 * - `http://127.0.0.1:4010` stays (plain http only for loopback hosts).
 * Throws InvalidBaseUrlError with a sentence a user can act on.
 */
export function normalizeBaseUrl(input: string): string {
  const text = (input ?? '').trim();
  if (!text) throw new InvalidBaseUrlError(l10n.t('The ISC API base URL is empty. Enter e.g. https://acme.api.identitynow.com or just the tenant name.'));
  if (/\s/.test(text)) throw new InvalidBaseUrlError(l10n.t('The ISC API base URL must not contain spaces: "{0}".', text));

  // Characters URL parsers disagree on: `https://evil.com\\@acme…` is host evil.com for WHATWG URL but may read as
  // acme… to a person. Refuse them rather than guess.
  if (text.includes('\\')) {
    throw new InvalidBaseUrlError(l10n.t('The ISC API base URL must not contain "\\" (got "{0}"); enter only the host, e.g. https://acme.api.identitynow.com.', text));
  }
  // A scheme with fewer than two slashes (`http:/127.0.0.1`, `https:acme…`) is a typo, not a host named "http".
  if (/^[a-z][a-z0-9+.-]*:(?!\/\/)/i.test(text) && !/^[^:/]+:\d+(\/|$)/.test(text)) {
    throw new InvalidBaseUrlError(l10n.t('"{0}" is not a valid URL: the scheme must be followed by "//", e.g. https://acme.api.identitynow.com.', text));
  }

  let candidate = text;
  if (TENANT_NAME.test(text)) candidate = `https://${text}.api.identitynow.com`;
  else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) candidate = `https://${text}`;

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new InvalidBaseUrlError(l10n.t('"{0}" is not a valid URL. Enter e.g. https://acme.api.identitynow.com.', text));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidBaseUrlError(l10n.t('The ISC API base URL must start with https:// (got {0}//).', url.protocol));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InvalidBaseUrlError(
      l10n.t('The ISC API base URL must use https:// — plain http is only allowed for localhost/127.0.0.1 (got {0}).', url.origin),
    );
  }
  if (url.username || url.password) {
    throw new InvalidBaseUrlError(l10n.t('The ISC API base URL must not contain a user name or password; credentials go in the client id/secret fields.'));
  }
  if (url.search || url.hash) {
    throw new InvalidBaseUrlError(l10n.t('The ISC API base URL must not contain a query or fragment (got {0}).', `${url.search}${url.hash}`));
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (/\/v2025$/i.test(path)) path = path.slice(0, -'/v2025'.length);
  path = path.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
