// "Needs attention", the first row under a tenant: the identities whose last processing failed
// (processingState eq "ERROR"), with their own pager, the count from X-Total-Count, and "Process All" on it.
// Counted when the row is expanded, not when the tenant is: opening a tenant costs its own list request only. Once
// counted, the row is left out while nobody is in error. It is counted again (when expanded next) after a job changed
// identities of the tenant (the change bus) and after the tenant is refreshed.
import * as vscode from 'vscode';
import { isAbortError } from '../api/errors';
import { IdentityPager } from '../model/identityPager';
import type { PagerSnapshot } from '../model/identityPager';
import type { IdentityRow } from '../model/identityRow';
import { errorText } from '../model/connectionErrors';
import { PROCESSING_ERROR_FILTER } from '../model/needsAttention';
import type { CoreServices } from '../services';
import type { DisposableLike } from '../util/disposables';
import { IdentityNode, NeedsAttentionNode } from './nodes';
import type { TenantNode, TreeNode } from './nodes';
import type { Placeholders } from './placeholders';
import { rowPageFetcher } from './tenantPagers';
import type { TreePager } from './tenantPagers';

const NEEDS_ATTENTION_CONTEXT = 'needsAttention';
/** Sorted by name so that the list reads like the tenant's own; the filter is the command's (PROCESSING_ERROR_FILTER). */
const NEEDS_ATTENTION_SORTERS = 'name';

interface AttentionState {
  node: NeedsAttentionNode;
  pager: TreePager;
  /** The node of each listed identity, by identity id (they hold the pager's rows, as the tenant's own nodes do). */
  nodes: Map<string, IdentityNode>;
}

export class NeedsAttentionRows implements vscode.Disposable {
  private readonly states = new Map<string, AttentionState>();
  private readonly subscription: DisposableLike;

  constructor(
    private readonly services: CoreServices,
    private readonly placeholders: Placeholders,
    /** Redraws the tree (the provider's coalesced root refresh). */
    private readonly redraw: () => void,
  ) {
    // A job that changed identities may have fixed (or caused) processing errors: count again.
    this.subscription = services.changes.subscribe((change) => {
      if (!this.states.has(change.tenantId)) return;
      this.reset(change.tenantId);
      this.redraw();
    });
  }

  /** Counts the tenant's identities in processing error (the first page, with X-Total-Count) unless known already. */
  private async load(tenant: TenantNode): Promise<void> {
    const state = this.stateFor(tenant);
    let snap = state.pager.snapshot();
    if (snap.error !== undefined && isAbortError(snap.error) && !snap.firstPageLoaded) state.pager.reset();
    snap = state.pager.snapshot();
    if (!snap.firstPageLoaded && snap.error === undefined) await state.pager.ensureFirstPage();
  }

  /** The row to show first under the tenant: there until counted (expanding it counts), then while someone is in error. */
  nodeFor(tenant: TenantNode): NeedsAttentionNode | undefined {
    const state = this.stateFor(tenant);
    const snap = state.pager.snapshot();
    return snap.firstPageLoaded && snap.error === undefined && isEmpty(snap) ? undefined : state.node;
  }

  /** The paging state of a tenant's list (tests). */
  snapshot(tenantId: string): PagerSnapshot<IdentityRow> | undefined {
    return this.states.get(tenantId)?.pager.snapshot();
  }

