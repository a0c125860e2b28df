// OAuth client credentials and bearer tokens of the simulator.
// Tokens look like JWTs (header.payload.signature, HS256 over a per-process key) but are validated by lookup,
// so revoking / expiring them is exact.

import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from './http';

export interface SimClient {
  clientId: string;
  clientSecret: string;
  /** Read-only clients get 403 on every non-GET /v2025 operation. */
  readOnly?: boolean;
}

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export type AuthResult = { ok: true; client: SimClient } | { ok: false; response: SimResponse };

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export class TokenService {
  private readonly key = randomBytes(32);
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly clients = new Map<string, SimClient>();

  constructor(
    clients: SimClient[],
    public lifetimeSec: number,
    private readonly tenantId: string,
  ) {
    for (const client of clients) this.clients.set(client.clientId, client);
  }

  addClient(client: SimClient): void {
    this.clients.set(client.clientId, client);
  }

  issue(clientId: string, now = Date.now()): { token: string; expiresIn: number; jti: string } {
    this.purge(now);
    const jti = randomUUID();
    const exp = Math.floor(now / 1000) + this.lifetimeSec;
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({ tenant_id: this.tenantId, internal: false, pod: 'sim', org: 'sim', client_id: clientId, scope: ['sp:scopes:all'], exp, jti }),
    );
    const signature = createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${signature}`;
    this.tokens.set(token, { clientId, expiresAt: now + this.lifetimeSec * 1000 });
    return { token, expiresIn: this.lifetimeSec, jti };
  }

  /** Makes every issued token invalid (as if all expired). */
  expireAll(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** Validates the Authorization header of an API request. */
  authenticate(req: SimRequest, now = Date.now()): AuthResult {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) return { ok: false, response: unauthorized('Missing or malformed Authorization header; expected "Bearer <token>"') };
    const issued = this.tokens.get(match[1]);
    if (!issued) return { ok: false, response: unauthorized('JWT validation failed: invalid token') };
    if (issued.expiresAt <= now) return { ok: false, response: unauthorized('JWT validation failed: JWT is expired') };
    const client = this.clients.get(issued.clientId);
    if (!client) return { ok: false, response: unauthorized('JWT validation failed: unknown client') };
    return { ok: true, client };
  }

  /** POST /oauth/token (client_credentials via form body, query string, or HTTP Basic). */
  handleTokenRequest(req: SimRequest): SimResponse {
    const params = new URLSearchParams(req.query);
    const contentType = String(req.headers['content-type'] ?? '');
    if (req.rawBody && !contentType.includes('json')) {
      for (const [k, v] of new URLSearchParams(req.rawBody)) params.set(k, v);
    } else if (req.rawBody && contentType.includes('json')) {
      return oauthError(400, 'invalid_request', 'The token endpoint expects application/x-www-form-urlencoded parameters');
    }
    const basic = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''));
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep > 0) {
        params.set('client_id', decodeURIComponent(decoded.slice(0, sep)));
        params.set('client_secret', decodeURIComponent(decoded.slice(sep + 1)));
      }
    }
    const grantType = params.get('grant_type');
    if (!grantType) return oauthError(400, 'invalid_request', 'Missing grant_type');
    if (grantType !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`);
    const clientId = params.get('client_id');
    const secret = params.get('client_secret');
    if (!clientId || !secret) return oauthError(401, 'invalid_client', 'Missing client_id or client_secret');
    const client = this.clients.get(clientId);
    if (!client || client.clientSecret !== secret) return oauthError(401, 'invalid_client', 'Bad credentials');
    const { token, expiresIn, jti } = this.issue(clientId);
    return {
      status: 200,
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
      body: {
        access_token: token,
        token_type: 'bearer',
        expires_in: expiresIn,
        scope: 'sp:scopes:all',
        tenant_id: this.tenantId,
        internal: false,
        pod: 'sim',
        strong_auth_supported: false,
        org: 'sim',
        claims_supported: false,
        jti,
      },
    };
  }

  private purge(now: number): void {
    if (this.tokens.size < 1000) return;
    for (const [token, issued] of this.tokens) if (issued.expiresAt <= now) this.tokens.delete(token);
  }
}

export function unauthorized(error: string): SimResponse {
  return { status: 401, body: { error }, headers: { 'WWW-Authenticate': 'Bearer realm="sim"' } };
}

function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } };
}
