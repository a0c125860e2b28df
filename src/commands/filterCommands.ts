// Server-side filter and sort per tenant: build a filter (or type one) in one quick pick, sort, default filter, clear.
import { COMMAND_IDS } from './commandIds';
import * as vscode from 'vscode';
import type { CombineMode } from '../model/filterBuilder';
import { combineFilters, filterProblem } from '../model/filterBuilder';
import type { DefaultFilter, TenantViewState } from '../model/viewState';
import { sortChoices, isValidSorters } from '../model/viewState';
import type { CoreServices } from '../services';
import type { TreeController } from '../tree/treeController';
import { UserCancelledError, orCancel } from '../util/cancellation';
import { filterProblemText, pickFilter } from '../ui/filterPicker';
import { registerCommand } from './commandWrapper';
import { resolveTenant } from './commandArgs';
import { escapeQuickPickText } from '../ui/pickers';

export function registerFilterCommands(services: CoreServices, tree: TreeController): void {
  const { tenants, viewStates } = services;

  const apply = async (tenantId: string, change: Partial<TenantViewState>): Promise<TenantViewState> => {
    const next = await viewStates.update(tenantId, change);
    tree.active.set(tenantId);
    void tree.revealTenant(tenantId, true);
    return next;
  };

  /**
   * Without options: the one-quick-pick filter (src/ui/filterPicker.ts). `{ filters, mode }` applies an expression
   * without UI (combined with the current one by `mode`, default replace): saved filters and other commands use it.
   */
  registerCommand(services, COMMAND_IDS.filter, async (arg?: unknown, options?: { filters?: string; mode?: CombineMode }) => {
    const tenant = await resolveTenant(services.ui, tenants, arg, vscode.l10n.t('Filter the identities of which tenant?'));
    const current = viewStates.get(tenant.id).filters;
    let next: string | undefined;
    if (typeof options?.filters === 'string') {
      const expression = options.filters.trim();
      next = expression ? combineFilters(current, expression, options.mode ?? 'replace') : undefined;
    } else {
      const picked = await pickFilter(services.ui, { tenantLabel: tenant.label, current });
      if (picked === undefined) throw new UserCancelledError();
      next = picked ?? undefined;
    }
    if (next) {
      const problem = filterProblem(next);
      if (problem) throw new Error(filterProblemText(problem));
    }
    return (await apply(tenant.id, { filters: next })).filters;
  });

  registerCommand(services, COMMAND_IDS.sort, async (arg?: unknown, sorters?: string | null) => {
    const tenant = await resolveTenant(services.ui, tenants, arg, vscode.l10n.t('Sort the identities of which tenant?'));
    let next: string | undefined;
    if (sorters === null || typeof sorters === 'string') {
      next = sorters || undefined;
      if (next && !isValidSorters(next)) throw new Error(vscode.l10n.t('Cannot sort by "{0}": use name, alias or cloudStatus, with "-" for descending.', next));
    } else {
      const current = viewStates.get(tenant.id).sorters;
      const picked = await services.ui.showQuickPick(
        sortChoices().map((choice) => ({ label: choice.label, description: choice.sorters ?? '', picked: choice.sorters === current, choice })),
        { title: vscode.l10n.t('Sort identities of {0}', escapeQuickPickText(tenant.label)), placeHolder: current ? vscode.l10n.t('Currently: {0}', current) : vscode.l10n.t('Currently: server default order') },
      );
      next = orCancel(picked).choice.sorters;
    }
    return (await apply(tenant.id, { sorters: next })).sorters ?? null;
  });

  registerCommand(services, COMMAND_IDS.setDefaultFilter, async (arg?: unknown, value?: DefaultFilter) => {
    const tenant = await resolveTenant(services.ui, tenants, arg, vscode.l10n.t('Which tenant?'));
    let next: DefaultFilter;
    if (value === 'NONE' || value === 'CORRELATED_ONLY') {
      next = value;
    } else {
      const current = viewStates.get(tenant.id).defaultFilter;
      const picked = await services.ui.showQuickPick(
        [
          { label: vscode.l10n.t('All identities'), description: 'defaultFilter=NONE', value: 'NONE' as const },
          { label: vscode.l10n.t('Correlated identities only'), description: vscode.l10n.t('defaultFilter=CORRELATED_ONLY (ISC\'s own default)'), value: 'CORRELATED_ONLY' as const },
        ].map((item) => ({ ...item, detail: item.value === current ? 'current' : undefined })),
        { title: vscode.l10n.t('Which identities of {0} to list?', escapeQuickPickText(tenant.label)) },
      );
      next = orCancel(picked).value;
    }
    return (await apply(tenant.id, { defaultFilter: next })).defaultFilter;
  });

  registerCommand(services, COMMAND_IDS.clearFilter, async (arg?: unknown) => {
    const tenant = await resolveTenant(services.ui, tenants, arg, vscode.l10n.t('Clear the filter of which tenant?'));
    const state = viewStates.get(tenant.id);
    if (!state.filters && state.defaultFilter === 'NONE') throw new UserCancelledError(vscode.l10n.t('No filter is active.'));
    await apply(tenant.id, { filters: undefined, defaultFilter: 'NONE' });
    return true;
  });
}
