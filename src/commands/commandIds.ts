// Every command the extension contributes (package.json "contributes.commands"), by one name each. Code, menus
// and tests use these; a test checks that this list, package.json and the registered commands agree.
export const COMMAND_IDS = {
  addTenant: 'iscExplorer.addTenant',
  removeTenant: 'iscExplorer.removeTenant',
  updateCredentials: 'iscExplorer.updateCredentials',
  toggleReadOnly: 'iscExplorer.toggleReadOnly',
  selectActiveTenant: 'iscExplorer.selectActiveTenant',
  refreshAll: 'iscExplorer.refreshAll',
  refresh: 'iscExplorer.refresh',
  findIdentity: 'iscExplorer.findIdentity',
  filter: 'iscExplorer.filter',
  sort: 'iscExplorer.sort',
  setDefaultFilter: 'iscExplorer.setDefaultFilter',
  clearFilter: 'iscExplorer.clearFilter',
  loadMore: 'iscExplorer.loadMore',
  retry: 'iscExplorer.retry',
  copyId: 'iscExplorer.copyId',
  copyJson: 'iscExplorer.copyJson',
  openIdentityDetails: 'iscExplorer.openIdentityDetails',
  openRoleAssignmentDetails: 'iscExplorer.openRoleAssignmentDetails',
  resetIdentity: 'iscExplorer.resetIdentity',
  synchronizeAttributes: 'iscExplorer.synchronizeAttributes',
  processIdentities: 'iscExplorer.processIdentities',
  inviteIdentities: 'iscExplorer.inviteIdentities',
  inviteAllUnregistered: 'iscExplorer.inviteAllUnregistered',
  sendPasswordResetEmail: 'iscExplorer.sendPasswordResetEmail',
  deleteIdentity: 'iscExplorer.deleteIdentity',
  showActivity: 'iscExplorer.showActivity',
  openDetails: 'iscExplorer.openDetails',
  openOwnershipDetails: 'iscExplorer.openOwnershipDetails',
  openIdentitiesTable: 'iscExplorer.openIdentitiesTable',
  exportIdentities: 'iscExplorer.exportIdentities',
} as const;

export type CommandId = (typeof COMMAND_IDS)[keyof typeof COMMAND_IDS];

/** Commands that need a tree node: hidden from the Command Palette (menus.commandPalette `when: false`). */
export const NODE_ONLY_COMMANDS: readonly CommandId[] = [
  COMMAND_IDS.refresh,
  COMMAND_IDS.loadMore,
  COMMAND_IDS.retry,
  COMMAND_IDS.copyId,
  COMMAND_IDS.copyJson,
  COMMAND_IDS.openDetails,
];
