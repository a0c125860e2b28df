// The read tools, invoked through vscode.lm.invokeTool against the simulator: contributions, filters, paging cap,
// one identity with roles and ownership, role assignments, needs attention, hostile data quoted, no secret.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { FIXTURE_IDS } from '../../sim/fixtures';
import { TOOL_REFERENCE_NAMES, TOOLS_CONTEXT_KEY } from '../../src/tools/toolNames';
import { ENV_TENANT, apiRequestsSince, requestMark, setFaults } from './actionsSupport';
import { EXTENSION_ID } from './coreSupport';
import { PREFACE, TOOL_NAMES, assertNoSecret, beforeQuotedData, handles, invokeThroughVsCode } from './toolsSupport';
import type { Handles } from './toolsSupport';

interface ToolContribution {
  name: string;
  toolReferenceName?: string;
  canBeReferencedInPrompt?: boolean;
  when?: string;
  icon?: string;
  modelDescription?: string;
  userDescription?: string;
  displayName?: string;
  inputSchema?: { type?: string };
}

describe('language-model tools: read (vscode.lm.invokeTool)', function () {
  this.timeout(60_000);
  let h: Handles;
  const results: string[] = [];
  const invoke = async (name: string, input: Record<string, unknown>): Promise<string> => {
    const text = await invokeThroughVsCode(name as (typeof TOOL_NAMES)[keyof typeof TOOL_NAMES], input);
    results.push(text);
    return text;
  };

  before(async () => {
    h = await handles();
  });

  after(async () => {
    await setFaults({});
  });

  it('contributes every tool with a reference name, icon, descriptions, schema and the tenant `when` clause', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const manifest = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as { contributes: { languageModelTools: ToolContribution[] } };
    const contributed = manifest.contributes.languageModelTools;
    assert.deepStrictEqual(contributed.map((t) => t.name).sort(), Object.values(TOOL_NAMES).sort());
    for (const t of contributed) {
      assert.strictEqual(t.toolReferenceName, TOOL_REFERENCE_NAMES[t.name as keyof typeof TOOL_REFERENCE_NAMES], t.name);
      assert.strictEqual(t.canBeReferencedInPrompt, true, t.name);
      assert.strictEqual(t.when, TOOLS_CONTEXT_KEY, t.name);
      assert.match(t.icon ?? '', /^\$\([a-z-]+\)$/, t.name);
      assert.ok(t.displayName && t.userDescription && (t.modelDescription ?? '').length > 80, t.name);
      assert.strictEqual(t.inputSchema?.type, 'object', t.name);
    }
  });

  it('registers every tool, and lists them while a tenant is configured', async () => {
    assert.deepStrictEqual(Object.keys(h.api.tools.tools).sort(), Object.values(TOOL_NAMES).sort());
    const deadline = Date.now() + 10_000;
    let listed: string[] = [];
    while (Date.now() < deadline) {
      listed = vscode.lm.tools.map((t) => t.name).filter((name) => name.startsWith('iscExplorer_'));
      if (listed.length === Object.keys(TOOL_NAMES).length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepStrictEqual(listed.sort(), Object.values(TOOL_NAMES).sort());
  });

  it('lists the tenants without client id or secret', async () => {
    const text = await invoke(TOOL_NAMES.listTenants, {});
    assert.ok(text.includes(`| ${ENV_TENANT} |`), text);
    assert.ok(!text.includes(process.env.ISC_CLIENT_ID ?? '--'), 'no client id');
  });

  it('finds identities by an ISC filter expression, with the total from X-Total-Count', async () => {
    const mark = await requestMark();
    const text = await invoke(TOOL_NAMES.findIdentities, { filter: 'name sw "A"', sorters: 'name', limit: 5 });
    assert.match(text, /Showing identities 1–5 of \d+\./);
    const [request] = await apiRequestsSince(mark);
    assert.strictEqual(request.query.filters, 'name sw "A"');
    assert.strictEqual(request.query.count, 'true');
    assert.strictEqual(request.query.limit, '5');
    assert.strictEqual(request.query.defaultFilter, 'NONE');
  });

  it('finds identities by structured conditions', async () => {
    const text = await invoke(TOOL_NAMES.findIdentities, { conditions: [{ field: 'id', op: 'in', value: [FIXTURE_IDS.owner, FIXTURE_IDS.manager] }] });
    assert.ok(text.includes(FIXTURE_IDS.owner) && text.includes(FIXTURE_IDS.manager));
    assert.ok(text.includes('Showing identities 1–2 of 2.'), text);
  });

  it('caps a page at 50 rows and says which offset comes next', async () => {
    const text = await invoke(TOOL_NAMES.findIdentities, { limit: 500 });
    const rows = text.split('\n').filter((line) => /^\| [0-9a-f]{32} \|/.test(line));
    assert.strictEqual(rows.length, 50);
    assert.match(text, /\d+ more: call again with offset 50\./);
  });

  it('rejects an invalid filter before any request, saying what is wrong', async () => {
    const mark = await requestMark();
    await assert.rejects(invoke(TOOL_NAMES.findIdentities, { filter: 'department eq "x"' }), /"department" cannot be filtered on/);
    // Background task polls of earlier jobs aside: no listing was sent.
    assert.deepStrictEqual((await apiRequestsSince(mark)).filter((r) => r.path === '/v2025/identities'), []);
  });

  it('gets an identity with role assignments and ownership, hostile values inside the quoted data', async () => {
    const owner = await invoke(TOOL_NAMES.getIdentity, { identityId: FIXTURE_IDS.owner, includeRoleAssignments: true, includeOwnership: true });
    assert.ok(owner.includes('Role assignments (5):'), owner);
    assert.ok(owner.includes('ROLE_OWNER'));
    const hostile = await invoke(TOOL_NAMES.getIdentity, { identityId: FIXTURE_IDS.hostile });
    assert.ok(hostile.includes(PREFACE));
    assert.ok(!beforeQuotedData(hostile).includes('<script>'), 'no identity data before the preface');
    assert.ok(!hostile.includes('\u202E'), 'bidi override removed');
    assert.ok(hostile.length < 12_500, `result is capped (${hostile.length})`);
  });

  it('says that an unknown identity does not exist', async () => {
    await assert.rejects(invoke(TOOL_NAMES.getIdentity, { identityId: 'ffffffffffffffffffffffffffffffff' }), /No identity with id ffffffffffffffffffffffffffffffff/);
  });

  it('lists role assignments and gets one in full by its assignment id', async () => {
    const list = await invoke(TOOL_NAMES.getRoleAssignment, { identityId: FIXTURE_IDS.manyRoles });
    assert.ok(list.includes('Role assignments (30):'));
    assert.ok(list.includes('… 5 more'), 'capped at 25 rows');
    const row = list.split('\n').find((line) => line.startsWith('| ') && !line.includes('assignment id'));
    const assignmentId = row?.split('|')[1].trim();
    assert.ok(assignmentId, 'an assignment id is listed');
    const one = await invoke(TOOL_NAMES.getRoleAssignment, { identityId: FIXTURE_IDS.manyRoles, assignmentId });
    assert.ok(one.includes(`Assignment id: ${assignmentId}`), one);
  });

  it('lists the identities needing attention (processing state ERROR)', async () => {
    const mark = await requestMark();
    const text = await invoke(TOOL_NAMES.needsAttention, { limit: 3 });
    assert.match(text, /Showing identities needing attention \(processing state ERROR\) 1–3 of \d+\./);
    const [request] = await apiRequestsSince(mark);
    assert.strictEqual(request.query.filters, 'processingState eq "ERROR"');
    assert.ok(text.split('\n').filter((line) => /^\| [0-9a-f]{32} \|/.test(line)).every((line) => line.includes('| ERROR |')));
  });

  it('reports an ISC failure as an error without any secret', async () => {
    await setFaults({ failNext: { status: 500, count: 10, methods: ['GET'] } });
    const error = await invoke(TOOL_NAMES.findIdentities, { limit: 1 }).then(
      () => undefined,
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    await setFaults({});
    assert.ok(error, 'the call failed');
    assert.match(error, /List identities failed/);
    assertNoSecret(error);
  });

  it('puts no secret in any result', () => {
    assert.ok(results.length >= 8);
    for (const text of results) assertNoSecret(text);
  });
});
