// Loading, error (ISC's message + Retry) and not-found blocks shared by all sections.
import type { ErrorInfo } from '../../protocol';
import { button, h, textValue } from '../dom';
import { t } from '../strings';

export function loadingState(text: string): HTMLElement {
  return h('p', { className: 'state-message loading', text, attrs: { role: 'status' } });
}

export function errorState(title: string, error: ErrorInfo, onRetry: () => void): HTMLElement {
  const messages = error.serverMessages.length > 0 ? error.serverMessages : [error.message];
  const details: string[] = [];
  if (error.status !== undefined) details.push(t('httpStatus', String(error.status)));
  if (error.kind) details.push(error.kind);
  if (error.detailCode) details.push(error.detailCode);
  if (error.trackingId) details.push(t('trackingId', error.trackingId));
  return h('div', {
    className: 'state-box error-box',
    attrs: { role: 'alert' },
    children: [
      h('p', { className: 'state-title', text: title }),
      h('ul', { className: 'error-messages', children: messages.map((m) => h('li', { children: [textValue(m, { limit: 500 })] })) }),
      details.length > 0 ? h('p', { className: 'muted small', text: details.join(' · ') }) : undefined,
      button(t('retry'), onRetry, { className: 'button secondary' }),
    ],
  });
}

export function notFoundState(title: string, message: string, onRetry?: () => void): HTMLElement {
  return h('div', {
    className: 'state-box notfound-box',
    attrs: { role: 'status' },
    children: [
      h('p', { className: 'state-title', text: title }),
      message ? h('p', { children: [textValue(message, { limit: 500 })] }) : undefined,
      onRetry ? button(t('retry'), onRetry, { className: 'button secondary' }) : undefined,
    ],
  });
}

/** A section heading that can take focus (the host may ask to focus a section). */
export function sectionHeading(text: string, extra?: Node): HTMLElement {
  return h('div', {
    className: 'section-heading',
    children: [h('h2', { text, attrs: { tabindex: '-1' } }), extra],
  });
}

export function refreshingBadge(): HTMLElement {
  return h('span', { className: 'badge refreshing', text: t('refreshing'), attrs: { role: 'status' } });
}
