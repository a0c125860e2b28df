// How attribute values are compared and shown in a comparison: canonical JSON (object keys sorted) for equality,
// multi-valued values as sets. No `vscode` import; also bundled into the compare webview.

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` compare equal (and diff line by line); never throws. */
export function canonicalJson(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(sortKeys(value, 0), null, indent) ?? 'undefined';
  } catch {
    return String(value);
  }
}

const MAX_DEPTH = 50;

function sortKeys(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    // defineProperty: a key named "__proto__" stays a plain key instead of replacing the prototype.
    Object.defineProperty(out, key, { value: sortKeys((value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The text one value stands for: strings as they are, everything else as canonical JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return canonicalJson(value);
}

/** An attribute ISC holds several values in: an array. */
export function isMultiValued(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

export interface SetComparison {
  onlyA: string[];
  onlyB: string[];
  both: string[];
}

/** Two multi-valued values as sets: order and repeats do not matter. Elements are given as display text. */
export function compareAsSets(a: readonly unknown[], b: readonly unknown[]): SetComparison {
  const keyed = (values: readonly unknown[]): Map<string, string> => {
    const map = new Map<string, string>();
    for (const value of values) {
      const key = canonicalJson(value);
      if (!map.has(key)) map.set(key, valueText(value));
    }
    return map;
  };
  const left = keyed(a);
  const right = keyed(b);
  const result: SetComparison = { onlyA: [], onlyB: [], both: [] };
  for (const [key, text] of left) (right.has(key) ? result.both : result.onlyA).push(text);
  for (const [key, text] of right) if (!left.has(key)) result.onlyB.push(text);
  return result;
}

/** Equality as a comparison means it: arrays as sets, everything else by canonical JSON. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (isMultiValued(a) && isMultiValued(b)) {
    const sets = compareAsSets(a, b);
    return sets.onlyA.length === 0 && sets.onlyB.length === 0;
  }
  return canonicalJson(a) === canonicalJson(b);
}