  item(node: NeedsAttentionNode): vscode.TreeItem {
    const snap = this.states.get(node.tenantId)?.pager.snapshot();
    const item = new vscode.TreeItem(vscode.l10n.t('Needs attention'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.contextValue = NEEDS_ATTENTION_CONTEXT;
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    const failed = snap?.error !== undefined && !isAbortError(snap.error) && !snap.firstPageLoaded;
    const counted = snap?.firstPageLoaded === true;
    item.description = failed ? '?' : snap ? countText(snap) : '';
    const tooltip = new vscode.MarkdownString('', false);
    tooltip.isTrusted = false;
    tooltip.appendText(vscode.l10n.t('Identities whose last processing failed ({0}).', PROCESSING_ERROR_FILTER));
    tooltip.appendMarkdown('  \n');
    tooltip.appendText(
      failed
        ? vscode.l10n.t('Could not count them: {0}', errorText(snap?.error))
        : counted
          ? vscode.l10n.t('"Process Identities in Processing Error" processes them all as one job, then checks which are still in error.')
          : vscode.l10n.t('Expand to count them.'),
    );
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label: counted || failed
        ? vscode.l10n.t('Needs attention: {0} identities in processing error', item.description)
        : vscode.l10n.t('Needs attention: identities in processing error, not counted yet'),
    };
    return item;
  }

  async children(node: NeedsAttentionNode): Promise<TreeNode[]> {
    const state = this.stateFor(node.parent);
    const countedBefore = state.pager.snapshot().firstPageLoaded;
    await this.load(node.parent);
    const snap = state.pager.snapshot();
    // The row's own description shows the count this expand brought (or goes when nobody is in error).
    if (!countedBefore && snap.firstPageLoaded) this.redraw();
    if (snap.error !== undefined && !snap.firstPageLoaded) return [this.placeholders.error(node, snap.error, vscode.l10n.t('identities in processing error'))];
    const children: TreeNode[] = snap.items.map((row) => this.identityNodeFor(state, row));
    if (children.length === 0) return [this.placeholders.get(node, 'empty', vscode.l10n.t('No identity is in processing error'))];
    if (snap.loading) {
      const p = this.placeholders.get(node, 'loading', vscode.l10n.t('Loading…'));
      p.description = `${snap.items.length}/${snap.total ?? '?'}`;
      children.push(p);
    } else if (snap.error !== undefined && !isAbortError(snap.error)) {
      children.push(this.placeholders.error(node, snap.error, vscode.l10n.t('more identities in processing error')));
    } else if (snap.hasMore) {
      children.push(this.placeholders.get(node, 'loadMore', vscode.l10n.t('Load more… ({0}/{1})', snap.items.length, snap.total ?? '?')));
    }
    return children;
  }

  /** The next page of a tenant's list; the row shows "Loading…" meanwhile. */
  async loadMore(tenantId: string): Promise<void> {
    const state = this.states.get(tenantId);
    if (!state) return;
    const load = state.pager.loadMore();
    this.redraw();
    await load;
    this.redraw();
  }

  /** Retries what an error row under "Needs attention" stands for. */
  async retry(tenantId: string): Promise<void> {
    const state = this.states.get(tenantId);
    if (!state) return;
    if (state.pager.snapshot().firstPageLoaded) {
      const load = state.pager.retry();
      this.redraw();
      await load;
    } else {
      state.pager.reset();
    }
    this.redraw();
  }

  /** Forgets the list and its count; the next draw of the tenant counts again. */
  reset(tenantId: string): void {
    this.states.get(tenantId)?.pager.reset();
  }

  /** The tenant was removed. */
  forget(tenantId: string): void {
    this.states.get(tenantId)?.pager.dispose();
    this.states.delete(tenantId);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const state of this.states.values()) state.pager.dispose();
    this.states.clear();
  }

  private stateFor(tenant: TenantNode): AttentionState {
    let state = this.states.get(tenant.tenantId);
    if (!state) {
      const tenantId = tenant.tenantId;
      const pager: TreePager = new IdentityPager(
        rowPageFetcher(this.services.tenants, tenantId),
        () => this.services.settings.pageSize,
        { filters: PROCESSING_ERROR_FILTER, sorters: NEEDS_ATTENTION_SORTERS, defaultFilter: 'NONE' },
      );
      state = { node: new NeedsAttentionNode(tenant), pager, nodes: new Map() };
      this.states.set(tenantId, state);
    }
    return state;
  }

  private identityNodeFor(state: AttentionState, row: IdentityRow): IdentityNode {
    let node = state.nodes.get(row.id);
    if (!node) {
      node = new IdentityNode(state.node.parent, row, state.node);
      state.nodes.set(row.id, node);
    } else {
      node.row = row;
    }
    return node;
  }
}

function isEmpty(snap: PagerSnapshot<IdentityRow>): boolean {
  return snap.items.length === 0 && (snap.total === 0 || !snap.hasMore);
}

/** "78" from X-Total-Count; without a count what is loaded ("250+" while more follow). */
function countText(snap: PagerSnapshot<IdentityRow>): string {
  if (!snap.firstPageLoaded) return '';
  const count = snap.total ?? snap.items.length;
  const text = count.toLocaleString(vscode.env.language);
  return snap.total === undefined && snap.hasMore ? `${text}+` : text;
}
