// A minimal event emitter for the vscode-free model (the VS Code rooms wrap it or forward it to vscode.EventEmitter).
import type { DisposableLike } from '../../util/disposables';

export type Listener<T> = (event: T) => void;

export class ModelEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();

  /** Subscribes `listener`; dispose the result to unsubscribe. */
  readonly event = (listener: Listener<T>): DisposableLike => {
    // A wrapper per subscription, so that one function subscribed twice is also called twice and disposed once each.
    const entry: Listener<T> = (event) => listener(event);
    this.listeners.add(entry);
    return { dispose: () => this.listeners.delete(entry) };
  };

  /** Calls every listener; one that throws does not stop the others. */
  fire(event: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // An observer's failure must not break the model's mutation.
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
