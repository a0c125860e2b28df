// The UserInput of integration tests (created only in ExtensionMode.Test): each prompt takes the next of an ordered
// list of answers, the way a person would answer it, and a prompt without an answer, or an answer that does not fit
// it, fails the test instead of waiting for a person who is not there.
//
//   await input.runWithInputs(['Env tenant', /Olivia/, 'Reset'], () => vscode.commands.executeCommand(...));
//
// Answers: a quick pick takes an item label (exact string or RegExp); a multi-select pick an array of them; an
// input box the typed text (its validateInput must accept it); a modal one of its buttons (exact string or
// RegExp, for buttons that carry a count); a live pick (search as
// you type) the typed text, then Enter on the first result — or `{ value, pick }` to choose another result; an
// open/save dialog a Uri or an absolute path. `CANCEL` is Escape (the modal's Cancel) for any of them.
// Notifications never wait: one takes the next answer only when that answer is one of its buttons, otherwise it
// stays unanswered, as a toast a person ignores; `clickLater(button, when)` is that button clicked only once `when`
// settles (a person reads the summary first), so a test can look at a result before its follow-up starts.
// Every prompt is logged in `prompts` for assertions.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LivePickOptions, LivePickResult, MessageLevel, ProgressPlace, ProgressReporter, SinglePickOptions, UserInput } from '../ui/userInput';

/** Escape / the close affordance. A plain object (tests are bundled apart from the extension). */
export const CANCEL = { cancel: true } as const;
type CancelAnswer = typeof CANCEL;

interface LivePickAnswer {
  /** What is typed. */
  value: string;
  /** The result to choose (label); default: the first one Enter would accept. */
  pick?: string | RegExp;
}

/** A notification's button, clicked once `when` settles (see `clickLater`). */
interface LaterClick {
  click: string;
  when: PromiseLike<unknown>;
}

/** The notification that takes this answer resolves with `button` only once `when` settles. */
export function clickLater(button: string, when: PromiseLike<unknown>): LaterClick {
  return { click: button, when };
}

export type TestAnswer = string | RegExp | readonly (string | RegExp)[] | LivePickAnswer | LaterClick | vscode.Uri | CancelAnswer;

export type PromptKind = 'quickPick' | 'quickPickMany' | 'inputBox' | 'message' | 'modal' | 'openDialog' | 'saveDialog' | 'livePick';

/** One prompt as it was shown, and what it was answered. */
export interface AskedPrompt {
  kind: PromptKind;
  level?: MessageLevel;
  title?: string;
  /** The message, the input box's prompt or the pick's placeholder. */
  text?: string;
  detail?: string;
  /** Buttons of messages and modals, in the order shown (the first is the modal's default). */
  buttons?: string[];
  /** Labels of the items offered (live picks: the results for the typed text). */
  labels?: string[];
  inputOptions?: vscode.InputBoxOptions;
  answer?: string | string[] | undefined;
}


export interface ProgressRecord {
  title: string;
  reports: string[];
  /** The view whose progress bar it was; absent for a notification. */
  viewId?: string;
}

function isCancel(answer: unknown): answer is CancelAnswer {
  return !!answer && typeof answer === 'object' && (answer as { cancel?: unknown }).cancel === true && !(answer instanceof vscode.Uri);
}

function isLaterClick(answer: unknown): answer is LaterClick {
  return !!answer && typeof answer === 'object' && typeof (answer as { click?: unknown }).click === 'string' && 'when' in answer;
}

function describe(answer: TestAnswer): string {
  if (isCancel(answer)) return 'CANCEL';
  if (isLaterClick(answer)) return `clickLater(${JSON.stringify(answer.click)})`;
  if (answer instanceof RegExp) return String(answer);
  if (answer instanceof vscode.Uri) return answer.toString();
  if (Array.isArray(answer)) return `[${answer.map((a) => describe(a as TestAnswer)).join(', ')}]`;
  if (typeof answer === 'object') return JSON.stringify({ value: (answer as LivePickAnswer).value, pick: String((answer as LivePickAnswer).pick ?? '') });
  return JSON.stringify(answer);
}

function fits(label: string, answer: string | RegExp): boolean {
  return typeof answer === 'string' ? label === answer : answer.test(label);
}

function selectable<T extends vscode.QuickPickItem>(items: readonly T[]): T[] {
  return items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
}

export class TestUserInput implements UserInput {
  /** Every prompt shown since the last `clearLog()`, oldest first. */
  readonly prompts: AskedPrompt[] = [];
  readonly progress: ProgressRecord[] = [];
  private answers: TestAnswer[] = [];
  private failures: Error[] = [];
  private running = false;
  private cancelAfterReports: number | undefined;

