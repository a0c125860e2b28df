// Layer rules of the extension, checked in CI (`npm run depcheck`). Dependencies point down:
// util ← api ← model ← the VS Code rooms (tree, webview, commands, auth, config, jobs, …) ← extension.ts.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes two modules one: split what both need into a third. Type-only imports count too: they tie the modules together just the same.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'util-imports-nothing-above',
      severity: 'error',
      comment: 'src/util is the bottom layer.',
      from: { path: '^src/util/' },
      to: { path: '^src/(?!util/)' },
    },
    {
      name: 'api-imports-only-util',
      severity: 'error',
      comment: 'src/api is the ISC HTTP client: it knows nothing of the domain or of VS Code.',
      from: { path: '^src/api/' },
      to: { path: '^src/(?!api/|util/)' },
    },
    {
      name: 'model-imports-only-api-util',
      severity: 'error',
      comment: 'src/model is domain state and logic, below every VS Code room.',
      from: { path: '^src/model/' },
      to: { path: '^src/(?!model/|api/|util/)' },
    },
    {
      name: 'no-vscode-below-rooms',
      severity: 'error',
      comment: 'src/util, src/api and src/model run in plain Node (unit tests, benchmarks).',
      from: { path: '^src/(util|api|model)/' },
      to: { path: '^vscode$', dependencyTypes: ['core', 'npm', 'npm-no-pkg', 'unknown', 'undetermined'] },
    },
    {
      name: 'webview-app-is-browser-only',
      severity: 'error',
      comment: 'The webview app runs in the browser: it may use the protocol and vscode-free model code only.',
      from: { path: '^src/webview/app/' },
      to: { path: '^src/(?!webview/app/|webview/protocol\\.ts$|model/|api/types\\.ts$)' },
    },
    {
      name: 'compare-app-is-browser-only',
      severity: 'error',
      comment: 'The compare page runs in the browser: its protocol, the DOM helpers of the details page and vscode-free model code only.',
      from: { path: '^src/compare/app/' },
      to: { path: '^src/(?!compare/app/|compare/protocol\\.ts$|webview/app/dom\\.ts$|model/|api/types\\.ts$)' },
    },
    {
      name: 'table-app-is-browser-only',
      severity: 'error',
      comment: 'The table app runs in the browser: it may use its protocol and vscode-free model code only.',
      from: { path: '^src/table/app/' },
      to: { path: '^src/(?!table/app/|table/protocol\\.ts$|model/|api/types\\.ts$)' },
    },
    {
      name: 'activity-app-is-browser-only',
      severity: 'error',
      comment: 'The activity page runs in the browser: its protocol, the DOM helpers of the details page and vscode-free model code only.',
      from: { path: '^src/activity/app/' },
      to: { path: '^src/(?!activity/app/|activity/protocol\\.ts$|webview/app/dom\\.ts$|model/|api/types\\.ts$)' },
    },
    {
      name: 'rooms-below-commands',
      severity: 'error',
      comment: 'Commands use the tree, panels and tenants; those never reach back into commands.',
      from: { path: '^src/(tree|webview|compare|table|activity|jobs|ui|auth|config)/' },
      to: { path: '^src/commands/', pathNot: '^src/commands/(commandWrapper|commandIds)\\.ts$' },
    },
    {
      name: 'config-and-auth-below-views',
      severity: 'error',
      comment: 'Settings and tenants are read by the views, never the other way round.',
      from: { path: '^src/(auth|config)/' },
      to: { path: '^src/(tree|webview|compare|table|activity|jobs)/' },
    },
    {
      name: 'nothing-imports-the-entry-point',
      severity: 'error',
      comment: 'src/extension.ts only wires; nothing depends on it.',
      from: {},
      to: { path: '^src/extension\\.ts$' },
    },
    {
      name: 'src-does-not-import-tests-sim-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|sim|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|dist)/|^esbuild\\.js$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    combinedDependencies: false,
  },
};
