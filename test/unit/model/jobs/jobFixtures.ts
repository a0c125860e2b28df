// Jobs and ids for the job tests.
import type { IdentityRef } from '../../../../src/model/identityRef';
import type { JobRecord, JobState } from '../../../../src/model/jobs/jobTypes';

export const TENANT = 'tenant-1';

/** A 32-hex-character id like ISC's, distinct per index. */
export function hexId(index: number): string {
  return `2c9180835d2e5168${index.toString(16).padStart(16, '0')}`;
}

export function refs(count: number): IdentityRef[] {
  return Array.from({ length: count }, (_, i) => ({ tenantId: TENANT, identityId: hexId(i), name: `Person ${i}` }));
}

export function jobRecord(options: { id: string; count: number; createdAt?: number; state?: JobState }): JobRecord {
  return {
    id: options.id,
    kind: 'processIdentities',
    label: 'Process identities',
    tenantId: TENANT,
    tenantLabel: 'Tenant one',
    clientId: 'client-1',
    source: { type: 'filter', filter: 'processingState eq "ERROR"' },
    retryOf: null,
    parameters: {},
    createdAt: options.createdAt ?? 1,
    startedAt: null,
    finishedAt: null,
    state: options.state ?? 'running',
    items: refs(options.count).map((ref) => ({ ref, state: 'pending', httpStatus: null, message: null, taskId: null, at: null })),
    tasks: [],
  };
}
