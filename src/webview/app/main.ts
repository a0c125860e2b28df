// Entry point of the identity details webview (browser code: no `vscode`, no Node).
// Receives sections from the host, paints each as it arrives, and reports every paint back.
import { isHostToWebviewMessage } from '../protocol';
import type { FocusSection } from '../protocol';
import { forgetExpandedValues, h } from './dom';
import type { AppContext, PaintSection, UiState } from './model';
import { applyMessage, emptyModel } from './model';
import { buildReport } from './report';
import { renderAssignmentDetails } from './render/assignmentDetails';
import { renderAssignments } from './render/assignments';
import { renderAttributes } from './render/attributes';
import { renderActions, renderBanner, renderHeader } from './render/header';
import { renderOwnership } from './render/ownership';
import { setPanelStrings, t } from './strings';
import { createPanelApi } from './vscodeApi';

const api = createPanelApi();

/** Longest wait for the icon font before a paint is reported anyway. */
const ICON_FONT_WAIT_MS = 3000;
/**
 * The codicon font, requested at once rather than when the first icon is laid out. Paint reports wait for it: with
 * `font-display: block` a panel shows its icons only once the font is there. Loading it early also keeps the window
 * short in which closing the panel leaves a font request of VS Code's webview service worker unanswered.
 */
const iconFont: Promise<unknown> = Promise.race([
  document.fonts.load('16px codicon').catch(() => undefined),
  new Promise((resolve) => setTimeout(resolve, ICON_FONT_WAIT_MS)),
]);
const saved = api.getState();
const ui: UiState = {
  filter: typeof saved?.filter === 'string' ? saved.filter : '',
  selectedAssignmentId: typeof saved?.selectedAssignmentId === 'string' ? saved.selectedAssignmentId : undefined,
};
const model = emptyModel();

let kept = false;
const ctx: AppContext = {
  model,
  ui,
  post: (message) => api.post(message),
  keep: () => {
    if (kept) return;
    kept = true;
    api.post({ type: 'keep' });
  },
  saveUi: () => {
    const panel = model.panel;
    if (!panel) return;
    api.setState({ tenantId: panel.tenantId, identityId: panel.identityId, name: panel.name, filter: ui.filter, selectedAssignmentId: ui.selectedAssignmentId });
  },
};

