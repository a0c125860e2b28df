// The one rule for identity data shown as text: identity data is HR data and may be hostile. Outside a webview (tree
// rows and tooltips, quick picks, modals, notifications, reports, the status bar, tool results) unsafe characters are
// removed; inside a webview page (pageText) the value is shown as it is, its controls made visible. No `vscode`, no
// Node API: the webview pages use this module too.

/** Bidi marks, embeddings, overrides and isolates: U+061C, U+200E/F, U+202A–E, U+2066–9. */
const BIDI_CONTROLS = '\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069';

/**
 * What never reaches the screen outside a webview: C0 and C1 controls, the bidi controls, invisible spaces and joiners
 * that only disguise text (U+200B, U+2060–4, U+FEFF), and line/paragraph separators (U+2028/9). ZWNJ and ZWJ (U+200C,
 * U+200D) stay: emoji sequences and Persian or Indic names need them.
 */
const UNSAFE_CHARS = new RegExp(`[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u200B\\u2028\\u2029\\u2060-\\u2064\\uFEFF${BIDI_CONTROLS}]`, 'g');

const BIDI_CHAR = new RegExp(`[${BIDI_CONTROLS}]`);

/** C0 controls except tab and the line breaks, and DEL: what a page shows as its "control picture". */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are made visible.
const PAGE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** One line of text: unsafe characters removed, whitespace collapsed, at most `max` characters (with "…"). */
export function safeLine(value: string, max: number): string {
  const text = value.slice(0, max * 4).replace(UNSAFE_CHARS, '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Several lines kept as lines (notifications, dialogs): unsafe characters removed from each. */
export function safeLines(value: string): string {
  return value.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(UNSAFE_CHARS, '').replace(/[^\S\n]+/g, ' ')).join('\n');
}

/**
 * A value as a webview page shows it. The page sets it as text (textContent) and isolates its direction by CSS
 * (`unicode-bidi: plaintext`), so nothing is removed: what is copied is the value itself. C0 controls (but tab and
 * newlines) and DEL become their visible Unicode control pictures (␀, ␇, ␛, ␡).
 */
export function pageText(value: string): string {
  return value.replace(PAGE_CONTROLS, (c) => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
}

/** Whether the value holds bidi controls: a page flags such a value (they may disguise what it says). */
export function hasBidiControls(value: string): boolean {
  return BIDI_CHAR.test(value);
}
