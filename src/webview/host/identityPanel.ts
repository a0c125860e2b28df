// One identity details panel: owns the WebviewPanel, loads the identity, its role assignments and its
// ownership in parallel, and posts each section to the app as it arrives.
import * as vscode from 'vscode';
import type { IscClient } from '../../api/iscClient';
import type { Identity, RoleAssignment, RoleAssignmentRef } from '../../api/types';
import type { IdentityRef } from '../../model/identityRef';
import type { WebviewShellSpec } from '../../ui/webviewShell';
import { renderWebviewShell, webviewShellOptions } from '../../ui/webviewShell';
import type {
  AssignmentSelection,
  DataSection,
  FocusSection,
  HostMessageBody,
  Loadable,
  OwnershipView,
  PanelIdentity,
  PanelTenant,
  RenderReport,
} from '../protocol';
import { parseWebviewMessage } from '../protocol';
import { ABORTED, loadSection, panelKey, panelTitle, toOwnershipView } from './panelData';
import type { MessageHost } from './panelMessages';
import { handlePanelMessage } from './panelMessages';
import { panelStrings } from './panelStrings';
import type { PaintCycle } from './renderTracker';
import { RenderTracker } from './renderTracker';
import { DisposableStore } from '../../util/disposables';

export interface PanelHost extends MessageHost<IdentityPanel> {
  readonly extensionUri: vscode.Uri;
  panelDisposed(panel: IdentityPanel): void;
}

export interface RevealOptions {
  assignmentId?: string;
  focus?: FocusSection;
}

/** Built when the page opens: the localized texts are not ready while the module loads. */
const detailsShell = (): WebviewShellSpec => ({ bundle: 'webview', title: vscode.l10n.t('Identity details'), mainClass: 'app', loadingText: vscode.l10n.t('Loading…'), images: true });
const IDLE = { status: 'idle' } as const;
const LOADING = { status: 'loading' } as const;

export class IdentityPanel implements vscode.Disposable {
  /** Paint reports of this panel's current identity; a new one when the panel is retargeted. */
  tracker: RenderTracker;
  private currentRef: IdentityRef;
  private rev = 0;
  private ready = false;
  private disposed = false;
  private identity: Loadable<Identity> = IDLE;
  private assignments: Loadable<RoleAssignmentRef[]> = IDLE;
  private ownership: Loadable<OwnershipView> = IDLE;
  private ownershipRaw: unknown;
  private selection: AssignmentSelection | undefined;
  private deleted = false;
  private pendingFocus: FocusSection | undefined;
  /** What the app was last told about the tenant (init or `tenant`), to post only real changes. */
  private sentTenant: PanelTenant | undefined;
  private readonly loads = new Map<DataSection, AbortController>();
  private reloadTimer: NodeJS.Timeout | undefined;
  private readonly disposables = new DisposableStore();
  /** Identities this panel showed before (retarget): their late render reports are dropped quietly. */
  readonly retiredIdentities = new Set<string>();

