// Where things are: out/ (the compiled bench loads child scripts from it) and the project root.
import * as path from 'path';

/** out/ (this file is out/bench/lib/paths.js once compiled). */
export const OUT_ROOT = path.resolve(__dirname, '..', '..');

export function projectPath(...parts: string[]): string {
  return path.join(OUT_ROOT, '..', ...parts);
}
