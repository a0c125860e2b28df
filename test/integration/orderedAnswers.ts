// Ordered answers for integration tests: a command runs with the answers a person would give its prompts, in order
// (TestUserInput.runWithInputs), and the test reads back what was asked and shown meanwhile — the prompts and
// progress logged on the test input and the write guard's confirmations.
//
//   const { result, log } = await answered(h, ['Process 3 Identities'], () => vscode.commands.executeCommand(...));
//   assert.match(log.confirmations[0].detail, /…/);
import type { TestAnswer } from '../../src/testing/testUserInput';
import { promptLog } from './actionsSupport';
import type { Handles, PromptLog } from './actionsSupport';

export type { PromptLog } from './actionsSupport';

export interface Answered<T> {
  result: T;
  log: PromptLog;
}

/**
 * Runs `action` with `answers` for its prompts, in order (a prompt without a fitting answer, or an answer left
 * unused, fails), and returns its result with the log of what it asked and showed.
 */
export async function answered<T>(h: Handles, answers: readonly TestAnswer[], action: () => Thenable<T> | Promise<T>): Promise<Answered<T>> {
  const log = promptLog(h.actions);
  const result = await h.api.userInput.runWithInputs(answers, action);
  return { result, log };
}

/** The guard modal's confirm button of Process, Reset, Synchronize or Invite on `count` identities. */
export function confirmButton(verb: 'Process' | 'Reset' | 'Synchronize' | 'Invite', count: number): string {
  return count === 1 ? verb : `${verb} ${count} Identities`;
}
