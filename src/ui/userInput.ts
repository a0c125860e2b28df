// Every question the extension asks and every message it shows goes through one `UserInput`: the commands get it
// on the services object. Production uses VS Code's window (below); integration tests get the test implementation
// (src/testing/testUserInput.ts), which answers from an ordered list — created only in ExtensionMode.Test, so
// nothing here can be swapped by another extension.
import * as vscode from 'vscode';

export type MessageLevel = 'info' | 'warning' | 'error';

export interface ProgressReporter {
  /** `increment` in percent of the whole. */
  report(message: string, increment?: number): void;
}

/** A quick pick whose items depend on what is typed (a search, a parser), built on createQuickPick. */
export interface LivePickOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeholder?: string;
  /** Text to start with. */
  value?: string;
  /** The items for the typed text; a newer text aborts the signal of the older one, whose items are dropped. */
  items(value: string, signal: AbortSignal): T[] | Promise<T[]>;
  /** Waits this long after the last keystroke before asking `items` (searches); 0 or absent: at once. */
  debounceMs?: number;
  /** Whether Enter on this item closes the pick with it (default: every item); "No identity found" does not. */
  acceptable?(item: T): boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

/** What a live pick resolves with: the chosen item and the text typed when it was chosen. */
export interface LivePickResult<T> {
  item: T;
  value: string;
}

/** Where a progress shows: a cancellable notification (default), or a view's own progress bar (not cancellable). */
export interface ProgressPlace {
  location?: { viewId: string };
}

export type SinglePickOptions = Omit<vscode.QuickPickOptions, 'canPickMany'>;

export interface UserInput {
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: SinglePickOptions): Promise<T | undefined>;
  /** The items a person ticks (those with `picked` start ticked). */
  showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: SinglePickOptions): Promise<T[] | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A notification; resolves with the clicked button, undefined when it is closed or ignored. */
  showMessage(level: MessageLevel, text: string, ...buttons: string[]): Promise<string | undefined>;
  /**
   * A modal dialog; resolves with the clicked button, undefined for the dialog's own Cancel (Escape). VS Code makes
   * the first button the default one (Enter).
   */
  showModal(level: MessageLevel, text: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined>;
  showOpenDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined>;
  showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  showLivePick<T extends vscode.QuickPickItem>(options: LivePickOptions<T>): Promise<LivePickResult<T> | undefined>;
  /** A cancellable progress notification; `signal` aborts when the user presses Cancel. */
  withProgress<T>(title: string, task: (progress: ProgressReporter, signal: AbortSignal) => Promise<T>, place?: ProgressPlace): Promise<T>;
}

function showMessage(level: MessageLevel, text: string, options: vscode.MessageOptions, buttons: string[]): Thenable<string | undefined> {
  if (level === 'error') return vscode.window.showErrorMessage(text, options, ...buttons);
  if (level === 'warning') return vscode.window.showWarningMessage(text, options, ...buttons);
  return vscode.window.showInformationMessage(text, options, ...buttons);
}

function showLivePick<T extends vscode.QuickPickItem>(options: LivePickOptions<T>): Promise<LivePickResult<T> | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = options.title;
  qp.placeholder = options.placeholder;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = options.matchOnDescription ?? false;
  qp.matchOnDetail = options.matchOnDetail ?? false;
  let controller: AbortController | undefined;
  let timer: NodeJS.Timeout | undefined;

  const load = async (value: string): Promise<void> => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const items = await options.items(value, mine.signal);
      if (!mine.signal.aborted) qp.items = items;
    } finally {
      if (!mine.signal.aborted) qp.busy = false;
    }
  };
  const onValue = (value: string): void => {
    if (timer) clearTimeout(timer);
    controller?.abort();
    if (!options.debounceMs) {
      void load(value);
      return;
    }
    qp.busy = true;
    timer = setTimeout(() => void load(value), options.debounceMs);
  };

  return new Promise((resolve) => {
    let done = false;
    const finish = (result: LivePickResult<T> | undefined): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      controller?.abort();
      resolve(result);
      qp.dispose();
    };
    qp.onDidChangeValue(onValue);
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (item && (options.acceptable?.(item) ?? true)) finish({ item, value: qp.value });
    });
    qp.onDidHide(() => finish(undefined));
    qp.value = options.value ?? '';
    onValue(qp.value);
    qp.show();
  });
}

/** VS Code's own UI. */
export function vscodeUserInput(): UserInput {
  return {
    showQuickPick: async (items, options) => vscode.window.showQuickPick([...items], { ignoreFocusOut: true, ...options }),
    showQuickPickMany: async (items, options) => vscode.window.showQuickPick([...items], { ignoreFocusOut: true, ...options, canPickMany: true }),
    showInputBox: async (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
    showMessage: async (level, text, ...buttons) => showMessage(level, text, {}, buttons),
    showModal: async (level, text, detail, ...buttons) => showMessage(level, text, { modal: true, detail }, buttons),
    showOpenDialog: async (options) => vscode.window.showOpenDialog(options),
    showSaveDialog: async (options) => vscode.window.showSaveDialog(options),
    showLivePick,
    withProgress: async (title, task, place) =>
      vscode.window.withProgress({ location: place?.location ?? vscode.ProgressLocation.Notification, title, cancellable: !place?.location }, async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        if (token.isCancellationRequested) controller.abort();
        try {
          return await task({ report: (message, increment) => progress.report({ message, increment }) }, controller.signal);
        } finally {
          subscription.dispose();
        }
      }),
  };
}
