// The webview side of VS Code's messaging, typed with the table protocol. No `vscode` import (browser code).
import type { TablePersistedState, TableToHostMessage } from '../protocol';

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

export interface TableApi {
  post(message: TableToHostMessage): void;
  setState(state: TablePersistedState): void;
}

/** acquireVsCodeApi may be called once per document: keep the one instance here. */
export function createTableApi(): TableApi {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    setState: (state) => api.setState(state),
  };
}
