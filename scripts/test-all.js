#!/usr/bin/env node
// `npm test`: build, type-check, lint, then the three test tiers (unit, integration, e2e).
// Each tier writes test-results/<tier>.json; this script sums them, prints every failure and ends
// with the single line `N passed, N failed, N skipped` (the last line of output).
// A failing build/typecheck/lint counts as 1 failed check each; a crashed tier as 1 failed test.
// Options: --tiers=unit,integration,e2e (default all)   --skip-checks (no typecheck/lint)
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
process.chdir(root);
const argv = process.argv.slice(2);
const tiersArg = (argv.find((a) => a.startsWith('--tiers=')) || '').slice('--tiers='.length);
const tiers = tiersArg ? tiersArg.split(',').map((t) => t.trim()).filter(Boolean) : ['unit', 'integration', 'e2e'];
const skipChecks = argv.includes('--skip-checks');
const node = process.execPath;
const mochaBin = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const tscBin = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const npmCmd = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const MINUTE = 60_000;
const children = new Set();
let stopping = false;

function killAll(signal) {
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* gone */
    }
  }
}
process.on('exit', () => killAll('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`\n[test-all] ${signal}: stopping`);
    stopping = true;
    killAll('SIGTERM');
    setTimeout(() => process.exit(130), 3000).unref();
  });
}

/** Runs a command in its own process group, output inherited; resolves {code, timedOut, seconds}. */
function run(label, command, args, { env, timeoutMs }) {
  console.log(`\n━━━ ${label}: ${[path.basename(command), ...args.map((a) => path.relative(root, a) || a)].join(' ')}`);
  const started = Date.now();
  if (stopping) return Promise.resolve({ code: 130, timedOut: false, seconds: 0 });
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    children.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.log(`[test-all] ${label} timed out after ${timeoutMs / 1000} s: killing it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 5000).unref();
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      children.delete(child);
      try {
        process.kill(-child.pid, 'SIGKILL'); // leftovers of the group
      } catch {
        /* gone */
      }
      resolve({ code, timedOut, seconds: (Date.now() - started) / 1000 });
    };
    child.once('error', (error) => {
      console.log(`[test-all] ${label}: ${error.message}`);
      finish(127);
    });
    child.once('exit', (code, signal) => finish(code === null ? 128 + (signal === 'SIGKILL' ? 9 : 15) : code));
  });
}

function makeRunDir() {
  const runs = path.join(root, '.vscode-test', 'runs');
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const dir = path.join(runs, `test-all-${stamp}-${process.pid}-${Math.random().toString(16).slice(2, 8)}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'owner.json'), JSON.stringify({ pid: process.pid, started: Date.now() }));
  return dir;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function indent(text, prefix) {
  return String(text).split('\n').map((line) => prefix + line).join('\n');
}

