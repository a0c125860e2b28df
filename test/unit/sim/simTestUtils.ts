// Helpers for simulator tests: start a simulator, fetch tokens, call the API with fetch.

import { startSimulator } from '../../../sim/server';
import type { Simulator, SimulatorOptions } from '../../../sim/server';

export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when empty / not JSON. */
  body: unknown;
}

export interface CallOptions {
  token?: string | null;
  headers?: Record<string, string>;
  body?: unknown;
  query?: Record<string, string | number | boolean>;
  experimental?: boolean;
}

export class SimHarness {
  private cachedToken?: string;

  constructor(readonly sim: Simulator) {}

  static async start(options: SimulatorOptions = {}): Promise<SimHarness> {
    return new SimHarness(await startSimulator({ port: 0, identities: 300, rateLimit: false, ...options }));
  }

  async token(clientId = this.sim.clientId, clientSecret = this.sim.clientSecret): Promise<string> {
    const res = await this.tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }));
    if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
    return (res.body as { access_token: string }).access_token;
  }

  async tokenRequest(form: URLSearchParams): Promise<ApiResult> {
    const res = await fetch(`${this.sim.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    return toResult(res);
  }

  /**
   * Calls `${url}/v2025${path}` with a cached bearer token (re-fetched once on a 401) unless `token` is given
   * (null = no Authorization header).
   */
  async call(method: string, path: string, options: CallOptions = {}): Promise<ApiResult> {
    if (options.token !== undefined) return this.send(method, path, options, options.token);
    this.cachedToken ??= await this.token();
    const first = await this.send(method, path, options, this.cachedToken);
    if (first.status !== 401) return first;
    this.cachedToken = await this.token();
    return this.send(method, path, options, this.cachedToken);
  }

  private async send(method: string, path: string, options: CallOptions, token: string | null): Promise<ApiResult> {
    const url = new URL(`${this.sim.url}/v2025${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (options.experimental !== false) headers['X-SailPoint-Experimental'] = 'true';
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    return toResult(await fetch(url, { method, headers, body }));
  }

  get(path: string, options?: CallOptions): Promise<ApiResult> {
    return this.call('GET', path, options);
  }

  post(path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResult> {
    return this.call('POST', path, { ...options, body });
  }

  async admin(method: string, path: string, body?: unknown): Promise<ApiResult> {
    const res = await fetch(`${this.sim.url}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return toResult(res);
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}

async function toResult(res: Response): Promise<ApiResult> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

interface ErrorBodyShape {
  detailCode?: string;
  trackingId?: string;
  messages?: { locale?: string; localeOrigin?: string; text?: string }[];
}

/** The first message text of an ErrorResponseDto. */
export function errorText(result: ApiResult): string {
  return (result.body as ErrorBodyShape | undefined)?.messages?.[0]?.text ?? '';
}

export function names(result: ApiResult): string[] {
  return (result.body as { name: string }[]).map((i) => i.name);
}
