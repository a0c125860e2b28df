// Locations the harness relies on. Works from the compiled output (out/test/harness).
import * as fs from 'fs';
import * as path from 'path';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        const name = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name;
        if (name === 'isc-identity-explorer') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const repoRoot = findRepoRoot(__dirname);
export const vscodeTestDir = path.join(repoRoot, '.vscode-test');
export const runsDir = path.join(vscodeTestDir, 'runs');
export const testResultsDir = path.join(repoRoot, 'test-results');
export const screenshotsDir = path.join(testResultsDir, 'screenshots');
export const codeServerInstallDir = path.join(vscodeTestDir, 'code-server');
export const chromiumPath = process.env.ISC_HARNESS_CHROMIUM ?? '/usr/bin/chromium';
export const extensionId = 'isc-tools.isc-identity-explorer';

/** Path of the code-server launcher installed by scripts/setup.sh; throws a helpful error when missing. */
export function codeServerBin(): string {
  const bin = path.join(codeServerInstallDir, 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin)) {
    throw new Error(`code-server is not installed (${bin} missing): run \`bash scripts/setup.sh\` first`);
  }
  return bin;
}
