// The webview side of VS Code's messaging, typed with the table protocol. No `vscode` import (browser code).
import type { TablePersistedState, TableToHostMessage } from '../protocol';

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** What the app keeps for itself across a hide/show or a reload: the host reads only `tenantId`. */
interface TableViewState extends TablePersistedState {
  firstRow?: number;
  quickFilter?: string;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

export interface TableApi {
  post(message: TableToHostMessage): void;
  getState(): Partial<TableViewState> | undefined;
  setState(state: TableViewState): void;
}

/** acquireVsCodeApi may be called once per document: keep the one instance here. */
export function createTableApi(): TableApi {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => {
      const state = api.getState();
      return state && typeof state === 'object' ? (state as Partial<TableViewState>) : undefined;
    },
    setState: (state) => api.setState(state),
  };
}
