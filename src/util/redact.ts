// Redaction of secrets before anything reaches a log line. No `vscode` import: src/api uses it too.

const PATTERNS: [RegExp, string][] = [
  [/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [REDACTED]'],
  [/((?:client_secret|access_token|refresh_token|password)=)[^&\s"']+/gi, '$1[REDACTED]'],
  [/("(?:client_secret|clientSecret|access_token|refresh_token|password|authorization|secret|token)"\s*:\s*")[^"]*"/gi, '$1[REDACTED]"'],
  // JWT-shaped strings anywhere.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\b/g, '[REDACTED-JWT]'],
];

const knownSecrets = new Set<string>();

/** Registers a secret value (client secret, token) so that it is cut from every later log line verbatim. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 4) knownSecrets.add(value);
}

export function forgetSecret(value: string | undefined | null): void {
  if (value) knownSecrets.delete(value);
}

/** Returns `text` with bearer tokens, JWTs, secret-looking fields and every registered secret replaced. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
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
