// Helpers of the identity-action integration tests (actions*.test.ts): the extension's handles, the simulator's
// admin endpoints, the log of what a run asked and showed (its prompts answered in order with
// `userInput.runWithInputs`), the writable-tenant setup of a suite, and identity picks that stay clear of fixtures
// and other tests.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { IdentityActionsApi, ConfirmationRequest } from '../../src/commands/actions';
import type { TestUserInput } from '../../src/testing/testUserInput';
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

/** The handles once the extension is active (after a handles() call). */
function handlesSync(): Handles {
  const api = vscode.extensions.getExtension<ExtensionTestHandle>(EXTENSION_ID)?.exports;
  assert.ok(api, 'the extension is activated (call handles() first)');
  return { api, actions: api.actions, registry: api.services.tenants };
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

/** What was asked and shown since a mark: the guard's confirmations, and the test input's logged prompts and progress. */
export interface PromptLog {
  confirmations: ConfirmationRequest[];
  messages: { level: string; text: string; buttons: string[] }[];
  inputs: vscode.InputBoxOptions[];
  picks: { title?: string; labels: string[] }[];
  /** Every progress report, of every progress notification, in order. */
  progress: string[];
}

/**
 * The guard's confirmations from now on: marked by the newest one (the log keeps the latest 50, so a count would
 * stop moving once it is full).
 */
export function confirmationsMark(actions: IdentityActionsApi): () => ConfirmationRequest[] {
  const last = actions.confirmations.at(-1);
  return () => {
    const all = actions.confirmations;
    return all.slice(last ? all.lastIndexOf(last) + 1 : 0);
  };
}

/** The items of `log` after the newest one now (all of them when the log is cleared meanwhile). */
function fromNow<T>(log: () => readonly T[]): () => T[] {
  const last = log().at(-1);
  return () => {
    const all = log();
    const at = last === undefined ? -1 : all.lastIndexOf(last);
    return all.slice(at + 1);
  };
}

/**
 * What is asked and shown from now on (answer the prompts with `userInput.runWithInputs`); read it after the run.
 * Marked by the newest entries, so `clearLog()` meanwhile does not shift it.
 */
export function promptLog(actions: IdentityActionsApi): PromptLog {
  const input = testInput();
  const confirmations = confirmationsMark(actions);
  const asked = fromNow(() => input.prompts);
  const progress = fromNow(() => input.progress);
  return {
    get confirmations() {
      return confirmations();
    },
    get messages() {
      return asked().filter((p) => p.kind === 'message').map((p) => ({ level: p.level ?? 'info', text: p.text ?? '', buttons: p.buttons ?? [] }));
    },
    get inputs() {
      return asked().filter((p) => p.kind === 'inputBox').map((p) => p.inputOptions ?? {});
    },
    get picks() {
      return asked().filter((p) => p.kind === 'quickPick').map((p) => ({ title: p.title, labels: p.labels ?? [] }));
    },
    get progress() {
      return progress().flatMap((p) => p.reports);
    },
  };
}

/** The answer to the tenant picker, which is only shown with several tenants: the environment tenant, or nothing. */
export function envTenantPick(registry: TenantRegistry): string[] {
  const env = registry.get(ENV_TENANT);
  assert.ok(env, 'the environment tenant is configured');
  return registry.list().length > 1 ? [env.label] : [];
}

/**
 * Makes the environment tenant writable for the suite it is called in (a before hook) and puts its read-only setting
 * back afterwards (an after hook); `ready` gets the handles. Hooks of the suite registered later run after these.
 */
export function withWritableTenant(ready: (handles: Handles) => void): void {
  let h: Handles | undefined;
  let wasReadOnly = true;
  before(async () => {
    h = await handles();
    wasReadOnly = h.registry.get(ENV_TENANT)!.readOnly;
    await h.registry.setReadOnly(ENV_TENANT, false);
    ready(h);
  });
  after(async () => {
    if (h) await h.registry.setReadOnly(ENV_TENANT, wasReadOnly);
  });
}

function testInput(): TestUserInput {
  return handlesSync().api.userInput;
}

/** Runs `run` while the simulator injects `faults`, and turns them off afterwards (even when it throws). */
export async function underFaults<T>(faults: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
  await setFaults(faults);
  try {
    return await run();
  } finally {
    await setFaults({});
  }
}

/** Audit lines of one run (readAudit waits for pending appends; it does not wait for button follow-ups). */
export async function auditFor(actions: IdentityActionsApi, operationId: string): Promise<Awaited<ReturnType<IdentityActionsApi['readAudit']>>> {
  return (await actions.readAudit()).filter((entry) => entry.operationId === operationId);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
