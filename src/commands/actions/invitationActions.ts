// Invite identities, Invite all unregistered identities (tenant-wide, louder), Send password-reset email.
import { COMMAND_IDS } from '../commandIds';
import * as vscode from 'vscode';
import { eq } from '../../api/filters';
import { identityRefsFromArgs } from '../../model/identityRef';
import type { TenantInfo } from '../../model/tenant';
import type { VerificationVia } from '../../api/types';
import type { ActionOutcome, ActionRuntime, ActionSpec, PrepareContext } from './actionRuntime';
import type { ActionPrompts } from './prompts';
import type { IdentityRef } from '../../model/identityRef';
import { accountSourceNames } from '../../model/actions/accountSources';
import { allUnregisteredTarget, inviteAllUnregisteredOperation, inviteOperation, passwordResetOperation } from '../../model/actions/operations';
import { displayName } from '../../model/actions/report';

/** Role assignments read for account-source suggestions, and how long the reads may take. */
const MAX_ASSIGNMENTS_READ = 5;
const SOURCE_LOOKUP_MS = 3000;

/** Built when asked: the localized texts are not ready while the module loads. */
const viaChoices = (): readonly { via: VerificationVia; label: string; detail: string }[] => [

  { via: 'EMAIL_WORK', label: vscode.l10n.t('Email — work address'), detail: vscode.l10n.t('EMAIL_WORK: ISC emails the reset link to the work email address on the identity') },
  { via: 'EMAIL_PERSONAL', label: vscode.l10n.t('Email — personal address'), detail: vscode.l10n.t('EMAIL_PERSONAL: ISC emails the reset link to the personal email address on the identity') },
  { via: 'LINK_WORK', label: vscode.l10n.t('Link — work'), detail: vscode.l10n.t("LINK_WORK: ISC's link notification, sent to the identity's work contact") },
  { via: 'LINK_PERSONAL', label: vscode.l10n.t('Link — personal'), detail: vscode.l10n.t("LINK_PERSONAL: ISC's link notification, sent to the identity's personal contact") },
];

export function inviteSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.inviteIdentities,
    kind: 'inviteIdentities',
    label: vscode.l10n.t('Invite identities'),
    pickTitle: vscode.l10n.t('Invite identity'),
    allowMany: true,
    prepare: async (_context, _tenant, refs) => ({
      operation: inviteOperation(),
      confirmButton: refs.length === 1 ? vscode.l10n.t('Invite') : vscode.l10n.t('Invite {0} Identities', refs.length),
      detail: vscode.l10n.t(
        'ISC emails a registration invitation (valid 7 days) to those of them that are not registered yet; registered identities are left alone. The result is an invitation task.',
      ),
    }),
  };
}

export function inviteAllSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.inviteAllUnregistered,
    kind: 'inviteAllUnregistered',
    label: vscode.l10n.t('Invite all unregistered identities'),
    pickTitle: vscode.l10n.t('Invite all unregistered identities'),
    allowMany: false,
    prepare: async (context, tenant) => {
      const count = await countUnregistered(context);

      return {
        operation: inviteAllUnregisteredOperation(),
        targets: [allUnregisteredTarget(tenant.id)],
        scope:
          count === undefined
            ? vscode.l10n.t('EVERY unregistered identity of the tenant (an unknown number of with status UNREGISTERED)')
            : vscode.l10n.t('EVERY unregistered identity of the tenant ({0} with status UNREGISTERED)', String(count)),
        strong: true,
        confirmButton: count === undefined ? vscode.l10n.t('Invite All Unregistered') : vscode.l10n.t('Invite All {0} Unregistered', count),
        detail: vscode.l10n.t(
          'This is tenant-wide: ISC emails a registration invitation to every identity that is neither registered nor invited yet, not just the ones you selected. It cannot be recalled. To invite specific identities, use “Invite Identities” instead.',
        ),
      };
    },
  };
}

