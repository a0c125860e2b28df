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
