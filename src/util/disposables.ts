// Disposable helpers without a `vscode` import (vscode.Disposable is structurally `{ dispose(): unknown }`).

export interface DisposableLike {
  dispose(): unknown;
}

/** Collects disposables and disposes them once, in reverse order; a failing dispose does not stop the others. */
export class DisposableStore implements DisposableLike {
  private readonly items: DisposableLike[] = [];
  private disposed = false;

  add<T extends DisposableLike>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  addAll(...items: DisposableLike[]): void {
    for (const item of items) this.add(item);
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const item of this.items.splice(0).reverse()) {
      try {
        item.dispose();
      } catch {
        // keep disposing the rest
      }
    }
  }
}
