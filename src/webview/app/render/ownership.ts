// Ownership: what the identity owns that would block deleting it, grouped by association type.
import { associationTypeName } from '../../../model/ownershipDisplay';
import type { OwnershipView } from '../../protocol';
import { cell, h, str, table, textValue } from '../dom';
import type { AppContext } from '../model';
import { t, tCount } from '../strings';
import { errorState, loadingState, notFoundState, refreshingBadge, sectionHeading } from './states';

let groupCount = 0;
let ownedCount = 0;

export function ownershipCounts(): { groups: number; owned: number } {
  return { groups: groupCount, owned: ownedCount };
}

export function renderOwnership(root: HTMLElement, ctx: AppContext): void {
  const section = ctx.model.ownership;
  const view = section.shown;
  const retry = () => ctx.post({ type: 'retry', section: 'ownership' });
  groupCount = 0;
  ownedCount = 0;
  const heading = sectionHeading(t('ownershipHeading'), section.data.status === 'loading' && view ? refreshingBadge() : undefined);
  if (section.data.status === 'error') {
    root.replaceChildren(heading, errorState(t('ownershipError'), section.data.error, retry));
    return;
  }
  if (section.data.status === 'notFound') {
    root.replaceChildren(heading, notFoundState(t('ownershipNotFound'), section.data.message, retry));
    return;
  }
  if (!view) {
    root.replaceChildren(heading, loadingState(t('loadingOwnership')));
    return;
  }
  root.replaceChildren(heading, ...ownershipContent(view));
}

function ownershipContent(view: OwnershipView): HTMLElement[] {
  const groups = Array.isArray(view.groups) ? view.groups.filter((g) => g && Array.isArray(g.entities) && g.entities.length > 0) : [];
  const intro = h('p', { className: 'muted small', text: t('ownershipIntro') });
  if (groups.length === 0) {
    const nothing = h('div', {
      className: 'state-box owns-nothing',
      attrs: { role: 'status' },
      children: [h('p', { className: 'state-title', text: t('ownsNothing') })],
    });
    if (view.shape === 'unknown') {
      nothing.appendChild(h('p', { className: 'muted small', text: t('ownershipUnexpected') }));
    }
    return [intro, nothing];
  }
  groupCount = groups.length;
  const words = { roleOwner: t('ownerTypeRole'), sourceOwner: t('ownerTypeSource'), campaignOwner: t('ownerTypeCampaign') };
  const out: HTMLElement[] = [intro];
  for (const group of groups) {
    const type = str(group.associationType) || 'UNKNOWN';
    ownedCount += group.entities.length;
    out.push(
      h('h3', {
        className: 'group-heading',
        children: [textValue(associationTypeName(type, words), { limit: 200 }), h('span', { className: 'muted small', text: ` ${type} · ${tCount(group.entities.length, 'objectCountOne', 'objectCountMany')}` })],
      }),
    );
    const { table: element, body } = table([t('columnName'), t('columnType'), t('columnId')]);
    for (const entity of group.entities) {
      if (!entity || typeof entity !== 'object') continue;
      body.appendChild(
        h('tr', {
          children: [
            cell(textValue(str(entity.name) || '—', { limit: 300 })),
            cell(textValue(str(entity.type) || '—', { limit: 100 })),
            cell(h('code', { className: 'value id', text: str(entity.id) ?? '—' })),
          ],
        }),
      );
    }
    out.push(h('div', { className: 'table-scroll', children: [element] }));
  }
  return out;
}
