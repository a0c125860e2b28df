// Every simulator response (success and the main errors) validates against ../shared/spec/identities-v2025.yaml.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Identity, RoleAssignmentRef } from '../../../src/api/types';
import { FIXTURE_IDS } from '../../../sim/fixtures';
import { SimHarness } from '../sim/simTestUtils';
import type { ApiResult, CallOptions } from '../sim/simTestUtils';
import { SPEC_PATH, SpecValidator } from './specValidator';

const UNKNOWN = 'ffffffffffffffffffffffffffffffff';

interface Case {
  label: string;
  spec: string;
  method: string;
  path: string;
  options?: CallOptions;
  expect: number;
}

describe('simulator contract (responses validate against the OpenAPI spec)', function () {
  this.timeout(60_000);
  let v: SpecValidator;
  let h: SimHarness;
  let assignmentId: string;
  let roleId: string;
  let deletable: Identity;

  before(async function () {
    if (!fs.existsSync(SPEC_PATH)) {
      console.log(`      SKIP simulator contract: spec not found at ${SPEC_PATH}`);
      this.skip();
    }
    v = new SpecValidator();
    h = await SimHarness.start({ identities: 2000, seed: 1, syncCooldownMs: 60_000, extraClients: [{ clientId: 'ro', clientSecret: 'ro', readOnly: true }] });
    const refs = (await h.get(`/identities/${FIXTURE_IDS.manyRoles}/role-assignments`)).body as RoleAssignmentRef[];
    assignmentId = refs[0].id!;
    roleId = refs[0].role!.id!;
    const page = (await h.get('/identities', { query: { limit: 100 } })).body as Identity[];
    deletable = page.find((i) => {
      const r = h.sim.store.get(i.id)!;
      return !r.protected && h.sim.store.owned(r).length === 0 && !(Object.values(FIXTURE_IDS) as string[]).includes(i.id);
    })!;
  });
  after(() => h?.close());

  function check(spec: string, method: string, res: ApiResult, expected: number): void {
    assert.equal(res.status, expected, `status of ${method} ${spec}: ${res.text.slice(0, 300)}`);
    assert.deepEqual(v.validateResponse(spec, method, res), [], `${method} ${spec} ${res.status}`);
  }

  const byId = (id: string) => `/identities/${id}`;
  const cases = (): Case[] => [
    { label: 'list (count, NONE)', spec: '/identities', method: 'GET', path: '/identities', options: { query: { count: true, defaultFilter: 'NONE' } }, expect: 200 },
    { label: 'list sorted+filtered', spec: '/identities', method: 'GET', path: '/identities', options: { query: { sorters: '-name', filters: 'name sw "a"' } }, expect: 200 },
    { label: 'list bad filter', spec: '/identities', method: 'GET', path: '/identities', options: { query: { filters: 'foo eq "x"' } }, expect: 400 },
    { label: 'list limit > 250', spec: '/identities', method: 'GET', path: '/identities', options: { query: { limit: 500 } }, expect: 400 },
    ...Object.entries(FIXTURE_IDS).map(([k, id]): Case => ({ label: `get ${k}`, spec: '/identities/{id}', method: 'GET', path: byId(id), expect: 200 })),
    { label: 'get unknown', spec: '/identities/{id}', method: 'GET', path: byId(UNKNOWN), expect: 404 },
    { label: 'ownership nested', spec: '/identities/{identityId}/ownership', method: 'GET', path: `${byId(FIXTURE_IDS.owner)}/ownership`, expect: 200 },
    { label: 'ownership empty', spec: '/identities/{identityId}/ownership', method: 'GET', path: `${byId(FIXTURE_IDS.obrien)}/ownership`, expect: 200 },
    { label: 'ownership unknown', spec: '/identities/{identityId}/ownership', method: 'GET', path: `${byId(UNKNOWN)}/ownership`, expect: 404 },
    { label: 'role refs', spec: '/identities/{identityId}/role-assignments', method: 'GET', path: `${byId(FIXTURE_IDS.manyRoles)}/role-assignments`, expect: 200 },
    { label: 'role dtos by id', spec: '/identities/{identityId}/role-assignments', method: 'GET', path: `${byId(FIXTURE_IDS.manyRoles)}/role-assignments`, options: { query: { roleId } }, expect: 200 },
    { label: 'role refs unknown', spec: '/identities/{identityId}/role-assignments', method: 'GET', path: `${byId(UNKNOWN)}/role-assignments`, expect: 404 },
    { label: 'role assignment', spec: '/identities/{identityId}/role-assignments/{assignmentId}', method: 'GET', path: `${byId(FIXTURE_IDS.manyRoles)}/role-assignments/${assignmentId}`, expect: 200 },
    { label: 'role assignment unknown', spec: '/identities/{identityId}/role-assignments/{assignmentId}', method: 'GET', path: `${byId(FIXTURE_IDS.manyRoles)}/role-assignments/${UNKNOWN}`, expect: 404 },
    { label: 'reset', spec: '/identities/{id}/reset', method: 'POST', path: `${byId(FIXTURE_IDS.obrien)}/reset`, expect: 202 },
    { label: 'reset unknown', spec: '/identities/{id}/reset', method: 'POST', path: `${byId(UNKNOWN)}/reset`, expect: 404 },
    { label: 'sync', spec: '/identities/{identityId}/synchronize-attributes', method: 'POST', path: `${byId(FIXTURE_IDS.manyRoles)}/synchronize-attributes`, expect: 202 },
    { label: 'sync cooldown', spec: '/identities/{identityId}/synchronize-attributes', method: 'POST', path: `${byId(FIXTURE_IDS.manyRoles)}/synchronize-attributes`, expect: 429 },
    { label: 'sync no header', spec: '/identities/{identityId}/synchronize-attributes', method: 'POST', path: `${byId(FIXTURE_IDS.obrien)}/synchronize-attributes`, options: { experimental: false }, expect: 400 },
    { label: 'sync unknown', spec: '/identities/{identityId}/synchronize-attributes', method: 'POST', path: `${byId(UNKNOWN)}/synchronize-attributes`, expect: 404 },
    { label: 'invite', spec: '/identities/invite', method: 'POST', path: '/identities/invite', options: { body: { ids: [FIXTURE_IDS.unregistered] } }, expect: 202 },
    { label: 'invite uninvited', spec: '/identities/invite', method: 'POST', path: '/identities/invite', options: { body: { uninvited: true } }, expect: 202 },
    { label: 'invite bad', spec: '/identities/invite', method: 'POST', path: '/identities/invite', options: { body: {} }, expect: 400 },
    { label: 'verification', spec: '/identities/{id}/verification/account/send', method: 'POST', path: `${byId(FIXTURE_IDS.obrien)}/verification/account/send`, options: { body: { via: 'EMAIL_WORK' } }, expect: 200 },
    { label: 'verification bad via', spec: '/identities/{id}/verification/account/send', method: 'POST', path: `${byId(FIXTURE_IDS.obrien)}/verification/account/send`, options: { body: { via: 'PIGEON' } }, expect: 400 },
    { label: 'verification unknown', spec: '/identities/{id}/verification/account/send', method: 'POST', path: `${byId(UNKNOWN)}/verification/account/send`, options: { body: { via: 'EMAIL_WORK' } }, expect: 404 },
    { label: 'process', spec: '/identities/process', method: 'POST', path: '/identities/process', options: { body: { identityIds: [FIXTURE_IDS.obrien, UNKNOWN] } }, expect: 202 },
    { label: 'process empty', spec: '/identities/process', method: 'POST', path: '/identities/process', options: { body: { identityIds: [] } }, expect: 400 },
    { label: 'delete protected', spec: '/identities/{id}', method: 'DELETE', path: byId(FIXTURE_IDS.protectedIdentity), expect: 400 },
    { label: 'delete owner', spec: '/identities/{id}', method: 'DELETE', path: byId(FIXTURE_IDS.owner), expect: 400 },
    { label: 'delete unknown', spec: '/identities/{id}', method: 'DELETE', path: byId(UNKNOWN), expect: 404 },
    { label: 'delete', spec: '/identities/{id}', method: 'DELETE', path: byId(deletable.id), expect: 204 },
  ];

  it('success and 400/404/429 responses of all eleven operations', async () => {
    for (const c of cases()) {
      const res = await h.call(c.method, c.path, c.options);
      check(c.spec, c.method, res, c.expect);
    }
    const specs = new Set(cases().map((c) => `${c.method} ${c.spec}`));
    assert.equal(specs.size, 11, 'all eleven operations covered');
  });

  it('401 (no token / expired token) and 429 (rate limit, with Retry-After) for every operation', async () => {
    const token = await h.token();
    for (const c of cases()) {
      check(c.spec, c.method, await h.call(c.method, c.path, { ...c.options, token: null }), 401);
    }
    h.sim.setFaults({ failNext: { status: 429, count: 1000 } });
    try {
      for (const c of cases()) check(c.spec, c.method, await h.call(c.method, c.path, { ...c.options, token }), 429);
    } finally {
      h.sim.setFaults({});
    }
    h.sim.expireTokens();
    check('/identities', 'GET', await h.get('/identities', { token }), 401);
  });

  it('a real rate-limit 429 validates, with an integer Retry-After', async () => {
    const limited = await SimHarness.start({ rateLimit: { requests: 1, windowMs: 5000 } });
    try {
      const token = await limited.token();
      check('/identities', 'GET', await limited.get('/identities', { token, query: { limit: 1 } }), 200);
      const res = await limited.get('/identities', { token, query: { limit: 1 } });
      check('/identities', 'GET', res, 429);
      assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    } finally {
      await limited.close();
    }
  });

  it('403 for a read-only client and 500 for an injected fault', async () => {
    const token = await h.token('ro', 'ro');
    check('/identities/process', 'POST', await h.post('/identities/process', { identityIds: ['x'] }, { token }), 403);
    h.sim.setFaults({ failNext: { status: 500, count: 1 } });
    check('/identities/{id}', 'GET', await h.get(byId(FIXTURE_IDS.obrien)), 500);
  });

  it('X-Total-Count is an integer header that matches the data', async () => {
    const res = await h.get('/identities', { query: { count: true, limit: 1, defaultFilter: 'NONE' } });
    check('/identities', 'GET', res, 200);
    assert.equal(res.headers.get('x-total-count'), String(h.sim.store.size));
  });

  it('flat ownership (api-specs#39 shape) still validates against the documented schema', async () => {
    h.sim.setFaults({ ownershipShape: 'flat' });
    try {
      check('/identities/{identityId}/ownership', 'GET', await h.get(`${byId(FIXTURE_IDS.owner)}/ownership`), 200);
      check('/identities/{id}', 'DELETE', await h.call('DELETE', byId(FIXTURE_IDS.owner)), 400);
    } finally {
      h.sim.setFaults({});
    }
  });

  it('token endpoint: 200 matches OAuthTokenResponse; 401 is documented', async () => {
    const ok = await h.tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: h.sim.clientId, client_secret: h.sim.clientSecret }));
    check('/oauth/token', 'POST', ok, 200);
    const bad = await h.tokenRequest(new URLSearchParams({ grant_type: 'client_credentials', client_id: h.sim.clientId, client_secret: 'wrong' }));
    assert.equal(bad.status, 401);
    assert.ok(v.validateResponse('/oauth/token', 'POST', { ...bad, text: '' }).length === 0, '401 is a documented status');
  });

  it('an identity after processing applied its pending change, and the role its rule assigned, validate', async () => {
    const record = h.sim.store.all().find((r) => r.index % 4 === 3 && !r.fixedAttributes && r.correlated && !r.attributeOverrides)!;
    check('/identities/process', 'POST', await h.post('/identities/process', { identityIds: [record.id] }), 202);
    assert.ok(record.ruleRoleAddedAt !== undefined, 'the pending change was applied');
    check('/identities/{id}', 'GET', await h.get(byId(record.id)), 200);
    const refs = await h.get(`${byId(record.id)}/role-assignments`);
    check('/identities/{identityId}/role-assignments', 'GET', refs, 200);
    const added = (refs.body as RoleAssignmentRef[]).at(-1)!;
    const dto = await h.get(`${byId(record.id)}/role-assignments/${added.id}`);
    check('/identities/{identityId}/role-assignments/{assignmentId}', 'GET', dto, 200);
    for (const key of Object.keys(dto.body as object)) assert.ok(v.declaredProperties('RoleAssignmentDto').includes(key), `RoleAssignmentDto.${key} is not in the spec`);
  });

  it('every generated identity, role assignment and ownership object validates; no undeclared fields', async () => {
    const store = h.sim.store;
    const identityProps = new Set(v.declaredProperties('Identity'));
    const dtoProps = new Set(v.declaredProperties('RoleAssignmentDto'));
    for (const record of store.all()) {
      const dto = store.toDto(record);
      assert.deepEqual(v.validateSchema('Identity', dto), [], record.id);
      for (const key of Object.keys(dto)) assert.ok(identityProps.has(key), `Identity.${key} is not in the spec`);
      if (record.index % 10 === 0 || Object.values(FIXTURE_IDS).includes(record.id as never)) {
        for (const a of store.roleAssignments(record)) {
          assert.deepEqual(v.validateSchema('RoleAssignmentDto', a), [], `${record.id} ${a.id}`);
          for (const key of Object.keys(a)) assert.ok(dtoProps.has(key), `RoleAssignmentDto.${key} is not in the spec`);
        }
      }
      if (record.owner) {
        const body = (await h.get(`${byId(record.id)}/ownership`)).body;
        assert.deepEqual(v.validateSchema('IdentityOwnershipAssociationDetails', body), []);
      }
    }
  });
});
