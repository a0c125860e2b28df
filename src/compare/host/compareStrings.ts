// The compare page's texts, localized here and sent in its init message (the page holds no words of its own).
import * as vscode from 'vscode';
import { valueStrings } from '../../webview/host/valueStrings';
import type { FactLabels } from '../../model/compare/identityDiff';
import type { CompareStrings } from '../protocol';

/** The header facts' names: the host builds the diff, so they travel in it rather than in the page's texts. */
export function compareFactLabels(): FactLabels {
  return {
    identityStatus: vscode.l10n.t('Identity status'),
    processingState: vscode.l10n.t('Processing state'),
    lifecycleState: vscode.l10n.t('Lifecycle state'),
    manager: vscode.l10n.t('Manager'),
    protected: vscode.l10n.t('Protected'),
    isManager: vscode.l10n.t('Is manager'),
  };
}

export function compareStrings(): CompareStrings {
  return {
    ...valueStrings(),
    // page and sections
    title: vscode.l10n.t('Compare identities'),
    toolbarLabel: vscode.l10n.t('Comparison'),
    factsHeading: vscode.l10n.t('Header facts'),
    attributesHeading: vscode.l10n.t('Attributes'),
    rolesHeading: vscode.l10n.t('Role assignments'),
    ownershipHeading: vscode.l10n.t('Ownership'),
    // the two sides
    sideA: vscode.l10n.t('A'),
    sideB: vscode.l10n.t('B'),
    identityA: vscode.l10n.t('Identity A'),
    identityB: vscode.l10n.t('Identity B'),
    openDetailsOf: vscode.l10n.t('Open the details of {0}'),
    crossTenant: vscode.l10n.t('Different tenants: attributes are matched by key, role assignments and owned objects by name.'),
    // toolbar
    viewGroup: vscode.l10n.t('View'),
    hideEqual: vscode.l10n.t('Hide equal'),
    hideEqualTitle: vscode.l10n.t('Show only what differs'),
    copyGroup: vscode.l10n.t('Copy and refresh'),
    copyMarkdown: vscode.l10n.t('Copy difference as Markdown'),
    copyMarkdownTitle: vscode.l10n.t('Copy what differs as Markdown'),
    copyCsv: vscode.l10n.t('Copy difference as CSV'),
    copyCsvTitle: vscode.l10n.t('Copy what differs as CSV'),
    refresh: vscode.l10n.t('Refresh'),
    refreshTitle: vscode.l10n.t('Read both identities again'),
    // summary and states
    loadingBoth: vscode.l10n.t('Loading both identities…'),
    refreshing: vscode.l10n.t('Refreshing…'),
    factsDifferOne: vscode.l10n.t('{0} header fact differs'),
    factsDifferMany: vscode.l10n.t('{0} header facts differ'),
    attributesDifferOne: vscode.l10n.t('{0} of {1} differs'),
    attributesDifferMany: vscode.l10n.t('{0} of {1} differ'),
    attributeCountOne: vscode.l10n.t('{0} attribute'),
    attributeCountMany: vscode.l10n.t('{0} attributes'),
    rolesSummary: vscode.l10n.t('role assignments: {0} only in A, {1} only in B, {2} in both'),
    sideWho: vscode.l10n.t('{0} ({1})'),
    sideNotFound: vscode.l10n.t('Identity not found {0}'),
    sideError: vscode.l10n.t('Could not load identity {0}'),
    httpStatus: vscode.l10n.t('HTTP {0}'),
    trackingId: vscode.l10n.t('tracking id {0}'),
    retry: vscode.l10n.t('Retry'),
    // diff tables
    columnStatus: vscode.l10n.t('Status'),
    columnFact: vscode.l10n.t('Fact'),
    columnAttribute: vscode.l10n.t('Attribute'),
    notSet: vscode.l10n.t('— not set —'),
    factsTable: vscode.l10n.t('Header facts of A and B'),
    attributesTableOne: vscode.l10n.t('Attributes of A and B ({0} attribute, differences first)'),
    attributesTableMany: vscode.l10n.t('Attributes of A and B ({0} attributes, differences first)'),
    equalHiddenOne: vscode.l10n.t('{0} equal attribute hidden.'),
    equalHiddenMany: vscode.l10n.t('{0} equal attributes hidden.'),
    noAttributes: vscode.l10n.t('Neither identity has attributes.'),
    noAttributeDiffers: vscode.l10n.t('No attribute differs.'),
    onlyInAPrefix: vscode.l10n.t('only in A:'),
    onlyInBPrefix: vscode.l10n.t('only in B:'),
    statusEqual: vscode.l10n.t('Equal'),
    statusDiffers: vscode.l10n.t('Differs'),
    onlyInA: vscode.l10n.t('Only in A'),
    onlyInB: vscode.l10n.t('Only in B'),
    inBoth: vscode.l10n.t('In both'),
    // role assignments and ownership
    matchedByName: vscode.l10n.t('Matched by role name (the identities are in different tenants).'),
    matchedById: vscode.l10n.t('Matched by role id.'),
    noneInGroup: vscode.l10n.t('None.'),
    rolesTableOnlyA: vscode.l10n.t('Role assignments only in A'),
    rolesTableOnlyB: vscode.l10n.t('Role assignments only in B'),
    rolesTableBoth: vscode.l10n.t('Role assignments in both'),
    columnRole: vscode.l10n.t('Role'),
    columnSource: vscode.l10n.t('Source'),
    columnAdded: vscode.l10n.t('Added'),
    columnStart: vscode.l10n.t('Start'),
    columnRemove: vscode.l10n.t('Remove'),
    notRead: vscode.l10n.t('not read'),
    assignmentTitle: vscode.l10n.t('Assignment {0}'),
    fieldsDiffer: vscode.l10n.t('{0} differ'),
    ownershipUnreadable: vscode.l10n.t('The ownership of one identity could not be read (see the notes above).'),
    ownsNothing: vscode.l10n.t('Neither identity owns anything.'),
    ownedTableOne: vscode.l10n.t('Owned objects ({0} object)'),
    ownedTableMany: vscode.l10n.t('Owned objects ({0} objects)'),
    columnOwnerOf: vscode.l10n.t('Owner of'),
    columnType: vscode.l10n.t('Type'),
    columnName: vscode.l10n.t('Name'),
  };
}
