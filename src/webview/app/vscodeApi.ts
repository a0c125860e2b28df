// The webview side of VS Code's messaging, typed with the shared protocol. No `vscode` import (browser code).
import type { PanelPersistedState, WebviewToHostMessage } from '../protocol';

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

export interface PanelApi {
  post(message: WebviewToHostMessage): void;
  getState(): Partial<PanelPersistedState> | undefined;
  setState(state: PanelPersistedState): void;
}

/** acquireVsCodeApi may be called once per document: keep the one instance here. */
export function createPanelApi(): PanelApi {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    getState: () => {
      const state = api.getState();
      return state && typeof state === 'object' ? (state as Partial<PanelPersistedState>) : undefined;
    },
    setState: (state) => api.setState(state),
  };
}
