#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code (code-server) against the simulated demo tenant.
//   1. builds: tsc (simulator + harness) and the packaged extension (.vsix)
//   2. starts the simulator (port 4010, or a free one; 2000 identities, seed 1)
//   3. installs the .vsix into a fresh extensions folder and starts code-server on 127.0.0.1
//      (port 8080, or a free one) with the simulator as the environment tenant
//   4. prints the URL to open; Ctrl+C stops everything.
// Options: --port N (code-server), --sim-port N, --identities N, --check (open the workbench in
// headless Chromium, take a screenshot to test-results/screenshots/demo.png, then stop).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
process.chdir(root);
const argv = process.argv.slice(2);
function option(name, fallback) {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return fallback;
  const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return value === undefined ? fallback : Number(value);
}
const check = argv.includes('--check');
const DEMO_TENANT_NAME = 'Demo tenant (simulator)';
/** The activity-bar container's title (package.json viewsContainers). */
const CONTAINER_TITLE = 'SailPoint ISC';

function step(title, command, args, { tolerate } = {}) {
  console.log(`[demo] ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    if (tolerate) console.log(`[demo] ${tolerate}`);
    else {
      console.error(`[demo] failed: ${command} ${args.join(' ')} (exit ${result.status})`);
      process.exit(1);
    }
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server'))) {
    console.error('[demo] code-server is not installed: run `bash scripts/setup.sh` first');
    process.exit(1);
  }
  step('compiling (tsc)…', 'npm', ['run', '-s', 'compile'], { tolerate: 'tsc reported type errors (above); using what it emitted' });
  step('packaging the extension (esbuild --production + vsce)…', 'npm', ['run', '-s', 'package']);

  const { preferPort } = require('../out/test/harness/freePort');
  const { createRunDir, runSubdir } = require('../out/test/harness/runs');
  const { installExtension, startCodeServer } = require('../out/test/harness/codeServerProcess');
  const { startHarnessSimulator, simulatorEnv } = require('../out/test/harness/simulator');
  const { onCleanup, runCleanups } = require('../out/test/harness/processes');

  const runDir = createRunDir('demo');
  let sim;
  let server;
  let stopping = false;
  onCleanup(async () => {
    stopping = true;
    console.log('\n[demo] stopping code-server and the simulator…');
    await server?.stop();
    await sim?.close();
  });

  sim = await startHarnessSimulator({ port: await preferPort(option('sim-port', 4010)), identities: option('identities', 2000), seed: 1 });
  const vsix = path.join(runDir, 'isc-identity-explorer.vsix');
  fs.copyFileSync(path.join(root, 'dist', 'isc-identity-explorer.vsix'), vsix);
  const extensionsDir = runSubdir(runDir, 'extensions');
  console.log('[demo] installing the .vsix into code-server…');
  await installExtension(vsix, extensionsDir, runSubdir(runDir, 'install'));
  const workspace = runSubdir(runDir, 'workspace');
  server = await startCodeServer({
    runDir,
    port: await preferPort(option('port', 8080)),
    extensionsDir,
    folder: workspace,
    // The environment tenant's display name in the tree and status bar (instead of "127.0.0.1:4010 (environment)").
    env: { ...simulatorEnv(sim, true), ISC_TENANT_NAME: DEMO_TENANT_NAME },
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log('');
  console.log('  Identity Explorer demo is running.');
  console.log(`  Open in a browser:  ${url}`);
  console.log(`                      (then click "${CONTAINER_TITLE}" in the activity bar)`);
  console.log(`  Simulated tenant:   "${DEMO_TENANT_NAME}" at ${sim.url}   (API base URL; 2000 identities, seed 1)`);
  console.log(`    client id:        ${sim.clientId}`);
  console.log(`    client secret:    ${sim.clientSecret}`);
  console.log('  The extension gets it as the environment tenant (ISC_BASE_URL, ISC_CLIENT_ID, ISC_CLIENT_SECRET, ISC_TENANT_NAME).');
  console.log(`  Logs: ${path.relative(root, server.logFile)}`);
  console.log('  Press Ctrl+C to stop.');
  console.log('');

  if (check) {
    const { openPage } = require('../out/test/harness/browser');
    const { browser, page } = await openPage();
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60000 });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90000 });
      const item = page.locator(`.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
      await item.waitFor({ state: 'visible', timeout: 30000 });
      await item.click();
      await page.waitForTimeout(5000);
      const shots = path.join(root, 'test-results', 'screenshots');
      fs.mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, 'demo.png') });
      console.log('[demo] --check: workbench loaded, screenshot test-results/screenshots/demo.png');
    } finally {
      await browser.close();
    }
    await runCleanups();
    process.exit(0);
  }

  server.process.once('exit', async (code) => {
    if (stopping) return;
    console.error(`[demo] code-server exited (${code}); see ${server.logFile}`);
    await runCleanups();
    process.exit(1);
  });
}

main().catch(async (error) => {
  console.error(`[demo] ${error && error.stack ? error.stack : error}`);
  try {
    await require('../out/test/harness/processes').runCleanups();
  } catch {
    /* nothing started */
  }
  process.exit(1);
});
