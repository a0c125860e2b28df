// The page side of VS Code's messaging, typed with the compare protocol. No `vscode` import (browser code).
import type { ComparePersistedState, CompareWebviewMessage } from '../protocol';
import { parseComparePersistedState } from '../protocol';

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

export interface CompareApi {
  post(message: CompareWebviewMessage): void;
  getState(): ComparePersistedState | undefined;
  setState(state: ComparePersistedState): void;
}

/** acquireVsCodeApi may be called once per document: the one instance lives here. */
export function createCompareApi(): CompareApi {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => parseComparePersistedState(api.getState()),
    setState: (state) => api.setState(state),
  };
}
