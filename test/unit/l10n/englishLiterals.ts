// What the three "no English of its own" tests share: which literal reads as English UI text, the walk over a
// source's string literals (a template's parts read as one), and the sources under some folders.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** Two words ("Show all", "sorted by"), or one capitalized word ("Refresh", "Retry…"). */
const TWO_WORDS = /\b[A-Za-z][a-z]+ [a-z]{2,}\b/;
const ONE_WORD = /^\s*[A-Z][a-z]{2,}[.…:!?]?\s*$/;
/** A button in title case ("Keep Identity", "Send Again"). */
const TITLE_CASE = /^\s*[A-Z][a-z]+( [A-Z][a-z]+)+[.…!?]?\s*$/;

export interface Finding {
  line: number;
  text: string;
}

function readsAsEnglish(raw: string): boolean {
  // Codicons ('$(sync~spin)') are not words.
  const text = raw.replace(/\$\([^)]*\)/g, ' ').replace(/\s+/g, ' ');
  return TWO_WORDS.test(text) || ONE_WORD.test(text) || TITLE_CASE.test(text);
}

/**
 * The literals of `source` that read as English and that `counts` accepts (where the literal lands decides). A
 * template's literal parts are checked as one text; its substitutions hold literals of their own.
 */
export function englishFindings(source: string, fileName: string, counts: (node: ts.Node, text: string) => boolean): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const check = (node: ts.Node, raw: string): void => {
    const text = raw.replace(/\s+/g, ' ');
    if (readsAsEnglish(text) && counts(node, text)) findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: text.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      check(node, [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' '));
      node.templateSpans.forEach((span) => visit(span.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

const MODEL_TEXT_MARK = 'language-model text';

/** Expressions a literal passes through unchanged: `a ? 'x' : 'y'`, `x ?? 'y'`, `'a' + b`, `() => 'x'`, `['a']`, spreads, templates. */
export function isPassThrough(parent: ts.Node, current: ts.Node): boolean {
  if (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isArrayLiteralExpression(parent) || ts.isTemplateSpan(parent)) return true;
  if (ts.isTemplateExpression(parent) || (ts.isArrowFunction(parent) && parent.body === current) || ts.isSpreadElement(parent)) return true;
  if (ts.isConditionalExpression(parent)) return parent.condition !== current;
  if (ts.isBinaryExpression(parent)) {
    return [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(parent.operatorToken.kind);
  }
  return false;
}

/** Whether the literal sits in the arguments of a call `hidden` matches (the localizer, a logger, the console), however deep. */
export function isInHiddenCall(node: ts.Node, hidden: RegExp): boolean {
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const parent = current.parent;
    if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && parent.expression !== current && hidden.test(parent.expression.getText())) return true;
  }
  return false;
}

/**
 * Whether the statement holding the literal is marked `// language-model text`: a tool's result is read by the
 * language model, not shown to a person, and stays English.
 */
export function isForTheModel(node: ts.Node): boolean {
  const source = node.getSourceFile().text;
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const comments = ts.getLeadingCommentRanges(source, current.getFullStart()) ?? [];
    if (comments.some((range) => source.slice(range.pos, range.end).includes(MODEL_TEXT_MARK))) return true;
    if (ts.isStatement(current) && (ts.isBlock(current.parent) || ts.isSourceFile(current.parent))) return false;
  }
  return false;
}

/** Every .ts file under the folders (relative to the repository). */
export function sourcesUnder(folders: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) files.push(full);
    }
  };
  for (const folder of folders) walk(path.join(repoRoot, folder));
  return files;
}
