// What every part of the extension gets: the context, the log, the tenants, the change bus and the user input.
import type * as vscode from 'vscode';
import type { TenantDirectory } from './model/tenant';
import { IdentityChangeBus } from './model/identityEvents';
import type { ExtensionLogger } from './util/logger';
import { CredentialStore } from './auth/credentialStore';
import { TenantRegistry } from './auth/tenantRegistry';
import { Settings } from './config/settings';
import { ViewStateStore } from './config/viewStateStore';
import { SavedFilterStore } from './config/savedFilterStore';
import { RecentIdentityStore } from './config/recentIdentityStore';
import { RecentSourceStore } from './config/recentSourceStore';
import type { UserInput } from './ui/userInput';

export interface ExtensionServices {
  context: vscode.ExtensionContext;
  logger: ExtensionLogger;
  tenants: TenantDirectory;
  changes: IdentityChangeBus;
  /** Every prompt and message of every command (VS Code's window; in test mode the tests' ordered answers). */
  ui: UserInput;
  /** The identities opened lately, per tenant (Find Identity lists them before anything is typed). */
  recentIdentities: RecentIdentityStore;
  /** The account sources password-reset emails went through lately, per tenant. */
  recentSources: RecentSourceStore;
}

/** The core's own view of the services: the interface above plus the concrete registry and stores. */
export interface CoreServices extends ExtensionServices {
  tenants: TenantRegistry;
  settings: Settings;
  viewStates: ViewStateStore;
  savedFilters: SavedFilterStore;
}

export function createServices(context: vscode.ExtensionContext, logger: ExtensionLogger, ui: UserInput): CoreServices {
  const settings = new Settings();
  const credentials = new CredentialStore(context.secrets);
  const tenants = new TenantRegistry(context.globalState, credentials, settings, logger);
  const viewStates = new ViewStateStore(context.globalState);
  const savedFilters = new SavedFilterStore(context.globalState);
  context.subscriptions.push(credentials, tenants, viewStates, savedFilters);
  const recentIdentities = new RecentIdentityStore(context.globalState);
  const recentSources = new RecentSourceStore(context.globalState);
  return { context, logger, tenants, changes: new IdentityChangeBus(), ui, recentIdentities, recentSources, settings, viewStates, savedFilters };
}
