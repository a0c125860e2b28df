// DOM helpers of the table. API data only ever becomes TEXT (textContent, title): no innerHTML, no href or src,
// no style attribute from data (the only styles set are numbers the grid computes).

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string | undefined>;
  children?: Child[];
}

/** Attributes that can never carry data-driven behaviour; everything else (href, src, on*, style) is refused. */
const SAFE_ATTRIBUTE = /^(title|role|tabindex|type|id|placeholder|spellcheck|autocomplete|hidden|disabled|draggable|aria-[a-z]+|data-[a-z-]+)$/;

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
  for (const child of options.children ?? []) {
    if (child === null || child === undefined || child === false) continue;
    element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A codicon (the font is bundled with the stylesheet); decorative, hidden from screen readers. */
export function icon(name: string): HTMLSpanElement {
  return h('span', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

export function iconButton(iconName: string, label: string, onClick: (event: MouseEvent) => void, options: { title?: string; className?: string; showLabel?: boolean } = {}): HTMLButtonElement {
  const element = h('button', {
    className: options.className ?? 'tool-button',
    attrs: { type: 'button', title: options.title ?? label, 'aria-label': options.showLabel === false ? label : undefined },
    children: [icon(iconName), options.showLabel === false ? null : h('span', { className: 'tool-label', text: label })],
  });
  element.addEventListener('click', onClick);
  return element;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
