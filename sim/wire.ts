// Writing a SimResponse to the socket: plainly, trickled one byte at a time, cut short, or not at all (reset).

import type { ServerResponse } from 'node:http';
import type { SimResponse } from './http';

/** Body sent (then cut) when a truncated answer has no body of its own. */
const TRUNCATED_PLACEHOLDER = '{"status":"ACCEPTED","message":"The request was accepted."}';

function prepare(response: SimResponse): { headers: Record<string, string>; payload: Buffer | undefined } {
  const headers: Record<string, string> = { ...response.headers };
  let text: string | undefined = response.raw ?? response.json;
  if (text === undefined && response.body !== undefined) text = JSON.stringify(response.body);
  if (text !== undefined) headers['Content-Type'] = 'application/json;charset=utf-8';
  return { headers, payload: text === undefined ? undefined : Buffer.from(text, 'utf8') };
}

export function send(res: ServerResponse, response: SimResponse): void {
  const { headers, payload } = prepare(response);
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Headers at once (with the full Content-Length), then the body one byte every `intervalMs`. */
export function sendTrickled(res: ServerResponse, response: SimResponse, intervalMs: number): void {
  const { headers, payload } = prepare(response);
  if (!payload || payload.length === 0) {
    send(res, response);
    return;
  }
  headers['Content-Length'] = String(payload.length);
  res.writeHead(response.status, headers);
  res.flushHeaders();
  let written = 0;
  const timer = setInterval(() => {
    if (written >= payload.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(payload.subarray(written, written + 1));
    written++;
  }, Math.max(1, intervalMs));
  res.once('close', () => clearInterval(timer));
}

/**
 * A 2xx whose Content-Length announces the whole body, then half of it and the end of the connection: the client
 * cannot read the answer. A 204 becomes 200 (it cannot carry the body that is cut); bodiless answers get a
 * placeholder JSON body.
 */
export function sendTruncated(res: ServerResponse, response: SimResponse): void {
  const prepared = prepare({ ...response, raw: response.raw ?? response.json ?? (response.body === undefined ? TRUNCATED_PLACEHOLDER : undefined) });
  const payload = prepared.payload ?? Buffer.from(TRUNCATED_PLACEHOLDER);
  prepared.headers['Content-Length'] = String(payload.length);
  res.writeHead(response.status === 204 ? 200 : response.status, prepared.headers);
  res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.socket?.end());
}

/** Ends the connection with a TCP reset and no response (the client sees ECONNRESET). */
export function resetConnection(res: ServerResponse): void {
  const socket = res.socket;
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket?.destroy();
}
