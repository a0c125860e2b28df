// Benchmark 4a: size of the production bundles, built by the project's own esbuild.js (--production) into a
// scratch folder (not dist/, which tests may be using): dist/extension.js and dist/webview/*.js + *.css.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { Benchmark } from './lib/context';
import { OUT_ROOT, projectPath } from './lib/paths';
import { detail, emit, skipped, target } from './lib/report';
import type { BenchResult } from './lib/report';

export const EXTENSION_BUNDLE_TARGET_KB = 250;

interface Metafile {
  inputs?: Record<string, { bytes: number }>;
  outputs?: Record<string, { bytes: number; inputs?: Record<string, { bytesInOutput: number }> }>;
}

const builtThisRun = new Set<string>();

/** Whether buildProduction(outDir) succeeded in this process. */
export function wasBuiltThisRun(outDir: string): boolean {
  return builtThisRun.has(outDir);
}

/** Builds with `node esbuild.js --production` redirected to `outDir`; returns the build's stderr on failure. */
export function buildProduction(outDir: string): string | undefined {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const run = spawnSync(process.execPath, ['-r', path.join(OUT_ROOT, 'bench', 'lib', 'esbuildRedirect.js'), 'esbuild.js', '--production'], {
    cwd: projectPath(),
    env: { ...process.env, BENCH_ESBUILD_OUT: outDir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) return (run.stderr || run.stdout || `exit ${run.status}`).trim().split('\n').slice(-5).join(' | ');
  builtThisRun.add(outDir);
  return undefined;
}

/** Cold `require()` of the bundle in fresh Node processes (vscode stubbed): median of `runs`, or a failure text. */
export function coldRequireMs(file: string, runs = 5): { medianMs?: number; samples: number[]; error?: string } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(process.execPath, [path.join(OUT_ROOT, 'bench', 'require-child.js'), file], { encoding: 'utf8', timeout: 30_000 });
    const ok = /^REQUIRE_MS (\S+)$/m.exec(run.stdout ?? '');
    if (!ok) return { samples, error: (/^REQUIRE_FAILED (.*)$/m.exec(run.stdout ?? '')?.[1] ?? run.stderr ?? `exit ${run.status}`).slice(0, 200) };
    samples.push(Number(ok[1]));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)], samples };
}

function kb(bytes: number): number {
  return bytes / 1024;
}

/** The biggest contributors to one output file, from esbuild's metafile. */
function topInputs(outDir: string, outputSuffix: string, count: number): string[] {
  const contributions = new Map<string, number>();
  for (const file of fs.readdirSync(outDir).filter((f) => /^meta-\d+\.json$/.test(f))) {
    const meta = JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8')) as Metafile;
    for (const [output, info] of Object.entries(meta.outputs ?? {})) {
      if (!output.endsWith(outputSuffix)) continue;
      for (const [input, { bytesInOutput }] of Object.entries(info.inputs ?? {})) {
        const key = input.includes('node_modules/') ? `node_modules/${input.split('node_modules/').pop()?.split('/').slice(0, input.includes('node_modules/@') ? 2 : 1).join('/')}` : input;
        contributions.set(key, (contributions.get(key) ?? 0) + bytesInOutput);
      }
    }
  }
  return [...contributions.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([input, bytes]) => `${input} ${kb(bytes).toFixed(1)} KB`);
}

function listWebviewFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.(js|css)$/.test(f)).map((f) => path.join(dir, f));
}

export const bundleBench: Benchmark = {
  names: ['bundle-extension', 'bundle-webview'],
  budgetMs: 90_000,
  async run(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    if (!fs.existsSync(projectPath('src', 'extension.ts'))) {
      return [skipped('bundle-extension', 'src/extension.ts not present'), skipped('bundle-webview', 'src/extension.ts not present')];
    }
    const outDir = projectPath('.tmp', 'bench', 'dist');
    const failure = buildProduction(outDir);
    if (failure) return [skipped('bundle-extension', `esbuild --production failed: ${failure}`), skipped('bundle-webview', 'esbuild --production failed')];

    const extensionFile = path.join(outDir, 'extension.js');
    const extBytes = fs.statSync(extensionFile).size;
    const extGzip = zlib.gzipSync(fs.readFileSync(extensionFile)).length;
    detail(`extension.js ${kb(extBytes).toFixed(1)} KB (gzip ${kb(extGzip).toFixed(1)} KB); largest inputs: ${topInputs(outDir, 'extension.js', 6).join(', ')}`);
    const load = coldRequireMs(extensionFile);
    detail(
      load.medianMs !== undefined
        ? `cold require() of extension.js in a fresh Node process (vscode stubbed): median ${load.medianMs.toFixed(1)} ms of [${load.samples.map((x) => x.toFixed(0)).join(', ')}] (paid on every activation)`
        : `cold require() of extension.js failed: ${load.error}`,
    );
    const extHolds = kb(extBytes) <= EXTENSION_BUNDLE_TARGET_KB;
    results.push(
      emit(
        {
          name: 'bundle-extension',
          figure: kb(extBytes),
          unit: 'KB',
          ideal: EXTENSION_BUNDLE_TARGET_KB,
          note: `[ideal = the budget; ${target(extHolds, `<= ${EXTENSION_BUNDLE_TARGET_KB} KB`).slice(1)}`,
        },
        extHolds,
      ),
    );

    const webviewFiles = listWebviewFiles(path.join(outDir, 'webview'));
    if (webviewFiles.length === 0) {
      results.push(skipped('bundle-webview', 'no webview bundle (src/webview/app/main.ts not present)'));
    } else {
      const sizes = webviewFiles.map((f) => ({ name: path.basename(f), bytes: fs.statSync(f).size }));
      const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
      detail(`webview: ${sizes.map((s) => `${s.name} ${kb(s.bytes).toFixed(1)} KB`).join(', ')}; largest inputs of main.js: ${topInputs(outDir, 'main.js', 4).join(', ')}`);
      results.push(emit({ name: 'bundle-webview', figure: kb(total), unit: 'KB (js + css)', ideal: EXTENSION_BUNDLE_TARGET_KB, note: '[ideal = the extension budget, for scale; no own target]' }));
    }
    return results;
  },
};
