// Wire types of SailPoint ISC's v2025 Identities API (see ../shared/spec/identities-v2025.yaml).
// Enums are open strings: ISC adds values without notice, so every enum-like field also accepts `string`.

type OpenString<Known extends string> = Known | (string & {});

export interface BaseReference {
  type?: OpenString<'IDENTITY' | 'ROLE' | 'ACCESS_PROFILE' | 'SOURCE' | 'DIMENSION' | 'ENTITLEMENT'>;
  id?: string;
  name?: string | null;
}

type IdentityStatus = OpenString<
  'UNREGISTERED' | 'REGISTERED' | 'PENDING' | 'WARNING' | 'DISABLED' | 'ACTIVE' | 'DEACTIVATED' | 'TERMINATED' | 'ERROR' | 'LOCKED'
>;

interface IdentityLifecycleState {
  stateName: string;
  manuallyUpdated: boolean;
}

/** IdentityDto as list-identities and get-identity return it. */
export interface Identity {
  id: string;
  name: string;
  created?: string;
  modified?: string;
  alias?: string;
  emailAddress?: string | null;
  processingState?: OpenString<'ERROR' | 'OK'> | null;
  identityStatus?: IdentityStatus;
  managerRef?: { type?: OpenString<'IDENTITY'>; id?: string; name?: string } | null;
  isManager?: boolean;
  lastRefresh?: string;
  attributes?: Record<string, unknown>;
  lifecycleState?: IdentityLifecycleState | null;
  /** Not in v2025's IdentityDto (it is a list filter, `protected eq true`); shown when an answer carries it. */
  protected?: boolean;
}

interface ErrorMessage {
  locale?: string | null;
  localeOrigin?: string | null;
  text?: string;
}

/** ErrorResponseDto: ISC's error body. */
export interface ErrorResponseBody {
  detailCode?: string;
  trackingId?: string;
  messages?: ErrorMessage[];
  causes?: ErrorMessage[];
}

/** One owned object, after normalising either known ownership response shape. */
export interface OwnedObject {
  associationType: string;
  id: string;
  name: string;
  type: string;
}

/** Normalised get-identity-ownership-details result. */
export interface OwnershipDetails {
  /** Owned objects grouped by association type (ROLE_OWNER, SOURCE_OWNER, ...). */
  groups: { associationType: string; entities: OwnedObject[] }[];
  /** Which of the known shapes the server answered with; `unknown` when neither matched (groups is then empty). */
  shape: 'nested' | 'flat' | 'empty' | 'unknown';
  /** The body as received, for "Open raw JSON". */
  raw: unknown;
}

export interface RoleAssignmentRef {
  id?: string;
  role?: BaseReference;
  addedDate?: string;
  startDate?: string | null;
  removeDate?: string | null;
}

export interface ContextAttribute {
  attribute?: string;
  value?: string | string[];
  derived?: boolean;
}

export interface RoleAssignment {
  id?: string;
  role?: BaseReference;
  comments?: string | null;
  assignmentSource?: string;
  assigner?: { type?: OpenString<'IDENTITY' | 'UNKNOWN'>; id?: string; name?: string | null };
  assignedDimensions?: BaseReference[];
  assignmentContext?: {
    requested?: { contextAttributes?: ContextAttribute[] };
    matched?: { roleRef?: BaseReference; matchedAttributes?: ContextAttribute[] }[];
    computedDate?: string;
  } | null;
  accountTargets?: {
    source?: BaseReference;
    accountInfo?: { nativeIdentity?: string; displayName?: string; uuid?: string };
    role?: BaseReference;
  }[];
  startDate?: string | null;
  removeDate?: string | null;
  addedDate?: string;
}

export interface IdentitySyncJob {
  id: string;
  status: OpenString<'QUEUED' | 'IN_PROGRESS' | 'SUCCESS' | 'ERROR'>;
  payload: { type: string; dataJson: string };
}

export interface TaskStatus {
  id: string;
  type: string;
  uniqueName: string | null;
  description: string | null;
  parentName: string | null;
  launcher: string;
  target?: { id?: string; type?: string | null; name?: string } | null;
  created: string;
  modified: string | null;
  launched: string | null;
  completed: string | null;
  completionStatus: string | null;
  messages: unknown[];
  returns: unknown[];
  attributes: Record<string, unknown>;
  progress: string | null;
  percentComplete: number;
  [key: string]: unknown;
}

export interface TaskResultResponse {
  type?: string;
  id?: string;
  name?: string | null;
}

export type VerificationVia = OpenString<'EMAIL_WORK' | 'EMAIL_PERSONAL' | 'LINK_WORK' | 'LINK_PERSONAL'>;

export interface SendAccountVerificationRequest {
  sourceName?: string | null;
  via: VerificationVia;
}

export interface InviteIdentitiesRequest {
  ids?: string[] | null;
  uninvited?: boolean;
}

/** Query of list-identities. `defaultFilter` is NONE unless the caller asks for CORRELATED_ONLY. */
export interface ListIdentitiesQuery {
  filters?: string;
  sorters?: string;
  defaultFilter?: 'CORRELATED_ONLY' | 'NONE';
  count?: boolean;
  limit?: number;
  offset?: number;
}

/** A page of a collection; `total` is set only when the server was asked to count. */
export interface Page<T> {
  items: T[];
  offset: number;
  limit: number;
  total?: number;
}


/**
 * A call held back for longer than a few seconds by ISC's rate limit (a 429's Retry-After, or the pause it set for
 * every caller of the client id): for the progress notification or the tree's loading row.
 */
export interface RateLimitWait {
  /** Operation name as in the API docs (`list-identities`, ...). */
  operation: string;
  waitMs: number;
  /** Epoch milliseconds when the call goes on. */
  resumesAt: number;
  reason: 'rateLimit';
}
