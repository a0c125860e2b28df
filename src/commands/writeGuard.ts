// The one guard every identity write passes, whatever started it (palette, tree, multi-select, details panel):
// 1. a read-only tenant blocks the write and says how to lift it; 2. a modal confirmation names the action, the
// tenant and the identities. Cancelling sends nothing. The modal can only be answered by a person — or by the
// explicit test hook IdentityActionsApi.setConfirmationHandler.
import * as vscode from 'vscode';
import type { IdentityRef } from '../model/identityRef';
import type { TenantDirectory, TenantInfo } from '../model/tenant';
import type { Logger } from '../util/redact';
import { displayName, namesPreview, plainMessageText, plural } from '../model/actions/report';

/** Command (engineer D's) that switches a tenant between read-only and writable. */
export const TOGGLE_READ_ONLY_COMMAND = 'iscExplorer.toggleReadOnly';
export const MAKE_WRITABLE_BUTTON = 'Allow Writes…';

export interface ConfirmationRequest {
  /** Sentence-case action name, e.g. "Reset identity". */
  action: string;
  tenantId: string;
  tenantLabel: string;
  identities: readonly IdentityRef[];
  /** The modal's message and detail exactly as shown. */
  message: string;
  detail: string;
  /** The one button that confirms; anything else (or undefined) cancels. */
  confirmButton: string;
  /** A louder warning (tenant-wide or destructive). */
  strong: boolean;
}

/** Answers a confirmation: the chosen button, or undefined for cancel. */
export type ConfirmationHandler = (request: ConfirmationRequest) => string | undefined | Promise<string | undefined>;

export interface GuardUi {
  confirm: ConfirmationHandler;
  /** Non-modal message; resolves with the clicked button (never awaited by the guard). */
  message(level: 'info' | 'warning' | 'error', text: string, ...buttons: string[]): Thenable<string | undefined>;
}

export interface WriteRequest {
  action: string;
  tenant: TenantInfo;
  identities: readonly IdentityRef[];
  /** Replaces "N identities: …" (e.g. for the tenant-wide invitation). */
  scope?: string;
  /** Extra lines for the modal detail (what the action does, ownership, …). */
  detail?: string;
  confirmButton: string;
  strong?: boolean;
}

export type GuardDecision = 'allowed' | 'readOnly' | 'cancelled' | 'unknownTenant';

/** Modal via VS Code's own warning dialog (production). */
export const modalConfirmation: ConfirmationHandler = async (request) =>
  vscode.window.showWarningMessage(plainMessageText(request.message), { modal: true, detail: plainMessageText(request.detail) }, request.confirmButton);

export class WriteGuard {
  constructor(
    private readonly tenants: TenantDirectory,
    private readonly ui: () => GuardUi,
    private readonly logger: Logger,
  ) {}

  /** The current state of the tenant (never a cached copy: read-only may have changed while a dialog was open). */
  tenant(tenantId: string): TenantInfo | undefined {
    return this.tenants.get(tenantId);
  }

  /** True (and a message with a way out) when the tenant blocks writes. */
  blockedByReadOnly(tenantId: string, action: string): boolean {
    const tenant = this.tenant(tenantId);
    if (!tenant) {
      void this.ui().message('error', `${action} was not sent: the tenant is no longer configured.`);
      return true;
    }
    if (!tenant.readOnly) return false;
    this.logger.info(`Blocked "${action}" on read-only tenant ${tenant.id}`);
    const label = displayName(tenant.label);
    const text =
      `${action} was not sent: tenant “${label}” is read-only, which blocks every write. ` +
      `To lift it, run “ISC: Toggle Read-Only” on the tenant (right-click the tenant in the ISC Identities view) or press “${MAKE_WRITABLE_BUTTON}”, then run the action again.`;
    void Promise.resolve(this.ui().message('error', text, MAKE_WRITABLE_BUTTON)).then(async (choice) => {
      if (choice === MAKE_WRITABLE_BUTTON) {
        try {
          await vscode.commands.executeCommand(TOGGLE_READ_ONLY_COMMAND, { tenantId: tenant.id, tenant });
        } catch (error) {
          this.logger.error(`Could not run ${TOGGLE_READ_ONLY_COMMAND}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    });
    return true;
  }

  /** Builds the modal's texts. */
  describe(request: WriteRequest): ConfirmationRequest {
    const tenantLabel = displayName(request.tenant.label);
    const names = request.identities.map((ref) => ref.name);
    const scope =
      request.scope ??
      (names.length === 1 ? `identity “${displayName(names[0])}”` : `${plural(names.length, 'identity', 'identities')}: ${namesPreview(names, 5)}`);
    const message = `${request.strong ? '⚠ ' : ''}${request.action} — ${scope} on tenant “${tenantLabel}”?`;
    const detail = [
      `Action: ${request.action}`,
      `Tenant: ${tenantLabel} (${request.tenant.baseUrl})`,
      request.scope ? `Scope: ${request.scope}` : `Identities (${names.length}): ${namesPreview(names, 5)}`,
      request.detail ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    return {
      action: request.action,
      tenantId: request.tenant.id,
      tenantLabel: request.tenant.label,
      identities: request.identities,
      message,
      detail,
      confirmButton: request.confirmButton,
      strong: !!request.strong,
    };
  }

  /** Shows the modal; true only when the confirm button was chosen. */
  async confirm(request: WriteRequest): Promise<boolean> {
    const confirmation = this.describe(request);
    const answer = await this.ui().confirm(confirmation);
    return answer === confirmation.confirmButton;
  }

  /** Read-only check, modal confirmation, and a second read-only check for changes made while the modal was open. */
  async authorize(request: WriteRequest): Promise<GuardDecision> {
    if (!this.tenant(request.tenant.id)) {
      this.blockedByReadOnly(request.tenant.id, request.action);
      return 'unknownTenant';
    }
    if (this.blockedByReadOnly(request.tenant.id, request.action)) return 'readOnly';
    if (!(await this.confirm(request))) return 'cancelled';
    if (this.blockedByReadOnly(request.tenant.id, request.action)) return 'readOnly';
    return 'allowed';
  }
}
