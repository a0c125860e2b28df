// The table's toolbar (server filter, default filter, quick filter, columns, refresh, export), the selection bar
// (identity actions, copy) and the status line. Text only; every action is a message to the host.
import type { TableAction, TableQuery, TableTenant } from '../protocol';
import { LIMITS } from '../protocol';
import { formatCount, h, icon, iconButton } from './dom';

export interface ToolbarCallbacks {
  editFilter(): void;
  toggleDefaultFilter(): void;
  quickFilter(text: string): void;
  pickColumns(): void;
  refresh(): void;
  exportRows(): void;
  runAction(action: TableAction): void;
  copy(format: 'csv' | 'tsv'): void;
  selectAll(): void;
  clearSelection(): void;
  loadMore(): void;
}

const ACTION_BUTTONS: readonly { action: TableAction; icon: string; label: string; single?: boolean }[] = [
  { action: 'processIdentities', icon: 'run-all', label: 'Process' },
  { action: 'synchronizeAttributes', icon: 'sync', label: 'Synchronize' },
  { action: 'resetIdentity', icon: 'debug-restart', label: 'Reset' },
  { action: 'inviteIdentities', icon: 'mail', label: 'Invite' },
  { action: 'sendPasswordResetEmail', icon: 'key', label: 'Password reset' },
  { action: 'deleteIdentity', icon: 'trash', label: 'Delete', single: true },
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
    this.filterButton = iconButton('filter', 'No filter', () => callbacks.editFilter(), { className: 'tool-button filter-button' });
    this.defaultFilterButton = iconButton('list-filter', 'All identities', () => callbacks.toggleDefaultFilter());
    this.quickFilterInput = h('input', {
      className: 'quick-filter',
      attrs: { type: 'search', placeholder: 'Filter loaded rows', 'aria-label': 'Quick filter over the loaded rows', spellcheck: 'false', autocomplete: 'off' },
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
      attrs: { role: 'toolbar', 'aria-label': 'Identities table' },
      children: [
        this.tenantLabel,
        this.filterButton,
        this.defaultFilterButton,
        h('span', { className: 'quick-filter-box', children: [icon('search'), this.quickFilterInput] }),
        h('span', { className: 'spacer' }),
        iconButton('list-selection', 'Columns…', () => callbacks.pickColumns(), { title: 'Choose the columns (attribute keys included)' }),
        iconButton('refresh', 'Refresh', () => callbacks.refresh()),
        iconButton('export', 'Export…', () => callbacks.exportRows(), { title: 'Export every identity of this query (CSV or JSON Lines)' }),
      ],
    });

    this.selectionText = h('span', { className: 'selection-text', attrs: { 'aria-live': 'polite' } });
    const actions = ACTION_BUTTONS.map((spec) => {
      const button = iconButton(spec.icon, spec.label, () => callbacks.runAction(spec.action), { title: `${spec.label} the selected identities (confirmation follows)` });
      button.dataset.action = spec.action;
      this.actionButtons.set(spec.action, button);
      return button;
    });
    this.copyButtons = [
      iconButton('copy', 'Copy CSV', () => callbacks.copy('csv'), { title: 'Copy the selected rows as CSV (Ctrl+Shift+C)' }),
      iconButton('copy', 'Copy TSV', () => callbacks.copy('tsv'), { title: 'Copy the selected rows as tab-separated text for a spreadsheet (Ctrl+C)' }),
    ];
    this.selectionBar = h('div', {
      className: 'selection-bar',
      attrs: { role: 'toolbar', 'aria-label': 'Selected identities' },
      children: [
        this.selectionText,
        iconButton('check-all', 'Select all', () => callbacks.selectAll(), { title: 'Select every loaded row that matches the quick filter (Ctrl+A)' }),
        iconButton('clear-all', 'Clear', () => callbacks.clearSelection(), { title: 'Clear the selection (Escape)' }),
        h('span', { className: 'separator' }),
        ...actions,
        h('span', { className: 'separator' }),
        ...this.copyButtons,
      ],
    });

    this.statusText = h('span', { className: 'status-text' });
    this.loadMoreButton = h('button', { className: 'link-button', text: 'Load more rows', attrs: { type: 'button' } });
    this.loadMoreButton.addEventListener('click', () => callbacks.loadMore());
    this.status = h('div', { className: 'status-line', attrs: { role: 'status', 'aria-live': 'polite' }, children: [this.statusText, this.loadMoreButton] });
  }

  setTenant(tenant: TableTenant): void {
    this.tenantLabel.replaceChildren(icon(tenant.readOnly ? 'lock' : 'cloud'), h('span', { text: tenant.label }));
    this.tenantLabel.title = tenant.readOnly ? `${tenant.label} (read-only: actions are refused)` : tenant.label;
  }

  setQuery(query: TableQuery): void {
    const label = this.filterButton.querySelector('.tool-label');
    if (label) label.textContent = query.filters ? `Filter: ${query.filters.length > 60 ? `${query.filters.slice(0, 59)}…` : query.filters}` : 'No filter';
    this.filterButton.title = query.filters ? `Server filter: ${query.filters} (click to change; the tree keeps its own)` : 'Add a server filter (the tree keeps its own)';
    const defaultLabel = this.defaultFilterButton.querySelector('.tool-label');
    if (defaultLabel) defaultLabel.textContent = query.defaultFilter === 'CORRELATED_ONLY' ? 'Correlated only' : 'All identities';
    this.defaultFilterButton.title = 'Switch between all identities and correlated identities only';
  }

  setSelection(selected: number, targets: number): void {
    this.selectionText.textContent = selected > 0 ? `${formatCount(selected)} selected` : targets > 0 ? 'Focused row' : 'No selection';
    for (const spec of ACTION_BUTTONS) {
      const button = this.actionButtons.get(spec.action);
      if (button) button.disabled = targets === 0 || (spec.single === true && targets !== 1);
    }
    for (const button of this.copyButtons) button.disabled = targets === 0;
  }

  setStatus(info: StatusInfo): void {
    const parts: string[] = [];
    parts.push(info.total !== undefined ? `${formatCount(info.loaded)} of ${formatCount(info.total)} loaded` : `${formatCount(info.loaded)} loaded`);
    if (info.mode === 'local') parts.push(`${formatCount(info.matches)} of the loaded rows shown (quick filter / sort over loaded rows only)`);
    if (info.sortText) parts.push(info.sortText);
    if (info.notice) parts.push(info.notice);
    this.statusText.textContent = parts.join(' · ');
    this.loadMoreButton.hidden = !(info.mode === 'local' && info.moreToLoad);
  }
}
