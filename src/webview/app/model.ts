// What the app knows: the sections the host sent, plus UI state kept with setState.
import type { Identity, RoleAssignment, RoleAssignmentRef } from '../../api/types';
import type { HostToWebviewMessage, Loadable, OwnershipView, PanelIdentity, PanelState, WebviewToHostMessage } from '../protocol';

/** A section's latest data, and its last ready value (kept on screen while a refresh runs). */
interface SectionState<T> {
  data: Loadable<T>;
  shown?: T;
}

export interface AppModel {
  rev: number;
  panel?: PanelIdentity;
  identity: SectionState<Identity>;
  assignments: SectionState<RoleAssignmentRef[]>;
  ownership: SectionState<OwnershipView>;
  assignment?: { assignmentId: string; data: Loadable<RoleAssignment> };
  deleted: boolean;
}

export interface UiState {
  filter: string;
  selectedAssignmentId?: string;
}

export interface AppContext {
  readonly model: AppModel;
  readonly ui: UiState;
  post(message: WebviewToHostMessage): void;
  /** The user started working in the panel (a preview panel is kept); posts `keep` once per document. */
  keep(): void;
  /** Persists the UI state (and what the serializer needs) with setState. */
  saveUi(): void;
}

export type PaintSection = 'header' | 'actions' | 'attributes' | 'assignments' | 'assignment' | 'ownership' | 'banner' | 'focus';

export function emptyModel(): AppModel {
  return {
    rev: 0,
    identity: { data: { status: 'idle' } },
    assignments: { data: { status: 'idle' } },
    ownership: { data: { status: 'idle' } },
    deleted: false,
  };
}

function update<T>(section: SectionState<T>, data: Loadable<T>): SectionState<T> {
  if (data.status === 'ready') return { data, shown: data.value };
  if (data.status === 'loading') return { data, shown: section.shown };
  return { data };
}

/** Applies one host message; returns the sections to repaint. */
export function applyMessage(model: AppModel, ui: UiState, message: HostToWebviewMessage): PaintSection[] {
  model.rev = message.rev;
  switch (message.type) {
    case 'init':
      model.panel = message.panel;
      model.identity = update(model.identity, message.identity);
      model.assignments = update(model.assignments, message.assignments);
      model.ownership = update(model.ownership, message.ownership);
      model.assignment = message.assignment;
      model.deleted = message.deleted;
      if (message.assignment) ui.selectedAssignmentId = message.assignment.assignmentId;
      return ['banner', 'header', 'actions', 'attributes', 'assignments', 'assignment', 'ownership', ...(message.focus ? (['focus'] as const) : [])];
    case 'identity':
      model.identity = update(model.identity, message.data);
      if (message.data.status === 'ready' && model.panel && typeof message.data.value.name === 'string') model.panel.name = message.data.value.name;
      return ['banner', 'header', 'actions', 'attributes'];
    case 'assignments':
      model.assignments = update(model.assignments, message.data);
      return ['assignments'];
    case 'ownership':
      model.ownership = update(model.ownership, message.data);
      return ['ownership'];
    case 'assignment':
      model.assignment = message.selection;
      ui.selectedAssignmentId = message.selection.assignmentId;
      return ['assignments', 'assignment'];
    case 'deleted':
      model.deleted = true;
      return ['banner', 'actions'];
    case 'focus':
      return ['focus'];
    case 'tenant':
      // Read-only toggled or tenant renamed: the banner, the locked action buttons and the header's tenant row.
      if (model.panel) model.panel = { ...model.panel, ...message.tenant };
      return ['banner', 'actions', 'header'];
  }
}

export function panelState(model: AppModel): PanelState {
  if (model.deleted) return 'deleted';
  const status = model.identity.data.status;
  if (status === 'ready') return 'ready';
  if (status === 'error') return 'error';
  if (status === 'notFound') return 'notFound';
  return model.identity.shown ? 'ready' : 'loading';
}