async function countUnregistered(context: PrepareContext): Promise<number | undefined> {
  try {
    const client = await context.client();
    const page = await client.listIdentities({ filters: eq('cloudStatus', 'UNREGISTERED'), count: true, limit: 1 });
    return page.total;
  } catch (error) {
    context.logger.warn(`Could not count unregistered identities: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Tenant of a tenant tree node / `{tenantId}` argument, if any. */
function tenantIdFromArg(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const value = arg as { tenantId?: unknown; tenant?: { id?: unknown }; id?: unknown };
  if (typeof value.tenantId === 'string') return value.tenantId;
  if (value.tenant && typeof value.tenant.id === 'string') return value.tenant.id;
  return undefined;
}

/** "Invite all unregistered": from a tenant node, an identity of the tenant, or the palette (asks for the tenant). */
export async function runInviteAll(runtime: ActionRuntime, spec: ActionSpec, args: unknown[]): Promise<ActionOutcome> {
  let tenantId = tenantIdFromArg(args[0]);
  if (!tenantId) {
    const tenant = await runtime.ui.pickTenant(vscode.l10n.t('Invite all unregistered identities: choose the tenant'));
    if (!tenant) return { command: spec.command, kind: spec.kind, status: 'noTarget', tenantIds: [], reports: [] };
    tenantId = tenant.id;
  }
  return runtime.run(spec, [allUnregisteredTarget(tenantId)]);
}

/** "Invite identities": from the palette it offers the tenant-wide invitation as a separate, clearly marked choice. */
export async function runInvite(runtime: ActionRuntime, spec: ActionSpec, allSpec: ActionSpec, args: unknown[]): Promise<ActionOutcome> {
  if (identityRefsFromArgs(args[0], args[1]).length > 0) return runtime.run(spec, args);
  const tenant = await runtime.ui.pickTenant(vscode.l10n.t('Invite identities: choose the tenant'));
  if (!tenant) return { command: spec.command, kind: spec.kind, status: 'noTarget', tenantIds: [], reports: [] };
  const writable = runtime.guard.checkWritableOrExplain(tenant.id, spec.label, () => runInvite(runtime, spec, allSpec, args));
  if (writable !== 'allowed') {
    return { command: spec.command, kind: spec.kind, status: 'readOnly', tenantIds: [tenant.id], reports: [] };
  }
  type Choice = vscode.QuickPickItem & { all: boolean };
  const choice = await runtime.ui.quickPick<Choice>(
    [
      { label: `$(person) ${vscode.l10n.t('Choose an identity…')}`, description: vscode.l10n.t('invite one identity (if it is unregistered)'), all: false },
      {
        label: `$(warning) ${vscode.l10n.t('ALL unregistered identities of the tenant…')}`,
        description: vscode.l10n.t('tenant-wide'),
        detail: vscode.l10n.t('Emails an invitation to every unregistered identity — asks for a separate confirmation'),
        all: true,
      },
    ],
    { title: vscode.l10n.t('Invite identities on “{0}”', displayName(tenant.label)), placeHolder: vscode.l10n.t('Whom to invite?') },
  );
  if (!choice) return { command: spec.command, kind: spec.kind, status: 'cancelled', tenantIds: [tenant.id], reports: [] };
  if (choice.all) return runtime.run(allSpec, [allUnregisteredTarget(tenant.id)]);
  const ref = await runtime.ui.pickIdentity(tenant.id, vscode.l10n.t('Invite identity: find identity…'));
  if (!ref) return { command: spec.command, kind: spec.kind, status: 'noTarget', tenantIds: [tenant.id], reports: [] };
  return runtime.run(spec, [ref]);
}

// --- password reset ---------------------------------------------------------------------------------------------

/** The sources of the first identity's accounts (through its role assignments), within a few seconds; [] when unknown. */
async function accountSources(context: PrepareContext, ref: IdentityRef | undefined): Promise<string[]> {
  if (!ref) return [];
  try {
    const client = await context.client();
    return await accountSourceNames(client, ref.identityId, { maxAssignments: MAX_ASSIGNMENTS_READ, signal: AbortSignal.timeout(SOURCE_LOOKUP_MS) });
  } catch (error) {
    context.logger.debug(`No account sources of ${ref.identityId}: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

async function askSourceName(ui: ActionPrompts, tenant: TenantInfo, recent: readonly string[], ofAccounts: readonly string[], firstName: string | undefined): Promise<string | undefined> {
  const title = vscode.l10n.t('Send password-reset email (2/2): source name');
  const ask = async (): Promise<string | undefined> => {
    const value = await ui.inputBox({
      title,
      prompt: vscode.l10n.t('Name of the source whose account password is reset (e.g. Active Directory)'),
      placeHolder: vscode.l10n.t('Source name'),
      validateInput: (text) => (text.trim() ? undefined : vscode.l10n.t('Enter the source name.')),
    });
    return value?.trim() || undefined;
  };
  const accounts = ofAccounts.filter((source) => !recent.includes(source));
  if (recent.length === 0 && accounts.length === 0) return ask();
  type Choice = vscode.QuickPickItem & { source?: string };
  const picked = await ui.quickPick<Choice>(
    [
      ...recent.map((source) => ({ label: source, description: vscode.l10n.t('recently used'), source })),
      ...accounts.map((source) => ({ label: source, description: vscode.l10n.t('has an account of {0}', displayName(firstName ?? '', 40)), source })),
      { label: `$(edit) ${vscode.l10n.t('Other source…')}`, description: vscode.l10n.t('type a source name') },
    ],
    { title, placeHolder: vscode.l10n.t('Source on “{0}”', displayName(tenant.label)) },
  );
  if (!picked) return undefined;
  return picked.source ?? ask();
}

export function passwordResetSpec(): ActionSpec {
  return {
    command: COMMAND_IDS.sendPasswordResetEmail,
    kind: 'sendPasswordResetEmail',
    label: vscode.l10n.t('Send password-reset email'),
    pickTitle: vscode.l10n.t('Send password-reset email'),
    allowMany: true,
    prepare: async (context, tenant, refs) => {
      type Choice = vscode.QuickPickItem & { via: VerificationVia };
      // Read while the first question is open: the suggestions of the second are ready when it comes.
      const ofAccounts = accountSources(context, refs[0]);
      const via = await context.ui.quickPick<Choice>(
        viaChoices().map((c) => ({ label: c.label, detail: c.detail, via: c.via })),
        { title: vscode.l10n.t('Send password-reset email (1/2): how?'), placeHolder: vscode.l10n.t('Where should the reset link go?'), matchOnDetail: true },
      );
      if (!via) return undefined;
      const sourceName = await askSourceName(context.ui, tenant, context.recentSources.list(tenant.id), await ofAccounts, refs[0]?.name);
      if (!sourceName) return undefined;
      return {
        operation: passwordResetOperation({ via: via.via, sourceName }),
        confirmButton: refs.length === 1 ? vscode.l10n.t('Send') : vscode.l10n.t('Send to {0} Identities', refs.length),
        detail: vscode.l10n.t('Via: {0}\nSource: {1}\nThe reset link expires after 2 hours.', via.via, displayName(sourceName)),
        afterSuccess: () => context.recentSources.remember(tenant.id, sourceName),
      };
    },
  };
}
