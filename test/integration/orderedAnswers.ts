// Ordered answers for integration tests: a command runs with the answers a person would give its prompts, in order
// (TestUserInput.runWithInputs), and the test reads back what was asked and shown meanwhile — the prompts and
// progress logged on the test input and the write guard's confirmations.
//
//   const { result, log } = await answered(h, ['Process 3 Identities'], () => vscode.commands.executeCommand(...));
//   assert.match(log.confirmations[0].detail, /…/);
import type { ConfirmationRequest } from '../../src/commands/actions';
import type { AskedPrompt, TestAnswer } from '../../src/testing/testUserInput';
import { confirmationsMark } from './actionsSupport';
import type { Handles } from './actionsSupport';

/** What was asked and shown since the log began (read live: notifications that come later show up too). */
export interface PromptLog {
  /** Every prompt, oldest first. */
  readonly prompts: AskedPrompt[];
  /** The notifications (they never wait for an answer). */
  readonly messages: AskedPrompt[];
  readonly inputs: AskedPrompt[];
  /** The reports of every progress notification, in order. */
  readonly progress: string[];
  /** What the write guard's modal was asked to confirm. */
  readonly confirmations: ConfirmationRequest[];
}

/** Prompts, progress and confirmations from now on. Marked by the newest entry, so `clearLog()` does not shift it. */
function promptLog(h: Handles): PromptLog {
  const input = h.api.userInput;
  const lastPrompt = input.prompts.at(-1);
  const lastProgress = input.progress.at(-1);
  const confirmations = confirmationsMark(h.actions);
  const after = <T>(all: readonly T[], last: T | undefined): T[] => all.slice(last === undefined ? 0 : all.lastIndexOf(last) + 1);
  const prompts = (): AskedPrompt[] => after(input.prompts, lastPrompt);
  return {
    get prompts() {
      return prompts();
    },
    get messages() {
      return prompts().filter((p) => p.kind === 'message');
    },
    get inputs() {
      return prompts().filter((p) => p.kind === 'inputBox');
    },
    get progress() {
      return after(input.progress, lastProgress).flatMap((p) => p.reports);
    },
    get confirmations() {
      return confirmations();
    },
  };
}

export interface Answered<T> {
  result: T;
  log: PromptLog;
}

/**
 * Runs `action` with `answers` for its prompts, in order (a prompt without a fitting answer, or an answer left
 * unused, fails), and returns its result with the log of what it asked and showed.
 */
export async function answered<T>(h: Handles, answers: readonly TestAnswer[], action: () => Thenable<T> | Promise<T>): Promise<Answered<T>> {
  const log = promptLog(h);
  const result = await h.api.userInput.runWithInputs(answers, action);
  return { result, log };
}

/** The guard modal's confirm button of Process, Reset, Synchronize or Invite on `count` identities. */
export function confirmButton(verb: 'Process' | 'Reset' | 'Synchronize' | 'Invite', count: number): string {
  return count === 1 ? verb : `${verb} ${count} Identities`;
}
