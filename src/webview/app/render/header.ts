// Header (who the identity is), banners (deleted, read-only) and the actions row.
import type { Identity } from '../../../api/types';
import type { PanelAction } from '../../protocol';
import { boolValue, button, codicon, dateValue, facts, h, linkButton, linkLabel, str, textValue } from '../dom';
import type { AppContext } from '../model';
import { t } from '../strings';
import { errorState, loadingState, notFoundState, refreshingBadge } from './states';

export function renderBanner(root: HTMLElement, ctx: AppContext): void {
  const { model } = ctx;
  const banners: HTMLElement[] = [];
  if (model.deleted) {
    banners.push(h('div', { className: 'banner banner-deleted', attrs: { role: 'alert' }, text: t('deletedBanner') }));
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
      notFoundState(t('identityNotFound'), t('identityNotFoundMessage', model.panel?.identityId ?? '', data.message), retry),
    );
    return;
  }
  if (data.status === 'error') {
    root.replaceChildren(h('h1', { className: 'identity-name', children: [textValue(model.panel?.name ?? '')] }), errorState(t('identityError'), data.error, retry));
    return;
  }
  if (!identity) {
    root.replaceChildren(h('h1', { className: 'identity-name', children: [textValue(model.panel?.name ?? '')] }), loadingState(t('loadingIdentity')));
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
        ? h('span', { className: 'badge protected', attrs: { title: t('protectedTitle') }, children: [codicon('shield'), ` ${t('protectedBadge')}`] })
        : undefined,
      refreshing ? refreshingBadge() : undefined,
    ],
  });
  const lifecycle = identity.lifecycleState;
  const lifecycleText = lifecycle && typeof lifecycle === 'object' ? lifecycle.manuallyUpdated === true ? t('manuallyUpdated', str(lifecycle.stateName) ?? '—') : (str(lifecycle.stateName) ?? '—') : undefined;
  const id = str(identity.id) ?? ctx.model.panel?.identityId ?? '';
  return [
    title,
    facts([
      [t('factAlias'), optionalText(identity.alias)],
      [t('factEmail'), optionalText(identity.emailAddress)],
      [t('factIdentityStatus'), optionalText(identity.identityStatus)],
      [t('factProcessingState'), optionalText(identity.processingState)],
      [t('factLifecycleState'), optionalText(lifecycleText)],
      [t('factManager'), managerValue(identity, ctx)],
      [t('factIsManager'), boolValue(identity.isManager)],
      ...(identity.protected === true ? [[t('protectedBadge'), textValue(t('protectedValue'))] as [string, HTMLElement]] : []),
      [t('factCreated'), dateValue(identity.created)],
      [t('factModified'), dateValue(identity.modified)],
      [t('factLastRefresh'), dateValue(identity.lastRefresh)],
      [t('factId'), h('span', { className: 'id-row', children: [h('code', { className: 'value id', text: id }), copyButton(id, ctx, t('copyId'))] })],
      [t('factTenant'), optionalText(ctx.model.panel?.tenantLabel)],
    ]),
  ];
}

function optionalText(value: unknown): HTMLElement {
  const text = str(value);
  return text ? textValue(text, { limit: 500 }) : h('span', { className: 'value muted', text: '—' });
}

function managerValue(identity: Identity, ctx: AppContext): HTMLElement {
  const manager = identity.managerRef;
  if (!manager || typeof manager !== 'object') return h('span', { className: 'value muted', text: t('none') });
  const id = str(manager.id);
  const label = linkLabel(str(manager.name) || id || t('unknownManager'));
  if (!id) return textValue(label);
  const link = linkButton(label, () => ctx.post({ type: 'openIdentity', identityId: id }), t('openDetailsOf', label));
  link.classList.add('manager-link');
  return link;
}

/** Why the action buttons are locked, and how to unlock them. */
function readOnlyText(tenantLabel: string): string {
  return t('readOnlyBanner', tenantLabel);
}

export function copyButton(text: string, ctx: AppContext, label = t('copy')): HTMLButtonElement {
  const tooBig = text.length > 1_048_576;
  return button(label, () => ctx.post({ type: 'copy', text }), {
    className: 'icon-button copy-button',
    icon: 'copy',
    iconOnly: true,
    title: tooBig ? t('tooBigToCopy') : label,
    ariaLabel: label,
    disabled: tooBig,
  });
}

type StringKey = Parameters<typeof t>[0];

const ACTION_BUTTONS: { action: PanelAction; label: StringKey; title: StringKey; icon: string; danger?: boolean }[] = [
  { action: 'synchronizeAttributes', label: 'actionSynchronize', title: 'actionSynchronizeTitle', icon: 'sync' },
  { action: 'processIdentities', label: 'actionProcess', title: 'actionProcessTitle', icon: 'gear' },
  { action: 'resetIdentity', label: 'actionReset', title: 'actionResetTitle', icon: 'discard' },
  { action: 'inviteIdentities', label: 'actionInvite', title: 'actionInviteTitle', icon: 'mail' },
  { action: 'sendPasswordResetEmail', label: 'actionPasswordReset', title: 'actionPasswordResetTitle', icon: 'key' },
  { action: 'deleteIdentity', label: 'actionDelete', title: 'actionDeleteTitle', icon: 'trash', danger: true },
];

export function renderActions(root: HTMLElement, ctx: AppContext): void {
  const { model } = ctx;
  const canAct = !model.deleted && model.identity.shown !== undefined;
  const readOnly = model.panel?.readOnly === true;
  const actions = ACTION_BUTTONS.map(({ action, label, title, icon, danger }) =>
    button(t(label), () => ctx.post({ type: 'runAction', action }), {
      className: danger ? 'button secondary danger' : 'button secondary',
      icon: readOnly && canAct ? 'lock' : icon,
      title: !canAct ? t('actionNotAvailable') : readOnly ? readOnlyText(model.panel?.tenantLabel ?? '') : t(title),
      disabled: !canAct,
      // Locked, not disabled: a disabled button cannot be reached by Tab, and its tooltip explains how to unlock.
      locked: canAct && readOnly,
      attrs: { 'data-action': action },
    }),
  );
  root.replaceChildren(
    h('div', {
      className: `action-group${readOnly ? ' read-only' : ''}`,
      attrs: { role: 'group', 'aria-label': readOnly ? t('actionsGroupLocked') : t('actionsGroup') },
      children: actions,
    }),
    h('div', {
      className: 'action-group',
      attrs: { role: 'group', 'aria-label': t('panelGroup') },
      children: [
        button(t('refresh'), () => ctx.post({ type: 'refresh' }), {
          className: 'button',
          icon: 'refresh',
          title: t('refreshTitle'),
          attrs: { 'data-action': 'refresh' },
        }),
        button(t('openRawJson'), () => ctx.post({ type: 'openRawJson' }), {
          className: 'button secondary',
          icon: 'json',
          title: t('openRawJsonTitle'),
          attrs: { 'data-action': 'openRawJson' },
        }),
      ],
    }),
  );
}
