// User cancellation: thrown by pickers and input boxes when the user presses Escape, swallowed by the command wrapper.

/** The user dismissed a prompt; not an error worth reporting. */
export class UserCancelledError extends Error {
  constructor(message = 'Cancelled by the user.') {
    super(message);
    this.name = 'UserCancelledError';
  }
}

/** True for UserCancelledError, vscode.CancellationError (name `Canceled`) and aborted requests. */
export function isCancellation(error: unknown): boolean {
  if (error instanceof UserCancelledError) return true;
  if (error && typeof error === 'object' && (error as { name?: unknown }).name === 'Canceled') return true;
  return isAbortShaped(error);
}

/** Returns `value`, or throws UserCancelledError when a prompt returned undefined (Escape). */
export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelledError();
  return value;
}

/** An AbortController that aborts the previous one each time a new one is taken (type-ahead searches). */
export class LatestOnly {
  private current: AbortController | undefined;

  next(): AbortSignal {
    this.current?.abort();
    this.current = new AbortController();
    return this.current.signal;
  }

  cancel(): void {
    this.current?.abort();
    this.current = undefined;
  }
}

/** An aborted request of any layer, recognised by shape so that util depends on nothing above it. */
function isAbortShaped(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, kind } = error as { name?: unknown; code?: unknown; kind?: unknown };
  if (name === 'IscApiError') return kind === 'aborted';
  return name === 'AbortError' || name === 'CanceledError' || code === 'ERR_CANCELED' || code === 'ABORT_ERR';
}
