// What run.ts hands every benchmark.
import type { BenchResult } from './report';

export interface BenchContext {
  /** Aborted when the benchmark runs out of its time budget or the run is interrupted. */
  signal: AbortSignal;
  /** Absolute deadline (performance.now()) of this benchmark. */
  deadline: number;
}

export interface Benchmark {
  /** Names of the result lines it prints, in order (used for `skipped` lines when it fails as a whole). */
  names: string[];
  /** Time budget in ms. */
  budgetMs: number;
  /** Runs only when every one of these results was skipped earlier in the run (a fallback measurement). */
  fallbackFor?: string[];
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

/** Something outside the bench is missing (code-server, a build): run.ts prints `skipped (message)`, not `failed: …`. */
export class MissingPieceError extends Error {
  override readonly name = 'MissingPieceError';
}
