// Minimal response validation: enough to never hand a surprising shape to the UI, lenient about extra fields and
// enum values (enums are open strings).
import { badResponseError } from './errors';
import type { Identity, IdentitySyncJob, RoleAssignment, RoleAssignmentRef, TaskResultResponse, TaskStatus } from './types';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'an empty body';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function identityProblem(value: unknown): string | undefined {
  if (!isObject(value)) return `expected an identity object but got ${describe(value)}`;
  if (typeof value.id !== 'string' || !value.id) return 'an identity without an "id"';
  if (typeof value.name !== 'string') return `identity ${value.id} has no "name"`;
  return undefined;
}

export function expectIdentity(operation: string, body: unknown, status?: number): Identity {
  const problem = identityProblem(body);
  if (problem) throw badResponseError(operation, problem, status, body);
  return body as Identity;
}

export function expectIdentityList(operation: string, body: unknown, status?: number): Identity[] {
  if (!Array.isArray(body)) throw badResponseError(operation, `expected an array of identities but got ${describe(body)}`, status, body);
  body.forEach((item, index) => {
    const problem = identityProblem(item);
    if (problem) throw badResponseError(operation, `item ${index}: ${problem}`, status, body);
  });
  return body as Identity[];
}

function expectObjectArray<T>(operation: string, body: unknown, what: string, status?: number): T[] {
  if (!Array.isArray(body)) throw badResponseError(operation, `expected an array of ${what} but got ${describe(body)}`, status, body);
  body.forEach((item, index) => {
    if (!isObject(item)) throw badResponseError(operation, `item ${index} of the ${what} is ${describe(item)}, not an object`, status, body);
  });
  return body as T[];
}

function expectObject<T>(operation: string, body: unknown, what: string, requiredStrings: string[] = [], status?: number): T {
  if (!isObject(body)) throw badResponseError(operation, `expected ${what} but got ${describe(body)}`, status, body);
  for (const key of requiredStrings) {
    if (typeof body[key] !== 'string') throw badResponseError(operation, `${what} has no "${key}"`, status, body);
  }
  return body as T;
}

export const expectRoleAssignmentRefs = (operation: string, body: unknown, status?: number): RoleAssignmentRef[] =>
  expectObjectArray<RoleAssignmentRef>(operation, body, 'role assignments', status);

export const expectRoleAssignments = (operation: string, body: unknown, status?: number): RoleAssignment[] =>
  expectObjectArray<RoleAssignment>(operation, body, 'role assignments', status);

export const expectRoleAssignment = (operation: string, body: unknown, status?: number): RoleAssignment =>
  expectObject<RoleAssignment>(operation, body, 'a role assignment object', [], status);

export const expectTaskStatus = (operation: string, body: unknown, status?: number): TaskStatus =>
  expectObject<TaskStatus>(operation, body, 'a task status object', ['id'], status);

export const expectTaskResult = (operation: string, body: unknown, status?: number): TaskResultResponse =>
  expectObject<TaskResultResponse>(operation, body, 'a task result object', [], status);

export const expectSyncJob = (operation: string, body: unknown, status?: number): IdentitySyncJob =>
  expectObject<IdentitySyncJob>(operation, body, 'an identity sync job object', ['id', 'status'], status);

/** X-Total-Count as a number, or undefined when absent or not a non-negative integer. */
export function parseTotalCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
