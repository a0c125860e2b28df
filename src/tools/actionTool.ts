// The acting tool: reset, synchronize, process, invite or send a password-reset email to identities given by id or
// by filter. prepareInvocation works the plan out (reads only; a read-only tenant gets no request at all) and asks
// for the confirmation naming action, tenant, count and the first names; invoke sends exactly that plan through the
// write guard. Nothing in a tool result can start an action: every call needs this confirmation.
import * as vscode from 'vscode';
import { displayName, namesPreview } from '../model/actions/report';
import { escapeMarkdown } from '../model/identityDisplay';
import { actionResultText, plannedIdentitiesText } from '../model/tools/actionToolText';
import { tenantLine } from '../model/tools/identityToolText';
import { PlanStore, inputKey } from '../model/tools/planStore';
import { actionInputFromInput } from '../model/tools/toolInput';
import type { ActionRuntime } from '../commands/actions/actionRuntime';
import { resolveActionPlan } from './actionPlan';
import type { ActionPlan, PlanOutcome } from './actionPlan';
import { auditToolRefusal, prepareToolAction, runToolAction } from './actionBridge';
import type { ConfirmationSource } from './actionBridge';
import type { IscTool, ToolInput } from './readTools';
import { abortSignalOf, textResult, toolError } from './toolSupport';

const FIRST_NAMES = 5;

/** The confirmation: plain title, markdown body with every name and value escaped (identity data never forms markup). */
async function confirmationMessages(runtime: ActionRuntime, plan: ActionPlan): Promise<vscode.LanguageModelToolConfirmationMessages> {
  const prepared = await prepareToolAction(runtime, plan);
  const count = plan.targets.length;
  const tenant = displayName(plan.tenant.label);
  const scope = count === 1 ? vscode.l10n.t('identity “{0}”', displayName(plan.targets[0].name)) : vscode.l10n.t('{0} identities', count);
  const title = vscode.l10n.t('{0}: {1} on tenant “{2}”?', prepared.label, scope, tenant);
  const md = (text: string): string => escapeMarkdown(text);
  const ids = plan.targets.slice(0, FIRST_NAMES).map((ref) => md(ref.identityId));
  const lines = [
    `- **${md(vscode.l10n.t('Action'))}:** ${md(prepared.label)}`,
    `- **${md(vscode.l10n.t('Tenant'))}:** ${md(tenant)} (${md(plan.tenant.baseUrl)})`,
    `- **${md(vscode.l10n.t('Identities'))} (${count}):** ${md(namesPreview(plan.targets.map((ref) => ref.name), FIRST_NAMES))}`,
    `- **${md(vscode.l10n.t('Ids'))}:** ${ids.join(', ')}${count > ids.length ? ` ${md(vscode.l10n.t('and {0} more', count - ids.length))}` : ''}`,
  ];
  if (plan.notFound.length > 0) lines.push(`- ${md(plan.notFound.length === 1 ? vscode.l10n.t('1 id not found in ISC: nothing is sent for them.') : vscode.l10n.t('{0} ids not found in ISC: nothing is sent for them.', plan.notFound.length))}`);
  const detail = prepared.detail ? `\n\n${prepared.detail.split('\n').map(md).join('  \n')}` : '';
  const footer = md(vscode.l10n.t('Nothing has been sent yet. Continue sends it; every identity gets a line in the audit log.'));
  const message = new vscode.MarkdownString(`${lines.join('\n')}${detail}\n\n${footer}`);
  message.isTrusted = false;
  message.supportHtml = false;
  return { title, message };
}

function refusalText(outcome: Extract<PlanOutcome, { kind: 'refused' }>): string {
  return [`Refused, nothing was sent. ${outcome.message}`, tenantLine(outcome.tenant)].join('\n');
}

/** The refused call's audit lines: one per id given, or one for the filter (nothing was listed on a read-only tenant). */
async function auditRefusal(runtime: ActionRuntime, action: Parameters<typeof auditToolRefusal>[1], outcome: Extract<PlanOutcome, { kind: 'refused' }>): Promise<void> {
  if (outcome.reason !== 'readOnly') return;
  const targets = outcome.ids
    ? outcome.ids.map((id) => ({ tenantId: outcome.tenant.id, identityId: id, name: id }))
    : [{ tenantId: outcome.tenant.id, identityId: '*', name: `(identities matching ${outcome.filters ?? 'a filter'})` }];
  await auditToolRefusal(runtime, action, outcome.tenant, targets, 'Blocked: the tenant is read-only (language-model tool).');
}

/** Whether VS Code is set to run tools without asking (`chat.tools.autoApprove`): then the chat confirmed nothing. */
function chatAutoApproves(toolName: string): boolean {
  const setting = vscode.workspace.getConfiguration('chat.tools').get<unknown>('autoApprove');
  if (setting === true) return true;
  return !!setting && typeof setting === 'object' && (setting as Record<string, unknown>)[toolName] === true;
}

export interface ActionToolOptions {
  name: string;
  runtime: ActionRuntime;
}

export function runIdentityActionTool({ name, runtime }: ActionToolOptions): IscTool {
  const tenants = runtime.services.tenants;
  const plans = new PlanStore<PlanOutcome>();

  const resolve = async (input: ToolInput, token: vscode.CancellationToken): Promise<PlanOutcome> => {
    const abort = abortSignalOf(token);
    try {
      return await resolveActionPlan(tenants, actionInputFromInput(input), abort.signal);
    } finally {
      abort.dispose();
    }
  };

  return {
    prepareInvocation: async ({ input }, token) => {
      let outcome: PlanOutcome;
      try {
        outcome = await resolve(input, token);
      } catch (error) {
        throw toolError(error);
      }
      plans.remember(inputKey(input), outcome);
      if (outcome.kind === 'refused') {
        return { invocationMessage: vscode.l10n.t('Refusing: {0}', outcome.reason === 'readOnly' ? vscode.l10n.t('the tenant is read-only') : vscode.l10n.t('nothing to send')) };
      }
      return {
        invocationMessage: outcome.plan.targets.length === 1
          ? vscode.l10n.t('Running {0} on 1 identity…', outcome.plan.action)
          : vscode.l10n.t('Running {0} on {1} identities…', outcome.plan.action, outcome.plan.targets.length),
        confirmationMessages: await confirmationMessages(runtime, outcome.plan),
      };
    },

    invoke: async ({ input, toolInvocationToken }, token) => {
      try {
        const action = actionInputFromInput(input).action;
        const kept = plans.take(inputKey(input));
        // Only a plan shown by prepareInvocation inside a chat, with approval not automatic, counts as confirmed;
        // anything else (another extension's call, a plan that expired) gets the guard's own modal.
        const confirmation: ConfirmationSource = kept && toolInvocationToken !== undefined && !chatAutoApproves(name) ? 'chat' : 'none';
        const outcome = kept ?? (await resolve(input, token));
        if (outcome.kind === 'refused') {
          await auditRefusal(runtime, action, outcome);
          return textResult(refusalText(outcome));
        }
        const result = await runToolAction(runtime, outcome.plan, confirmation);
        if (result.kind === 'cancelled') {
          return textResult(
            [`Cancelled by the user in the confirmation dialog; nothing was sent. Do not retry unless the user asks.`, tenantLine(outcome.plan.tenant), plannedIdentitiesText(outcome.plan.targets)].join('\n'),
          );
        }
        if (result.kind === 'refused') return textResult(`Refused, nothing was sent. ${result.message}`);
        return textResult(actionResultText(result.summary));
      } catch (error) {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        throw toolError(error);
      }
    },
  };
}
