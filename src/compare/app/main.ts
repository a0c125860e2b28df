// Entry point of the compare page (browser code: no `vscode`, no Node). Paints what the host sends, as text only,
// and reports every paint back.
import { LIMITS_REPORT_TEXT, buildReport } from './report';
import { isCompareHostMessage } from '../protocol';
import { h } from '../../webview/app/dom';
import type { CompareContext, CompareUi } from './model';
import { applyMessage, emptyModel } from './model';
import { renderAttributes, renderFacts } from './render/attributes';
import { renderSides, renderSummary, renderToolbar } from './render/header';
import { renderOwnership, renderRoles } from './render/roles';
import { setCompareStrings, t } from './strings';
import { createCompareApi } from './vscodeApi';

const api = createCompareApi();
const ui: CompareUi = { hideEqual: api.getState()?.hideEqual ?? false };
const model = emptyModel();
const root = document.getElementById('app') ?? document.body;

const sections = {
  sides: h('header', { className: 'compare-header', attrs: { id: 'compare-sides' } }),
  toolbar: h('div', { className: 'actions', attrs: { id: 'compare-toolbar', role: 'toolbar' } }),
  summary: h('div', { className: 'compare-summary', attrs: { id: 'compare-summary' } }),
  facts: h('section', { className: 'section', attrs: { id: 'compare-facts' } }),
  attributes: h('section', { className: 'section', attrs: { id: 'compare-attributes' } }),
  roles: h('section', { className: 'section', attrs: { id: 'compare-roles' } }),
  ownership: h('section', { className: 'section', attrs: { id: 'compare-ownership' } }),
};

const ctx: CompareContext = {
  model,
  ui,
  post: (message) => api.post(message),
  saveUi: () => {
    if (!model.a || !model.b) return;
    const side = (info: { tenantId: string; identityId: string; name: string }) => ({ tenantId: info.tenantId, identityId: info.identityId, name: info.name });
    api.setState({ a: side(model.a), b: side(model.b), hideEqual: ui.hideEqual });
  },
  repaint: () => paint(),
};

/** The texts arrive with init; the sections exist before it, so their labels are set here. */
function applyStrings(strings: Parameters<typeof setCompareStrings>[0]): void {
  setCompareStrings(strings);
  sections.toolbar.setAttribute('aria-label', t('toolbarLabel'));
  sections.facts.setAttribute('aria-label', t('factsHeading'));
  sections.attributes.setAttribute('aria-label', t('attributesHeading'));
  sections.roles.setAttribute('aria-label', t('rolesHeading'));
  sections.ownership.setAttribute('aria-label', t('ownershipHeading'));
}

let started = false;

function paint(): void {
  if (!started) {
    root.replaceChildren(...Object.values(sections));
    started = true;
  }
  // Keep keyboard focus on the control that had it (the toolbar repaints when "Hide equal" is pressed).
  const focusedClass = document.activeElement instanceof HTMLElement && sections.toolbar.contains(document.activeElement) ? document.activeElement.className : undefined;
  renderSides(sections.sides, ctx);
  renderToolbar(sections.toolbar, ctx);
  renderSummary(sections.summary, ctx);
  renderFacts(sections.facts, ctx);
  renderAttributes(sections.attributes, ctx);
  renderRoles(sections.roles, ctx);
  renderOwnership(sections.ownership, ctx);
  if (focusedClass) {
    const selector = focusedClass.split(/\s+/).filter(Boolean).map((c) => `.${CSS.escape(c)}`).join('');
    sections.toolbar.querySelector<HTMLElement>(selector)?.focus({ preventScroll: true });
  }
  api.post({ type: 'rendered', report: buildReport(model, ui, root, LIMITS_REPORT_TEXT) });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isCompareHostMessage(message)) {
    console.warn('Compare identities: ignored an unexpected message.');
    return;
  }
  try {
    if (message.type === 'init') applyStrings(message.strings);
    applyMessage(model, message);
    ctx.saveUi();
    paint();
  } catch (error) {
    console.error('Compare identities: painting failed', error);
  }
});

// The icon font is fetched before the page asks for its data, not when the first icon paints: in VS Code for the
// web a resource request still in flight when a panel closes stalls the next webview's start for up to 30 s.
const FONT_WAIT_MS = 2_000;
void Promise.race([document.fonts.load('16px codicon'), new Promise((resolve) => setTimeout(resolve, FONT_WAIT_MS))])
  .catch(() => undefined)
  .finally(() => api.post({ type: 'ready' }));
