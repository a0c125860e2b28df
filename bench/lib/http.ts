// Plain-fetch helpers for the parts of a benchmark that must not go through the client under test:
// the service-time probe and the naive comparison client.
import { now, sleep } from './report';

export async function fetchToken(baseUrl: string, clientId: string, clientSecret: string, signal?: AbortSignal): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    signal,
  });
  if (!response.ok) throw new Error(`POST /oauth/token answered ${response.status}`);
  const json = (await response.json()) as { access_token?: string };
  if (!json.access_token) throw new Error('token response without access_token');
  return json.access_token;
}

export interface TimedResponse<T> {
  status: number;
  ms: number;
  body?: T;
  retryAfterSec?: number;
}

/** GET a v2025 path with the bearer token; parses JSON on success; never retries. */
export async function timedGet<T>(baseUrl: string, token: string, pathAndQuery: string, signal?: AbortSignal): Promise<TimedResponse<T>> {
  const started = now();
  const response = await fetch(`${baseUrl}/v2025${pathAndQuery}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'X-SailPoint-Experimental': 'true' },
    signal,
  });
  if (!response.ok) {
    await response.arrayBuffer().catch(() => undefined);
    const retryAfter = Number(response.headers.get('retry-after'));
    return { status: response.status, ms: now() - started, retryAfterSec: Number.isFinite(retryAfter) ? retryAfter : undefined };
  }
  const body = (await response.json()) as T;
  return { status: response.status, ms: now() - started, body };
}

/** Service time of one list-identities request of `limit` items: median of `samples` serial requests. */
export async function measureListServiceMs(baseUrl: string, token: string, limit: number, samples: number, signal?: AbortSignal): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = await timedGet<unknown[]>(baseUrl, token, `/identities?limit=${limit}&offset=${i * limit}&defaultFilter=NONE`, signal);
    if (r.status !== 200) throw new Error(`service-time probe answered ${r.status}`);
    times.push(r.ms);
  }
  return times;
}

export interface NaiveRunResult {
  ms: number;
  requests: number;
  rateLimited: number;
  items: number;
  uniqueIds: number;
}

/** The naive client: pages of `pageSize`, one at a time, sleeping Retry-After on 429. */
export async function naiveEnumerate(baseUrl: string, token: string, pageSize: number, signal?: AbortSignal): Promise<NaiveRunResult> {
  const started = now();
  const ids = new Set<string>();
  let offset = 0;
  let requests = 0;
  let rateLimited = 0;
  let items = 0;
  for (;;) {
    signal?.throwIfAborted();
    const r = await timedGet<{ id: string }[]>(baseUrl, token, `/identities?limit=${pageSize}&offset=${offset}&defaultFilter=NONE`, signal);
    requests++;
    if (r.status === 429) {
      rateLimited++;
      await sleep((r.retryAfterSec ?? 1) * 1000);
      continue;
    }
    if (r.status !== 200 || !r.body) throw new Error(`naive client: list answered ${r.status}`);
    for (const identity of r.body) ids.add(identity.id);
    items += r.body.length;
    if (r.body.length < pageSize) break;
    offset += pageSize;
  }
  return { ms: now() - started, requests, rateLimited, items, uniqueIds: ids.size };
}
