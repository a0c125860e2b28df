// Interrupted exports in globalState: written while an export runs (throttled), removed when it completes or is
// cancelled, so a failure, a window reload or a crash leaves what a resume needs.
import type * as vscode from 'vscode';
import type { InterruptedExport } from '../../model/export/interrupted';
import { parseInterruptedExports } from '../../model/export/interrupted';

const KEY = 'iscExplorer.interruptedExports';

export class InterruptedExportStore {
  constructor(private readonly memento: vscode.Memento) {}

  list(tenantId?: string): InterruptedExport[] {
    const all = parseInterruptedExports(this.memento.get(KEY));
    return tenantId === undefined ? all : all.filter((e) => e.tenantId === tenantId);
  }

  get(id: string): InterruptedExport | undefined {
    return this.list().find((e) => e.id === id);
  }

  async put(entry: InterruptedExport): Promise<void> {
    const others = this.list().filter((e) => e.id !== entry.id && e.target !== entry.target);
    await this.memento.update(KEY, [...others, entry]);
  }

  async remove(id: string): Promise<void> {
    const all = this.list();
    if (!all.some((e) => e.id === id)) return;
    await this.memento.update(KEY, all.filter((e) => e.id !== id));
  }
}
