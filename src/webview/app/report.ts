// The render report the app posts after each paint, read back from the DOM it just built.
import type { RenderReport } from '../protocol';
import { LIMITS } from '../protocol';
import type { AppModel, PaintSection } from './model';
import { panelState } from './model';
import { assignmentCount } from './render/assignments';
import { attributeCount } from './render/attributes';
import { ownershipCounts } from './render/ownership';

let seq = 0;

export function buildReport(model: AppModel, painted: PaintSection[], root: HTMLElement): RenderReport {
  seq += 1;
  const name = root.querySelector('#section-header h1.identity-name .value-text')?.textContent ?? undefined;
  const manager = root.querySelector('#section-header .manager-link')?.textContent ?? undefined;
  const error = root.querySelector('[role="alert"] .error-messages')?.textContent ?? undefined;
  const report: RenderReport = {
    seq,
    rev: model.rev,
    identityId: model.panel?.identityId ?? '',
    sections: painted.slice(0, LIMITS.reportSections),
    state: panelState(model),
    header: model.identity.data.status,
    assignments: model.assignments.data.status,
    ownership: model.ownership.data.status,
    assignment: model.assignment ? model.assignment.data.status : 'idle',
  };
  if (name !== undefined) report.name = clip(name);
  if (manager !== undefined) report.managerName = clip(manager);
  if (model.identity.shown) report.attributeCount = attributeCount();
  if (model.assignments.shown) report.assignmentCount = assignmentCount();
  if (model.ownership.shown) {
    const counts = ownershipCounts();
    report.ownershipGroups = counts.groups;
    report.ownedCount = counts.owned;
  }
  if (model.assignment) report.selectedAssignmentId = model.assignment.assignmentId;
  if (error !== undefined) report.errorMessage = clip(error);
  report.readOnlyBanner = root.querySelector('#section-banner .banner-read-only') !== null;
  report.lockedActions = root.querySelectorAll('#section-actions button.locked').length;
  const focused = document.activeElement?.closest('[id^="section-"]')?.id;
  if (focused) report.focusedSection = focused.slice(0, 64);
  return report;
}


function clip(text: string): string {
  return text.length > LIMITS.reportText ? text.slice(0, LIMITS.reportText) : text;
}
