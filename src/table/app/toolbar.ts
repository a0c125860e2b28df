// The table's toolbar (server filter, default filter, quick filter, save filter, columns, refresh, export), the selection bar
// (identity actions, copy) and the status line. Text only; every action is a message to the host.
import type { TableAction, TableQuery, TableTenant } from '../protocol';
import { LIMITS } from '../protocol';
import { formatCount, h, icon, iconButton } from './dom';
import type { TableStringKey } from './strings';
import { t } from './strings';

export interface ToolbarCallbacks {
  editFilter(): void;
  toggleDefaultFilter(): void;
  quickFilter(text: string): void;
  pickColumns(): void;
  refresh(): void;
  exportRows(): void;
  saveFilter(): void;
  runAction(action: TableAction): void;
  copy(format: 'csv' | 'tsv'): void;
  selectAll(): void;
  clearSelection(): void;
  loadMore(): void;
}

const ACTION_BUTTONS: readonly { action: TableAction; icon: string; label: TableStringKey; title: TableStringKey; single?: boolean }[] = [
  { action: 'processIdentities', icon: 'run-all', label: 'actionProcess', title: 'actionProcessTitle' },
  { action: 'synchronizeAttributes', icon: 'sync', label: 'actionSynchronize', title: 'actionSynchronizeTitle' },
  { action: 'resetIdentity', icon: 'debug-restart', label: 'actionReset', title: 'actionResetTitle' },
  { action: 'inviteIdentities', icon: 'mail', label: 'actionInvite', title: 'actionInviteTitle' },
  { action: 'sendPasswordResetEmail', icon: 'key', label: 'actionPasswordReset', title: 'actionPasswordResetTitle' },
  { action: 'deleteIdentity', icon: 'trash', label: 'actionDelete', title: 'actionDeleteTitle', single: true },
];

export interface StatusInfo {
  loaded: number;
  total?: number;
  rowCount: number;
  mode: 'server' | 'local';
  matches: number;
  sortText?: string;
  notice: string;
  moreToLoad: boolean;
}

export class Toolbar {
  readonly element: HTMLElement;
  readonly selectionBar: HTMLElement;
  readonly status: HTMLElement;
  readonly quickFilterInput: HTMLInputElement;
  private readonly tenantLabel: HTMLElement;
  private readonly filterButton: HTMLButtonElement;
  private readonly defaultFilterButton: HTMLButtonElement;
  private readonly selectionText: HTMLElement;
  private readonly actionButtons = new Map<TableAction, HTMLButtonElement>();
  private readonly copyButtons: HTMLButtonElement[];
  private readonly statusText: HTMLElement;
  private readonly loadMoreButton: HTMLButtonElement;

