// The export's file: written as `<target>.partial` and renamed to the target only when the export completed, so a
// file under the chosen name is always complete. A cancelled run removes the partial file; a failed one keeps it
// for a resume, which cuts it back to the last complete page. No `vscode`.
import { promises as fs } from 'fs';
import type { ExportSink } from './exporter';

const PARTIAL_SUFFIX = '.partial';

export function partialPathOf(target: string): string {
  return `${target}${PARTIAL_SUFFIX}`;
}

export class ExportFile implements ExportSink {
  private position: number;

  private constructor(
    readonly target: string,
    readonly partialPath: string,
    private readonly handle: fs.FileHandle,
    start: number,
  ) {
    this.position = start;
  }

  /** A new partial file next to `target` (an old partial file of the same name is replaced). */
  static async create(target: string): Promise<ExportFile> {
    const partial = partialPathOf(target);
    const handle = await fs.open(partial, 'w');
    return new ExportFile(target, partial, handle, 0);
  }

  /** Reopens the partial file of an interrupted export, cut back to `bytes` (its last complete page). */
  static async resume(target: string, bytes: number): Promise<ExportFile> {
    const partial = partialPathOf(target);
    const handle = await fs.open(partial, 'r+');
    try {
      const { size } = await handle.stat();
      if (size < bytes) throw new Error(`the partial file ${partial} holds ${size} bytes, fewer than the ${bytes} its checkpoint recorded`);
      await handle.truncate(bytes);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new ExportFile(target, partial, handle, bytes);
  }

  get bytes(): number {
    return this.position;
  }

  async write(text: string): Promise<void> {
    const buffer = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset, this.position);
      offset += bytesWritten;
      this.position += bytesWritten;
    }
  }

  /** Flushes, closes and renames the partial file to the target (replacing a file the user chose to overwrite). */
  async complete(): Promise<void> {
    await this.handle.sync();
    await this.handle.close();
    await fs.rename(this.partialPath, this.target);
  }

  /** Closes and deletes the partial file (cancel). */
  async discard(): Promise<void> {
    await this.close();
    await fs.rm(this.partialPath, { force: true });
  }

  /** Closes the partial file and keeps it for a resume (failure). */
  async close(): Promise<void> {
    try {
      await this.handle.close();
    } catch {
      // already closed
    }
  }
}
