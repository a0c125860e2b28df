// DOM helpers of the panel. API data only ever becomes TEXT (textContent / text nodes / safe attributes):
// there is no innerHTML, no href/src from data, and no inline style anywhere.

import { formatDate } from '../../model/identityDisplay';
import { hasBidiControls, pageText } from '../../model/textSafety';
import { fillPlaceholders } from '../../model/pageStrings';

/** The words of these helpers; the page that uses them sets them from its init message (it has none of its own). */
export interface ValueStrings {
  valueBidi: string;
  valueBidiTitle: string;
  /** "Show all ({0} characters)". */
  valueShowAll: string;
  valueShowLess: string;
  valueEmpty: string;
  valueNoValues: string;
  yes: string;
  no: string;
  /** VS Code's display language (BCP 47): dates and how long ago they are ("vor 2 Tagen") are written in it. */
  valueDateLocale: string;
}

let valueStrings: ValueStrings | undefined;

export function setValueStrings(strings: ValueStrings): void {
  valueStrings = {
    valueBidi: strings.valueBidi,
    valueBidiTitle: strings.valueBidiTitle,
    valueShowAll: strings.valueShowAll,
    valueShowLess: strings.valueShowLess,
    valueEmpty: strings.valueEmpty,
    valueNoValues: strings.valueNoValues,
    yes: strings.yes,
    no: strings.no,
    valueDateLocale: strings.valueDateLocale,
  };
}

function valueText(key: keyof ValueStrings, ...values: (string | number)[]): string {
  return fillPlaceholders(valueStrings?.[key] ?? key, values);
}

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string | undefined>;
  children?: Child[];
}

/** Attributes that can never carry data-driven behaviour; everything else (href, src, on*, style) is refused. */
const SAFE_ATTRIBUTE = /^(title|role|tabindex|type|dir|id|placeholder|colspan|scope|for|spellcheck|autocomplete|hidden|disabled|aria-[a-z]+|data-[a-z-]+)$/;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  if (options.attrs) {
    for (const [name, value] of Object.entries(options.attrs)) {
      if (value === undefined) continue;
      if (!SAFE_ATTRIBUTE.test(name)) throw new Error(`attribute ${name} is not allowed`);
      element.setAttribute(name, value);
    }
  }
  if (options.text !== undefined) element.textContent = options.text;
  if (options.children) append(element, options.children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export interface ButtonOptions {
  className?: string;
  title?: string;
  disabled?: boolean;
  ariaLabel?: string;
  /** A codicon name (`refresh`, `copy`…), drawn from the bundled codicon font before the label. */
  icon?: string;
  /** Only the icon shows; the label goes to `aria-label` (and to the tooltip when there is no title). */
  iconOnly?: boolean;
  /** Shown as not available but stays focusable, so that its tooltip (why, and how to change it) can be reached. */
  locked?: boolean;
  attrs?: Record<string, string | undefined>;
}

/** The `<span class="codicon codicon-NAME">` of a codicon; hidden from screen readers (the button has a label). */
export function codicon(name: string): HTMLElement {
  return h('span', { className: `codicon codicon-${name.replace(/[^a-z0-9-]/g, '')}`, attrs: { 'aria-hidden': 'true' } });
}

export function button(label: string, onClick: (event: MouseEvent) => void, options: ButtonOptions = {}): HTMLButtonElement {
  const element = h('button', {
    className: `${options.className ?? 'button'}${options.locked ? ' locked' : ''}`,
    attrs: {
      ...options.attrs,
      type: 'button',
      title: options.title ?? (options.iconOnly ? label : undefined),
      'aria-label': options.ariaLabel ?? (options.iconOnly ? label : undefined),
      'aria-disabled': options.locked ? 'true' : undefined,
    },
    children: [options.icon ? codicon(options.icon) : undefined, options.iconOnly ? undefined : h('span', { className: 'button-label', text: label })],
  });
  element.disabled = options.disabled ?? false;
  element.addEventListener('click', (event) => {
    if (options.locked) return;
    onClick(event);
  });
  return element;
}

/** Looks like a link, is a button: its action is a message to the host, never a data-provided URL. */
export function linkButton(label: string, onClick: () => void, title?: string): HTMLButtonElement {
  return button(label, () => onClick(), { className: 'link-button', title });
}

// ---------------------------------------------------------------- text of API values

const TRUNCATE_AT = 2000;

/**
 * A text value that stays cheap to lay out: beyond `limit` characters only the start is shown, with a
 * "Show all" toggle. Bidi is isolated by CSS (`unicode-bidi: plaintext` on .value); a badge flags bidi controls.
 */
/** Values the user expanded ("Show all"), by key: they stay expanded when their section repaints. */
const expandedKeys = new Set<string>();

/** The panel shows another identity: none of its values is expanded. */
export function forgetExpandedValues(): void {
  expandedKeys.clear();
}

/** Characters of a name shown as a link (manager, assigner): a link cannot fold like a long value can. */
const LINK_LABEL_MAX = 200;

/** A name for a link or a title: control characters made visible and the length capped, like every value. */
export function linkLabel(raw: string): string {
  const text = pageText(raw);
  return text.length > LINK_LABEL_MAX ? `${text.slice(0, LINK_LABEL_MAX - 1)}…` : text;
}

export function textValue(raw: string, options: { limit?: number; className?: string; block?: boolean; key?: string } = {}): HTMLElement {
  const limit = options.limit ?? TRUNCATE_AT;
  const text = pageText(raw);
  const wrapper = h(options.block ? 'div' : 'span', { className: `value${options.className ? ` ${options.className}` : ''}` });
  const content = h('span', { className: 'value-text', attrs: { dir: 'auto' } });
  wrapper.appendChild(content);
  if (hasBidiControls(raw)) {
    wrapper.appendChild(h('span', { className: 'badge badge-warning', text: valueText('valueBidi'), attrs: { title: valueText('valueBidiTitle') } }));
  }
  if (text.length <= limit) {
    setChunkedText(content, text);
    return wrapper;
  }
  const key = options.key;
  let expanded = key !== undefined && expandedKeys.has(key);
  const toggle = h('button', { className: 'link-button toggle', attrs: { type: 'button', 'aria-expanded': 'false' } });
  const paint = () => {
    setChunkedText(content, expanded ? text : `${text.slice(0, limit)}…`);
    content.classList.toggle('expanded', expanded);
    toggle.textContent = expanded ? valueText('valueShowLess') : valueText('valueShowAll', text.length);
    toggle.setAttribute('aria-expanded', String(expanded));
  };
  toggle.addEventListener('click', () => {
    expanded = !expanded;
    if (key !== undefined) {
      if (expanded) expandedKeys.add(key);
      else expandedKeys.delete(key);
    }
    paint();
  });
  paint();
  wrapper.appendChild(toggle);
  return wrapper;
}

const CHUNK = 64;

/**
 * Sets `text` as text nodes with a <wbr> break opportunity every 64 characters. Chromium needs seconds to
 * wrap one 50 000-character "word" in a fixed-width cell; with break opportunities it takes milliseconds.
 * <wbr> adds no characters: textContent, innerText and copied selections stay exactly the value.
 */
function setChunkedText(element: HTMLElement, text: string): void {
  if (text.length <= CHUNK * 2) {
    element.textContent = text;
    return;
  }
  const fragment = document.createDocumentFragment();
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    // Never split a surrogate pair (emoji and other astral characters).
    if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end += 1;
    fragment.appendChild(document.createTextNode(text.slice(start, end)));
    if (end < text.length) fragment.appendChild(document.createElement('wbr'));
    start = end;
  }
  element.replaceChildren(fragment);
}

