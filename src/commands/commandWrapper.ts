// The one wrapper every command goes through: logs, reports a failure once (ISC's own text), ignores cancellation.
import * as vscode from 'vscode';
import { isIscApiError } from '../api/errors';
import type { Logger } from '../util/redact';
import { isCancellation } from '../util/cancellation';

const reported = new WeakSet<object>();

/** The message a user sees for a failure: ISC's message text, plus its tracking id for support cases. */
function userMessage(error: unknown): string {
  if (isIscApiError(error)) return error.trackingId ? `${error.message} (tracking ID ${error.trackingId})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Logs and shows a failure unless it was already shown (or is a cancellation). */
function reportError(logger: Logger, commandId: string, error: unknown): void {
  if (isCancellation(error)) {
    logger.debug(`${commandId}: cancelled`);
    return;
  }
  if (error && typeof error === 'object') {
    if (reported.has(error)) return;
    reported.add(error);
  }
  logger.error(`${commandId} failed: ${userMessage(error)}`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(userMessage(error), showLog).then((choice) => {
    if (choice === showLog) (logger as Partial<{ show(): void }>).show?.();
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandler = (...args: any[]) => unknown;

/** Registers `id` (disposed with the extension); the handler's result is returned, failures resolve to undefined. */
export function registerCommand(context: vscode.ExtensionContext, logger: Logger, id: string, handler: CommandHandler): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      const started = Date.now();
      logger.debug(`${id}: start`);
      try {
        const result = await handler(...args);
        logger.debug(`${id}: done in ${Date.now() - started} ms`);
        return result;
      } catch (error) {
        reportError(logger, id, error);
        return undefined;
      }
    }),
  );
}
