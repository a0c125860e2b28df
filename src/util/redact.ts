// Redaction of secrets before anything reaches a log line. No `vscode` import: src/api uses it too.

const SECRET_KEYS = 'client_secret|clientSecret|access_token|refresh_token|password|authorization|secret|token';
const QUERY_KEYS = 'client_secret|access_token|refresh_token|password';

const PATTERNS: [RegExp, string][] = [
  // `Bearer abc`, also inside a URL-encoded or form-encoded text (`Bearer%20abc`, `Bearer+abc`).
  [/\b(Bearer|Basic)(\s+|%20|\+)(?!\[REDACTED)[A-Za-z0-9._~+/=%-]+/gi, '$1$2[REDACTED]'],
  // Form and query fields, plain (`client_secret=…`) or URL-encoded once more (`client_secret%3D…%26`).
  [new RegExp(`((?:${QUERY_KEYS})=)[^&\\s"']+`, 'gi'), '$1[REDACTED]'],
  [new RegExp(`((?:${QUERY_KEYS})%3D)(?:(?!%26)[^&\\s"'])+`, 'gi'), '$1[REDACTED]'],
  // JSON fields: `"client_secret":"…"`, and JSON inside a JSON string: `\"client_secret\":\"…\"`.
  [new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`, 'gi'), '$1[REDACTED]"'],
  [new RegExp(`(\\\\"(?:${SECRET_KEYS})\\\\"\\s*:\\s*\\\\")(?:(?!\\\\")[^"])*\\\\"`, 'gi'), '$1[REDACTED]\\"'],
  // JWT-shaped strings anywhere.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g, '[REDACTED-JWT]'],
];

/** Each registered secret with the spellings it takes on the way out: URL-encoded, form-encoded, JSON-escaped. */
const knownSecrets = new Map<string, string[]>();

function spellingsOf(secret: string): string[] {
  const forms = new Set<string>([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
  forms.add(JSON.stringify(secret).slice(1, -1));
  // Longest first, so that a spelling containing another is cut whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** Registers a secret value (client secret, token) so that it is cut from every later text, in any spelling. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 4 && !knownSecrets.has(value)) knownSecrets.set(value, spellingsOf(value));
}

export function forgetSecret(value: string | undefined | null): void {
  if (value) knownSecrets.delete(value);
}

/** Returns `text` with bearer tokens, JWTs, secret-looking fields and every registered secret replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const spellings of knownSecrets.values()) {
    for (const spelling of spellings) {
      if (out.includes(spelling)) out = out.split(spelling).join('[REDACTED]');
    }
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** A copy of a parsed JSON value with every string redacted (error bodies kept on errors). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (!value || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactValue(item, depth + 1);
  return out;
}

/** A minimal logger shape that src/api and src/model accept, so that they stay free of `vscode`. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
