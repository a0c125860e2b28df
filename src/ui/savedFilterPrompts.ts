// Saving a query as a saved filter, and the questions it and the other saved-filter commands ask. Shared by the
// saved-filter commands (the tree's query) and the identities table (its own query), so both ask and check alike.
import * as vscode from 'vscode';
import type { SavedFilterStore } from '../config/savedFilterStore';
import type { SavedFilter, SavedFilterNameProblem } from '../model/savedFilters';
import { MAX_SAVED_FILTER_NAME, findSavedFilter, normalizeSavedFilterName, savedFilterLabel, savedFilterNameProblem, savedFilterOf, viewStateOf } from '../model/savedFilters';
import type { TenantInfo } from '../model/tenant';
import type { TenantViewState } from '../model/viewState';
import { describeViewState } from '../model/viewState';
import { UserCancelledError } from '../util/cancellation';
import { escapeQuickPickText } from './pickers';
import type { UserInput } from './userInput';

export function nameProblemText(problem: SavedFilterNameProblem, name: string): string {
  switch (problem) {
    case 'empty':
      return vscode.l10n.t('Enter a name.');
    case 'tooLong':
      return vscode.l10n.t('Use at most {0} characters.', MAX_SAVED_FILTER_NAME);
    case 'unsafeCharacters':
      return vscode.l10n.t('Use visible characters only (no control, direction or invisible characters).');
    case 'duplicate':
      return vscode.l10n.t('A saved filter named "{0}" exists already.', savedFilterLabel({ name: normalizeSavedFilterName(name), defaultFilter: 'NONE' }));
  }
}

/** The questions the saved-filter commands ask, in one place, through the extension's user input. */
export const savedFilterPrompts = (ui: UserInput) => ({
  async name(options: { title: string; prompt: string; value?: string; existing: readonly SavedFilter[]; renaming?: string; duplicateIsWarning: boolean }): Promise<string> {
    const answer = await ui.showInputBox({
      title: options.title,
      prompt: options.prompt,
      value: options.value,
      placeHolder: vscode.l10n.t('Name of the saved filter'),
      validateInput: (value) => {
        const problem = savedFilterNameProblem(value, options.existing, options.renaming);
        if (!problem) return undefined;
        const message = nameProblemText(problem, value);
        if (problem === 'duplicate' && options.duplicateIsWarning) return { message: vscode.l10n.t('{0} Saving replaces it.', message), severity: vscode.InputBoxValidationSeverity.Warning };
        return message;
      },
    });
    if (answer === undefined) throw new UserCancelledError();
    return answer;
  },

  async overwrite(saved: SavedFilter, tenant: TenantInfo): Promise<boolean> {
    const replace = vscode.l10n.t('Replace');
    const choice = await ui.showModal(
      'warning',
      vscode.l10n.t('Replace the saved filter "{0}"?', savedFilterLabel(saved)),
      vscode.l10n.t('{0} keeps one saved filter of that name; it lists: {1}', tenant.label, describeViewState(viewStateOf(saved)) ?? vscode.l10n.t('all identities')),
      replace,
    );
    return choice === replace;
  },

  async pick(tenant: TenantInfo, list: readonly SavedFilter[], placeHolder: string): Promise<SavedFilter> {
    const picked = await ui.showQuickPick(
      list.map((saved) => ({ label: escapeQuickPickText(savedFilterLabel(saved)), description: describeViewState(viewStateOf(saved)) ?? '', saved })),
      { title: vscode.l10n.t('Saved filters of {0}', escapeQuickPickText(tenant.label)), placeHolder },
    );
    if (!picked) throw new UserCancelledError();
    return picked.saved;
  },
});

/** What a caller may answer instead of being asked. */
export interface SaveFilterAnswers {
  name?: string;
  /** Whether saving over a saved filter of the same name is fine (asked when not given). */
  overwrite?: boolean;
}

/**
 * Saves `state` (a filter, sort and default filter) as a saved filter of `tenant`: asks its name unless answered,
 * refuses an unusable one, asks before replacing one of the same name. Resolves with the saved filter; a Cancel
 * rejects with UserCancelledError.
 */
export async function saveQueryAsFilter(ui: UserInput, store: SavedFilterStore, tenant: TenantInfo, state: TenantViewState, answers: SaveFilterAnswers = {}): Promise<SavedFilter> {
  const prompts = savedFilterPrompts(ui);
  const existing = store.list(tenant.id);
  const raw =
    answers.name ??
    (await prompts.name({
      title: vscode.l10n.t('Save the filter of {0}', tenant.label),
      prompt: vscode.l10n.t('Lists: {0}', describeViewState(state) ?? vscode.l10n.t('all identities')),
      existing,
      duplicateIsWarning: true,
    }));
  const problem = savedFilterNameProblem(raw, existing);
  if (problem && problem !== 'duplicate') throw new Error(nameProblemText(problem, raw));
  const replaced = findSavedFilter(existing, raw);
  if (replaced && !(answers.overwrite ?? (await prompts.overwrite(replaced, tenant)))) throw new UserCancelledError();
  const saved = savedFilterOf(raw, state);
  await store.save(tenant.id, saved);
  return saved;
}
