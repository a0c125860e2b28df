// Helpers of the identity-action integration tests (actions*.test.ts): the extension's handles, the simulator's
// admin endpoints, recording prompts, and identity picks that stay clear of fixtures and other tests.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { IdentityActionsApi, ActionPrompts, ConfirmationRequest } from '../../src/commands/actions';
import type { ExtensionTestHandle } from '../../src/testing/testHandle';
import type { TenantRegistry } from '../../src/auth/tenantRegistry';
import type { IdentityRef } from '../../src/model/identityRef';
import { FIXTURE_IDS } from '../../sim/fixtures';
import { EXTENSION_ID, lastSeq, setFaults, simUrl } from './coreSupport';
import type { SimRequest } from './coreSupport';

export { setFaults };

export const ENV_TENANT = 'env';

export interface Handles {
  api: ExtensionTestHandle;
  actions: IdentityActionsApi;
  registry: TenantRegistry;
}

export async function handles(): Promise<Handles> {
  const extension = vscode.extensions.getExtension<ExtensionTestHandle>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returns the test handle in test mode');
  return { api, actions: api.actions, registry: api.services.tenants };
}

export async function simJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${simUrl()}${path}`, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface SimIdentityState {
  id: string;
  name: string;
  identityStatus: string;
  protected: boolean;
  registered: boolean;
  invited: boolean;
  lastRefresh: string | null;
  lastSync: string | null;
  syncCount: number;
  processCount: number;
  verifications: { time: string | null; via: string; sourceName: string | null }[];
}

export async function simIdentity(id: string): Promise<SimIdentityState | undefined> {
  const response = await fetch(`${simUrl()}/__sim/identities/${encodeURIComponent(id)}`);
  if (response.status === 404) return undefined;
  assert.strictEqual(response.status, 200);
  return (await response.json()) as SimIdentityState;
}

export type { SimRequest };

/** Highest request sequence number so far (requests after it are "ours"). */
export const requestMark = lastSeq;

/** API requests since `mark` (admin and token requests left out). */
export async function apiRequestsSince(mark: number): Promise<SimRequest[]> {
  const all = await simJson<SimRequest[]>(`/__sim/requests?since=${mark}`);
  return all.filter((r) => r.path.startsWith('/v2025/'));
}

/**
 * The requests since `mark` a command on these identities caused: every write, and the reads about them. Earlier
 * jobs may still follow their ISC tasks or read their identities after a change in the background meanwhile.
 */
export async function requestsAbout(mark: number, refs: readonly IdentityRef[]): Promise<SimRequest[]> {
  return (await apiRequestsSince(mark)).filter((r) => r.method !== 'GET' || refs.some((ref) => r.path.includes(ref.identityId)));
}

const FIXTURES = new Set<string>(Object.values(FIXTURE_IDS));

/** `count` identities from list offset `offset` (default order), fixtures left out. */
export async function pickRefs(registry: TenantRegistry, offset: number, count: number): Promise<IdentityRef[]> {
  const client = await registry.getClient(ENV_TENANT);
  const refs: IdentityRef[] = [];
  let at = offset;
  while (refs.length < count) {
    const page = await client.listIdentities({ offset: at, limit: 250, defaultFilter: 'NONE' });
    if (page.items.length === 0) break;
    for (const identity of page.items) {
      if (refs.length < count && !FIXTURES.has(identity.id)) refs.push({ tenantId: ENV_TENANT, identityId: identity.id, name: identity.name });
    }
    at += page.items.length;
  }
  assert.strictEqual(refs.length, count, `found ${count} identities from offset ${offset}`);
  return refs;
}

/** A tree-node-shaped argument (what VS Code passes from the context menu). */
export function nodeArg(ref: IdentityRef): { identityRef: IdentityRef; kind: string } {
  return { kind: 'identity', identityRef: ref };
}

export interface Recorder {
  confirmations: ConfirmationRequest[];
  messages: { level: string; text: string; buttons: string[] }[];
  inputs: vscode.InputBoxOptions[];
  picks: { title?: string; labels: string[] }[];
  progress: string[];
}

export interface RecorderOptions {
  /** Answer of the modal: 'confirm' (its confirm button) or 'cancel'. */
  confirm?: 'confirm' | 'cancel';
  /** Button to "click" on messages (matched by text), else none. */
  clickOnMessage?: (text: string, buttons: string[]) => string | undefined;
  /** Delays the "click" until this settles (the person reads the summary first). */
  clickAfter?: Promise<void>;
  input?: (options: vscode.InputBoxOptions) => string | undefined;
  pick?: (labels: string[], title?: string) => number | undefined;
  pickIdentity?: IdentityRef;
  /** Aborts the progress signal after this many progress reports (cancellation tests). */
  cancelAfterReports?: number;
}

/** Replaces every prompt of the actions with recording stubs; returns what was asked/shown. */
export function record(actions: IdentityActionsApi, options: RecorderOptions = {}): Recorder {
  const rec: Recorder = { confirmations: [], messages: [], inputs: [], picks: [], progress: [] };
  actions.setConfirmationHandler((request) => {
    rec.confirmations.push(request);
    return (options.confirm ?? 'confirm') === 'confirm' ? request.confirmButton : undefined;
  });
  const prompts: Partial<ActionPrompts> = {
    message: async (level, text, ...buttons) => {
      rec.messages.push({ level, text, buttons });
      const click = options.clickOnMessage?.(text, buttons);
      if (click !== undefined && options.clickAfter) await options.clickAfter;
      return click;
    },
    inputBox: async (o) => {
      rec.inputs.push(o);
      const value = options.input?.(o);
      if (value !== undefined && o.validateInput) {
        const problem = await o.validateInput(value);
        if (problem) return undefined; // a person could not submit an invalid value
      }
      return value;
    },
    quickPick: async <T extends vscode.QuickPickItem>(items: readonly T[], o: vscode.QuickPickOptions) => {
      const labels = items.map((i) => i.label);
      rec.picks.push({ title: o.title, labels });
      const index = options.pick?.(labels, o.title);
      return index === undefined ? undefined : items[index];
    },
    pickTenant: async () => (await handles()).registry.get(ENV_TENANT),
    pickIdentity: async () => options.pickIdentity,
    withProgress: async (_title, task) => {
      const controller = new AbortController();
      let reports = 0;
      return task(
        {
          report: (message) => {
            rec.progress.push(message);
            reports++;
            if (options.cancelAfterReports !== undefined && reports >= options.cancelAfterReports) controller.abort();
          },
        },
        controller.signal,
      );
    },
  };
  actions.setPrompts(prompts);
  return rec;
}

/** Restores VS Code's real prompts and modal. */
export function restore(actions: IdentityActionsApi): void {
  actions.setPrompts(undefined);
  actions.setConfirmationHandler(undefined);
}

/** Audit lines of one run (readAudit waits for pending appends; it does not wait for button follow-ups). */
export async function auditFor(actions: IdentityActionsApi, operationId: string): Promise<Awaited<ReturnType<IdentityActionsApi['readAudit']>>> {
  return (await actions.readAudit()).filter((entry) => entry.operationId === operationId);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
