// Header facts and attributes side by side: differences first, equal rows hidden by "Hide equal", multi-valued
// values as lists in which the values only one side has are marked.
import type { AttributeDiff, FactDiff } from '../../../model/compare/identityDiff';
import { valueText } from '../../../model/compare/values';
import { anyValue, cell, h, textValue } from '../../../webview/app/dom';
import { icon, statusBadge } from '../icons';
import type { CompareContext } from '../model';
import { t, tCount } from '../strings';

function sectionHeading(text: string, extra?: Node): HTMLElement {
  return h('div', { className: 'section-heading', children: [h('h2', { text, attrs: { tabindex: '-1' } }), extra] });
}

function compareTable(className: string, label: string, firstColumn: string): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const table = h('table', {
    className: `data-table compare-table ${className}`,
    attrs: { 'aria-label': label },
    children: [
      h('colgroup', { children: [h('col', { className: 'status-col' }), h('col', { className: 'key-col' }), h('col', { className: 'side-col' }), h('col', { className: 'side-col' })] }),
      h('thead', {
        children: [
          h('tr', {
            children: [
              h('th', { children: [h('span', { className: 'visually-hidden', text: t('columnStatus') })], attrs: { scope: 'col' } }),
              h('th', { text: firstColumn, attrs: { scope: 'col' } }),
              h('th', { text: t('sideA'), attrs: { scope: 'col' } }),
              h('th', { text: t('sideB'), attrs: { scope: 'col' } }),
            ],
          }),
        ],
      }),
      body,
    ],
  });
  return { table, body };
}

function missing(): HTMLElement {
  return h('span', { className: 'value muted missing', text: t('notSet') });
}

export function renderFacts(root: HTMLElement, ctx: CompareContext): void {
  const shown = ctx.model.shown;
  if (!shown) {
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  root.hidden = false;
  const { table, body } = compareTable('facts-table', t('factsTable'), t('columnFact'));
  for (const fact of shown.diff.facts) body.appendChild(factRow(fact, ctx.ui.hideEqual));
  root.replaceChildren(sectionHeading(t('factsHeading'), h('span', { className: 'badge', text: String(shown.diff.counts.factsDiffering) })), h('div', { className: 'table-scroll', children: [table] }));
}

function factRow(fact: FactDiff, hideEqual: boolean): HTMLTableRowElement {
  const value = (text: string | undefined) => (text === undefined ? missing() : textValue(text, { limit: 300 }));
  const row = h('tr', {
    className: `diff-row row-${fact.status}`,
    attrs: { 'data-status': fact.status, 'data-key': fact.key },
    children: [cell(statusBadge(fact.status), 'status-cell'), cell(h('span', { className: 'fact-label', text: fact.label }), 'key-cell'), cell(value(fact.a), 'value-cell'), cell(value(fact.b), 'value-cell')],
  });
  row.hidden = hideEqual && fact.status === 'equal';
  return row;
}

export function renderAttributes(root: HTMLElement, ctx: CompareContext): void {
  const shown = ctx.model.shown;
  if (!shown) {
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  root.hidden = false;
  const attributes = shown.diff.attributes;
  const counts = shown.diff.counts.attributes;
  const differing = counts.changed + counts.onlyA + counts.onlyB;
  const heading = sectionHeading(t('attributesHeading'), h('span', { className: 'badge', text: `${differing} / ${attributes.length}` }));
  if (attributes.length === 0) {
    root.replaceChildren(heading, h('p', { className: 'state-message', text: t('noAttributes') }));
    return;
  }
  const { table, body } = compareTable('attributes-compare', tCount(attributes.length, 'attributesTableOne', 'attributesTableMany'), t('columnAttribute'));
  for (const attribute of attributes) body.appendChild(attributeRow(attribute, ctx.ui.hideEqual));
  const hiddenNote =
    ctx.ui.hideEqual && counts.equal > 0
      ? h('p', { className: 'muted small hidden-note', children: [icon('eye-closed'), ` ${tCount(counts.equal, 'equalHiddenOne', 'equalHiddenMany')}`] })
      : undefined;
  const nothing = ctx.ui.hideEqual && differing === 0 ? h('p', { className: 'state-message', text: t('noAttributeDiffers') }) : undefined;
  root.replaceChildren(heading, nothing ?? h('div', { className: 'table-scroll', children: [table] }), ...(hiddenNote ? [hiddenNote] : []));
}

function attributeRow(diff: AttributeDiff, hideEqual: boolean): HTMLTableRowElement {
  const side = (which: 'a' | 'b') => {
    const present = which === 'a' ? diff.inA : diff.inB;
    if (!present) return missing();
    const value = which === 'a' ? diff.a : diff.b;
    if (diff.sets && Array.isArray(value)) return setValue(value, new Set(which === 'a' ? diff.sets.onlyA : diff.sets.onlyB), which, diff.key);
    return anyValue(value, `${which}:${diff.key}`);
  };
  const row = h('tr', {
    className: `diff-row row-${diff.status}`,
    attrs: { 'data-status': diff.status },
    children: [
      cell(statusBadge(diff.status), 'status-cell'),
      cell(h('span', { className: 'value attr-key', text: diff.key, attrs: { dir: 'auto' } }), 'key-cell'),
      cell(side('a'), 'value-cell'),
      cell(side('b'), 'value-cell'),
    ],
  });
  row.hidden = hideEqual && diff.status === 'equal';
  return row;
}

/** A multi-valued value as a list; values the other side lacks are marked (icon, class and words). */
function setValue(values: readonly unknown[], onlyHere: Set<string>, which: 'a' | 'b', key: string): HTMLElement {
  if (values.length === 0) return h('span', { className: 'value muted', text: t('valueNoValues') });
  return h('ul', {
    className: 'multi-value set-value',
    children: values.map((item, index) => {
      const text = valueText(item);
      const unique = onlyHere.has(text);
      return h('li', {
        className: unique ? `only-here only-${which}` : undefined,
        children: [
          unique ? icon(which === 'a' ? 'diff-removed' : 'diff-added') : undefined,
          unique ? h('span', { className: 'visually-hidden', text: `${t(which === 'a' ? 'onlyInAPrefix' : 'onlyInBPrefix')} ` }) : undefined,
          textValue(text, { limit: 500, key: `${which}:${key}[${index}]` }),
        ],
      });
    }),
  });
}
