// What every tool shares: the tenant a call means, cancellation as an AbortSignal, and results and errors that pass
// the final text filter (secrets cut, length capped) on their way to the model.
import * as vscode from 'vscode';
import type { TenantDirectory, TenantInfo } from '../model/tenant';
import { ToolInputError } from '../model/tools/toolInput';
import { finalToolText, toolErrorText, toolValue } from '../model/tools/toolText';
import { isCancellation } from '../util/cancellation';

export function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(finalToolText(text))]);
}

function tenantChoices(tenants: readonly TenantInfo[]): string {
  const shown = tenants.slice(0, 10).map((t) => `${toolValue(t.id, 40)} (${toolValue(t.label, 60)})`);
  return `${shown.join(', ')}${tenants.length > shown.length ? ` and ${tenants.length - shown.length} more` : ''}`;
}

/** The tenant named by id or label; without a name, the only tenant. Throws a ToolInputError the model can act on. */
export function resolveTenant(directory: TenantDirectory, ref: string | undefined): TenantInfo {
  const tenants = directory.list();
  if (tenants.length === 0) throw new ToolInputError('No ISC tenant is configured. The user can add one with "ISC: Add Tenant…".');
  if (!ref) {
    if (tenants.length === 1) return tenants[0];
    throw new ToolInputError(`Several tenants are configured: pass "tenant" (one of ${tenantChoices(tenants)}).`);
  }
  const byId = tenants.find((t) => t.id === ref);
  if (byId) return byId;
  const byLabel = tenants.filter((t) => t.label.toLowerCase() === ref.toLowerCase());
  if (byLabel.length === 1) return byLabel[0];
  throw new ToolInputError(`No tenant "${toolValue(ref, 60)}": pass a tenant id (${tenantChoices(tenants)}).`);
}

/** An AbortSignal that follows the tool call's cancellation token. */
export function abortSignalOf(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const subscription = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => subscription.dispose() };
}

/** The error a tool throws: the model reads its message, so it is one line, redacted and capped. */
export function toolError(error: unknown): Error {
  if (error instanceof ToolInputError) return new Error(finalToolText(error.message, 600));
  return new Error(finalToolText(toolErrorText(error), 600));
}

/** Runs a read tool's work with the call's cancellation; errors reach the model as safe sentences. */
export async function runTool(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<string>): Promise<vscode.LanguageModelToolResult> {
  const abort = abortSignalOf(token);
  try {
    return textResult(await work(abort.signal));
  } catch (error) {
    if (token.isCancellationRequested || (isCancellation(error) && abort.signal.aborted)) throw new vscode.CancellationError();
    throw toolError(error);
  } finally {
    abort.dispose();
  }
}

/** How the tools describe a tenant's credential status (no secret, no client id). */
export function credentialText(status: { state: string; message?: string }): string {
  return status.message ? `${status.state}: ${status.message}` : status.state;
}
