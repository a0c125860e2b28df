// Codicons (the @vscode/codicons font bundled with the page) and the words that go with them: an icon is never the
// only way a status is told, so screen readers and high-contrast themes get the text.
import type { DiffStatus, MatchStatus } from '../../model/compare/identityDiff';
import { h } from '../../webview/app/dom';

export function icon(name: string, className = ''): HTMLElement {
  return h('span', { className: `codicon codicon-${name}${className ? ` ${className}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

const STATUS: Record<DiffStatus, { icon: string; text: string }> = {
  equal: { icon: 'check', text: 'Equal' },
  changed: { icon: 'diff-modified', text: 'Differs' },
  onlyA: { icon: 'arrow-left', text: 'Only in A' },
  onlyB: { icon: 'arrow-right', text: 'Only in B' },
};

const MATCH: Record<MatchStatus, { icon: string; text: string }> = {
  onlyA: { icon: 'arrow-left', text: 'Only in A' },
  onlyB: { icon: 'arrow-right', text: 'Only in B' },
  both: { icon: 'check', text: 'In both' },
};

/** The status cell of a row: icon plus text (visually hidden, also the tooltip). */
export function statusBadge(status: DiffStatus): HTMLElement {
  const { icon: name, text } = STATUS[status];
  return h('span', { className: `status-mark status-${status}`, attrs: { title: text }, children: [icon(name), h('span', { className: 'visually-hidden', text })] });
}

export function matchText(match: MatchStatus): string {
  return MATCH[match].text;
}

export function matchBadge(match: MatchStatus): HTMLElement {
  const { icon: name, text } = MATCH[match];
  return h('span', { className: `status-mark match-${match}`, attrs: { title: text }, children: [icon(name), h('span', { className: 'visually-hidden', text })] });
}
