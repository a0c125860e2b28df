// Outages: the server stops listening (new connections are refused, open ones are closed) and listens on the same
// port again after the outage.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const RELISTEN_RETRY_MS = 50;

export class OutageControl {
  private timer: NodeJS.Timeout | undefined;
  private until = 0;
  private closed: Promise<void> = Promise.resolve();
  private disposed = false;
  /** The port to listen on again (read when an outage starts). */
  private port = 0;

  constructor(
    private readonly server: Server,
    /** Called when an outage ends by itself (not when ended early or disposed). */
    private readonly onOver: () => void = () => undefined,
  ) {}

  /** True while the server refuses connections. */
  get active(): boolean {
    return this.timer !== undefined;
  }

  /** Starts (or restarts) an outage of `seconds`; 0 or undefined ends a running one now. */
  apply(seconds: number | undefined): void {
    if (this.disposed) return;
    if (!(typeof seconds === 'number' && seconds > 0)) {
      if (this.active) this.end();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    else this.stopListening();
    this.until = Date.now() + seconds * 1000;
    this.timer = setTimeout(() => {
      this.end();
      this.onOver();
    }, seconds * 1000);
  }

  /** Milliseconds until the server listens again (0 when it listens). */
  get remainingMs(): number {
    return this.active ? Math.max(0, this.until - Date.now()) : 0;
  }

  /** For close(): no further listening; resolves once the listening socket of an outage is gone. */
  dispose(): Promise<void> {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.closed;
  }

  private stopListening(): void {
    const address = this.server.address();
    if (address && typeof address === 'object') this.port = (address as AddressInfo).port;
    this.closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  private end(): void {
    this.timer = undefined;
    void this.closed.then(() => this.listen());
  }

  private listen(): void {
    if (this.disposed || this.active || this.server.listening) return;
    const retry = (): void => {
      this.server.off('listening', done);
      setTimeout(() => this.listen(), RELISTEN_RETRY_MS);
    };
    const done = (): void => {
      this.server.off('error', retry);
    };
    this.server.once('error', retry);
    this.server.once('listening', done);
    this.server.listen(this.port, '127.0.0.1');
  }
}
