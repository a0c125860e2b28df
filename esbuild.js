// Bundles the extension (Node, CommonJS, `vscode` external), the details-panel, compare, table and activity apps (browser, IIFE).
const esbuild = require('esbuild');
const fs = require('fs');

const production = process.argv.includes('--production');

// axios pulls in `form-data` (and through it mime-db, ~130 KB) only to send multipart bodies, which this extension
// never does; Node 20 has a global FormData, which axios accepts.
const stubFormData = {
  name: 'stub-form-data',
  setup(build) {
    build.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'stub-form-data' }));
    build.onLoad({ filter: /.*/, namespace: 'stub-form-data' }, () => ({ contents: 'module.exports = globalThis.FormData;', loader: 'js' }));
  },
};
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/extension.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [stubFormData],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: 'warning',
  },
];
if (fs.existsSync('src/webview/app/main.ts')) {
  builds.push({
    entryPoints: { main: 'src/webview/app/main.ts', styles: 'media/webview.css' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: 'dist/webview',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    loader: { '.ttf': 'file' },
    logLevel: 'warning',
  });
}

if (fs.existsSync('src/compare/app/main.ts')) {
  builds.push({
    entryPoints: { main: 'src/compare/app/main.ts', styles: 'media/compare.css' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: 'dist/compare',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    loader: { '.ttf': 'file' },
    logLevel: 'warning',
  });
}

if (fs.existsSync('src/table/app/main.ts')) {
  builds.push({
    entryPoints: { main: 'src/table/app/main.ts', styles: 'media/table.css' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: 'dist/table',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    loader: { '.ttf': 'file' },
    logLevel: 'warning',
  });
}

if (fs.existsSync('src/activity/app/main.ts')) {
  builds.push({
    entryPoints: { main: 'src/activity/app/main.ts', styles: 'media/activity.css' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: 'dist/activity',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    loader: { '.ttf': 'file' },
    logLevel: 'warning',
  });
}

async function main() {
  if (watch) {
    // The "[watch] build started/finished" lines are what .vscode/tasks.json waits for before F5 launches.
    const announce = {
      name: 'announce-watch',
      setup(build) {
        build.onStart(() => console.log('[watch] build started'));
        build.onEnd((result) => console.log(`[watch] build finished (${result.errors.length} errors)`));
      },
    };
    for (const options of builds) (await esbuild.context({ ...options, plugins: [...(options.plugins ?? []), announce] })).watch();
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
