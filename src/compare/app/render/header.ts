// The top of the page: who A and B are, the toolbar (hide equal, copy, refresh), the summary and the states
// (loading, a side that failed).
import type { CompareSideInfo, Side, SideProblem } from '../../protocol';
import { button, h, linkButton, textValue } from '../../../webview/app/dom';
import { icon } from '../icons';
import type { CompareContext } from '../model';
import { t, tCount } from '../strings';

export function renderSides(root: HTMLElement, ctx: CompareContext): void {
  const { model } = ctx;
  const card = (side: Side, info: CompareSideInfo | undefined) => {
    const name = info?.name ?? '';
    const link = linkButton(name || info?.identityId || '', () => ctx.post({ type: 'openIdentity', side }), t('openDetailsOf', name.slice(0, 80)));
    link.classList.add('side-name');
    link.replaceChildren(textValue(name || info?.identityId || '', { limit: 200 }));
    return h('div', {
      className: `side-card side-${side}`,
      attrs: { 'data-side': side },
      children: [
        h('span', { className: 'side-letter', text: t(side === 'a' ? 'sideA' : 'sideB'), attrs: { 'aria-label': t(side === 'a' ? 'identityA' : 'identityB') } }),
        h('div', {
          className: 'side-body',
          children: [
            h('h2', { className: 'side-heading', children: [link] }),
            h('div', {
              className: 'muted small',
              children: [icon('cloud'), ' ', textValue(info?.tenantLabel ?? '', { limit: 120 }), ' · ', h('code', { className: 'value id', text: info?.identityId ?? '' })],
            }),
          ],
        }),
      ],
    });
  };
  const banner = model.crossTenant
    ? h('p', {
        className: 'banner banner-info cross-tenant',
        attrs: { role: 'note' },
        children: [icon('globe'), ` ${t('crossTenant')}`],
      })
    : undefined;
  root.replaceChildren(
    h('h1', { className: 'compare-title', text: t('title'), attrs: { tabindex: '-1' } }),
    h('div', { className: 'sides', children: [card('a', model.a), card('b', model.b)] }),
    banner ?? '',
  );
}

export function renderToolbar(root: HTMLElement, ctx: CompareContext): void {
  const ready = ctx.model.shown !== undefined;
  const hide = h('button', {
    className: 'button secondary toggle-button hide-equal',
    attrs: { type: 'button', 'aria-pressed': String(ctx.ui.hideEqual), title: t('hideEqualTitle') },
    children: [icon(ctx.ui.hideEqual ? 'eye-closed' : 'eye'), ` ${t('hideEqual')}`],
  });
  hide.disabled = !ready;
  hide.addEventListener('click', () => {
    ctx.ui.hideEqual = !ctx.ui.hideEqual;
    ctx.saveUi();
    ctx.post({ type: 'hideEqual', value: ctx.ui.hideEqual });
    ctx.repaint();
  });
  const copy = (format: 'markdown' | 'csv', iconName: string) => {
    const element = button('', () => ctx.post({ type: 'copy', format, scope: 'differences' }), {
      className: `button secondary copy-${format}`,
      title: t(format === 'markdown' ? 'copyMarkdownTitle' : 'copyCsvTitle'),
      disabled: !ready,
    });
    element.replaceChildren(icon(iconName), ` ${t(format === 'markdown' ? 'copyMarkdown' : 'copyCsv')}`);
    return element;
  };
  const refresh = button('', () => ctx.post({ type: 'refresh' }), { className: 'button refresh', title: t('refreshTitle') });
  refresh.replaceChildren(icon('refresh'), ` ${t('refresh')}`);
  root.replaceChildren(
    h('div', { className: 'action-group', attrs: { role: 'group', 'aria-label': t('viewGroup') }, children: [hide] }),
    h('div', { className: 'action-group', attrs: { role: 'group', 'aria-label': t('copyGroup') }, children: [copy('markdown', 'markdown'), copy('csv', 'table'), refresh] }),
  );
}

export function renderSummary(root: HTMLElement, ctx: CompareContext): void {
  const { model } = ctx;
  const state = model.state;
  if (state.status === 'failed') {
    root.replaceChildren(...(['a', 'b'] as const).flatMap((side) => (state.problems[side] ? [problemBox(side, state.problems[side] as SideProblem, ctx)] : [])));
    return;
  }
  const shown = model.shown;
  if (!shown) {
    root.replaceChildren(h('p', { className: 'state-message loading', text: t('loadingBoth'), attrs: { role: 'status' } }));
    return;
  }
  const { counts, attributes } = shown.diff;
  const differing = counts.attributes.changed + counts.attributes.onlyA + counts.attributes.onlyB;
  const parts = [
    tCount(counts.factsDiffering, 'factsDifferOne', 'factsDifferMany'),
    t(differing === 1 ? 'attributesDifferOne' : 'attributesDifferMany', differing, tCount(attributes.length, 'attributeCountOne', 'attributeCountMany')),
    t('rolesSummary', counts.roleAssignments.onlyA, counts.roleAssignments.onlyB, counts.roleAssignments.both),
  ];
  root.replaceChildren(
    h('p', {
      className: 'summary',
      attrs: { role: 'status' },
      children: [parts.join(' · '), state.status === 'loading' ? h('span', { className: 'badge refreshing', text: t('refreshing') }) : undefined],
    }),
    ...(shown.notes.length > 0 ? [h('ul', { className: 'notes muted small', children: shown.notes.map((note) => h('li', { children: [icon('info'), ' ', textValue(note, { limit: 500 })] })) })] : []),
  );
}

function problemBox(side: Side, problem: SideProblem, ctx: CompareContext): HTMLElement {
  const info = side === 'a' ? ctx.model.a : ctx.model.b;
  const who = t('sideWho', t(side === 'a' ? 'sideA' : 'sideB'), info?.name || info?.identityId || '');
  const messages = problem.serverMessages.length > 0 ? problem.serverMessages : [problem.message];
  const details = [problem.status !== undefined ? t('httpStatus', String(problem.status)) : '', problem.trackingId ? t('trackingId', problem.trackingId) : ''].filter(Boolean).join(' · ');
  return h('div', {
    className: `state-box ${problem.kind === 'notFound' ? 'notfound-box' : 'error-box'}`,
    attrs: { role: 'alert' },
    children: [
      h('p', { className: 'state-title', children: [icon(problem.kind === 'notFound' ? 'question' : 'error'), ` ${t(problem.kind === 'notFound' ? 'sideNotFound' : 'sideError', who)}`] }),
      h('ul', { className: 'error-messages', children: messages.map((m) => h('li', { children: [textValue(m, { limit: 500 })] })) }),
      details ? h('p', { className: 'muted small', text: details }) : undefined,
      button(t('retry'), () => ctx.post({ type: 'refresh' }), { className: 'button secondary' }),
    ],
  });
}
