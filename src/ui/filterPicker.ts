// "Filter identities…" as ONE quick pick: what is typed is parsed live into conditions or an expression; with a filter
// active, Enter offers and / or / replace, each with the expression it results in.
import * as vscode from 'vscode';
import type { FilterField } from '../api/filters';
import type { CombineMode, FilterProblem, FilterSuggestion, QuickConditionId } from '../model/filterBuilder';
import { combineFilters, parseFilterInput } from '../model/filterBuilder';
import { displayText } from '../model/identityDisplay';
import { escapeQuickPickText } from './pickers';
import type { UserInput } from './userInput';

type PickerItem = vscode.QuickPickItem & ({ action: 'use'; expression: string } | { action: 'edit' | 'clear' | 'none' });

/** What the picker resolves with: the new filter, `null` to clear it, undefined when cancelled. */
export type FilterPickResult = string | null | undefined;

function fieldName(field: FilterField): string {
  switch (field) {
    case 'id':
      return vscode.l10n.t('ID');
    case 'name':
      return vscode.l10n.t('Name');
    case 'alias':
      return vscode.l10n.t('Alias (username)');
    case 'firstname':
      return vscode.l10n.t('First name');
    case 'lastname':
      return vscode.l10n.t('Last name');
    case 'email':
      return vscode.l10n.t('Email');
    case 'cloudStatus':
      return vscode.l10n.t('Status');
    case 'processingState':
      return vscode.l10n.t('Processing state');
    case 'correlated':
      return vscode.l10n.t('Correlated');
    case 'protected':
      return vscode.l10n.t('Protected');
  }
}

function quickName(id: QuickConditionId): string {
  switch (id) {
    case 'uncorrelated':
      return vscode.l10n.t('Uncorrelated identities');
    case 'correlated':
      return vscode.l10n.t('Correlated identities');
    case 'processingErrors':
      return vscode.l10n.t('Identities with processing errors');
    case 'protected':
      return vscode.l10n.t('Protected identities');
    case 'unregistered':
      return vscode.l10n.t('Unregistered identities');
    case 'locked':
      return vscode.l10n.t('Locked identities');
    case 'disabled':
      return vscode.l10n.t('Disabled identities');
  }
}

/** "Name starts with “Jo”", "Status is LOCKED", "ID is one of 3". */
function conditionText(suggestion: FilterSuggestion): string {
  const field = suggestion.field ? fieldName(suggestion.field) : '';
  const value = escapeQuickPickText(displayText(String(suggestion.value ?? ''), 80));
  switch (suggestion.operator) {
    case 'sw':
      return vscode.l10n.t('{0} starts with “{1}”', field, value);
    case 'in':
      return vscode.l10n.t('{0} is one of {1}', field, suggestion.count ?? 0);
    default:
      return typeof suggestion.value === 'boolean' || suggestion.field === 'cloudStatus' || suggestion.field === 'processingState'
        ? vscode.l10n.t('{0} is {1}', field, value)
        : vscode.l10n.t('{0} is exactly “{1}”', field, value);
  }
}

/** The sentence for a typed text that is no filter; an unknown field names every field that can be filtered. */
export function filterProblemText(problem: FilterProblem): string {
  return problem.kind === 'unknownField'
    ? vscode.l10n.t('"{0}" is not filterable. Fields you can filter on: {1}.', problem.field, problem.filterable.join(', '))
    : problem.message;
}

/**
 * While text is typed, a label that contains it would make VS Code re-sort the list by label match (alphabetically
 * among equals): labels are icons then, so the order stays the one that fits the value; the expression is the
 * description, the sentence the detail.
 */
function suggestionItem(suggestion: FilterSuggestion, typing: boolean): PickerItem {
  const expression = escapeQuickPickText(suggestion.expression);
  if (suggestion.kind === 'quick' && suggestion.quick) {
    return { action: 'use', expression: suggestion.expression, label: quickName(suggestion.quick), description: expression };
  }
  const text = suggestion.kind === 'expression' ? vscode.l10n.t('Use this expression') : conditionText(suggestion);
  const icon = suggestion.kind === 'expression' ? '$(code)' : '$(filter)';
  return typing
    ? { action: 'use', expression: suggestion.expression, label: icon, description: expression, detail: text, alwaysShow: true }
    : { action: 'use', expression: suggestion.expression, label: `${icon} ${expression}`, detail: text };
}

