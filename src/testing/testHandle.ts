// The handle integration tests and the extension-host benchmark get from `activate()` — only when VS Code runs
// the extension in test mode (see exportedApi in ../extensionApi.ts). It reaches authenticated clients and the
// hooks that answer dialogs, so it must never be handed to other extensions.
import type * as vscode from 'vscode';
import type { IdentityActionsApi } from '../commands/actions';
import type { CompareApi } from '../commands/compareCommands';
import type { IdentitiesTableApi } from '../commands/tableCommands';
import type { CoreServices } from '../services';
import type { LanguageModelToolsApi } from '../tools';
import type { IdentityTreeProvider } from '../tree/identityTreeProvider';
import type { TreeNode } from '../tree/nodes';
import type { DetailsPanelsApi } from '../webview/host/registerPanels';
import type { JobsController } from '../jobs/jobsController';
import type { TestUserInput } from './testUserInput';

export interface ExtensionTestHandle {
  services: CoreServices;
  /** The tree's data provider: tests call getChildren/getParent on its nodes. */
  tree: IdentityTreeProvider;
  /** The "Identities" tree view (reveal, selection). */
  treeView: vscode.TreeView<TreeNode>;
  /** The active tenant shown in the status bar (last selected/expanded). */
  activeTenant: { readonly tenantId: string | undefined; readonly statusText: string };
  panels: DetailsPanelsApi;
  actions: IdentityActionsApi;
  /** The Jobs room: store, runner, view. */
  jobs: JobsController;
  compare: CompareApi;
  /** The language-model tool objects, for calling prepareInvocation/invoke directly. */
  tools: LanguageModelToolsApi;
  table: IdentitiesTableApi;
  /** Answers every prompt of every command: `userInput.runWithInputs([...answers], () => executeCommand(...))`. */
  userInput: TestUserInput;
}
