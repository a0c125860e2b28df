// Runs inside the extension host (called from out/test/integration*/index.js): mocha BDD over the
// compiled *.test.js files of a folder, results written to $ISC_TEST_RESULTS.
// Env: ISC_TEST_GREP (mocha grep), ISC_TEST_TIMEOUT_MS (default 60000).
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { ResultsReporter } from './resultsReporter';

export function findTestFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
    }
  };
  if (fs.existsSync(root)) walk(root);
  return found.sort();
}

export function runMochaInFolder(testsRoot: string, tier: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: Number(process.env.ISC_TEST_TIMEOUT_MS ?? 60_000),
    color: false,
    grep: process.env.ISC_TEST_GREP || undefined,
  });
  mocha.reporter(ResultsReporter, { output: process.env.ISC_TEST_RESULTS, tier });
  for (const file of findTestFiles(testsRoot)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error as Error);
    }
  });
}
