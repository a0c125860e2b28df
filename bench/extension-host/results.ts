// Shape of the JSON the extension-host part of the benchmarks writes (bench/extension-host/index.ts) and
// bench/extensionHost.ts reads. No `vscode` import.

export interface RequestCount {
  api: number;
  token: number;
  /** The first API requests (path and status), for the report. */
  paths: string[];
}

export interface ExtensionHostResults {
  startedAt: number;
  finishedAt?: number;
  fatal?: string;
  activation?: {
    ms?: number;
    alreadyActive?: boolean;
    requests?: RequestCount;
    extensionPath?: string;
    /** `await activate()` of an empty extension in the same host (VS Code's share). */
    emptyExtensionMs?: number;
    /** Loading the bundle again into a fresh module record (evaluation of the bundle). */
    requireMs?: number;
    /** The extension's own "Activated in N ms" log line (its activate() body), read from the host's logs. */
    activateBodyMs?: number;
    error?: string;
  };
  firstPage?: {
    ms?: number;
    children?: number;
    loaded?: number;
    total?: number;
    requests?: RequestCount;
    /** After a refresh of the tenant (token cached). */
    warmMs?: number;
    warmRequests?: RequestCount;
    error?: string;
  };
  panel?: {
    runs?: PanelRun[];
    apiFloorMs?: number;
    /** A bare webview panel: create -> its script's first message (before each ordinary panel; the first is cold). */
    emptyWebviewMs?: number[];
    error?: string;
  };
  memory?: {
    gcExposed?: boolean;
    loadedBefore?: number;
    loaded?: number;
    children?: number;
    pages?: number;
    loadMs?: number;
    getChildrenMs?: number;
    getTreeItemsMs?: number;
    samples?: number[];
    baselineSpread?: number;
    error?: string;
  };
}

export interface PanelRun {
  label: string;
  identityId: string;
  /** E's timing (DetailsPanelsApi.waitForCompletePaint): command start -> header painted / everything painted. */
  headerMs?: number;
  completeMs?: number;
  /** Measured here around executeCommand + waitForCompletePaint. */
  commandToPaintMs: number;
  requests: RequestCount;
}
