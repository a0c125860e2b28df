// Internal state of one simulated identity. Heavy parts (attributes, role assignments, ownership)
// are derived lazily from (seed, index) when a response needs them.

export interface OwnedEntity {
  associationType: string;
  id: string;
  name: string;
  type: string;
}

interface VerificationRecord {
  time: number;
  via: string;
  sourceName: string | null;
}

export interface IdentityRecord {
  /** Creation order (stable default sort). Also the key for lazy, deterministic generation. */
  index: number;
  id: string;
  name: string;
  firstname: string;
  lastname: string;
  alias: string;
  email: string | null;
  created: number;
  modified: number;
  lastRefresh: number;
  /** identityStatus; also reported as attributes.cloudStatus and used by the cloudStatus filter/sorter. */
  identityStatus: string;
  processingState: 'OK' | 'ERROR' | null;
  lifecycleState: string | null;
  lifecycleManual: boolean;
  managerId: string | null;
  managerName: string | null;
  isManager: boolean;
  correlated: boolean;
  protected: boolean;
  registered: boolean;
  invited: boolean;
  roleCount: number;
  /** True when the identity owns objects (ownership details non-empty, delete refused). */
  owner: boolean;
  /** Set for fixtures: fixed attribute map / ownership instead of generated ones. */
  fixedAttributes?: Record<string, unknown>;
  fixedOwnership?: OwnedEntity[];
  /** Mutable simulation bookkeeping. */
  /** Attribute values processing set (a transform's or rule's result), over the generated ones. */
  attributeOverrides?: Record<string, unknown>;
  /** When processing assigned the role of the pending change's rule (sim/roles.ts `ruleAssignmentFor`). */
  ruleRoleAddedAt?: number;
  lastSync?: number;
  syncCount?: number;
  processCount?: number;
  verifications?: VerificationRecord[];
}
