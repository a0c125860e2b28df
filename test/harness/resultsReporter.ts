// Mocha reporter: spec-style lines through console.log (visible from inside the extension host too)
// plus the tier's results JSON. Options (reporterOptions / --reporter-option):
//   output=FILE (or env ISC_RESULTS_FILE, which wins), tier=NAME.
import Mocha from 'mocha';
import * as path from 'path';
import type { TierResults } from './results';
import { emptyResults, writeResults } from './results';

interface ReporterOptions {
  output?: string;
  tier?: string;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function errorText(error: unknown): { message: string; stack?: string } {
  let message = String(error);
  let stack: string | undefined;
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as { message: unknown; stack?: unknown };
    message = String(e.message) || String(error);
    stack = typeof e.stack === 'string' ? e.stack : undefined;
  }
  return { message: message.replace(ANSI, ''), stack: stack?.replace(ANSI, '') };
}

export class ResultsReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const reporterOptions = (options?.reporterOptions ?? {}) as ReporterOptions;
    const output = process.env.ISC_RESULTS_FILE || reporterOptions.output;
    const results: TierResults = emptyResults(reporterOptions.tier ?? process.env.ISC_RESULTS_TIER ?? 'tests');
    const started = Date.now();
    let depth = 0;
    const indent = (): string => '  '.repeat(depth);
    const log = (line: string): void => console.log(line);
    results.complete = false;
    const save = (): void => {
      if (output) writeResults(path.resolve(output), results);
    };
    save();

    runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) log(`${indent()}${suite.title}`);
      depth++;
    });
    runner.on(Mocha.Runner.constants.EVENT_SUITE_END, () => {
      depth--;
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, (test: Mocha.Test) => {
      results.lastTest = test.fullTitle();
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_END, () => save());
    runner.on(Mocha.Runner.constants.EVENT_HOOK_END, () => save());
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test: Mocha.Test) => {
      results.passed++;
      log(`${indent()}✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test: Mocha.Test) => {
      results.skipped++;
      log(`${indent()}- ${test.title} (skipped)`);
      save();
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test, error: unknown) => {
      results.failed++;
      const { message, stack } = errorText(error);
      results.failures.push({
        title: test.fullTitle(),
        file: test.file ? path.relative(process.cwd(), test.file) : undefined,
        error: message,
        stack,
      });
      log(`${indent()}✘ ${test.title}: ${message.split('\n')[0]}`);
      save(); // hook failures have no TEST_END
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      results.durationMs = Date.now() - started;
      results.failures.forEach((failure, i) => {
        log(`\n  ${i + 1}) ${failure.title}`);
        log(`     ${(failure.stack ?? failure.error).split('\n').join('\n     ')}`);
      });
      log(`\n${results.tier}: ${results.passed} passing, ${results.failed} failing, ${results.skipped} skipped (${(results.durationMs / 1000).toFixed(1)} s)`);
      results.complete = true;
      save();
    });
  }
}

module.exports = ResultsReporter; // mocha's --reporter <file> loads the module itself as the reporter
module.exports.ResultsReporter = ResultsReporter;
