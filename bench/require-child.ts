// Child process of bundle.ts: times a cold `require()` of a bundle in a fresh Node process, with `vscode` replaced by
// a stub whose members can be called and constructed (the bundle builds ThemeIcons etc. at load). argv[2] = file.
// Prints `REQUIRE_MS <ms>`. What the bundle pulls in at load (axios, Node built-ins) is paid here as on activation.
import Module from 'module';
import * as path from 'path';

type Loader = { _load(request: string, parent: unknown, isMain: boolean): unknown };

function deepStub(): unknown {
  const target = function stub(): void {
    // callable and constructible
  };
  return new Proxy(target, {
    get: (_t, key) => (key === 'prototype' ? {} : key === Symbol.toPrimitive ? () => '' : deepStub()),
    apply: () => deepStub(),
    construct: () => deepStub() as object,
  });
}

const NAMES = [
  'TreeItem', 'ThemeIcon', 'ThemeColor', 'EventEmitter', 'TreeItemCollapsibleState', 'MarkdownString', 'Uri', 'window', 'commands',
  'workspace', 'env', 'extensions', 'Disposable', 'ViewColumn', 'ProgressLocation', 'StatusBarAlignment', 'l10n', 'languages',
  'CancellationError', 'LogLevel', 'ConfigurationTarget', 'QuickPickItemKind', 'CancellationTokenSource', 'FileType', 'Range', 'Position',
];
const vscodeStub: Record<string, unknown> = {};
for (const name of NAMES) vscodeStub[name] = deepStub();

const loader = Module as unknown as Loader;
const original = loader._load;
loader._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
  return request === 'vscode' ? vscodeStub : original.call(this, request, parent, isMain);
};

const file = path.resolve(process.argv[2] ?? '');
const started = performance.now();
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- timing a plain module load is the point
  require(file);
  process.stdout.write(`REQUIRE_MS ${performance.now() - started}\n`);
} catch (error) {
  process.stdout.write(`REQUIRE_FAILED ${JSON.stringify(error instanceof Error ? error.message : String(error))}\n`);
}
