// The webview pages hold no words of their own: every text a person reads arrives in the init message, localized by
// the host. This reads the pages' sources and fails on any string literal that reads as English UI text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import type { Finding } from '../l10n/englishLiterals';
import { englishFindings, repoRoot as root, sourcesUnder } from '../l10n/englishLiterals';
const APP_FOLDERS = ['src/webview/app', 'src/table/app', 'src/compare/app', 'src/activity/app'];

/** Properties whose values are never shown: CSS classes, element ids. */
const HIDDEN_PROPERTIES = new Set(['className', 'id']);
/** Calls whose literal arguments are for developers or the DOM, not for a person. */
const HIDDEN_CALLS = /^(console\.\w+|Error|TypeError|.*\.(querySelector|querySelectorAll|closest|addEventListener|removeEventListener|setData|getData|load|toggle|add|remove|contains|matches))$/;

function calleeName(node: ts.CallExpression | ts.NewExpression): string {
  return node.expression.getText();
}

/** Literals that cannot reach the screen: imports, types, comparisons, case labels, class names, developer messages. */
function isHidden(node: ts.Node): boolean {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isCaseClause(parent)) return true;
    if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(parent.operatorToken.kind)) return true;
    if (ts.isPropertyAssignment(parent) && (parent.name === current || HIDDEN_PROPERTIES.has(parent.name.getText().replace(/['"]/g, '')))) return true;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && /\.className$/.test(parent.left.getText())) return true;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && HIDDEN_CALLS.test(calleeName(parent))) return true;
    if (ts.isElementAccessExpression(parent) && parent.argumentExpression === current) return true;
    // Stop at the statement: a literal's fate is decided within it.
    if (ts.isStatement(parent) || ts.isPropertyDeclaration(parent)) return false;
  }
  return false;
}

/** The literals of `source` that read as English UI text. */
export function englishLiterals(source: string, fileName = 'page.ts'): Finding[] {
  // CSS selectors ('#section-header tbody tr') are for the DOM.
  return englishFindings(source, fileName, (node, text) => !/^[#.[]/.test(text.trim()) && !isHidden(node));
}

describe('webview pages hold no English text of their own', () => {
  it('finds English UI text in a text, a title, an aria-label and a template', () => {
    const found = englishLiterals(
      [
        "h('p', { text: 'No attribute matches the filter.' });",
        "button('Refresh', go, { title: 'Reload the identity' });",
        "h('div', { attrs: { 'aria-label': 'Identity actions' } });",
        'el.textContent = `${count} of ${total} loaded`;',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      found.map((f) => f.line),
      [1, 2, 2, 3, 4],
    );
  });

  it('ignores class names, ids, imports, comparisons, selectors and developer messages', () => {
    const found = englishLiterals(
      [
        "import { h } from './dom';",
        "h('button', { className: 'button secondary danger', attrs: { id: 'section-header' } });",
        "if (event.key === 'Enter' || event.key === 'Escape') go();",
        "switch (key) { case 'Home': break; }",
        "console.warn('Identity details: ignored an unexpected message.');",
        "throw new Error('attribute is not allowed');",
        "root.querySelector('#section-header h1.identity-name .value-text');",
        "type Kind = 'Some kind' | 'Other kind';",
        "count(root, '#compare-facts tbody tr');",
      ].join('\n'),
    );
    assert.deepStrictEqual(found, []);
  });

  it('no page source holds a literal that reads as English UI text', () => {
    const files = sourcesUnder(APP_FOLDERS);
    assert.ok(files.length >= 20, `found only ${files.length} page sources`);
    const offenders = files.flatMap((file) => englishLiterals(fs.readFileSync(file, 'utf8'), file).map((f) => `${path.relative(root, file)}:${f.line} ${JSON.stringify(f.text)}`));
    assert.deepStrictEqual(offenders, []);
  });
});
