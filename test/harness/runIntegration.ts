// `npm run test:integration`: extension-host tests in code-server through @vscode/test-electron.
// Starts one simulator, then one extension-host session per test folder:
//   test/integration/**/*.test.ts        — with the environment tenant (ISC_BASE_URL, ...)
//   test/integration-noenv/**/*.test.ts  — without it (ISC_SIM_URL still set)
//   test/integration-network/**/*.test.ts — without it, behind an authenticating CONNECT proxy with HTTPS simulators
//                                           (networkSession.ts: NODE_EXTRA_CA_CERTS, the `http.proxy` setting)
// Writes test-results/integration.json (or $ISC_RESULTS_FILE).
// Env: ISC_INTEGRATION_SESSION=env|noenv|network (run one), ISC_TEST_GREP, ISC_HARNESS_EXTENSION_PATH (other
// extension folder, for harness self-tests), ISC_HARNESS_TIMEOUT_MS (per session, default 600000).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as path from 'path';
import { findTestFiles } from './mochaInHost';
import { repoRoot, testResultsDir } from './paths';
import { onCleanup } from './processes';
import type { TierResults } from './results';
import { emptyResults, mergeResults, readResults, writeResults } from './results';
import { createRunDir, runSubdir } from './runs';
import { startNetworkFixture } from './networkSession';
import type { NetworkFixture } from './networkSession';
import type { HarnessSimulator } from './simulator';
import { simulatorEnv, startHarnessSimulator } from './simulator';

interface Session {
  name: 'env' | 'noenv' | 'network';
  testsDir: string;
  tenant: boolean;
  /** Runs behind the proxy and HTTPS simulators of networkSession.ts. */
  network?: boolean;
}

const SESSIONS: Session[] = [
  { name: 'env', testsDir: path.join(repoRoot, 'out', 'test', 'integration'), tenant: true },
  { name: 'noenv', testsDir: path.join(repoRoot, 'out', 'test', 'integration-noenv'), tenant: false },
  { name: 'network', testsDir: path.join(repoRoot, 'out', 'test', 'integration-network'), tenant: false, network: true },
];

const TIERS: Record<Session['name'], string> = { env: 'integration', noenv: 'integration-noenv', network: 'integration-network' };

function shimPath(): string {
  const shim = path.join(repoRoot, 'test', 'harness', 'code-server-shim');
  fs.chmodSync(shim, 0o755); // in case the executable bit got lost
  return shim;
}

async function runSession(session: Session, runDir: string, sim: HarnessSimulator): Promise<TierResults> {
  const tier = TIERS[session.name];
  const sessionDir = runSubdir(runDir, session.name);
  let network: NetworkFixture | undefined;
  if (session.network) {
    network = await startNetworkFixture(runSubdir(sessionDir, 'network'));
    if (!network) return emptyResults(tier);
  }
  const resultsFile = path.join(sessionDir, 'results.json');
  const workspace = runSubdir(sessionDir, 'workspace');
  fs.writeFileSync(path.join(workspace, 'README.txt'), 'Scratch workspace of an integration test run.\n');
  const started = Date.now();
  console.log(`\n[integration] session "${session.name}" (${session.tenant ? 'with' : 'without'} the environment tenant)`);
  let exitCode = 0;
  try {
    await runTests({
      vscodeExecutablePath: shimPath(),
      extensionDevelopmentPath: process.env.ISC_HARNESS_EXTENSION_PATH ? path.resolve(process.env.ISC_HARNESS_EXTENSION_PATH) : repoRoot,
      extensionTestsPath: path.join(session.testsDir, 'index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${runSubdir(sessionDir, 'user-data')}`,
        `--extensions-dir=${runSubdir(sessionDir, 'extensions')}`,
      ],
      extensionTestsEnv: {
        ...simulatorEnv(sim, session.tenant),
        ...network?.env,
        ...(network ? { ISC_HARNESS_SETTINGS: JSON.stringify(network.settings) } : {}),
        ISC_TEST_RESULTS: resultsFile,
        ISC_HARNESS_RUN_DIR: sessionDir,
        ISC_RESULTS_FILE: undefined,
      },
    });
  } catch (error) {
    exitCode = (error as { code?: number }).code ?? 1;
    console.error(`[integration] session "${session.name}" failed: ${(error as Error).message}`);
  } finally {
    await network?.close();
  }
  const results = readResults(resultsFile) ?? emptyResults(tier);
  results.tier = tier;
  if (!fs.existsSync(resultsFile)) {
    results.crashed = `session "${session.name}" ended (exit ${exitCode}) without results; see ${sessionDir}`;
    results.failures.push({ title: `integration session "${session.name}" crashed`, error: results.crashed });
    results.failed++;
  } else if (results.complete === false) {
    const how = exitCode === 124 ? 'timed out' : `ended (exit ${exitCode})`;
    results.crashed = `session "${session.name}" ${how} before its tests finished; last test started: ${results.lastTest ?? '(none)'}; see ${sessionDir}`;
    results.failures.push({ title: `integration session "${session.name}" did not finish`, error: results.crashed });
    results.failed++;
  } else if (exitCode !== 0 && results.failed === 0) {
    results.crashed = `session "${session.name}" exited with ${exitCode} although no test failed; see ${sessionDir}`;
    results.failures.push({ title: `integration session "${session.name}" exit code`, error: results.crashed });
    results.failed++;
  }
  results.durationMs = Date.now() - started;
  return results;
}

async function main(): Promise<number> {
  const only = process.env.ISC_INTEGRATION_SESSION;
  const sessions = SESSIONS.filter((s) => (!only || s.name === only) && findTestFiles(s.testsDir).length > 0);
  const outputFile = process.env.ISC_RESULTS_FILE || path.join(testResultsDir, 'integration.json');
  if (sessions.length === 0) {
    console.log('[integration] no compiled tests found (out/test/integration*/**/*.test.js) — run `npm run compile`');
    writeResults(outputFile, emptyResults('integration'));
    return 0;
  }
  const runDir = createRunDir('integration');
  let sim: HarnessSimulator | undefined;
  const unregister = onCleanup(async () => {
    await sim?.close();
  });
  const parts: TierResults[] = [];
  try {
    sim = await startHarnessSimulator();
    console.log(`[integration] simulator ${sim.url} (seed 1, 2000 identities); run folder ${runDir}`);
    for (const session of sessions) parts.push(await runSession(session, runDir, sim));
  } catch (error) {
    const crash = emptyResults('integration');
    crash.crashed = (error as Error).message;
    crash.failed = 1;
    crash.failures.push({ title: 'integration harness', error: (error as Error).stack ?? String(error) });
    parts.push(crash);
  } finally {
    await sim?.close().catch(() => undefined);
    unregister();
  }
  const merged = mergeResults('integration', parts);
  writeResults(outputFile, merged);
  console.log(`\n[integration] ${merged.passed} passed, ${merged.failed} failed, ${merged.skipped} skipped (results ${path.relative(repoRoot, outputFile)})`);
  return merged.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
