// The slices of other engineers' contracts (team/CONTRACTS.md) that the benchmarks use, restated
// structurally so that bench/ compiles whatever has landed. Modules are loaded with requireOut().
import type { Identity, Page, ListIdentitiesQuery } from '../../src/api/types';
import type { Logger } from '../../src/util/redact';

export interface RateLimitOption {
  requests: number;
  windowMs: number;
}

export interface IscClientOptionsLike {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  logger?: Logger;
  timeoutMs?: number;
  maxRetries?: number;
  rateLimit?: RateLimitOption;
}

export interface ProcessChunkResultLike {
  ids: string[];
  task?: unknown;
  error?: { kind?: string; message?: string };
}

export interface IscClientLike {
  readonly baseUrl: string;
  verifyCredentials(o?: { signal?: AbortSignal }): Promise<void>;
  listIdentities(q: ListIdentitiesQuery, o?: { signal?: AbortSignal }): Promise<Page<Identity>>;
  iterateIdentities(
    q: Omit<ListIdentitiesQuery, 'offset' | 'limit'> & { pageSize?: number },
    o?: { signal?: AbortSignal },
  ): AsyncIterable<Page<Identity>>;
  getIdentity(id: string, o?: { signal?: AbortSignal }): Promise<Identity>;
  processIdentities(ids: string[], o?: { signal?: AbortSignal }): Promise<ProcessChunkResultLike[]>;
  synchronizeAttributes(identityId: string, o?: { signal?: AbortSignal }): Promise<unknown>;
  dispose(): void;
}

export interface IscClientModule {
  IscClient: new (options: IscClientOptionsLike) => IscClientLike;
}

export interface SimRequestRecordLike {
  seq: number;
  time: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  clientId?: string;
  experimental: boolean;
  body?: unknown;
}

export interface SimulatorOptionsLike {
  port?: number;
  identities?: number;
  seed?: number;
  clientId?: string;
  clientSecret?: string;
  rateLimit?: RateLimitOption | false;
  tokenLifetimeSec?: number;
  latencyMs?: number;
  syncCooldownMs?: number;
}

export interface SimulatorLike {
  url: string;
  clientId: string;
  clientSecret: string;
  requests: SimRequestRecordLike[];
  clearRequests(): void;
  close(): Promise<void>;
}

export interface SimServerModule {
  startSimulator(o?: SimulatorOptionsLike): Promise<SimulatorLike>;
}
