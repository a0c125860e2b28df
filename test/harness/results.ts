// The results file every tier writes (test-results/<tier>.json) and scripts/test-all.js reads.
import * as fs from 'fs';
import * as path from 'path';

export interface TestFailure {
  title: string;
  file?: string;
  error: string;
  stack?: string;
}

export interface TierResults {
  tier: string;
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  failures: TestFailure[];
  /** false while the run is in progress (the reporter rewrites the file after every test). */
  complete?: boolean;
  /** Full title of the test that started last (to tell where a hung or crashed run stopped). */
  lastTest?: string;
  /** Set when the tier could not run to the end (crash, timeout). */
  crashed?: string;
}

export function emptyResults(tier: string): TierResults {
  return { tier, passed: 0, failed: 0, skipped: 0, durationMs: 0, failures: [] };
}

export function writeResults(file: string, results: TierResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

export function readResults(file: string): TierResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TierResults;
  } catch {
    return undefined;
  }
}

export function mergeResults(tier: string, parts: TierResults[]): TierResults {
  const merged = emptyResults(tier);
  for (const part of parts) {
    merged.passed += part.passed;
    merged.failed += part.failed;
    merged.skipped += part.skipped;
    merged.durationMs += part.durationMs;
    merged.failures.push(...part.failures);
    if (part.crashed) merged.crashed = merged.crashed ? `${merged.crashed}; ${part.crashed}` : part.crashed;
  }
  return merged;
}