/** Any API value as readable text: strings as they are, multi-valued as a list, nested as indented JSON. */
export function anyValue(value: unknown, key?: string): HTMLElement {
  if (value === null || value === undefined) return h('span', { className: 'value muted', text: value === null ? 'null' : '—' });
  if (typeof value === 'string') return value === '' ? h('span', { className: 'value muted', text: valueText('valueEmpty') }) : textValue(value, { key });
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return h('span', { className: 'value', text: String(value) });
  if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    if (value.length === 0) return h('span', { className: 'value muted', text: valueText('valueNoValues') });
    return h('ul', {
      className: 'multi-value',
      children: value.map((item, index) => h('li', { children: [anyValue(item, key === undefined ? undefined : `${key}[${index}]`)] })),
    });
  }
  return textValue(safeJson(value), { block: true, className: 'json', key });
}

/** The text a "copy" button puts on the clipboard for a value. */
export function copyText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return safeJson(value);
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * Dates as VS Code writes them: local time without milliseconds ("Oct 2, 2025, 8:14:51 AM"), how long ago in the
 * tooltip with the value exactly as ISC sent it; anything that is no date as given.
 */
export function dateValue(value: unknown): HTMLElement {
  if (value === null || value === undefined || value === '') return h('span', { className: 'value muted', text: '—' });
  const date = formatDate(value, { locale: valueStrings?.valueDateLocale || undefined });
  if (!date) return anyValue(value);
  return h('span', { className: 'value date', text: date.text, attrs: { title: `${date.relative} · ${String(value)}` } });
}

/** Break opportunities of an attribute name: after `_ . - : /` and between a lower-case letter and an upper-case one. */
const NAME_BREAK = /(?<=[_.\-:/])|(?<=[a-z0-9])(?=[A-Z])/;

/**
 * An attribute name that wraps only between its parts (`cloud|Lifecycle|State`, `ext_|employee_|id`), never inside a
 * word; a part too long for the column is cut with an ellipsis. The full name is the tooltip.
 */
export function nameText(name: string): HTMLElement {
  const element = h('span', { className: 'value attr-key', attrs: { dir: 'auto', title: name } });
  const text = pageText(name);
  const parts = text.length > 400 ? [text] : text.split(NAME_BREAK);
  parts.forEach((part, index) => {
    if (index > 0) element.appendChild(document.createElement('wbr'));
    element.appendChild(h('span', { className: 'name-part', text: part }));
  });
  return element;
}

export function boolValue(value: unknown): HTMLElement {
  if (typeof value !== 'boolean') return anyValue(value);
  return h('span', { className: 'value', text: valueText(value ? 'yes' : 'no') });
}

/** A <dl> of label/value rows. */
export function facts(rows: [label: string, value: Node][], className = 'facts'): HTMLDListElement {
  const list = h('dl', { className });
  for (const [label, value] of rows) {
    list.appendChild(h('div', { className: 'fact', children: [h('dt', { text: label }), h('dd', { children: [value] })] }));
  }
  return list;
}

export function table(headers: string[], className = 'data-table'): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const element = h('table', {
    className,
    children: [h('thead', { children: [h('tr', { children: headers.map((label) => h('th', { text: label, attrs: { scope: 'col' } })) })] }), body],
  });
  return { table: element, body };
}

export function cell(content: Node | string, className?: string): HTMLTableCellElement {
  return h('td', { className, children: [content] });
}
