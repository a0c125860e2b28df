// A small bus on which writes announce what they changed, so that tree nodes and panels refresh. No `vscode` import.

export interface IdentityChange {
  tenantId: string;
  identityIds: string[];
  kind: 'changed' | 'deleted';
}

export type Unsubscribe = { dispose(): void };

export class IdentityChangeBus {
  private readonly listeners = new Set<(change: IdentityChange) => void>();

  subscribe(listener: (change: IdentityChange) => void): Unsubscribe {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  emit(change: IdentityChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A failing listener must not stop the others.
      }
    }
  }
}
