// Saved filters of a tenant: Save Filter…, Apply Saved Filter (the row's click), Rename Saved Filter…, Delete Saved
// Filter. Every answer a command would ask for can be given as an argument (`{ tenantId, name, newName, overwrite }`);
// only what is missing is asked, through the prompts of src/ui/savedFilterPrompts.ts (the table saves its query there too).
import * as vscode from 'vscode';
import type { SavedFilter } from '../model/savedFilters';
import { findSavedFilter, normalizeSavedFilterName, savedFilterLabel, savedFilterNameProblem, viewStateOf } from '../model/savedFilters';
import type { TenantInfo } from '../model/tenant';
import type { CoreServices } from '../services';
import { SavedFilterNode } from '../tree/nodes';
import type { TreeController } from '../tree/treeController';
import { nameProblemText, saveQueryAsFilter, savedFilterPrompts } from '../ui/savedFilterPrompts';
import { UserCancelledError } from '../util/cancellation';
import { COMMAND_IDS } from './commandIds';
import { resolveTenant } from './commandArgs';
import { registerCommand } from './commandWrapper';

/** Answers a caller may give instead of being asked (tests, other commands). */
interface SavedFilterAnswers {
  tenantId?: string;
  /** The saved filter's name: the one to save as, or the one to apply, rename or delete. */
  name?: string;
  newName?: string;
  /** Whether saving over a saved filter of the same name is fine (asked when not given). */
  overwrite?: boolean;
}

function answersOf(...args: unknown[]): SavedFilterAnswers {
  const answers: SavedFilterAnswers = {};
  for (const arg of args) {
    if (!arg || typeof arg !== 'object' || arg instanceof SavedFilterNode) continue;
    const a = arg as Record<string, unknown>;
    if (typeof a.tenantId === 'string') answers.tenantId = a.tenantId;
    if (typeof a.name === 'string') answers.name = a.name;
    if (typeof a.newName === 'string') answers.newName = a.newName;
    if (typeof a.overwrite === 'boolean') answers.overwrite = a.overwrite;
  }
  return answers;
}

/** The saved filter a command argument names (a row, or `{ tenantId, name }`), else undefined. */
export function savedFilterOfArg(services: CoreServices, arg: unknown): SavedFilter | undefined {
  if (arg instanceof SavedFilterNode) return services.savedFilters.get(arg.tenantId, arg.saved.name);
  const { tenantId, name } = answersOf(arg);
  return tenantId && name !== undefined ? services.savedFilters.get(tenantId, name) : undefined;
}

export function registerSavedFilterCommands(services: CoreServices, tree: TreeController): void {
  const { tenants, savedFilters, viewStates, ui } = services;
  const prompts = savedFilterPrompts(ui);

  /** The tenant and saved filter a row or `{ tenantId, name }` names; asked for when there is neither. */
  const resolveSaved = async (arg: unknown, options: unknown, placeHolder: string): Promise<{ tenant: TenantInfo; saved: SavedFilter }> => {
    const answers = answersOf(arg, options);
    const tenant = await resolveTenant(ui, tenants, arg instanceof SavedFilterNode ? arg.tenantId : answers.tenantId, placeHolder);
    const list = savedFilters.list(tenant.id);
    const name = arg instanceof SavedFilterNode ? arg.saved.name : answers.name;
    if (name === undefined) {
      if (list.length === 0) throw new UserCancelledError(vscode.l10n.t('{0} has no saved filters.', tenant.label));
      return { tenant, saved: await prompts.pick(tenant, list, placeHolder) };
    }
    const saved = findSavedFilter(list, name);
    if (!saved) throw new Error(vscode.l10n.t('{0} has no saved filter named "{1}".', tenant.label, savedFilterLabel({ name: normalizeSavedFilterName(name), defaultFilter: 'NONE' })));
    return { tenant, saved };
  };

  registerCommand(services, COMMAND_IDS.saveFilter, async (arg?: unknown, options?: unknown) => {
    const answers = answersOf(arg, options);
    const tenant = await resolveTenant(ui, tenants, arg instanceof SavedFilterNode ? arg.tenantId : (answers.tenantId ?? arg), vscode.l10n.t('Save the filter of which tenant?'));
    const saved = await saveQueryAsFilter(ui, savedFilters, tenant, viewStates.get(tenant.id), answers);
    return saved.name;
  });

  registerCommand(services, COMMAND_IDS.applySavedFilter, async (arg?: unknown, options?: unknown) => {
    const { tenant, saved } = await resolveSaved(arg, options, vscode.l10n.t('Apply which saved filter?'));
    // The tree's refresher starts the tenant's list over with the new query when the view state changes.
    await viewStates.update(tenant.id, viewStateOf(saved));
    tree.active.set(tenant.id);
    return saved.name;
  });

  registerCommand(services, COMMAND_IDS.renameSavedFilter, async (arg?: unknown, options?: unknown) => {
    const { tenant, saved } = await resolveSaved(arg, options, vscode.l10n.t('Rename which saved filter?'));
    const existing = savedFilters.list(tenant.id);
    const raw =
      answersOf(arg, options).newName ??
      (await prompts.name({ title: vscode.l10n.t('Rename the saved filter "{0}"', savedFilterLabel(saved)), prompt: vscode.l10n.t('New name'), value: saved.name, existing, renaming: saved.name, duplicateIsWarning: false }));
    const problem = savedFilterNameProblem(raw, existing, saved.name);
    if (problem) throw new Error(nameProblemText(problem, raw));
    await savedFilters.rename(tenant.id, saved.name, raw);
    return normalizeSavedFilterName(raw);
  });

  registerCommand(services, COMMAND_IDS.deleteSavedFilter, async (arg?: unknown, options?: unknown) => {
    const { tenant, saved } = await resolveSaved(arg, options, vscode.l10n.t('Delete which saved filter?'));
    await savedFilters.remove(tenant.id, saved.name);
    return true;
  });
}
