// Conformance of the requests IscClient makes with the OpenAPI extract (../shared/spec/identities-v2025.yaml):
// Prism validates every request in proxy mode (--errors: an invalid request gets 422 and is not forwarded) and
// forwards valid ones to the simulator.
//
// Prism matches the spec's paths without the servers' `/v2025` base path, while the client always calls
// `{baseUrl}/v2025/...` and `{baseUrl}/oauth/token`. A small relay in this test bridges both sides:
//   client → relay /v2025/X → Prism /X → relay /__up/X → simulator /v2025/X
//   client → relay /oauth/token → Prism /oauth/token → relay /__up/oauth/token → simulator /oauth/token
// and records the `sl-violations` header Prism attaches to every answer.
import * as assert from 'assert';
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import type { Simulator } from '../../../sim/server';
import { IscClient } from '../../../src/api/iscClient';
import { and, eq, sw } from '../../../src/api/filters';
import { FAST_LIMIT, FIXTURE_IDS, OBRIEN_NAME, startSim } from './helpers';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SPEC = path.resolve(PROJECT_ROOT, '..', 'shared', 'spec', 'identities-v2025.yaml');
const PRISM = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'prism');

interface Exchange {
  method: string;
  path: string;
  status: number;
  violations: { location?: string[]; severity?: string; message?: string }[];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, target: URL, onAnswer?: (upstream: http.IncomingMessage) => void): void {
  const headers = { ...req.headers, host: target.host };
  const upstream = http.request(target, { method: req.method, headers }, (answer) => {
    onAnswer?.(answer);
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`relay error: ${error.message}`);
  });
  req.pipe(upstream);
}

function startRelay(simUrl: string, prismPort: () => number, exchanges: Exchange[]): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    if (url.pathname.startsWith('/__up/')) {
      const rest = url.pathname.slice('/__up'.length);
      const simPath = rest === '/oauth/token' ? rest : `/v2025${rest}`;
      forward(req, res, new URL(`${simPath}${url.search}`, simUrl));
      return;
    }
    const prismPath = url.pathname.startsWith('/v2025/') ? url.pathname.slice('/v2025'.length) : url.pathname;
    forward(req, res, new URL(`http://127.0.0.1:${prismPort()}${prismPath}${url.search}`), (answer) => {
      let violations: Exchange['violations'] = [];
      const header = answer.headers['sl-violations'];
      if (typeof header === 'string') {
        try {
          violations = JSON.parse(header) as Exchange['violations'];
        } catch {
          violations = [{ message: header }];
        }
      }
      exchanges.push({ method: req.method ?? '', path: url.pathname, status: answer.statusCode ?? 0, violations });
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as net.AddressInfo).port })));
}

function startPrism(port: number, upstream: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(PRISM, ['proxy', SPEC, upstream, '--errors', '-p', String(port), '-h', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`Prism did not start within 40 s:\n${output.slice(-2000)}`));
    }, 40_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}):\n${output.slice(-2000)}`));
    });
  });
}

describe('OpenAPI conformance of client requests (Prism proxy)', function () {
  this.timeout(60_000);
  let sim: Simulator | undefined;
  let prism: ChildProcess | undefined;
  let relay: http.Server | undefined;
  let client: IscClient | undefined;
  const exchanges: Exchange[] = [];

  before(async function () {
    if (!fs.existsSync(SPEC)) {
      console.log(`    skipped: the OpenAPI extract is absent (${SPEC})`);
      this.skip();
    }
    if (!fs.existsSync(PRISM)) {
      console.log(`    skipped: Prism is not installed (${PRISM}); npm install @stoplight/prism-cli`);
      this.skip();
    }
    sim = await startSim();
    const prismPort = await freePort();
    const started = await startRelay(sim.url, () => prismPort, exchanges);
    relay = started.server;
    prism = await startPrism(prismPort, `http://127.0.0.1:${started.port}/__up`);
    client = new IscClient({ baseUrl: `http://127.0.0.1:${started.port}`, clientId: sim.clientId, clientSecret: sim.clientSecret, rateLimit: FAST_LIMIT, maxRetries: 0 });
  });

  after(async () => {
    client?.dispose();
    if (prism && prism.exitCode === null) {
      const exited = new Promise((resolve) => prism?.once('exit', resolve));
      prism.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (prism.exitCode === null) prism.kill('SIGKILL');
    }
    relay?.closeAllConnections();
    await new Promise((resolve) => (relay ? relay.close(resolve) : resolve(undefined)));
    await sim?.close();
  });

  it('every operation passes request validation', async () => {
    const c = client as IscClient;
    await c.verifyCredentials();
    const page = await c.listIdentities({ filters: and(sw('name', 'O"B'), eq('correlated', true)), sorters: '-name', count: true, limit: 250, offset: 0, defaultFilter: 'CORRELATED_ONLY' });
    assert.ok(Array.isArray(page.items));
    const plain = await c.listIdentities({ filters: eq('name', OBRIEN_NAME), limit: 10 });
    assert.deepStrictEqual(plain.items.map((i) => i.id), [FIXTURE_IDS.obrien]);
    await c.getIdentity(FIXTURE_IDS.obrien);
    await c.getOwnershipDetails(FIXTURE_IDS.owner);
    const refs = await c.getRoleAssignmentRefs(FIXTURE_IDS.manyRoles);
    await c.findRoleAssignments(FIXTURE_IDS.manyRoles, { roleId: refs[0].role?.id, roleName: refs[0].role?.name ?? undefined });
    await c.getRoleAssignment(FIXTURE_IDS.manyRoles, refs[0].id as string);
    await c.resetIdentity(FIXTURE_IDS.manager);
    await c.sendVerificationAccountToken(FIXTURE_IDS.obrien, { via: 'EMAIL_WORK', sourceName: 'Active Directory' });
    await c.sendVerificationAccountToken(FIXTURE_IDS.obrien, { via: 'LINK_PERSONAL' });
    await c.inviteIdentities({ ids: [FIXTURE_IDS.unregistered] });
    await c.inviteIdentities({ uninvited: true });
    const processed = await c.processIdentities([FIXTURE_IDS.obrien, FIXTURE_IDS.manager]);
    assert.ok(processed[0].task, processed[0].error?.message);
    await c.synchronizeAttributes(FIXTURE_IDS.obrien);
    const victim = (await c.listIdentities({ filters: eq('protected', false), limit: 1, offset: 1500 })).items[0];
    await c.deleteIdentity(victim.id).catch((error: Error) => console.log(`    (delete answered: ${error.message})`));

    const requestViolations = exchanges.filter((e) => e.status === 422 || e.violations.some((v) => v.location?.[0] !== 'response'));
    assert.deepStrictEqual(requestViolations, [], JSON.stringify(requestViolations, null, 2));
    const operations = new Set(exchanges.map((e) => `${e.method} ${e.path.replace(/[0-9a-f]{32}/g, '{id}')}`));
    assert.ok(operations.size >= 12, [...operations].join('\n'));
    if (process.env.ISC_DEBUG_PRISM) console.log(JSON.stringify(exchanges));
    const responseWarnings = exchanges.filter((e) => e.violations.length > 0);
    for (const e of responseWarnings) {
      console.log(`    note: response of ${e.method} ${e.path} (${e.status}) deviates from the spec: ${e.violations.map((v) => v.message).join('; ')}`);
    }
  });
});
