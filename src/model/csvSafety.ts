// One rule for every CSV the extension writes (exports, job results, comparisons): identity data is HR data, and a
// cell a spreadsheet would evaluate must stay text. No `vscode` import.

/**
 * A cell a spreadsheet would read as a formula starts with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP
 * "CSV injection"); the full-width forms are included because some spreadsheet locales treat them alike.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a leading `'` to text a spreadsheet would evaluate; the value stays readable and is shown as text. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