  /**
   * Runs `action` with `answers` for its prompts, in order. Rejects when a prompt had no answer or one that did not
   * fit (even if the command swallowed the error), and when answers are left unused once `action` has settled.
   */
  async runWithInputs<T>(answers: readonly TestAnswer[], action: () => Thenable<T> | Promise<T>): Promise<T> {
    if (this.running) throw new Error('runWithInputs is already running: one list of answers at a time.');
    this.running = true;
    this.answers = [...answers];
    this.failures = [];
    try {
      const result = await action();
      if (this.failures.length) throw this.failures[0];
      if (this.answers.length) throw new Error(`${this.answers.length} answer(s) left unused: ${this.answers.map(describe).join(', ')}`);
      return result;
    } finally {
      this.answers = [];
      this.running = false;
      this.cancelAfterReports = undefined;
    }
  }

  /** Forgets the logged prompts and progress. */
  clearLog(): void {
    this.prompts.length = 0;
    this.progress.length = 0;
  }

  /** The next progress notification of the current run is cancelled (its Cancel pressed) after `reports` reports. */
  cancelProgressAfter(reports: number): void {
    this.cancelAfterReports = reports;
  }

  /** The logged prompts of one kind. */
  asked(kind: PromptKind): AskedPrompt[] {
    return this.prompts.filter((p) => p.kind === kind);
  }

  private fail(message: string): never {
    const error = new Error(message);
    this.failures.push(error);
    throw error;
  }

  private async next(prompt: AskedPrompt, what: string): Promise<TestAnswer> {
    this.prompts.push(prompt);
    const answer = this.answers.shift();
    if (answer === undefined) return this.fail(`No answer left for ${what}${this.running ? '' : ' (the prompt came outside runWithInputs)'}.`);
    return answer;
  }

  private pickOne<T extends vscode.QuickPickItem>(items: readonly T[], answer: TestAnswer, what: string): T {
    if (typeof answer !== 'string' && !(answer instanceof RegExp)) return this.fail(`${what} takes a label, not ${describe(answer)}.`);
    const found = selectable(items).find((item) => fits(item.label, answer));
    if (!found) return this.fail(`${what} has no item ${describe(answer)}; its items: ${selectable(items).map((i) => JSON.stringify(i.label)).join(', ')}.`);
    return found;
  }