  constructor(
    private readonly host: PanelHost,
    readonly webviewPanel: vscode.WebviewPanel,
    ref: IdentityRef,
    reason: PaintCycle['reason'],
    startedAt: number,
    options: RevealOptions = {},
  ) {
    this.currentRef = { ...ref };
    this.tracker = new RenderTracker(() => this.label, host.services.logger);
    const webview = webviewPanel.webview;
    webview.options = webviewShellOptions(host.extensionUri, detailsShell());
    this.disposables.addAll(
      webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      webviewPanel.onDidDispose(() => this.dispose()),
      webviewPanel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.webviewHidden();
      }),
    );
    this.updateTitle();
    this.pendingFocus = options.focus;
    if (options.assignmentId) this.selection = { assignmentId: options.assignmentId, data: LOADING };
    webview.html = renderWebviewShell(webview, host.extensionUri, detailsShell());
    void this.reload(reason, startedAt);
  }

  get ref(): IdentityRef {
    return { ...this.currentRef };
  }

  get key(): string {
    return panelKey(this.currentRef.tenantId, this.currentRef.identityId);
  }

  /**
   * Shows another identity in this panel (the preview a tree click replaces): loads are aborted, the sections start
   * over and the app gets a fresh `init`. The webview document stays: no reload, nothing to close.
   */
  retarget(ref: IdentityRef, startedAt: number, options: RevealOptions = {}): void {
    if (this.disposed) return;
    this.retiredIdentities.add(this.currentRef.identityId);
    for (const controller of this.loads.values()) controller.abort();
    this.loads.clear();
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.currentRef = { ...ref };
    this.tracker.dispose();
    this.tracker = new RenderTracker(() => this.label, this.host.services.logger);
    this.identity = IDLE;
    this.assignments = IDLE;
    this.ownership = IDLE;
    this.ownershipRaw = undefined;
    this.deleted = false;
    this.selection = options.assignmentId ? { assignmentId: options.assignmentId, data: LOADING } : undefined;
    this.pendingFocus = options.focus;
    this.updateTitle();
    this.webviewPanel.reveal(undefined, true);
    if (this.ready) this.sendInit();
    void this.reload('open', startedAt);
  }

  get label(): string {
    return `${this.currentRef.tenantId}/${this.currentRef.identityId}`;
  }

  get lastReport(): RenderReport | undefined {
    return this.tracker.lastReport;
  }

  get isDeleted(): boolean {
    return this.deleted;
  }

  get identityData(): Loadable<Identity> {
    return this.identity;
  }

  get assignmentData(): Loadable<RoleAssignmentRef[]> {
    return this.assignments;
  }

  get selectedAssignment(): AssignmentSelection | undefined {
    return this.selection;
  }

  get rawOwnership(): unknown {
    return this.ownershipRaw;
  }

  get ownershipData(): Loadable<OwnershipView> {
    return this.ownership;
  }

  reveal(options: RevealOptions = {}, preserveFocus = false): void {
    this.webviewPanel.reveal(undefined, preserveFocus);
    if (options.assignmentId) void this.selectAssignment(options.assignmentId);
    if (options.focus) {
      if (this.ready) this.post({ type: 'focus', section: options.focus });
      else this.pendingFocus = options.focus;
    }
  }

  /** A message from the webview (or a test posing as one): validated, then handled; anything else is logged. */
  receive(message: unknown): void {
    if (this.disposed) return;
    const parsed = parseWebviewMessage(message);
    if (!parsed.ok) {
      this.host.services.logger.warn(`Details panel ${this.label}: ignored a webview message (${parsed.reason}).`);
      return;
    }
    void handlePanelMessage(this, this.host, parsed.message).catch((error: unknown) => {
      this.host.services.logger.error(`Details panel ${this.label}: handling ${parsed.message.type} failed: ${String(error)}`);
    });
  }

  /** The tenant as the panel shows it; unknown tenants count as read-only, as everywhere else. */
  private tenantView(): PanelTenant {
    const tenant = this.host.services.tenants.get(this.currentRef.tenantId);
    return { tenantLabel: tenant?.label ?? this.currentRef.tenantId, readOnly: tenant?.readOnly !== false };
  }

  /** The tenants changed (read-only toggled, renamed…): the banner and the action buttons follow. */
  tenantChanged(): void {
    const tenant = this.tenantView();
    if (this.sentTenant && this.sentTenant.readOnly === tenant.readOnly && this.sentTenant.tenantLabel === tenant.tenantLabel) return;
    this.sentTenant = tenant;
    this.post({ type: 'tenant', tenant });
  }

  /** The app (re)started — first load, or the panel became visible again: send everything we have. */
  sendInit(): void {
    this.ready = true;
    const tenant = this.tenantView();
    this.sentTenant = tenant;
    const panel: PanelIdentity = {
      tenantId: this.currentRef.tenantId,
      ...tenant,
      identityId: this.currentRef.identityId,
      name: this.currentRef.name,
    };
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    this.post({
      type: 'init',
      strings: panelStrings(),
      panel,
      identity: this.identity,
      assignments: this.assignments,
      ownership: this.ownership,
      assignment: this.selection,
      deleted: this.deleted,
      focus,
    });
  }

  /** Reloads all sections in parallel; each is posted as soon as it arrives. */
  async reload(reason: PaintCycle['reason'], startedAt = Date.now()): Promise<void> {
    if (this.disposed) return;
    const cycle = this.tracker.startCycle(reason, startedAt);
    const tasks = [this.loadIdentity(), this.loadAssignments(), this.loadOwnership()];
    if (this.selection) tasks.push(this.loadAssignment(this.selection.assignmentId));
    await Promise.all(tasks);
    if (!this.disposed) this.tracker.markDataComplete(this.rev, cycle);
  }

  /** Reload after a change announced on the bus; coalesces bursts of events. */
  scheduleReload(): void {
    if (this.disposed) return;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.reload('change');
    }, 250);
  }

  markDeleted(): void {
    if (this.disposed || this.deleted) return;
    this.deleted = true;
    for (const controller of this.loads.values()) controller.abort();
    this.updateTitle();
    this.post({ type: 'deleted' });
  }

  async retry(section: DataSection): Promise<void> {
    switch (section) {
      case 'identity':
        return this.loadIdentity();
      case 'assignments':
        return this.loadAssignments();
      case 'ownership':
        return this.loadOwnership();
      case 'assignment':
        if (this.selection) return this.loadAssignment(this.selection.assignmentId);
    }
  }

  /** Selects a role assignment and loads its details (get-role-assignment). */
  async selectAssignment(assignmentId: string): Promise<void> {
    if (this.selection?.assignmentId === assignmentId && this.selection.data.status === 'ready') {
      this.post({ type: 'assignment', selection: this.selection });
      return;
    }
    await this.loadAssignment(assignmentId);
  }

  /** Identity ids the panel may link to (manager, assigner): the webview cannot name arbitrary ones. */
  linkableIdentity(identityId: string): IdentityRef | undefined {
    const candidates: { id?: string; name?: string | null }[] = [];
    if (this.identity.status === 'ready') {
      const manager = this.identity.value.managerRef;
      if (manager) candidates.push(manager);
    }
    if (this.selection?.data.status === 'ready') {
      const assigner = this.selection.data.value.assigner;
      if (assigner) candidates.push(assigner);
    }
    const match = candidates.find((c) => c.id === identityId);
    if (!match) return undefined;
    return { tenantId: this.currentRef.tenantId, identityId, name: typeof match.name === 'string' && match.name ? match.name : identityId };
  }

  isKnownAssignment(assignmentId: string): boolean {
    if (this.selection?.assignmentId === assignmentId) return true;
    return this.assignments.status === 'ready' && this.assignments.value.some((a) => a.id === assignmentId);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const controller of this.loads.values()) controller.abort();
    this.loads.clear();
    this.tracker.dispose();
    this.disposables.dispose();
    this.webviewPanel.dispose();
    this.host.panelDisposed(this);
  }

  // ------------------------------------------------------------------ loading

  private client(): Promise<IscClient> {
    return this.host.services.tenants.getClient(this.currentRef.tenantId);
  }

  private begin(section: DataSection): AbortSignal {
    this.loads.get(section)?.abort();
    const controller = new AbortController();
    this.loads.set(section, controller);
    return controller.signal;
  }

  private finished(section: DataSection, signal: AbortSignal): boolean {
    if (this.disposed || signal.aborted) return false;
    this.loads.delete(section);
    return true;
  }

  private async loadIdentity(): Promise<void> {
    const signal = this.begin('identity');
    this.identity = LOADING;
    this.post({ type: 'identity', data: this.identity });
    const id = this.currentRef.identityId;
    const result = await loadSection(async () => (await this.client()).getIdentity(id, { signal }));
    if (result === ABORTED || !this.finished('identity', signal)) return;
    this.identity = result;
    if (result.status === 'ready' && typeof result.value.name === 'string' && result.value.name) {
      this.currentRef.name = result.value.name;
      this.updateTitle();
    }
    this.post({ type: 'identity', data: result });
    this.tracker.markIdentityPosted(this.rev);
  }

  private async loadAssignments(): Promise<void> {
    const signal = this.begin('assignments');
    this.assignments = LOADING;
    this.post({ type: 'assignments', data: this.assignments });
    const id = this.currentRef.identityId;
    const result = await loadSection(async () => (await this.client()).getRoleAssignmentRefs(id, { signal }));
    if (result === ABORTED || !this.finished('assignments', signal)) return;
    this.assignments = result;
    this.post({ type: 'assignments', data: result });
  }

  private async loadOwnership(): Promise<void> {
    const signal = this.begin('ownership');
    this.ownership = LOADING;
    this.post({ type: 'ownership', data: this.ownership });
    const id = this.currentRef.identityId;
    let raw: unknown;
    const result = await loadSection(
      async () => (await this.client()).getOwnershipDetails(id, { signal }),
      (details) => {
        raw = details.raw;
        return toOwnershipView(details);
      },
    );
    if (result === ABORTED || !this.finished('ownership', signal)) return;
    this.ownership = result;
    this.ownershipRaw = raw;
    this.post({ type: 'ownership', data: result });
  }

  private async loadAssignment(assignmentId: string): Promise<void> {
    const signal = this.begin('assignment');
    this.selection = { assignmentId, data: LOADING };
    this.post({ type: 'assignment', selection: this.selection });
    const id = this.currentRef.identityId;
    const result = await loadSection<RoleAssignment>(async () => (await this.client()).getRoleAssignment(id, assignmentId, { signal }));
    if (result === ABORTED || !this.finished('assignment', signal)) return;
    this.selection = { assignmentId, data: result };
    this.post({ type: 'assignment', selection: this.selection });
  }

  // ------------------------------------------------------------------ posting

  private post(body: HostMessageBody): void {
    this.rev += 1;
    if (this.disposed || !this.ready) return; // the app gets a full `init` when it (re)starts
    void this.webviewPanel.webview.postMessage({ ...body, rev: this.rev }).then(undefined, (error: unknown) => {
      this.host.services.logger.debug(`Details panel ${this.label}: postMessage failed: ${String(error)}`);
    });
  }

  /** Marks the app as gone (panel hidden: without retainContextWhenHidden its document is discarded). */
  webviewHidden(): void {
    this.ready = false;
  }

  private updateTitle(): void {
    this.webviewPanel.title = panelTitle(this.currentRef.name, this.currentRef.identityId, this.deleted);
  }
}
