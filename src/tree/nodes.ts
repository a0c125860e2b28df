// Tree node objects. The provider returns the SAME object for the same tenant/identity/assignment, and every node has
// a stable id, so that refreshes and concurrent loads never register an element twice.
import type { TreeItem } from 'vscode';
import type { RoleAssignmentRef } from '../api/types';
import type { HasIdentityRef, IdentityRef } from '../model/identityRef';
import type { IdentityRow } from '../model/identityRow';
import type { SavedFilter } from '../model/savedFilters';

export class TenantNode {
  readonly kind = 'tenant';
  readonly id: string;
  constructor(readonly tenantId: string) {
    this.id = `tenant/${tenantId}`;
  }
}

/** Lazily loaded role assignments of one identity (single-flight like the identity pager). */
export interface RoleAssignmentsState {
  refs?: RoleAssignmentRef[];
  error?: unknown;
  loading?: Promise<void>;
  generation: number;
}

/** "Needs attention" under a tenant: the identities in processing error (src/tree/needsAttention.ts). */
export class NeedsAttentionNode {
  readonly kind = 'needsAttention';
  readonly id: string;
  constructor(readonly parent: TenantNode) {
    this.id = `${parent.tenantId}/needsAttention`;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }
}

/** The role assignments state every identity row starts with (shared: rows that are never expanded cost nothing). */
const NOT_LOADED: RoleAssignmentsState = Object.freeze({ generation: 0 });

/**
 * An identity row. It holds the pager's IdentityRow of the identity (the same object, not a copy): what the row and its
 * tooltip show. The identity itself is ISC's (get-identity); role assignment state exists once the row is expanded.
 */
export class IdentityNode implements HasIdentityRef {
  readonly kind = 'identity';
  readonly id: string;
  roles: RoleAssignmentsState = NOT_LOADED;
  roleNodes: Map<string, RoleAssignmentNode> | undefined;

  /**
   * `group`: the row is listed under "Needs attention" rather than directly under the tenant. The same identity can be
   * in both lists, so the group is part of the id.
   */
  constructor(
    readonly parent: TenantNode,
    public row: IdentityRow,
    readonly group?: NeedsAttentionNode,
  ) {
    this.id = group ? `${group.id}/identity/${row.id}` : `${parent.tenantId}/identity/${row.id}`;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }

  get identityId(): string {
    return this.row.id;
  }

  get identityRef(): IdentityRef {
    return { tenantId: this.parent.tenantId, identityId: this.row.id, name: this.row.name ?? this.row.id };
  }
}

/** What `iscExplorer.openRoleAssignmentDetails` takes. */
export interface RoleAssignmentArgs {
  tenantId: string;
  identityId: string;
  assignmentId: string;
  roleName: string;
}

export class RoleAssignmentNode {
  readonly kind = 'roleAssignment';
  readonly id: string;
  /** The TreeItem last built for this node and the reference it was built from (treeItems.ts `roleAssignmentItem`). */
  treeItemCache?: { ref: RoleAssignmentRef; item: TreeItem };

  constructor(
    readonly parent: IdentityNode,
    readonly assignmentKey: string,
    public ref: RoleAssignmentRef,
  ) {
    this.id = `${parent.id}/roleAssignment/${assignmentKey}`;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }

  get args(): RoleAssignmentArgs {
    return {
      tenantId: this.parent.tenantId,
      identityId: this.parent.identityId,
      assignmentId: this.ref.id ?? this.assignmentKey,
      roleName: this.ref.role?.name ?? '',
    };
  }
}

export type PlaceholderKind = 'loadMore' | 'loading' | 'empty' | 'error' | 'signIn';

/** Load more, loading, empty, error-with-retry and sign-in rows: shown instead of notifications. */
export class PlaceholderNode {
  readonly kind = 'placeholder';
  readonly id: string;
  label = '';
  description = '';
  tooltip = '';
  error: unknown;

  constructor(
    readonly parent: TenantNode | NeedsAttentionNode | IdentityNode,
    readonly placeholder: PlaceholderKind,
  ) {
    this.id = `${parent.id}/${placeholder}`;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }
}

/** "Saved Filters" under a tenant: its saved filters (src/tree/savedFilterRows.ts), shown while it has some. */
export class SavedFiltersNode {
  readonly kind = 'savedFilters';
  readonly id: string;
  constructor(readonly parent: TenantNode) {
    this.id = `${parent.tenantId}/savedFilters`;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }
}

/** One saved filter; `saved` is the stored entry as of the last draw. Clicking the row applies it. */
export class SavedFilterNode {
  readonly kind = 'savedFilter';
  readonly id: string;
  constructor(
    readonly parent: SavedFiltersNode,
    /** The lower-case name: the row keeps its id (and so its place and selection) when only the case changes. */
    readonly key: string,
    public saved: SavedFilter,
  ) {
    this.id = `${parent.id}/${key}`;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }
}

export type TreeNode = TenantNode | NeedsAttentionNode | IdentityNode | RoleAssignmentNode | PlaceholderNode | SavedFiltersNode | SavedFilterNode;

export function isTreeNode(value: unknown): value is TreeNode {
  return (
    value instanceof TenantNode ||
    value instanceof NeedsAttentionNode ||
    value instanceof IdentityNode ||
    value instanceof RoleAssignmentNode ||
    value instanceof PlaceholderNode ||
    value instanceof SavedFiltersNode ||
    value instanceof SavedFilterNode
  );
}
