// The one guard every identity write passes, whatever started it (palette, tree, multi-select, details panel):
// a read-only tenant refuses the write with a warning that offers to lift it, otherwise a modal confirmation names
// the action, the tenant and the identities, and read-only is checked again once the modal is answered (it may
// have changed while the modal was open). Cancelling sends nothing. No `vscode` here: the dialogs and the
// "make writable" command are injected.
import * as l10n from '@vscode/l10n';
import type { IdentityRef } from './identityRef';
import type { TenantDirectory, TenantInfo } from './tenant';
import type { Logger } from '../util/redact';
import { displayName, namesPreview } from './actions/report';

/** The button of the read-only warning that lifts read-only (read when shown, once translations are configured). */
export function makeWritableButton(): string {
  return l10n.t('Allow Writes…');
}

export interface ConfirmationRequest {
  /** Sentence-case action name, e.g. "Reset identity". */
  action: string;
  tenantId: string;
  tenantLabel: string;
  identities: readonly IdentityRef[];
  /** The modal's message and detail exactly as shown. */
  message: string;
  detail: string;
  /** The one button that confirms; anything else (or undefined: the modal's own Cancel) cancels. */
  confirmButton: string;
  /** A button that cancels, shown first so that it is the default (Enter) one: for what cannot be undone. */
  safeButton?: string;
  /** A louder warning (tenant-wide or destructive). */
  strong: boolean;
}

/** Answers a confirmation: the chosen button, or undefined for cancel. */
export type ConfirmationHandler = (request: ConfirmationRequest) => string | undefined | PromiseLike<string | undefined>;

export type MessageLevel = 'info' | 'warning' | 'error';

export interface GuardUi {
  confirm: ConfirmationHandler;
  /** Non-modal message; resolves with the clicked button (never awaited by the guard). */
  message(level: MessageLevel, text: string, ...buttons: string[]): PromiseLike<string | undefined>;
}

export interface WriteGuardDeps {
  tenants: TenantDirectory;
  ui: () => GuardUi;
  logger: Logger;
  /** Runs the "make writable" command for the tenant (it asks the person itself). */
  makeWritable: (tenant: TenantInfo) => PromiseLike<unknown>;
  /** Keeps follow-ups of a refusal (the button, the re-run) observable. */
  track?: (work: Promise<unknown>) => void;
}

export interface WriteRequest {
  action: string;
  tenant: TenantInfo;
  identities: readonly IdentityRef[];
  /** Replaces "N identities" (e.g. for the tenant-wide invitation). */
  scope?: string;
  /** Extra lines for the modal detail (what the action does, ownership, …). */
  detail?: string;
  confirmButton: string;
  /** See ConfirmationRequest.safeButton. */
  safeButton?: string;
  strong?: boolean;
  /** A last question after the modal (delete: type the name); false cancels. */
  finalCheck?: () => Promise<boolean>;
  /** Runs the action again once "Allow Writes…" has made the tenant writable. */
  rerun?: () => Promise<unknown>;
}

export type GuardDecision = 'allowed' | 'readOnly' | 'cancelled' | 'unknownTenant';

export class WriteGuard {
  constructor(private readonly deps: WriteGuardDeps) {}

  /** The current state of the tenant (never a cached copy: read-only may have changed while a dialog was open). */
  tenant(tenantId: string): TenantInfo | undefined {
    return this.deps.tenants.get(tenantId);
  }

  /**
   * 'allowed' when the tenant takes writes; otherwise shows why not — for a read-only tenant a warning whose
   * "Allow Writes…" runs the make-writable command and then `rerun` once — and says which refusal it was.
   */
  checkWritableOrExplain(tenantId: string, action: string, rerun?: () => Promise<unknown>): 'allowed' | 'readOnly' | 'unknownTenant' {
    const tenant = this.tenant(tenantId);
    if (!tenant) {
      void this.deps.ui().message('error', l10n.t('{0} was not sent: the tenant is no longer configured.', action));
      return 'unknownTenant';
    }
    if (!tenant.readOnly) return 'allowed';
    this.deps.logger.info(`Blocked "${action}" on read-only tenant ${tenant.id}`);
    const button = makeWritableButton();
    const text = l10n.t(
      '{0} was not sent: tenant “{1}” is read-only, which blocks every write. To lift it, press “{2}” or run “{3}” on the tenant (right-click it in the SailPoint ISC view).',
      action,
      displayName(tenant.label),
      button,
      l10n.t('ISC: Toggle Read-Only Mode'),
    );
    const followUp = Promise.resolve(this.deps.ui().message('warning', text, button)).then(async (choice) => {
      if (choice !== button) return;
      try {
        await this.deps.makeWritable(tenant);
      } catch (error) {
        this.deps.logger.error(`Could not make ${tenant.id} writable: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      if (rerun && this.tenant(tenant.id)?.readOnly === false) await rerun();
    });
    this.deps.track?.(followUp);
    followUp.catch((error: unknown) => this.deps.logger.error(error instanceof Error ? error : String(error)));
    return 'readOnly';
  }

  /** Builds the modal's texts: the names are listed once, in the detail. */
  describe(request: WriteRequest): ConfirmationRequest {
    const tenantLabel = displayName(request.tenant.label);
    const names = request.identities.map((ref) => ref.name);
    const single = !request.scope && names.length === 1;
    const scope =
      request.scope ??
      (single ? l10n.t('identity “{0}”', displayName(names[0])) : names.length === 1 ? l10n.t('1 identity') : l10n.t('{0} identities', names.length));
    const message = l10n.t('{0} — {1} on tenant “{2}”?', request.action, scope, tenantLabel);
    const detail = [
      l10n.t('Action: {0}', request.action),
      l10n.t('Tenant: {0} ({1})', tenantLabel, request.tenant.baseUrl),
      request.scope || single ? '' : l10n.t('Identities ({0}): {1}', names.length, namesPreview(names, 5)),
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
      ...(request.safeButton ? { safeButton: request.safeButton } : {}),
      strong: !!request.strong,
    };
  }

  /** Read-only check, modal confirmation (and the final check), and one more read-only check after them. */
  async authorize(request: WriteRequest): Promise<GuardDecision> {
    const before = this.checkWritableOrExplain(request.tenant.id, request.action, request.rerun);
    if (before !== 'allowed') return before;
    const confirmation = this.describe(request);
    if ((await this.deps.ui().confirm(confirmation)) !== confirmation.confirmButton) return 'cancelled';
    if (request.finalCheck && !(await request.finalCheck())) return 'cancelled';
    return this.checkWritableOrExplain(request.tenant.id, request.action, request.rerun);
  }
}
