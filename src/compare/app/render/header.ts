// The top of the page: who A and B are, the toolbar (hide equal, copy, refresh), the summary and the states
// (loading, a side that failed).
import type { CompareSideInfo, Side, SideProblem } from '../../protocol';
import { button, h, linkButton, plural, textValue } from '../../../webview/app/dom';
import { icon } from '../icons';
import type { CompareContext } from '../model';

export function renderSides(root: HTMLElement, ctx: CompareContext): void {
  const { model } = ctx;
  const card = (side: Side, info: CompareSideInfo | undefined) => {
    const name = info?.name ?? '';
    const link = linkButton(name || info?.identityId || '', () => ctx.post({ type: 'openIdentity', side }), `Open the details of ${name.slice(0, 80)}`);
    link.classList.add('side-name');
    link.replaceChildren(textValue(name || info?.identityId || '', { limit: 200 }));
    return h('div', {
      className: `side-card side-${side}`,
      attrs: { 'data-side': side },
      children: [
        h('span', { className: 'side-letter', text: side.toUpperCase(), attrs: { 'aria-label': `Identity ${side.toUpperCase()}` } }),
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
        children: [icon('globe'), ' Different tenants: attributes are matched by key, role assignments and owned objects by name.'],
      })
    : undefined;
  root.replaceChildren(
    h('h1', { className: 'compare-title', text: 'Compare identities', attrs: { tabindex: '-1' } }),
    h('div', { className: 'sides', children: [card('a', model.a), card('b', model.b)] }),
    banner ?? '',
  );
}

export function renderToolbar(root: HTMLElement, ctx: CompareContext): void {
  const ready = ctx.model.shown !== undefined;
  const hide = h('button', {
    className: 'button secondary toggle-button hide-equal',
    attrs: { type: 'button', 'aria-pressed': String(ctx.ui.hideEqual), title: 'Show only what differs' },
    children: [icon(ctx.ui.hideEqual ? 'eye-closed' : 'eye'), ' Hide equal'],
  });
  hide.disabled = !ready;
  hide.addEventListener('click', () => {
    ctx.ui.hideEqual = !ctx.ui.hideEqual;
    ctx.saveUi();
    ctx.post({ type: 'hideEqual', value: ctx.ui.hideEqual });
    ctx.repaint();
  });
  const copy = (format: 'markdown' | 'csv', label: string, iconName: string) => {
    const element = button('', () => ctx.post({ type: 'copy', format, scope: 'differences' }), {
      className: `button secondary copy-${format}`,
      title: `Copy what differs as ${label}`,
      disabled: !ready,
    });
    element.replaceChildren(icon(iconName), ` Copy difference as ${label}`);
    return element;
  };
  const refresh = button('', () => ctx.post({ type: 'refresh' }), { className: 'button refresh', title: 'Read both identities again' });
  refresh.replaceChildren(icon('refresh'), ' Refresh');
  root.replaceChildren(
    h('div', { className: 'action-group', attrs: { role: 'group', 'aria-label': 'View' }, children: [hide] }),
    h('div', { className: 'action-group', attrs: { role: 'group', 'aria-label': 'Copy and refresh' }, children: [copy('markdown', 'Markdown', 'markdown'), copy('csv', 'CSV', 'table'), refresh] }),
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
    root.replaceChildren(h('p', { className: 'state-message loading', text: 'Loading both identities…', attrs: { role: 'status' } }));
    return;
  }
  const { counts, attributes } = shown.diff;
  const differing = counts.attributes.changed + counts.attributes.onlyA + counts.attributes.onlyB;
  const parts = [
    `${plural(counts.factsDiffering, 'header fact')} ${counts.factsDiffering === 1 ? 'differs' : 'differ'}`,
    `${differing.toLocaleString('en-US')} of ${plural(attributes.length, 'attribute')} ${differing === 1 ? 'differs' : 'differ'}`,
    `role assignments: ${counts.roleAssignments.onlyA} only in A, ${counts.roleAssignments.onlyB} only in B, ${counts.roleAssignments.both} in both`,
  ];
  root.replaceChildren(
    h('p', {
      className: 'summary',
      attrs: { role: 'status' },
      children: [parts.join(' · '), state.status === 'loading' ? h('span', { className: 'badge refreshing', text: 'Refreshing…' }) : undefined],
    }),
    ...(shown.notes.length > 0 ? [h('ul', { className: 'notes muted small', children: shown.notes.map((note) => h('li', { children: [icon('info'), ' ', textValue(note, { limit: 500 })] })) })] : []),
  );
}

function problemBox(side: Side, problem: SideProblem, ctx: CompareContext): HTMLElement {
  const info = side === 'a' ? ctx.model.a : ctx.model.b;
  const who = `${side.toUpperCase()} (${info?.name || info?.identityId || ''})`;
  const messages = problem.serverMessages.length > 0 ? problem.serverMessages : [problem.message];
  const details = [problem.status !== undefined ? `HTTP ${problem.status}` : '', problem.trackingId ? `tracking id ${problem.trackingId}` : ''].filter(Boolean).join(' · ');
  return h('div', {
    className: `state-box ${problem.kind === 'notFound' ? 'notfound-box' : 'error-box'}`,
    attrs: { role: 'alert' },
    children: [
      h('p', { className: 'state-title', children: [icon(problem.kind === 'notFound' ? 'question' : 'error'), ` ${problem.kind === 'notFound' ? 'Identity not found' : 'Could not load identity'} ${who}`] }),
      h('ul', { className: 'error-messages', children: messages.map((m) => h('li', { children: [textValue(m, { limit: 500 })] })) }),
      details ? h('p', { className: 'muted small', text: details }) : undefined,
      button('Retry', () => ctx.post({ type: 'refresh' }), { className: 'button secondary' }),
    ],
  });
}
