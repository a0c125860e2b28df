// Header (who the identity is), banners (deleted, read-only) and the actions row.
import type { Identity } from '../../../api/types';
import type { PanelAction } from '../../protocol';
import { boolValue, button, codicon, dateValue, facts, h, linkButton, linkLabel, str, textValue } from '../dom';
import type { AppContext } from '../model';
import { errorState, loadingState, notFoundState, refreshingBadge } from './states';

export function renderBanner(root: HTMLElement, ctx: AppContext): void {
  const { model } = ctx;
  const banners: HTMLElement[] = [];
  if (model.deleted) {
    banners.push(h('div', { className: 'banner banner-deleted', attrs: { role: 'alert' }, text: 'This identity has been deleted. The details below are what the panel showed before.' }));
  }
  if (model.panel?.readOnly) {
    banners.push(
      h('div', {
        className: 'banner banner-info banner-read-only',
        children: [codicon('lock'), ` ${readOnlyText(model.panel.tenantLabel)}`],
      }),
    );
  }
  root.replaceChildren(...banners);
}

export function renderHeader(root: HTMLElement, ctx: AppContext): void {
  const { model } = ctx;
  const data = model.identity.data;
  const identity = model.identity.shown;
  const retry = () => ctx.post({ type: 'retry', section: 'identity' });
  if (data.status === 'notFound') {
    root.replaceChildren(
      h('h1', { className: 'identity-name', children: [textValue(model.panel?.name ?? '')] }),
      notFoundState('Identity not found', `No identity with id ${model.panel?.identityId ?? ''} exists in this tenant (it may have been deleted). ${data.message}`, retry),
    );
    return;
  }
  if (data.status === 'error') {
    root.replaceChildren(h('h1', { className: 'identity-name', children: [textValue(model.panel?.name ?? '')] }), errorState('Could not load the identity', data.error, retry));
    return;
  }
  if (!identity) {
    root.replaceChildren(h('h1', { className: 'identity-name', children: [textValue(model.panel?.name ?? '')] }), loadingState('Loading identity…'));
    return;
  }
  root.replaceChildren(...headerContent(identity, ctx, data.status === 'loading'));
}

function headerContent(identity: Identity, ctx: AppContext, refreshing: boolean): HTMLElement[] {
  const name = str(identity.name) ?? '';
  const status = str(identity.identityStatus);
  const title = h('div', {
    className: 'title-row',
    children: [
      h('h1', { className: 'identity-name', children: [textValue(name, { limit: 300 })] }),
      status ? h('span', { className: `badge status status-${status.toLowerCase().replace(/[^a-z]/g, '')}`, text: status }) : undefined,
      // ISC refuses to delete a protected identity: said next to the name, before anyone presses Delete.
      identity.protected === true
        ? h('span', { className: 'badge protected', attrs: { title: 'Protected: ISC does not delete this identity' }, children: [codicon('shield'), ' Protected'] })
        : undefined,
      refreshing ? refreshingBadge() : undefined,
    ],
  });
  const lifecycle = identity.lifecycleState;
  const lifecycleText = lifecycle && typeof lifecycle === 'object' ? (str(lifecycle.stateName) ?? '—') + (lifecycle.manuallyUpdated === true ? ' (manually updated)' : '') : undefined;
  const id = str(identity.id) ?? ctx.model.panel?.identityId ?? '';
  return [
    title,
    facts([
      ['Alias', optionalText(identity.alias)],
      ['Email', optionalText(identity.emailAddress)],
      ['Identity status', optionalText(identity.identityStatus)],
      ['Processing state', optionalText(identity.processingState)],
      ['Lifecycle state', optionalText(lifecycleText)],
      ['Manager', managerValue(identity, ctx)],
      ['Is manager', boolValue(identity.isManager)],
      ...(identity.protected === true ? [['Protected', textValue('Yes — ISC does not delete it')] as [string, HTMLElement]] : []),
      ['Created', dateValue(identity.created)],
      ['Modified', dateValue(identity.modified)],
      ['Last refresh', dateValue(identity.lastRefresh)],
      ['Id', h('span', { className: 'id-row', children: [h('code', { className: 'value id', text: id }), copyButton(id, ctx, 'Copy id')] })],
      ['Tenant', optionalText(ctx.model.panel?.tenantLabel)],
    ]),
  ];
}

