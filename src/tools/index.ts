// The language-model tools of VS Code's agent mode: registered with `vscode.lm.registerTool`, contributed in
// package.json (`contributes.languageModelTools`, shown only while the context key below is true).
import * as vscode from 'vscode';
import type { ActionRuntime } from '../commands/actions/actionRuntime';
import type { CoreServices } from '../services';
import { runIdentityActionTool } from './actionTool';
import { jobStatusTool } from './jobTool';
import type { JobsController } from '../jobs/jobsController';
import { findIdentitiesTool, getIdentityTool, getRoleAssignmentTool, listTenantsTool, needsAttentionTool } from './readTools';
import type { IscTool } from './readTools';
import { TOOL_NAMES, TOOLS_CONTEXT_KEY } from './toolNames';
import type { ToolName } from './toolNames';

export type { IscTool, ToolInput } from './readTools';

/** The registered tool objects by name (tests call prepareInvocation/invoke on them directly). */
export interface LanguageModelToolsApi {
  readonly tools: Readonly<Record<ToolName, IscTool>>;
}

export function registerLanguageModelTools(services: CoreServices, runtime: ActionRuntime, jobs: JobsController): LanguageModelToolsApi {
  const tools: Record<ToolName, IscTool> = {
    [TOOL_NAMES.listTenants]: listTenantsTool(services),
    [TOOL_NAMES.findIdentities]: findIdentitiesTool(services),
    [TOOL_NAMES.getIdentity]: getIdentityTool(services),
    [TOOL_NAMES.getRoleAssignment]: getRoleAssignmentTool(services),
    [TOOL_NAMES.needsAttention]: needsAttentionTool(services),
    [TOOL_NAMES.runIdentityAction]: runIdentityActionTool({ name: TOOL_NAMES.runIdentityAction, runtime }),
    [TOOL_NAMES.jobStatus]: jobStatusTool(jobs),
  };
  for (const [name, tool] of Object.entries(tools)) services.context.subscriptions.push(vscode.lm.registerTool(name, tool));

  const updateContext = (): void => void vscode.commands.executeCommand('setContext', TOOLS_CONTEXT_KEY, services.tenants.list().length > 0);
  updateContext();
  services.context.subscriptions.push(services.tenants.onDidChange(updateContext));
  return { tools };
}
