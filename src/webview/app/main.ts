// Entry point of the identity details webview (browser code: no `vscode`, no Node).
// Receives sections from the host, paints each as it arrives, and reports every paint back.
import { isHostToWebviewMessage } from '../protocol';
import type { FocusSection } from '../protocol';
import { h } from './dom';
import type { AppContext, PaintSection, UiState } from './model';
import { applyMessage, emptyModel } from './model';
import { buildReport } from './report';
import { renderAssignmentDetails } from './render/assignmentDetails';
import { renderAssignments } from './render/assignments';
import { renderAttributes } from './render/attributes';
import { renderActions, renderBanner, renderHeader } from './render/header';
import { renderOwnership } from './render/ownership';
import { createPanelApi } from './vscodeApi';

const api = createPanelApi();
const saved = api.getState();
const ui: UiState = {
  filter: typeof saved?.filter === 'string' ? saved.filter : '',
  selectedAssignmentId: typeof saved?.selectedAssignmentId === 'string' ? saved.selectedAssignmentId : undefined,
};
const model = emptyModel();

const ctx: AppContext = {
  model,
  ui,
  post: (message) => api.post(message),
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
  attributes: h('section', { className: 'section', attrs: { id: 'section-attributes', 'aria-label': 'Attributes' } }),
  assignments: h('section', { className: 'section', attrs: { id: 'section-assignments', 'aria-label': 'Role assignments' } }),
  assignment: h('div', { className: 'assignment-details', attrs: { id: 'section-assignment', 'aria-live': 'polite' } }),
  ownership: h('section', { className: 'section', attrs: { id: 'section-ownership', 'aria-label': 'Ownership' } }),
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

let started = false;
let pendingFocus: FocusSection | undefined;

function paint(sections: PaintSection[]): void {
  if (!started) {
    root.replaceChildren(containers.banner, containers.header, containers.actions, containers.attributes, assignmentsLayout, containers.ownership);
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
  if (sections.includes('focus') && pendingFocus) focusSection(pendingFocus);
}

function focusSection(section: FocusSection): void {
  const target = section === 'header' ? containers.header : section === 'attributes' ? containers.attributes : section === 'assignments' ? assignmentsLayout : containers.ownership;
  target.scrollIntoView({ block: 'start' });
  const heading = target.querySelector<HTMLElement>('h2, h1');
  heading?.focus({ preventScroll: true });
  pendingFocus = undefined;
}

/** Keeps keyboard focus (filter box, selected row) across a repaint of its section. */
function describeFocus(element: Element | null): { selector: string; selectionStart?: number | null } | undefined {
  if (!element) return undefined;
  if (element.classList.contains('filter-input')) return { selector: '.filter-input', selectionStart: (element as HTMLInputElement).selectionStart };
  const id = element.getAttribute('data-assignment-id');
  if (id) return { selector: `tr[data-assignment-id="${CSS.escape(id)}"]` };
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
  if (message.type === 'focus') pendingFocus = message.section;
  if (message.type === 'init' && message.focus) pendingFocus = message.focus;
  let sections: PaintSection[];
  try {
    sections = applyMessage(model, ui, message);
    paint(sections);
    if (message.type === 'init') ctx.saveUi();
  } catch (error) {
    console.error('Identity details: painting failed', error);
    return;
  }
  api.post({ type: 'rendered', report: buildReport(model, sections, root) });
});

api.post({ type: 'ready' });