async function main() {
  const started = Date.now();
  const runDir = makeRunDir();
  const resultsDir = path.join(root, 'test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const checks = []; // { name, ok, detail }
  const tierResults = []; // { tier, passed, failed, skipped, failures, seconds, note }

  const build = await run('build (esbuild, development)', node, [path.join(root, 'esbuild.js')], { timeoutMs: 5 * MINUTE });
  checks.push({ name: 'build', ok: build.code === 0, detail: `node esbuild.js exited with ${build.code}`, seconds: build.seconds });
  const compile = await run('compile (tsc -p tsconfig.test.json)', node, [tscBin, '-p', 'tsconfig.test.json'], { timeoutMs: 5 * MINUTE });
  if (compile.code !== 0) console.log('[test-all] tsc reported errors (counted under typecheck); running what it emitted');
  if (!skipChecks) {
    const typecheck = await run('typecheck (npm run typecheck)', npmCmd, ['run', '-s', 'typecheck'], { timeoutMs: 8 * MINUTE });
    checks.push({ name: 'typecheck', ok: typecheck.code === 0, detail: `npm run typecheck exited with ${typecheck.code}: type errors above`, seconds: typecheck.seconds });
    const lint = await run('lint (npm run lint)', npmCmd, ['run', '-s', 'lint'], { timeoutMs: 8 * MINUTE });
    checks.push({ name: 'lint', ok: lint.code === 0, detail: `npm run lint exited with ${lint.code}: ESLint problems above`, seconds: lint.seconds });
    const depcheck = await run('layers (npm run depcheck)', npmCmd, ['run', '-s', 'depcheck'], { timeoutMs: 3 * MINUTE });
    checks.push({ name: 'layers', ok: depcheck.code === 0, detail: `dependency-cruiser exited with ${depcheck.code}: layer or circle violations above`, seconds: depcheck.seconds });
    const knip = await run('unused code (npm run knip)', npmCmd, ['run', '-s', 'knip'], { timeoutMs: 3 * MINUTE });
    checks.push({ name: 'unused', ok: knip.code === 0, detail: `knip exited with ${knip.code}: unused files, exports or dependencies above`, seconds: knip.seconds });
  }

  const tierCommands = {
    unit: { args: [mochaBin, '--config', '.mocharc.unit.json', '--exit', '--reporter', path.join(root, 'out/test/harness/resultsReporter.js'), '--reporter-option', 'tier=unit'], timeoutMs: 10 * MINUTE },
    integration: { args: [path.join(root, 'out/test/harness/runIntegration.js')], timeoutMs: 25 * MINUTE },
    e2e: { args: [mochaBin, '--config', '.mocharc.e2e.json'], timeoutMs: 20 * MINUTE },
  };
  for (const tier of tiers) {
    const spec = tierCommands[tier];
    if (!spec) {
      console.log(`[test-all] unknown tier ${tier} (known: ${Object.keys(tierCommands).join(', ')})`);
      tierResults.push({ tier, passed: 0, failed: 1, skipped: 0, failures: [{ title: `unknown tier ${tier}`, error: 'see --tiers' }], seconds: 0 });
      continue;
    }
    const resultsFile = path.join(runDir, `${tier}.json`);
    const result = await run(`${tier} tests`, node, spec.args, { env: { ISC_RESULTS_FILE: resultsFile, ISC_RESULTS_TIER: tier }, timeoutMs: spec.timeoutMs });
    const json = readJson(resultsFile);
    const entry = json
      ? { tier, passed: json.passed || 0, failed: json.failed || 0, skipped: json.skipped || 0, failures: json.failures || [], seconds: result.seconds }
      : { tier, passed: 0, failed: 0, skipped: 0, failures: [], seconds: result.seconds };
    if (result.timedOut || !json || (result.code !== 0 && entry.failed === 0)) {
      const why = result.timedOut ? `timed out after ${spec.timeoutMs / 1000} s` : !json ? `crashed (exit ${result.code}) without writing results` : `exited with ${result.code} although no test failed`;
      entry.failed += 1;
      entry.failures.push({ title: `${tier} tier ${why}`, error: 'see its output above' });
      entry.note = why;
    }
    tierResults.push(entry);
    fs.writeFileSync(path.join(resultsDir, `${tier}.json`), JSON.stringify({ ...(json || {}), tier, passed: entry.passed, failed: entry.failed, skipped: entry.skipped, failures: entry.failures }, null, 2) + '\n');
  }

  // ---- summary -------------------------------------------------------------------------------
  console.log('\n━━━ summary');
  for (const check of checks) console.log(`  ${check.name.padEnd(12)} ${check.ok ? 'ok' : 'FAILED'} (${check.seconds.toFixed(1)} s)`);
  for (const t of tierResults) {
    console.log(`  ${t.tier.padEnd(12)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped (${t.seconds.toFixed(1)} s)${t.note ? ` — ${t.note}` : ''}`);
  }
  const failedChecks = checks.filter((c) => !c.ok);
  const failures = tierResults.flatMap((t) => t.failures.map((f) => ({ tier: t.tier, ...f })));
  if (failedChecks.length || failures.length) {
    console.log('\n━━━ failures');
    for (const check of failedChecks) console.log(`  [${check.name}] ${check.detail}`);
    for (const f of failures) {
      console.log(`  [${f.tier}] ${f.title}`);
      console.log(indent(String(f.error || '').split('\n').slice(0, 12).join('\n'), '      '));
    }
  }
  const passed = tierResults.reduce((n, t) => n + t.passed, 0);
  const failed = tierResults.reduce((n, t) => n + t.failed, 0) + failedChecks.length;
  const skipped = tierResults.reduce((n, t) => n + t.skipped, 0);
  console.log(`\n(total ${((Date.now() - started) / 1000).toFixed(0)} s; results in test-results/, run folder ${path.relative(root, runDir)})`);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.log(`[test-all] ${error && error.stack ? error.stack : error}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