export interface FilterPickOptions {
  tenantLabel: string;
  current: string | undefined;
  /** Text to start with. */
  value?: string;
}

export async function pickFilter(ui: UserInput, options: FilterPickOptions): Promise<FilterPickResult> {
  const { current } = options;
  const tenant = escapeQuickPickText(displayText(options.tenantLabel, 60));
  /** Editing the current filter: Enter replaces it (no and/or question). */
  let editing = false;
  let value = options.value ?? '';

  const conditionItems = (typed: string): PickerItem[] => {
    const input = parseFilterInput(typed);
    const typing = typed.trim() !== '';
    const items: PickerItem[] = [];
    if (!typing && current) {
      items.push(
        { action: 'edit', label: `$(edit) ${vscode.l10n.t('Edit the current filter')}`, description: escapeQuickPickText(current) },
        { action: 'clear', label: `$(clear-all) ${vscode.l10n.t('Clear the filter')}` },
        { action: 'none', label: '', kind: vscode.QuickPickItemKind.Separator },
      );
    }
    if (input.problem) {
      items.push({ action: 'none', label: '$(error)', description: escapeQuickPickText(filterProblemText(input.problem)), alwaysShow: true });
    }
    items.push(...input.suggestions.map((suggestion) => suggestionItem(suggestion, typing)));
    return items;
  };

  /** Second step: how the new condition meets the current filter; undefined = Escape, 'back' = change the condition. */
  const combineStep = async (expression: string): Promise<CombineMode | 'back' | undefined> => {
    type CombineItem = vscode.QuickPickItem & { mode: CombineMode | 'back' };
    const item = (mode: CombineMode, label: string, description: string): CombineItem => ({
      mode,
      label,
      description,
      detail: escapeQuickPickText(combineFilters(current, expression, mode)),
    });
    const picked = await ui.showQuickPick<CombineItem>(
      [
        item('and', vscode.l10n.t('$(filter) And'), vscode.l10n.t('both must match: narrows the list')),
        item('or', vscode.l10n.t('$(add) Or'), vscode.l10n.t('either may match: widens the list')),
        item('replace', vscode.l10n.t('$(replace) Replace'), vscode.l10n.t('the new condition alone')),
        { mode: 'back', label: vscode.l10n.t('$(arrow-left) Back'), description: vscode.l10n.t('change the condition') },
      ],
      { title: vscode.l10n.t('Combine with the current filter of {0} (2/2)', tenant), placeHolder: vscode.l10n.t('Current: {0}', escapeQuickPickText(current ?? '')) },
    );
    return picked?.mode;
  };

  for (;;) {
    const picked = await ui.showLivePick<PickerItem>({
      title: current ? vscode.l10n.t('Filter identities of {0} (1/2)', tenant) : vscode.l10n.t('Filter identities of {0}', tenant),
      placeholder: current
        ? vscode.l10n.t('Current: {0}. Type a value (name, alias, email, ID, status…) or an expression', escapeQuickPickText(current))
        : vscode.l10n.t('Type a value (name, alias, email, ID, status…) or an expression such as name sw "Jo" and correlated eq true'),
      value,
      items: (typed) => {
        if (!typed.trim()) editing = false;
        return conditionItems(typed);
      },
      acceptable: (item) => item.action !== 'none',
    });
    if (!picked) return undefined;
    const { item } = picked;
    value = picked.value;
    switch (item.action) {
      case 'edit':
        editing = true;
        value = current ?? '';
        continue;
      case 'clear':
        return null;
      case 'use': {
        if (!current || editing || item.expression === current) return item.expression;
        const mode = await combineStep(item.expression);
        if (mode === undefined) return undefined;
        if (mode === 'back') continue;
        return combineFilters(current, item.expression, mode);
      }
      default:
        continue;
    }
  }
}