const root = document.getElementById('app') ?? document.body;
const containers = {
  banner: h('div', { className: 'banners', attrs: { id: 'section-banner' } }),
  header: h('header', { className: 'identity-header', attrs: { id: 'section-header' } }),
  actions: h('div', { className: 'actions', attrs: { id: 'section-actions' } }),
  attributes: h('section', { className: 'section', attrs: { id: 'section-attributes' } }),
  assignments: h('section', { className: 'section', attrs: { id: 'section-assignments' } }),
  assignment: h('div', { className: 'assignment-details', attrs: { id: 'section-assignment', 'aria-live': 'polite' } }),
  ownership: h('section', { className: 'section', attrs: { id: 'section-ownership' } }),
  // One live region that exists from the start: screen readers announce changes of a region they already know.
  status: h('div', { className: 'visually-hidden', attrs: { id: 'panel-status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } }),
};
const assignmentsLayout = h('div', { className: 'assignments-layout', children: [containers.assignments, containers.assignment] });

const painters: Record<Exclude<PaintSection, 'focus'>, (el: HTMLElement, c: AppContext) => void> = {
  banner: renderBanner,
  header: renderHeader,
  actions: renderActions,
  attributes: renderAttributes,
  assignments: renderAssignments,
  assignment: renderAssignmentDetails,
  ownership: renderOwnership,
};

/** The texts arrive with init; the containers exist before it, so their labels are set here. */
function applyStrings(strings: Parameters<typeof setPanelStrings>[0]): void {
  setPanelStrings(strings);
  containers.attributes.setAttribute('aria-label', t('attributesHeading'));
  containers.assignments.setAttribute('aria-label', t('assignmentsHeading'));
  containers.ownership.setAttribute('aria-label', t('ownershipHeading'));
}

let started = false;
let pendingFocus: FocusSection | undefined;

function paint(sections: PaintSection[]): void {
  if (!started) {
    root.replaceChildren(containers.status, containers.banner, containers.header, containers.actions, containers.attributes, assignmentsLayout, containers.ownership);
    started = true;
  }
  const notFound = model.identity.data.status === 'notFound';
  for (const section of sections) {
    if (section === 'focus') continue;
    const container = containers[section];
    const hadFocus = container.contains(document.activeElement) ? describeFocus(document.activeElement) : undefined;
    painters[section](container, ctx);
    if (hadFocus) restoreFocus(container, hadFocus);
  }
  // Without the identity there is nothing to act on or to show beside it.
  assignmentsLayout.hidden = notFound;
  containers.ownership.hidden = notFound;
  containers.actions.classList.toggle('disabled', notFound);
  markBusy();
  if (pendingFocus && (sections.includes('focus') || sections.includes('assignment'))) focusSection(pendingFocus);
  announce(statusText(model));
}

/** `aria-busy` on the sections still loading: assistive technology waits for them and the status region says why. */
function markBusy(): void {
  const loading = (status: string | undefined): boolean => status === 'loading' || status === 'idle';
  const busy: [HTMLElement, boolean][] = [
    [containers.header, loading(model.identity.data.status)],
    [containers.attributes, loading(model.identity.data.status)],
    [containers.assignments, loading(model.assignments.data.status)],
    [containers.ownership, loading(model.ownership.data.status)],
    [containers.assignment, model.assignment !== undefined && model.assignment.data.status === 'loading'],
  ];
  for (const [element, isBusy] of busy) {
    if (isBusy) element.setAttribute('aria-busy', 'true');
    else element.removeAttribute('aria-busy');
  }
}

/** Scrolls a section into view and focuses its heading; the assignment's details only once they are painted. */
function focusSection(section: FocusSection): void {
  if (section === 'assignment') {
    const status = model.assignment?.data.status;
    if (status === undefined || status === 'idle' || status === 'loading') return; // still pending
  }
  const targets: Record<FocusSection, HTMLElement> = {
    header: containers.header,
    attributes: containers.attributes,
    assignments: assignmentsLayout,
    assignment: containers.assignment,
    ownership: containers.ownership,
  };
  const target = targets[section];
  target.scrollIntoView({ block: 'start' });
  const heading = target.querySelector<HTMLElement>('h3, h2, h1');
  heading?.focus({ preventScroll: true });
  if (section === 'assignment') {
    // Where the details belong in the table: the selected row, scrolled to without moving the page again.
    containers.assignments.querySelector<HTMLElement>('tr.selected')?.scrollIntoView({ block: 'nearest' });
    target.scrollIntoView({ block: 'start' });
  }
  pendingFocus = undefined;
}

let announced = '';

/** Tells screen readers what changed: loading, loaded, failed (one polite region, only when the text changes). */
function announce(text: string): void {
  if (text === announced) return;
  announced = text;
  containers.status.textContent = text;
}

function statusText(m: typeof model): string {
  if (m.deleted) return t('statusDeleted');
  const header = m.identity.data;
  if (header.status === 'error') return t('statusIdentityError', header.error.serverMessages[0] ?? header.error.message);
  if (header.status === 'notFound') return t('statusNotFound');
  if (header.status === 'loading' || header.status === 'idle') return m.identity.shown ? t('statusRefreshing') : t('statusLoadingIdentity');
  const failed = [
    m.assignments.data.status === 'error' ? t('statusFailedAssignments') : undefined,
    m.ownership.data.status === 'error' ? t('statusFailedOwnership') : undefined,
    m.assignment?.data.status === 'error' ? t('statusFailedAssignment') : undefined,
  ].filter(Boolean);
  if (failed.length > 0) return t('statusFailed', failed.join(t('statusFailedJoin')));
  if (m.assignments.data.status === 'loading' || m.ownership.data.status === 'loading') return t('statusLoadingRest');
  return t('statusLoaded');
}

/** Keeps keyboard focus (filter box, selected row) across a repaint of its section. */
function describeFocus(element: Element | null): { selector: string; selectionStart?: number | null } | undefined {
  if (!element) return undefined;
  if (element.classList.contains('filter-input')) return { selector: '.filter-input', selectionStart: (element as HTMLInputElement).selectionStart };
  const id = element.getAttribute('data-assignment-id');
  if (id) return { selector: `tr[data-assignment-id="${CSS.escape(id)}"]` };
  const action = element.getAttribute('data-action');
  if (action) return { selector: `button[data-action="${CSS.escape(action)}"]` };
  return undefined;
}

function restoreFocus(container: HTMLElement, focus: { selector: string; selectionStart?: number | null }): void {
  const element = container.querySelector<HTMLElement>(focus.selector);
  if (!element) return;
  element.focus({ preventScroll: true });
  if (element instanceof HTMLInputElement && typeof focus.selectionStart === 'number') element.setSelectionRange(focus.selectionStart, focus.selectionStart);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToWebviewMessage(message)) {
    console.warn('Identity details: ignored an unexpected message.');
    return;
  }
  if (message.type === 'init') applyStrings(message.strings);
  if (message.type === 'focus') pendingFocus = message.section;
  if (message.type === 'init' && message.focus) pendingFocus = message.focus;
  // Another identity than before (a retargeted preview, or a saved state of another one): start clean.
  const shownBefore = model.panel?.identityId ?? saved?.identityId;
  if (message.type === 'init' && shownBefore !== undefined && shownBefore !== message.panel.identityId) {
    ui.filter = '';
    ui.selectedAssignmentId = undefined;
    kept = false;
    forgetExpandedValues();
    window.scrollTo(0, 0);
  }
  let sections: PaintSection[];
  try {
    sections = applyMessage(model, ui, message);
    paint(sections);
    if (message.type === 'init') ctx.saveUi();
  } catch (error) {
    console.error('Identity details: painting failed', error);
    return;
  }
  const report = buildReport(model, sections, root);
  void iconFont.then(() => api.post({ type: 'rendered', report }));
});

api.post({ type: 'ready' });
