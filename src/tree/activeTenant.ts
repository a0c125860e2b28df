// The active tenant's status-bar item (label, read-only state, a warning when its credentials fail), and the tree
// events that make a tenant the active one. The tenant registry owns which tenant that is.
import * as vscode from 'vscode';
import { displayText, escapeMarkdown } from '../model/identityDisplay';
import { credentialsFailed } from '../auth/tenantRegistry';
import type { CoreServices } from '../services';
import type { TreeNode } from './nodes';
import { TenantNode } from './nodes';
import { DisposableStore } from '../util/disposables';

export class ActiveTenant implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions = new DisposableStore();

  constructor(
    private readonly services: CoreServices,
    view: vscode.TreeView<TreeNode>,
  ) {
    this.item = vscode.window.createStatusBarItem('iscExplorer.activeTenant', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'ISC Active Tenant';
    this.subscriptions.addAll(
      this.item,
      view.onDidChangeSelection((e) => {
        const node = e.selection[0];
        if (node) this.set(node.tenantId);
      }),
      view.onDidExpandElement((e) => {
        if (e.element instanceof TenantNode) this.set(e.element.tenantId);
      }),
      services.tenants.onDidChange(() => this.render()),
      services.tenants.onDidChangeActiveTenant(() => this.render()),
      services.tenants.onDidChangeCredentialStatus(() => this.render()),
    );
    this.render();
  }

  get tenantId(): string | undefined {
    return this.services.tenants.activeTenantId();
  }

  set(tenantId: string): void {
    this.services.tenants.setActiveTenant(tenantId);
  }

  /** Text of the status-bar item (tests). */
  get statusText(): string {
    return this.item.text;
  }

  private render(): void {
    const id = this.tenantId;
    const tenant = id ? this.services.tenants.get(id) : undefined;
    if (!tenant) {
      this.item.hide();
      return;
    }
    const status = this.services.tenants.credentialStatus(tenant.id);
    const failing = credentialsFailed(status);
    const label = displayText(tenant.label, 40).replace(/\$\(/g, '\\$(');
    this.item.text = `${failing ? '$(warning)' : '$(cloud)'} ${label}${tenant.readOnly ? ' $(lock)' : ''}`;
    this.item.backgroundColor = failing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const md = new vscode.MarkdownString('', false);
    md.isTrusted = false;
    md.supportHtml = false;
    md.appendMarkdown(vscode.l10n.t('**Active ISC tenant:** '));
    md.appendMarkdown(escapeMarkdown(displayText(tenant.label, 80)));
    md.appendMarkdown('  \n');
    md.appendMarkdown(escapeMarkdown(tenant.baseUrl));
    md.appendMarkdown(`  \n${tenant.readOnly ? vscode.l10n.t('Read-only: writes are blocked.') : vscode.l10n.t('Writable.')}`);
    if (failing) {
      md.appendMarkdown(`  \n${vscode.l10n.t('**Credentials failed:** ')}`);
      md.appendMarkdown(escapeMarkdown(displayText(status.message, 300)));
    }
    md.appendMarkdown(`  \n\n${failing && tenant.source === 'user' ? vscode.l10n.t('Click to update the credentials.') : vscode.l10n.t('Click to switch the active tenant.')}`);
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: accessibleLabel(tenant.label, tenant.readOnly, failing) };
    this.item.command = failing && tenant.source === 'user'
      ? { command: 'iscExplorer.updateCredentials', title: vscode.l10n.t('Update Credentials'), arguments: [tenant.id] }
      : { command: 'iscExplorer.selectActiveTenant', title: vscode.l10n.t('Select Active Tenant') };
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}

/** What a screen reader says for the item: one sentence per state. */
function accessibleLabel(label: string, readOnly: boolean, failing: boolean): string {
  if (readOnly && failing) return vscode.l10n.t('Active ISC tenant {0}, read-only, credentials failed', label);
  if (readOnly) return vscode.l10n.t('Active ISC tenant {0}, read-only', label);
  if (failing) return vscode.l10n.t('Active ISC tenant {0}, credentials failed', label);
  return vscode.l10n.t('Active ISC tenant {0}', label);
}
