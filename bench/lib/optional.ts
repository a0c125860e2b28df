// Loads other engineers' compiled modules at run time, so that a missing or half-done piece
// turns into `bench NAME: skipped (reason)` instead of a compile error of the whole bench.
import * as fs from 'fs';
import * as path from 'path';

/** out/ (this file is out/bench/lib/optional.js once compiled). */
export const OUT_ROOT = path.resolve(__dirname, '..', '..');
/** The project root (package.json). */
export const PROJECT_ROOT = path.resolve(OUT_ROOT, '..');

export class MissingPieceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingPieceError';
  }
}

/** Requires `out/<rel>.js`; throws MissingPieceError naming the source file when it is absent. */
export function requireOut<T>(rel: string): T {
  const compiled = path.join(OUT_ROOT, `${rel}.js`);
  const source = path.join(PROJECT_ROOT, `${rel}.ts`);
  if (!fs.existsSync(source)) throw new MissingPieceError(`${rel}.ts not present`);
  if (!fs.existsSync(compiled)) throw new MissingPieceError(`${rel}.ts not compiled to out/${rel}.js`);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(compiled) as T;
  } catch (error) {
    throw new MissingPieceError(`${rel} fails to load: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Like requireOut, but also checks that the named exports exist. */
export function requireExports<T>(rel: string, names: string[]): T {
  const mod = requireOut<Record<string, unknown>>(rel);
  const missing = names.filter((name) => mod[name] === undefined);
  if (missing.length) throw new MissingPieceError(`${rel} lacks export(s) ${missing.join(', ')}`);
  return mod as T;
}

export function projectPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}