function optionalText(value: unknown): HTMLElement {
  const text = str(value);
  return text ? textValue(text, { limit: 500 }) : h('span', { className: 'value muted', text: '—' });
}

function managerValue(identity: Identity, ctx: AppContext): HTMLElement {
  const manager = identity.managerRef;
  if (!manager || typeof manager !== 'object') return h('span', { className: 'value muted', text: 'None' });
  const id = str(manager.id);
  const label = linkLabel(str(manager.name) || id || 'Unknown manager');
  if (!id) return textValue(label);
  const link = linkButton(label, () => ctx.post({ type: 'openIdentity', identityId: id }), `Open the details of ${label}`);
  link.classList.add('manager-link');
  return link;
}

/** Why the action buttons are locked, and how to unlock them. */
function readOnlyText(tenantLabel: string): string {
  return `Tenant "${tenantLabel}" is read-only: actions that change data are locked. To allow them, run "ISC: Toggle Read-Only Mode" on the tenant (right-click it in the SailPoint ISC view).`;
}

export function copyButton(text: string, ctx: AppContext, label = 'Copy'): HTMLButtonElement {
  const tooBig = text.length > 1_048_576;
  return button(label, () => ctx.post({ type: 'copy', text }), {
    className: 'icon-button copy-button',
    icon: 'copy',
    iconOnly: true,
    title: tooBig ? 'Too large to copy from here: use Open Raw JSON' : label,
    ariaLabel: label,
    disabled: tooBig,
  });
}

const ACTION_BUTTONS: { action: PanelAction; label: string; title: string; icon: string; danger?: boolean }[] = [
  { action: 'synchronizeAttributes', label: 'Synchronize attributes', title: 'Synchronize this identity’s attributes from its sources', icon: 'sync' },
  { action: 'processIdentities', label: 'Process', title: 'Process (refresh) this identity', icon: 'gear' },
  { action: 'resetIdentity', label: 'Reset', title: 'Reset this identity', icon: 'discard' },
  { action: 'inviteIdentities', label: 'Invite', title: 'Invite this identity to register', icon: 'mail' },
  { action: 'sendPasswordResetEmail', label: 'Send password reset email', title: 'Send a password reset email', icon: 'key' },
  { action: 'deleteIdentity', label: 'Delete…', title: 'Delete this identity (asks for confirmation)', icon: 'trash', danger: true },
];

export function renderActions(root: HTMLElement, ctx: AppContext): void {
  const { model } = ctx;
  const canAct = !model.deleted && model.identity.shown !== undefined;
  const readOnly = model.panel?.readOnly === true;
  const actions = ACTION_BUTTONS.map(({ action, label, title, icon, danger }) =>
    button(label, () => ctx.post({ type: 'runAction', action }), {
      className: danger ? 'button secondary danger' : 'button secondary',
      icon: readOnly && canAct ? 'lock' : icon,
      title: !canAct ? 'Not available: the identity is not loaded or was deleted' : readOnly ? readOnlyText(model.panel?.tenantLabel ?? '') : title,
      disabled: !canAct,
      // Locked, not disabled: a disabled button cannot be reached by Tab, and its tooltip explains how to unlock.
      locked: canAct && readOnly,
      attrs: { 'data-action': action },
    }),
  );
  root.replaceChildren(
    h('div', {
      className: `action-group${readOnly ? ' read-only' : ''}`,
      attrs: { role: 'group', 'aria-label': readOnly ? 'Identity actions (locked: the tenant is read-only)' : 'Identity actions' },
      children: actions,
    }),
    h('div', {
      className: 'action-group',
      attrs: { role: 'group', 'aria-label': 'Panel' },
      children: [
        button('Refresh', () => ctx.post({ type: 'refresh' }), {
          className: 'button',
          icon: 'refresh',
          title: 'Reload identity, role assignments and ownership',
          attrs: { 'data-action': 'refresh' },
        }),
        button('Open Raw JSON', () => ctx.post({ type: 'openRawJson' }), {
          className: 'button secondary',
          icon: 'json',
          title: 'Open what ISC returned in a read-only JSON editor',
          attrs: { 'data-action': 'openRawJson' },
        }),
      ],
    }),
  );
}
