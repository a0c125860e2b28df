// Entry point: wires services, tree and commands together. No network request here (tenants load when expanded).
import type * as vscode from 'vscode';
import type { ExtensionApi } from './extensionApi';
import { createServices } from './services';
import { ExtensionLogger } from './util/logger';
import { TreeController } from './tree/treeController';
import { registerTenantCommands } from './commands/tenantCommands';
import { registerTreeCommands } from './commands/treeCommands';
import { registerFilterCommands } from './commands/filterCommands';
import { registerIdentityActions } from './commands/actions';
import { registerDetailsPanels } from './webview/host/registerPanels';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = Date.now();
  const logger = new ExtensionLogger();
  context.subscriptions.push(logger);
  const services = createServices(context, logger);
  const tree = new TreeController(services);
  context.subscriptions.push(tree);
  registerTenantCommands(services, tree);
  registerTreeCommands(services, tree);
  registerFilterCommands(services, tree);
  const api: ExtensionApi = { services, tree: tree.provider, treeView: tree.view, activeTenant: tree.active };
  const coreMs = Date.now() - started;

  // ---- Feature modules: one import above and one line here each. -------------------------------------------------
  api.panels = registerDetailsPanels(services);
  api.actions = registerIdentityActions(services);
  // -----------------------------------------------------------------------------------------------------------------

  logger.info(`Activated in ${Date.now() - started} ms (core ${coreMs} ms; ${services.tenants.list().length} tenant(s)).`);
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
