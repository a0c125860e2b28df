// Preloaded (`node -r`) into the project's own esbuild.js so that its exact build options are used while
// the output goes to BENCH_ESBUILD_OUT instead of dist/ (a concurrent test run may be using dist/).
// Also asks esbuild for a metafile (written next to the output) so the bench can name the biggest inputs.
import * as fs from 'fs';
import * as path from 'path';
import Module from 'module';
import type * as esbuild from 'esbuild';

const outRoot = process.env.BENCH_ESBUILD_OUT;
const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const originalLoad = loader._load;
let builds = 0;

function redirect(p: string | undefined): string | undefined {
  if (!p || !outRoot) return p;
  const rel = path.relative(path.resolve('dist'), path.resolve(p));
  return path.join(outRoot, rel.startsWith('..') ? path.basename(p) : rel);
}

loader._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
  const loaded = originalLoad.call(this, request, parent, isMain);
  if (request !== 'esbuild' || !outRoot) return loaded;
  const real = loaded as typeof esbuild;
  return {
    ...real,
    build: async (options: esbuild.BuildOptions) => {
      const changed: esbuild.BuildOptions = { ...options, outfile: redirect(options.outfile), outdir: redirect(options.outdir), metafile: true };
      if (changed.outfile === undefined) delete changed.outfile;
      if (changed.outdir === undefined) delete changed.outdir;
      const result = await real.build(changed);
      fs.mkdirSync(outRoot, { recursive: true });
      fs.writeFileSync(path.join(outRoot, `meta-${builds++}.json`), JSON.stringify(result.metafile ?? {}));
      return result;
    },
  };
};
