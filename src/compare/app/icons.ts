// Codicons (the @vscode/codicons font bundled with the page) and the words that go with them: an icon is never the
// only way a status is told, so screen readers and high-contrast themes get the text.
import type { DiffStatus, MatchStatus } from '../../model/compare/identityDiff';
import { h } from '../../webview/app/dom';
import type { CompareStringKey } from './strings';
import { t } from './strings';

export function icon(name: string, className = ''): HTMLElement {
  return h('span', { className: `codicon codicon-${name}${className ? ` ${className}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

const STATUS: Record<DiffStatus, { icon: string; text: CompareStringKey }> = {
  equal: { icon: 'check', text: 'statusEqual' },
  changed: { icon: 'diff-modified', text: 'statusDiffers' },
  onlyA: { icon: 'arrow-left', text: 'onlyInA' },
  onlyB: { icon: 'arrow-right', text: 'onlyInB' },
};

const MATCH: Record<MatchStatus, { icon: string; text: CompareStringKey }> = {
  onlyA: { icon: 'arrow-left', text: 'onlyInA' },
  onlyB: { icon: 'arrow-right', text: 'onlyInB' },
  both: { icon: 'check', text: 'inBoth' },
};

/** The status cell of a row: icon plus text (visually hidden, also the tooltip). */
export function statusBadge(status: DiffStatus): HTMLElement {
  const name = STATUS[status].icon;
  const text = t(STATUS[status].text);
  return h('span', { className: `status-mark status-${status}`, attrs: { title: text }, children: [icon(name), h('span', { className: 'visually-hidden', text })] });
}

export function matchText(match: MatchStatus): string {
  return t(MATCH[match].text);
}

export function matchBadge(match: MatchStatus): HTMLElement {
  const name = MATCH[match].icon;
  const text = t(MATCH[match].text);
  return h('span', { className: `status-mark match-${match}`, attrs: { title: text }, children: [icon(name), h('span', { className: 'visually-hidden', text })] });
}
