// What the compare page knows: the two sides, the latest state from the host, the last comparison shown, and the
// UI state kept with setState.
import type { IdentityDiff } from '../../model/compare/identityDiff';
import type { CompareHostMessage, CompareSideInfo, CompareState, CompareWebviewMessage } from '../protocol';

interface ShownComparison {
  diff: IdentityDiff;
  notes: string[];
  loadedAt: string;
}

export interface CompareModel {
  rev: number;
  a?: CompareSideInfo;
  b?: CompareSideInfo;
  crossTenant: boolean;
  state: CompareState;
  /** The last ready comparison: stays on screen while a refresh runs. */
  shown?: ShownComparison;
}

export interface CompareUi {
  hideEqual: boolean;
}

export interface CompareContext {
  readonly model: CompareModel;
  readonly ui: CompareUi;
  post(message: CompareWebviewMessage): void;
  /** Persists the UI state and the pair (the serializer reopens the comparison from it). */
  saveUi(): void;
  /** Repaints after a UI change (the hide-equal toggle). */
  repaint(): void;
}

export function emptyModel(): CompareModel {
  return { rev: 0, crossTenant: false, state: { status: 'loading' } };
}

export function applyMessage(model: CompareModel, message: CompareHostMessage): void {
  model.rev = message.rev;
  // Every message names the sides: a side first shown by its id gets its name once the identity is read.
  model.a = message.a;
  model.b = message.b;
  if (message.type === 'init') model.crossTenant = message.crossTenant;
  model.state = message.state;
  if (message.state.status === 'ready') model.shown = { diff: message.state.diff, notes: message.state.notes, loadedAt: message.state.loadedAt };
  else if (message.state.status === 'failed') model.shown = undefined;
}