  constructor(callbacks: ToolbarCallbacks) {
    this.tenantLabel = h('span', { className: 'tenant-label' });
    this.filterButton = iconButton('filter', t('noFilter'), () => callbacks.editFilter(), { className: 'tool-button filter-button' });
    this.defaultFilterButton = iconButton('list-filter', t('allIdentities'), () => callbacks.toggleDefaultFilter());
    this.quickFilterInput = h('input', {
      className: 'quick-filter',
      attrs: { type: 'search', placeholder: t('quickFilterPlaceholder'), 'aria-label': t('quickFilterLabel'), spellcheck: 'false', autocomplete: 'off' },
    });
    this.quickFilterInput.maxLength = LIMITS.quickFilter;
    this.quickFilterInput.addEventListener('input', () => callbacks.quickFilter(this.quickFilterInput.value));
    this.quickFilterInput.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.quickFilterInput.value) {
        event.preventDefault();
        this.quickFilterInput.value = '';
        callbacks.quickFilter('');
      }
    });
    this.element = h('div', {
      className: 'toolbar',
      attrs: { role: 'toolbar', 'aria-label': t('toolbarLabel') },
      children: [
        this.tenantLabel,
        this.filterButton,
        this.defaultFilterButton,
        h('span', { className: 'quick-filter-box', children: [icon('search'), this.quickFilterInput] }),
        h('span', { className: 'spacer' }),
        iconButton('save', t('saveFilter'), () => callbacks.saveFilter(), { title: t('saveFilterTitle') }),
        iconButton('list-selection', t('columns'), () => callbacks.pickColumns(), { title: t('columnsTitle') }),
        iconButton('refresh', t('refresh'), () => callbacks.refresh()),
        iconButton('export', t('export'), () => callbacks.exportRows(), { title: t('exportTitle') }),
      ],
    });

    this.selectionText = h('span', { className: 'selection-text', attrs: { 'aria-live': 'polite' } });
    const actions = ACTION_BUTTONS.map((spec) => {
      const button = iconButton(spec.icon, t(spec.label), () => callbacks.runAction(spec.action), { title: t(spec.title) });
      button.dataset.action = spec.action;
      this.actionButtons.set(spec.action, button);
      return button;
    });
    this.copyButtons = [
      iconButton('copy', t('copyCsv'), () => callbacks.copy('csv'), { title: t('copyCsvTitle') }),
      iconButton('copy', t('copyTsv'), () => callbacks.copy('tsv'), { title: t('copyTsvTitle') }),
    ];
    this.selectionBar = h('div', {
      className: 'selection-bar',
      attrs: { role: 'toolbar', 'aria-label': t('selectionLabel') },
      children: [
        this.selectionText,
        iconButton('check-all', t('selectAll'), () => callbacks.selectAll(), { title: t('selectAllTitle') }),
        iconButton('clear-all', t('clearSelection'), () => callbacks.clearSelection(), { title: t('clearSelectionTitle') }),
        h('span', { className: 'separator' }),
        ...actions,
        h('span', { className: 'separator' }),
        ...this.copyButtons,
      ],
    });

    this.statusText = h('span', { className: 'status-text' });
    this.loadMoreButton = h('button', { className: 'link-button', text: t('loadMore'), attrs: { type: 'button' } });
    this.loadMoreButton.addEventListener('click', () => callbacks.loadMore());
    this.status = h('div', { className: 'status-line', attrs: { role: 'status', 'aria-live': 'polite' }, children: [this.statusText, this.loadMoreButton] });
  }

  setTenant(tenant: TableTenant): void {
    this.tenantLabel.replaceChildren(icon(tenant.readOnly ? 'lock' : 'cloud'), h('span', { text: tenant.label }));
    this.tenantLabel.title = tenant.readOnly ? t('tenantReadOnly', tenant.label) : tenant.label;
  }

  setQuery(query: TableQuery): void {
    const label = this.filterButton.querySelector('.tool-label');
    if (label) label.textContent = query.filters ? t('filterLabel', query.filters.length > 60 ? `${query.filters.slice(0, 59)}…` : query.filters) : t('noFilter');
    this.filterButton.title = query.filters ? t('filterTitle', query.filters) : t('addFilterTitle');
    const defaultLabel = this.defaultFilterButton.querySelector('.tool-label');
    if (defaultLabel) defaultLabel.textContent = query.defaultFilter === 'CORRELATED_ONLY' ? t('correlatedOnly') : t('allIdentities');
    this.defaultFilterButton.title = t('defaultFilterTitle');
  }

  setSelection(selected: number, targets: number): void {
    this.selectionText.textContent = selected > 0 ? t('selected', formatCount(selected)) : targets > 0 ? t('focusedRow') : t('noSelection');
    for (const spec of ACTION_BUTTONS) {
      const button = this.actionButtons.get(spec.action);
      if (button) button.disabled = targets === 0 || (spec.single === true && targets !== 1);
    }
    for (const button of this.copyButtons) button.disabled = targets === 0;
  }

  setStatus(info: StatusInfo): void {
    const parts: string[] = [];
    parts.push(info.total !== undefined ? t('loadedOf', formatCount(info.loaded), formatCount(info.total)) : t('loaded', formatCount(info.loaded)));
    if (info.mode === 'local') parts.push(t('localShown', formatCount(info.matches)));
    if (info.sortText) parts.push(info.sortText);
    if (info.notice) parts.push(info.notice);
    this.statusText.textContent = parts.join(' · ');
    this.loadMoreButton.hidden = !(info.mode === 'local' && info.moreToLoad);
  }
}
