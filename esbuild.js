// Bundles the extension (Node, CommonJS, `vscode` external) and the webview app (browser, IIFE).
const esbuild = require('esbuild');
const fs = require('fs');

const production = process.argv.includes('--production');
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

async function main() {
  if (watch) {
    for (const options of builds) (await esbuild.context(options)).watch();
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
