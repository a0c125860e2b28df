// The one-line result format of every benchmark, and small number helpers.
// `bench NAME: FIGURE UNIT (ideal IDEAL, ratio R)` — comparable run to run; never a pass/fail.

export interface BenchLine {
  name: string;
  figure: number;
  unit: string;
  ideal?: number;
  /** figure / ideal unless given (for "higher is better" figures the bench passes its own ratio). */
  ratio?: number;
  /** Appended after the parenthesis, e.g. `target <= 1.10: holds`. */
  note?: string;
}

export interface BenchResult {
  name: string;
  line: string;
  skipped?: string;
  /** Whether the stated target holds; undefined when the bench has no target or was skipped. */
  targetHolds?: boolean;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}

export function formatLine(b: BenchLine): string {
  const idealText = b.ideal === undefined ? 'n/a' : formatNumber(b.ideal);
  const ratio = b.ratio ?? (b.ideal !== undefined && b.ideal !== 0 ? b.figure / b.ideal : undefined);
  const ratioText = ratio === undefined ? 'n/a' : ratio.toFixed(3);
  const note = b.note ? ` ${b.note}` : '';
  return `bench ${b.name}: ${formatNumber(b.figure)} ${b.unit} (ideal ${idealText}, ratio ${ratioText})${note}`;
}

/** Prints and returns the result line. */
export function emit(b: BenchLine, targetHolds?: boolean): BenchResult {
  const line = formatLine(b);
  console.log(line);
  return { name: b.name, line, targetHolds };
}

export function skipped(name: string, reason: string): BenchResult {
  const clean = reason.replace(/\s+/g, ' ').trim().slice(0, 300);
  const line = `bench ${name}: skipped (${clean})`;
  console.log(line);
  return { name, line, skipped: clean };
}

/** Indented detail line printed above a result line. */
export function detail(text: string): void {
  console.log(`  ${text}`);
}

export function target(holds: boolean, text: string): string {
  return `[target ${text}: ${holds ? 'holds' : 'MISSED'}]`;
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function now(): number {
  return performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
