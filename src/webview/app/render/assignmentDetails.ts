// Details of the selected role assignment (get-role-assignment): assigner, source, comments,
// dimensions, account targets, assignment context and dates.
import type { BaseReference, ContextAttribute, RoleAssignment } from '../../../api/types';
import { anyValue, cell, dateValue, facts, h, linkButton, linkLabel, str, table, textValue } from '../dom';
import type { AppContext } from '../model';
import { t } from '../strings';
import { errorState, loadingState, notFoundState } from './states';

export function renderAssignmentDetails(root: HTMLElement, ctx: AppContext): void {
  const selection = ctx.model.assignment;
  if (!selection || selection.data.status === 'idle') {
    const hasRows = (ctx.model.assignments.shown?.length ?? 0) > 0;
    root.replaceChildren(hasRows ? h('p', { className: 'state-message muted', text: t('selectAssignment') }) : '');
    return;
  }
  const heading = h('h3', { text: t('assignmentHeading'), attrs: { tabindex: '-1' } });
  const retry = () => ctx.post({ type: 'retry', section: 'assignment' });
  switch (selection.data.status) {
    case 'loading':
      root.replaceChildren(heading, loadingState(t('loadingAssignment')));
      return;
    case 'error':
      root.replaceChildren(heading, errorState(t('assignmentError'), selection.data.error, retry));
      return;
    case 'notFound':
      root.replaceChildren(heading, notFoundState(t('assignmentNotFound'), selection.data.message, retry));
      return;
    case 'ready':
      root.replaceChildren(heading, ...assignmentContent(selection.data.value, ctx));
  }
}

function assignmentContent(assignment: RoleAssignment, ctx: AppContext): HTMLElement[] {
  const out: HTMLElement[] = [
    facts([
      [t('columnRole'), refValue(assignment.role)],
      [t('factAssignmentId'), text(assignment.id)],
      [t('factAssigner'), assignerValue(assignment, ctx)],
      [t('factAssignmentSource'), text(assignment.assignmentSource)],
      [t('factComments'), text(assignment.comments, t('none'))],
      [t('columnAdded'), dateValue(assignment.addedDate)],
      [t('columnStart'), dateValue(assignment.startDate)],
      [t('columnRemove'), dateValue(assignment.removeDate)],
      [t('factDimensions'), dimensionsValue(assignment.assignedDimensions)],
    ]),
  ];
  out.push(h('h4', { text: t('accountTargetsHeading') }), accountTargets(assignment));
  out.push(h('h4', { text: t('contextHeading') }), assignmentContext(assignment));
  return out;
}

function text(value: unknown, empty = '—'): HTMLElement {
  const s = str(value);
  return s ? textValue(s, { limit: 1000 }) : h('span', { className: 'value muted', text: empty });
}

/** A type ISC sends when it has none: not worth showing. */
const NO_TYPE = new Set(['UNKNOWN', '']);

/**
 * A reference as name, then what else is known: its type (unless UNKNOWN) and id (unless it is the name shown).
 * The assigner `{type: UNKNOWN, id: SYSTEM, name: null}` reads "SYSTEM", not "SYSTEM UNKNOWN · SYSTEM".
 */
function refValue(ref: BaseReference | undefined | null): HTMLElement {
  if (!ref || typeof ref !== 'object') return h('span', { className: 'value muted', text: '—' });
  const name = str(ref.name) || str(ref.id) || '—';
  const type = str(ref.type);
  const id = str(ref.id);
  const meta = [type && !NO_TYPE.has(type.toUpperCase()) ? type : undefined, id && id !== name ? id : undefined].filter(Boolean).join(' · ');
  const raw = [type ? t('refType', type) : undefined, id ? t('refId', id) : undefined].filter(Boolean).join(', ');
  return h('span', {
    attrs: { title: raw || undefined },
    children: [textValue(name, { limit: 300 }), meta ? h('span', { className: 'muted small ref-meta', text: ` ${meta}` }) : undefined],
  });
}

function assignerValue(assignment: RoleAssignment, ctx: AppContext): HTMLElement {
  const assigner = assignment.assigner;
  if (!assigner || typeof assigner !== 'object') return h('span', { className: 'value muted', text: '—' });
  const id = str(assigner.id);
  const label = linkLabel(str(assigner.name) || id || t('unknown'));
  const type = str(assigner.type);
  if (id && (type === undefined || type === 'IDENTITY')) {
    // An identity: its name links to its panel; "IDENTITY" would only repeat what the link says.
    return h('span', { children: [linkButton(label, () => ctx.post({ type: 'openIdentity', identityId: id }), t('openDetailsOf', label))] });
  }
  return refValue(assigner as BaseReference);
}

function dimensionsValue(dimensions: BaseReference[] | undefined): HTMLElement {
  if (!Array.isArray(dimensions) || dimensions.length === 0) return h('span', { className: 'value muted', text: t('none') });
  return h('ul', { className: 'multi-value', children: dimensions.map((d) => h('li', { children: [refValue(d)] })) });
}

function accountTargets(assignment: RoleAssignment): HTMLElement {
  const targets = Array.isArray(assignment.accountTargets) ? assignment.accountTargets : [];
  if (targets.length === 0) return h('p', { className: 'state-message muted', text: t('noAccountTargets') });
  const { table: element, body } = table([t('columnSource'), t('columnAccount'), t('columnDisplayName'), t('columnVia')]);
  for (const target of targets) {
    if (!target || typeof target !== 'object') continue;
    body.appendChild(
      h('tr', {
        children: [
          cell(refValue(target.source)),
          cell(text(target.accountInfo?.nativeIdentity)),
          cell(text(target.accountInfo?.displayName)),
          cell(refValue(target.role)),
        ],
      }),
    );
  }
  return h('div', { className: 'table-scroll', children: [element] });
}

function assignmentContext(assignment: RoleAssignment): HTMLElement {
  const context = assignment.assignmentContext;
  if (!context || typeof context !== 'object') return h('p', { className: 'state-message muted', text: t('noContext') });
  const parts: HTMLElement[] = [];
  const requested = context.requested?.contextAttributes;
  if (Array.isArray(requested) && requested.length > 0) {
    parts.push(h('p', { className: 'subheading', text: t('contextRequested') }), contextAttributes(requested));
  }
  const matched = Array.isArray(context.matched) ? context.matched : [];
  for (const match of matched) {
    if (!match || typeof match !== 'object') continue;
    parts.push(h('p', { className: 'subheading', children: [`${t('contextMatched')} `, refValue(match.roleRef)] }));
    if (Array.isArray(match.matchedAttributes) && match.matchedAttributes.length > 0) parts.push(contextAttributes(match.matchedAttributes));
  }
  if (context.computedDate) parts.push(facts([[t('factComputed'), dateValue(context.computedDate)]]));
  if (parts.length === 0) parts.push(h('div', { children: [anyValue(context)] }));
  return h('div', { className: 'context', children: parts });
}

function contextAttributes(list: ContextAttribute[]): HTMLElement {
  const { table: element, body } = table([t('columnAttribute'), t('columnValue'), t('columnDerived')]);
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    body.appendChild(h('tr', { children: [cell(text(item.attribute)), cell(anyValue(item.value)), cell(item.derived === undefined ? '—' : item.derived ? t('yes') : t('no'))] }));
  }
  return h('div', { className: 'table-scroll', children: [element] });
}
