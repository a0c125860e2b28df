// Entry point: wires services, tree and commands together. No network request here (tenants load when expanded).
import type * as vscode from 'vscode';
import { exportedApi } from './extensionApi';
import type { ExtensionTestHandle } from './testing/testHandle';
import { createServices } from './services';
import { ExtensionLogger } from './util/logger';
import { TreeController } from './tree/treeController';
import { registerTenantCommands } from './commands/tenantCommands';
import { registerTreeCommands } from './commands/treeCommands';
import { registerFilterCommands } from './commands/filterCommands';
import { registerIdentityActions } from './commands/actions';
import { registerLanguageModelTools } from './tools';
import { registerDetailsPanels } from './webview/host/registerPanels';
import { JobsController } from './jobs/jobsController';
import { registerJobCommands } from './commands/jobCommands';
import { registerCompareCommands } from './commands/compareCommands';
import { registerTableCommands } from './commands/tableCommands';
import { registerSavedFilterCommands } from './commands/savedFilterCommands';
import { vscodeUserInput } from './ui/userInput';
import { TestUserInput } from './testing/testUserInput';
import { configureModelTranslations } from './config/modelTranslations';

export function activate(context: vscode.ExtensionContext): ExtensionTestHandle | undefined {
  configureModelTranslations();
  const started = Date.now();
  const logger = new ExtensionLogger();
  context.subscriptions.push(logger);
  // Tests answer every prompt through this one object; outside test mode it does not exist.
  const testInput = exportedApi(context.extensionMode, () => new TestUserInput());
  const services = createServices(context, logger, testInput ?? vscodeUserInput());
  const tree = new TreeController(services);
  context.subscriptions.push(tree);
  registerTenantCommands(services, tree);
  registerTreeCommands(services, tree);
  registerFilterCommands(services, tree);
  registerSavedFilterCommands(services, tree);
  const coreMs = Date.now() - started;
  const panels = registerDetailsPanels(services);
  const jobs = new JobsController(services);
  context.subscriptions.push(jobs);
  const actions = registerIdentityActions(services, jobs, (tenantId) => services.viewStates.get(tenantId).filters);
  registerJobCommands(services, jobs, actions.runtime, actions.showJobActivity);
  const compare = registerCompareCommands(services);
  const tools = registerLanguageModelTools(services, actions.runtime, jobs);
  const table = registerTableCommands(services);

  logger.info(`Activated in ${Date.now() - started} ms (core ${coreMs} ms; ${services.tenants.list().length} tenant(s)).`);
  return testInput && exportedApi(context.extensionMode, () => ({ services, tree: tree.provider, treeView: tree.view, activeTenant: tree.active, panels, actions: actions.api, jobs, compare, tools, table, userInput: testInput }));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
