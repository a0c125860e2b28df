// The render report the page posts after each paint, read back from the DOM it just built.
import type { CompareRenderReport } from '../protocol';
import type { CompareModel, CompareUi } from './model';

export const LIMITS_REPORT_TEXT = 262_144;

let seq = 0;

export function buildReport(model: CompareModel, ui: CompareUi, root: HTMLElement, maxText: number): CompareRenderReport {
  seq += 1;
  const clip = (text: string) => (text.length > maxText ? text.slice(0, maxText) : text);
  const count = (selector: string) => root.querySelectorAll(selector).length;
  const report: CompareRenderReport = { seq, rev: model.rev, state: model.state.status, hideEqual: ui.hideEqual };
  const nameA = root.querySelector('.side-a .side-name .value-text')?.textContent;
  const nameB = root.querySelector('.side-b .side-name .value-text')?.textContent;
  if (typeof nameA === 'string') report.nameA = clip(nameA);
  if (typeof nameB === 'string') report.nameB = clip(nameB);
  if (model.shown) {
    report.factRows = count('#compare-facts tbody tr');
    report.factDifferences = count('#compare-facts tbody tr:not([data-status="equal"])');
    report.attributeRows = count('#compare-attributes tbody tr');
    report.attributeRowsShown = count('#compare-attributes tbody tr:not([hidden])');
    report.attributeDifferences = count('#compare-attributes tbody tr:not([data-status="equal"])');
    report.roleOnlyA = count('#roles-onlyA tbody tr');
    report.roleOnlyB = count('#roles-onlyB tbody tr');
    report.roleBoth = count('#roles-both tbody tr');
    report.ownershipRows = count('#compare-ownership tbody tr');
  }
  const error = root.querySelector('[role="alert"] .error-messages')?.textContent;
  if (typeof error === 'string') report.errorMessage = clip(error);
  return report;
}
