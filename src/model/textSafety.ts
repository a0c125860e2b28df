// One rule for identity data shown as text anywhere outside a webview (tree rows and tooltips, quick picks, modals,
// notifications, reports, the status bar, tool results): identity data is HR data and may be hostile. No `vscode`.

/**
 * What never reaches the screen: C0 and C1 controls, bidi marks, embeddings, overrides and isolates (U+061C,
 * U+200E/F, U+202A–E, U+2066–9), invisible spaces and joiners that only disguise text (U+200B, U+2060–4, U+FEFF), and
 * line/paragraph separators (U+2028/9). ZWNJ and ZWJ (U+200C, U+200D) stay: emoji sequences and Persian or Indic
 * names need them.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** One line of text: unsafe characters removed, whitespace collapsed, at most `max` characters (with "…"). */
export function safeLine(value: string, max: number): string {
  const text = value.slice(0, max * 4).replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Several lines kept as lines (notifications, dialogs): unsafe characters removed from each. */
export function safeLines(value: string): string {
  return value.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(UNSAFE_CHARS, '').replace(/[^\S\n]+/g, ' ')).join('\n');
}
