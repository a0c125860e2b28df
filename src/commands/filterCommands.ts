// Server-side filter and sort per tenant: build a filter (or type one), sort, default filter, clear.
import { COMMAND_IDS } from './commandIds';
import * as vscode from 'vscode';
import { validateFilterExpression } from '../api/filterValidation';
import type { CombineMode, FilterSuggestion } from '../model/filterBuilder';
import { combineFilters, looksLikeExpression, suggestFilters } from '../model/filterBuilder';
import type { DefaultFilter, TenantViewState } from '../model/viewState';
import { SORT_CHOICES, isValidSorters } from '../model/viewState';
import type { CoreServices } from '../services';
import type { TreeController } from '../tree/treeController';
import { UserCancelledError, orCancel } from '../util/cancellation';
import { registerCommand } from './commandWrapper';
import { resolveTenant } from './commandArgs';
import { escapeQuickPickText } from '../ui/pickers';

interface SuggestionItem extends vscode.QuickPickItem {
  suggestion: FilterSuggestion;
}

/**
 * Two steps: an input box for a value or a full expression (checked as you type), then — for a value — a list of
 * the conditions list-identities allows on it. Resolves with the expression and whether it was typed raw.
 */
async function pickFilterExpression(tenantLabel: string, current: string | undefined): Promise<{ expression: string; raw: boolean } | undefined> {
  const typed = await vscode.window.showInputBox({
    title: `Filter identities of ${tenantLabel}`,
    prompt: 'A value (name, alias, email, ID…) to choose a condition for, or a whole expression such as name sw "Jo" and correlated eq true. Empty: common filters.',
    placeHolder: 'e.g.  Jo   or   name sw "Jo" and correlated eq true',
    value: current ?? '',
    ignoreFocusOut: true,
    validateInput: (text) => (looksLikeExpression(text) ? validateFilterExpression(text.trim()) : undefined),
  });
  if (typed === undefined) return undefined;
  if (looksLikeExpression(typed)) return { expression: typed.trim(), raw: true };
  const items: SuggestionItem[] = suggestFilters(typed).map((suggestion) => ({
    suggestion,
    label: escapeQuickPickText(suggestion.expression),
    description: suggestion.label,
    detail: suggestion.detail,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: typed.trim() ? `Filter identities of ${tenantLabel} by "${escapeQuickPickText(typed.trim())}"` : `Common filters for ${tenantLabel}`,
    placeHolder: 'Choose the condition',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  return picked ? { expression: picked.suggestion.expression, raw: false } : undefined;
}

export function registerFilterCommands(services: CoreServices, tree: TreeController): void {
  const { context, logger, tenants, viewStates } = services;

  const apply = async (tenantId: string, change: Partial<TenantViewState>): Promise<TenantViewState> => {
    const next = await viewStates.update(tenantId, change);
    tree.active.set(tenantId);
    void tree.revealTenant(tenantId, true);
    return next;
  };

  registerCommand(context, logger, COMMAND_IDS.filter, async (arg?: unknown, options?: { filters?: string; mode?: CombineMode }) => {
    const tenant = await resolveTenant(tenants, arg, 'Filter the identities of which tenant?');
    const current = viewStates.get(tenant.id).filters;
    let expression: string;
    let mode: CombineMode = options?.mode ?? 'replace';
    if (typeof options?.filters === 'string') {
      expression = options.filters.trim();
    } else {
      const picked = orCancel(await pickFilterExpression(tenant.label, current));
      expression = picked.expression;
      // A typed expression (often the current one, edited) replaces; a built condition may be combined.
      if (current && !picked.raw && expression !== current) {
        const choice = await vscode.window.showQuickPick(
          [
            { label: 'Replace the current filter', mode: 'replace' as const },
            { label: 'Narrow: current filter AND this condition', mode: 'and' as const },
            { label: 'Widen: current filter OR this condition', mode: 'or' as const },
          ].map((c) => ({ ...c, description: c.mode === 'replace' ? undefined : escapeQuickPickText(current) })),
          { title: `Combine with: ${escapeQuickPickText(current)}`, placeHolder: 'How to combine with the active filter?' },
        );
        mode = orCancel(choice).mode;
      }
    }
    if (!expression) return (await apply(tenant.id, { filters: undefined })).filters;
    const combined = combineFilters(current, expression, mode);
    const problem = validateFilterExpression(combined);
    if (problem) throw new Error(problem);
    return (await apply(tenant.id, { filters: combined })).filters;
  });

  registerCommand(context, logger, COMMAND_IDS.sort, async (arg?: unknown, sorters?: string | null) => {
    const tenant = await resolveTenant(tenants, arg, 'Sort the identities of which tenant?');
    let next: string | undefined;
    if (sorters === null || typeof sorters === 'string') {
      next = sorters || undefined;
      if (next && !isValidSorters(next)) throw new Error(`Cannot sort by "${next}": use name, alias or cloudStatus, with "-" for descending.`);
    } else {
      const current = viewStates.get(tenant.id).sorters;
      const picked = await vscode.window.showQuickPick(
        SORT_CHOICES.map((choice) => ({ label: choice.label, description: choice.sorters ?? '', picked: choice.sorters === current, choice })),
        { title: `Sort identities of ${escapeQuickPickText(tenant.label)}`, placeHolder: current ? `Currently: ${current}` : 'Currently: server default order' },
      );
      next = orCancel(picked).choice.sorters;
    }
    return (await apply(tenant.id, { sorters: next })).sorters ?? null;
  });

  registerCommand(context, logger, COMMAND_IDS.setDefaultFilter, async (arg?: unknown, value?: DefaultFilter) => {
    const tenant = await resolveTenant(tenants, arg, 'Which tenant?');
    let next: DefaultFilter;
    if (value === 'NONE' || value === 'CORRELATED_ONLY') {
      next = value;
    } else {
      const current = viewStates.get(tenant.id).defaultFilter;
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'All identities', description: 'defaultFilter=NONE', value: 'NONE' as const },
          { label: 'Correlated identities only', description: 'defaultFilter=CORRELATED_ONLY (ISC\'s own default)', value: 'CORRELATED_ONLY' as const },
        ].map((item) => ({ ...item, detail: item.value === current ? 'current' : undefined })),
        { title: `Which identities of ${escapeQuickPickText(tenant.label)} to list?` },
      );
      next = orCancel(picked).value;
    }
    return (await apply(tenant.id, { defaultFilter: next })).defaultFilter;
  });

  registerCommand(context, logger, COMMAND_IDS.clearFilter, async (arg?: unknown) => {
    const tenant = await resolveTenant(tenants, arg, 'Clear the filter of which tenant?');
    const state = viewStates.get(tenant.id);
    if (!state.filters && state.defaultFilter === 'NONE') throw new UserCancelledError('No filter is active.');
    await apply(tenant.id, { filters: undefined, defaultFilter: 'NONE' });
    return true;
  });
}
