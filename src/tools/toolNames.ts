// Every language-model tool the extension contributes (package.json "contributes.languageModelTools"), by name and
// by the `#` reference a person types in chat. A test checks that this list, package.json and the registry agree.
export const TOOL_NAMES = {
  listTenants: 'iscExplorer_listTenants',
  findIdentities: 'iscExplorer_findIdentities',
  getIdentity: 'iscExplorer_getIdentity',
  getRoleAssignment: 'iscExplorer_getRoleAssignment',
  needsAttention: 'iscExplorer_listNeedsAttention',
  runIdentityAction: 'iscExplorer_runIdentityAction',
  jobStatus: 'iscExplorer_getJobStatus',
} as const;

export type ToolName = (typeof TOOL_NAMES)[keyof typeof TOOL_NAMES];

export const TOOL_REFERENCE_NAMES: Readonly<Record<ToolName, string>> = {
  [TOOL_NAMES.listTenants]: 'iscTenants',
  [TOOL_NAMES.findIdentities]: 'iscIdentities',
  [TOOL_NAMES.getIdentity]: 'iscIdentity',
  [TOOL_NAMES.getRoleAssignment]: 'iscRoleAssignment',
  [TOOL_NAMES.needsAttention]: 'iscNeedsAttention',
  [TOOL_NAMES.runIdentityAction]: 'iscIdentityAction',
  [TOOL_NAMES.jobStatus]: 'iscJob',
};

/** Context key the tools' `when` clauses read: true while at least one tenant is configured. */
export const TOOLS_CONTEXT_KEY = 'iscExplorer.toolsAvailable';
