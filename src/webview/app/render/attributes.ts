// The attributes table: every attribute, a filter box, readable long/multi-valued/nested values, copy.
import { attributeDate } from '../../../model/identityDisplay';
import { anyValue, cell, copyText, dateValue, h, nameText, safeJson } from '../dom';
import type { AppContext } from '../model';
import { t, tCount } from '../strings';
import { copyButton } from './header';
import { refreshingBadge, sectionHeading } from './states';

interface Row {
  element: HTMLTableRowElement;
  key: string;
  value: unknown;
  search?: string;
}

/** Keeps the rendered rows so that typing in the filter only toggles `hidden`. */
let rows: Row[] = [];

export function attributeCount(): number {
  return rows.length;
}

export function renderAttributes(root: HTMLElement, ctx: AppContext): void {
  const { model } = ctx;
  const identity = model.identity.shown;
  const status = model.identity.data.status;
  if (!identity || status === 'notFound' || status === 'error') {
    rows = [];
    root.replaceChildren();
    root.hidden = true;
    return;
  }
  root.hidden = false;
  const attributes = identity.attributes && typeof identity.attributes === 'object' && !Array.isArray(identity.attributes) ? identity.attributes : {};
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));

  const filter = h('input', {
    className: 'filter-input',
    attrs: { type: 'search', placeholder: t('filterPlaceholder'), 'aria-label': t('filterLabel'), spellcheck: 'false', autocomplete: 'off' },
  });
  filter.value = ctx.ui.filter;
  const summary = h('span', { className: 'muted small filter-summary', attrs: { 'aria-live': 'polite' } });
  const empty = h('p', { className: 'state-message', text: t('noAttributeMatch') });

  const { table, body } = tableWithBody();
  rows = entries.map(([key, value]) => {
    const element = h('tr', {
      children: [
        cell(nameText(key), 'key-cell'),
        // Known date attributes (lastSyncDate as epoch ms…) read as dates; Copy and the tooltip keep the raw value.
        cell(attributeDate(key, value) ? dateValue(value) : anyValue(value, `attribute:${key}`), 'value-cell'),
        cell(copyButton(copyText(value), ctx, t('copyValueOf', key.slice(0, 80))), 'copy-cell'),
      ],
    });
    body.appendChild(element);
    return { element, key: key.toLowerCase(), value };
  });

  const applyFilter = () => {
    const needle = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const row of rows) {
      const match = needle === '' || row.key.includes(needle) || searchText(row).includes(needle);
      row.element.hidden = !match;
      if (match) shown += 1;
    }
    summary.textContent = needle === '' ? tCount(rows.length, 'attributeCountOne', 'attributeCountMany') : t(rows.length === 1 ? 'attributeFilteredOne' : 'attributeFilteredMany', shown, rows.length);
    empty.hidden = shown > 0 || rows.length === 0;
  };
  let timer: number | undefined;
  filter.addEventListener('input', () => {
    ctx.keep();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      ctx.ui.filter = filter.value;
      ctx.saveUi();
      applyFilter();
    }, 120);
  });
  applyFilter();

  root.replaceChildren(
    sectionHeading(t('attributesHeading'), status === 'loading' ? refreshingBadge() : undefined),
    h('div', { className: 'toolbar', children: [filter, summary] }),
    rows.length === 0 ? h('p', { className: 'state-message', text: t('noAttributes') }) : table,
    empty,
  );
}

function tableWithBody(): { table: HTMLTableElement; body: HTMLTableSectionElement } {
  const body = h('tbody');
  const table = h('table', {
    className: 'data-table attributes-table',
    children: [
      h('colgroup', { children: [h('col', { className: 'key-col' }), h('col', { className: 'value-col' }), h('col', { className: 'copy-col' })] }),
      h('thead', {
        children: [
          h('tr', {
            children: [
              h('th', { text: t('columnAttribute'), attrs: { scope: 'col' } }),
              h('th', { text: t('columnValue'), attrs: { scope: 'col' } }),
              h('th', { className: 'copy-cell', children: [h('span', { className: 'visually-hidden', text: t('copy') })], attrs: { scope: 'col' } }),
            ],
          }),
        ],
      }),
      body,
    ],
  });
  return { table, body };
}

function searchText(row: Row): string {
  if (row.search === undefined) {
    row.search = (typeof row.value === 'string' ? row.value : safeJson(row.value)).toLowerCase();
  }
  return row.search;
}
