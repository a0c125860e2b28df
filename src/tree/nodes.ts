// Tree node objects. The provider returns the SAME object for the same tenant/identity/assignment, and every node has
// a stable id, so that refreshes and concurrent loads never register an element twice.
import type { TreeItem } from 'vscode';
import type { Identity, RoleAssignmentRef } from '../api/types';
import type { HasIdentityRef, IdentityRef } from '../model/identityRef';

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

export class IdentityNode implements HasIdentityRef {
  readonly kind = 'identity';
  readonly id: string;
  roles: RoleAssignmentsState = { generation: 0 };
  readonly roleNodes = new Map<string, RoleAssignmentNode>();
  /** The TreeItem last built for this node and what it was built from (treeItems.ts `identityItem`). */
  treeItemCache?: { identity: Identity; readOnly: boolean; item: TreeItem };

  /**
   * `group`: the row is listed under "Needs attention" rather than directly under the tenant. The same identity can be
   * in both lists, so the group is part of the id.
   */
  constructor(
    readonly parent: TenantNode,
    public identity: Identity,
    readonly group?: NeedsAttentionNode,
  ) {
    this.id = group ? `${group.id}/identity/${identity.id}` : `${parent.tenantId}/identity/${identity.id}`;
  }

  get tenantId(): string {
    return this.parent.tenantId;
  }

  get identityRef(): IdentityRef {
    return { tenantId: this.parent.tenantId, identityId: this.identity.id, name: this.identity.name ?? this.identity.id };
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
      identityId: this.parent.identity.id,
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

export type TreeNode = TenantNode | NeedsAttentionNode | IdentityNode | RoleAssignmentNode | PlaceholderNode;

export function isTreeNode(value: unknown): value is TreeNode {
  return (
    value instanceof TenantNode ||
    value instanceof NeedsAttentionNode ||
    value instanceof IdentityNode ||
    value instanceof RoleAssignmentNode ||
    value instanceof PlaceholderNode
  );
}