  async showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: SinglePickOptions): Promise<T | undefined> {
    const prompt: AskedPrompt = { kind: 'quickPick', title: options.title, text: options.placeHolder, labels: selectable(items).map((i) => i.label) };
    const what = `the quick pick "${options.title ?? options.placeHolder ?? ''}"`;
    const answer = await this.next(prompt, what);
    if (isCancel(answer)) return undefined;
    const item = this.pickOne(items, answer, what);
    prompt.answer = item.label;
    return item;
  }

  async showQuickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: SinglePickOptions): Promise<T[] | undefined> {
    const prompt: AskedPrompt = { kind: 'quickPickMany', title: options.title, text: options.placeHolder, labels: selectable(items).map((i) => i.label) };
    const what = `the multi-select pick "${options.title ?? ''}"`;
    const answer = await this.next(prompt, what);
    if (isCancel(answer)) return undefined;
    const wanted: readonly (string | RegExp)[] = Array.isArray(answer) ? answer : [answer as string | RegExp];
    const chosen = wanted.map((one) => this.pickOne(items, one, what));
    prompt.answer = chosen.map((i) => i.label);
    return [...new Set(chosen)];
  }

  async showInputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    const prompt: AskedPrompt = { kind: 'inputBox', title: options.title, text: options.prompt, inputOptions: options };
    const what = `the input box "${options.title ?? options.prompt ?? ''}"`;
    const answer = await this.next(prompt, what);
    if (isCancel(answer)) return undefined;
    if (typeof answer !== 'string') return this.fail(`${what} takes typed text, not ${describe(answer)}.`);
    const problem = await options.validateInput?.(answer);
    // A warning or information message lets the box accept the text; only an error (a plain string) refuses it.
    const text = typeof problem === 'string' ? problem : problem?.severity === vscode.InputBoxValidationSeverity.Error ? problem.message : undefined;
    if (text) return this.fail(`${what} does not accept ${JSON.stringify(answer)}: ${text}`);
    prompt.answer = answer;
    return answer;
  }

  async showMessage(level: MessageLevel, text: string, ...buttons: string[]): Promise<string | undefined> {
    const prompt: AskedPrompt = { kind: 'message', level, text, buttons };
    this.prompts.push(prompt);
    const answer = this.answers[0];
    if (typeof answer === 'string' && buttons.includes(answer)) {
      this.answers.shift();
      prompt.answer = answer;
      return answer;
    }
    if (isLaterClick(answer) && buttons.includes(answer.click)) {
      this.answers.shift();
      prompt.answer = answer.click;
      await answer.when;
      return answer.click;
    }
    return undefined;
  }

  async showModal(level: MessageLevel, text: string, detail: string | undefined, ...buttons: string[]): Promise<string | undefined> {
    const prompt: AskedPrompt = { kind: 'modal', level, text, detail, buttons };
    const what = `the modal "${text}" (buttons ${buttons.map((b) => JSON.stringify(b)).join(', ')}, Cancel)`;
    const answer = await this.next(prompt, what);
    if (isCancel(answer)) return undefined;
    const button = typeof answer === 'string' || answer instanceof RegExp ? buttons.find((b) => fits(b, answer)) : undefined;
    if (button === undefined) return this.fail(`${what} has no button ${describe(answer)}.`);
    prompt.answer = button;
    return button;
  }

  private uriOf(answer: TestAnswer, what: string): vscode.Uri {
    if (answer instanceof vscode.Uri) return answer;
    if (typeof answer === 'string' && path.isAbsolute(answer)) return vscode.Uri.file(answer);
    return this.fail(`${what} takes a Uri or an absolute path, not ${describe(answer)}.`);
  }

  async showOpenDialog(options: vscode.OpenDialogOptions): Promise<vscode.Uri[] | undefined> {
    const prompt: AskedPrompt = { kind: 'openDialog', title: options.title };
    const what = `the open dialog "${options.title ?? ''}"`;
    const answer = await this.next(prompt, what);
    if (isCancel(answer)) return undefined;
    const uris = Array.isArray(answer) ? answer.map((a) => this.uriOf(a as TestAnswer, what)) : [this.uriOf(answer, what)];
    prompt.answer = uris.map((u) => u.fsPath);
    return uris;
  }

  async showSaveDialog(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    const prompt: AskedPrompt = { kind: 'saveDialog', title: options.title };
    const what = `the save dialog "${options.title ?? ''}"`;
    const answer = await this.next(prompt, what);
    if (isCancel(answer)) return undefined;
    const uri = this.uriOf(answer, what);
    prompt.answer = uri.fsPath;
    return uri;
  }

  async showLivePick<T extends vscode.QuickPickItem>(options: LivePickOptions<T>): Promise<LivePickResult<T> | undefined> {
    const prompt: AskedPrompt = { kind: 'livePick', title: options.title, text: options.placeholder };
    const what = `the live pick "${options.title}"`;
    const answer = await this.next(prompt, what);
    if (isCancel(answer)) return undefined;
    const typed: LivePickAnswer | undefined = typeof answer === 'string' ? { value: answer } : !Array.isArray(answer) && typeof answer === 'object' && 'value' in answer ? answer : undefined;
    if (!typed) return this.fail(`${what} takes typed text or { value, pick }, not ${describe(answer)}.`);
    const items = selectable(await options.items(typed.value, new AbortController().signal));
    prompt.labels = items.map((i) => i.label);
    const candidates = items.filter((item) => options.acceptable?.(item) ?? true);
    // Enter accepts the first (active) item; another one is chosen only when the answer names it.
    const item = typed.pick === undefined ? candidates.find((c) => c === items[0]) : candidates.find((c) => fits(c.label, typed.pick as string | RegExp));
    if (!item) return this.fail(`${what} offers nothing to accept for ${describe(answer)}; its results: ${items.map((i) => JSON.stringify(`${i.label} ${i.description ?? ''}`.trim())).join(', ')}.`);
    prompt.answer = item.label;
    return { item, value: typed.value };
  }

  async withProgress<T>(title: string, task: (progress: ProgressReporter, signal: AbortSignal) => Promise<T>, place?: ProgressPlace): Promise<T> {
    const record: ProgressRecord = { title, reports: [] };
    if (place?.location) record.viewId = place.location.viewId;
    this.progress.push(record);
    const controller = new AbortController();
    // A view's progress bar has no Cancel: the cancellation waits for the next notification.
    const cancelAfter = place?.location ? undefined : this.cancelAfterReports;
    if (!place?.location) this.cancelAfterReports = undefined;
    return task(
      {
        report: (message) => {
          record.reports.push(message);
          if (cancelAfter !== undefined && record.reports.length >= cancelAfter) controller.abort();
        },
      },
      controller.signal,
    );
  }
}
