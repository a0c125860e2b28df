// The extension host shows no English of its own: every text it hands to a person (labels, prompts, messages, the
// errors the command wrapper shows) goes through vscode.l10n.t. This reads the host sources and fails on a string
// literal that reads as English UI text in a user-facing position and is not the message of a vscode.l10n.t call.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import type { Finding } from './englishLiterals';
import { englishFindings, isForTheModel, isInHiddenCall, isPassThrough, repoRoot as root, sourcesUnder } from './englishLiterals';
const HOST_FOLDERS = [
  'src/commands',
  'src/ui',
  'src/tree',
  'src/jobs',
  'src/auth',
  'src/tools',
  'src/webview/host',
  'src/table/host',
  'src/compare/host',
  'src/activity/host',
];
/** Folders whose errors reach the person: the command wrapper shows their message. */
const SHOWN_ERROR_FOLDERS = ['src/commands/', 'src/ui/'];

/** Properties a person reads, on quick pick items, input boxes, tree items, status bar items and action specs. */
const SHOWN_PROPERTIES = new Set([
  'label',
  'description',
  'detail',
  'title',
  'placeHolder',
  'placeholder',
  'prompt',
  'tooltip',
  'confirmButton',
  'message',
  'text',
  'pickTitle',
  'scope',
  'validateInput',
  // `[label, value]` lines of a tooltip.
  'facts',
]);
/** Calls whose arguments a person reads (matched on the last name of the callee). */
const SHOWN_CALLS = new Set([
  'showMessage',
  'showModal',
  'showInputBox',
  'showQuickPick',
  'message',
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
  'withProgress',
  'appendMarkdown',
  'appendText',
  'pickTenant',
  'pickIdentity',
  'pickIdentityRef',
  'resolveTenant',
  'setStatusBarMessage',
]);
const SHOWN_ERRORS = new Set(['Error', 'UserCancelledError']);
/** Calls whose arguments are never a person's text: the localizer itself, logs, the console. */
const HIDDEN_CALL = /^((vscode\.)?l10n\.t|console\.\w+|(this\.)?(log|logger|output|channel|outputChannel)\.\w+|\w*[lL]og\w*)$/;

function propertyName(name: ts.PropertyName | ts.BindingName): string {
  return name.getText().replace(/['"]/g, '');
}

function lastName(expression: ts.Expression): string {
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : expression.getText();
}

/** Whether the literal lands where a person reads it, without passing through vscode.l10n.t. */
function isShown(node: ts.Node, fileName: string): boolean {
  if (isInHiddenCall(node, HIDDEN_CALL) || isForTheModel(node)) return false;
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      if (parent.expression === current) return false;
      // `facts.push(['Mode', 'writable'])`: an item added to a shown list.
      if (ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'push') return SHOWN_PROPERTIES.has(lastName(parent.expression.expression));
      if (ts.isNewExpression(parent)) {
        return SHOWN_ERRORS.has(lastName(parent.expression)) && SHOWN_ERROR_FOLDERS.some((folder) => fileName.replace(/\\/g, '/').includes(folder));
      }
      return SHOWN_CALLS.has(lastName(parent.expression));
    }
    if (ts.isPropertyAssignment(parent)) return parent.initializer === current && SHOWN_PROPERTIES.has(propertyName(parent.name));
    if (ts.isParameter(parent) || ts.isVariableDeclaration(parent) || ts.isBindingElement(parent)) {
      return parent.initializer === current && SHOWN_PROPERTIES.has(propertyName(parent.name));
    }
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return parent.right === current && ts.isPropertyAccessExpression(parent.left) && SHOWN_PROPERTIES.has(parent.left.name.text);
    }
    if (!isPassThrough(parent, current)) return false;
  }
  return false;
}

/** The literals of `source` that read as English UI text in a user-facing position. */
export function shownEnglishLiterals(source: string, fileName = 'src/commands/host.ts'): Finding[] {
  return englishFindings(source, fileName, (node) => isShown(node, fileName));
}

function hostSources(): string[] {
  const files = sourcesUnder(HOST_FOLDERS);
  // A source that never imports vscode is plain Node (unit-tested like the model): it cannot localize; the host
  // that shows its text does, or the text is listed as model-built English.
  return files.filter((file) => /from 'vscode'/.test(fs.readFileSync(file, 'utf8')));
}

describe('host texts go through vscode.l10n', () => {
  it('finds English in labels, prompts, messages, assigned texts, default placeholders and shown errors', () => {
    const found = shownEnglishLiterals(
      [
        "const spec = { label: 'Disable identity', confirmButton: 'Disable' };",
        "void vscode.window.showWarningMessage('Tenant removed.', { modal: true }, 'Remove');",
        'item.tooltip = `${count} identities loaded`;',
        "function pick(placeHolder = 'Choose an ISC tenant') {}",
        "throw new Error('No tenant is configured.');",
        "const row = { description: done ? 'all finished' : 'still running' };",
        "await ui.showQuickPick([{ label: 'Reset', detail: `Send a reset to ${name} now` }]);",
        "await ui.showModal('warning', title, detail, 'Keep Identity');",
        "const box = { validateInput: (text) => (text ? undefined : 'Enter the source name.') };",
        "const facts = [['Credentials', message]]; facts.push(['Mode', mode]);",
      ].join('\n'),
    );
    assert.deepStrictEqual(
      found.map((f) => f.line),
      [1, 1, 2, 2, 3, 4, 5, 6, 6, 7, 7, 8, 9, 10, 10],
    );
  });

  it('ignores localized texts, logs, the console, command ids, context keys, settings, codicons, identifiers and marked model texts', () => {
    const found = shownEnglishLiterals(
      [
        "const spec = { label: vscode.l10n.t('Disable identity'), title: l10n.t('{0} of {1}', 'a b', 'c d') };",
        "logger.warn('Identity load failed for the tenant');",
        "log.info({ message: 'Identity load failed' });",
        "console.error('Some developer text');",
        "vscode.commands.executeCommand('setContext', 'isc.hasTenant', true);",
        "const enabled = config.get('isc.readOnly');",
        "const spin = { text: '$(sync~spin)', label: 'attributes.cloudLifecycleState' };",
        "const state = { message: 'ACTIVE', label: 'identityName' };",
        "if (choice === 'Some answer') go();",
        "throw new TypeError('not a person text');",
        '// language-model text: the tool result',
        "if (readOnly) return { kind: 'refused', message: 'Tenant is read-only; nothing was sent.' };",
      ].join('\n'),
    );
    assert.deepStrictEqual(found, []);
  });

  it('reads a new Error as shown only in commands and ui', () => {
    const source = "throw new Error('No tenant is configured.');";
    assert.strictEqual(shownEnglishLiterals(source, 'src/ui/pickers.ts').length, 1);
    assert.deepStrictEqual(shownEnglishLiterals(source, 'src/tree/nodes.ts'), []);
  });

  it('no host source shows a literal that reads as English UI text', () => {
    const files = hostSources();
    assert.ok(files.length >= 40, `found only ${files.length} host sources`);
    const offenders = files.flatMap((file) =>
      shownEnglishLiterals(fs.readFileSync(file, 'utf8'), path.relative(root, file)).map((f) => `${path.relative(root, file)}:${f.line} ${JSON.stringify(f.text)}`),
    );
    assert.deepStrictEqual(offenders, []);
  });
});
