import * as vscode from 'vscode';
import type { Logger } from './redact';
import { redactText } from './redact';

/** The extension's log: a LogOutputChannel ("Identity Explorer for SailPoint ISC"); every line is redacted. */
export class ExtensionLogger implements Logger, vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(name = 'Identity Explorer for SailPoint ISC') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  trace(message: string): void {
    this.channel.trace(redactText(message));
  }
  debug(message: string): void {
    this.channel.debug(redactText(message));
  }
  info(message: string): void {
    this.channel.info(redactText(message));
  }
  warn(message: string): void {
    this.channel.warn(redactText(message));
  }
  error(message: string | Error): void {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : message;
    this.channel.error(redactText(text));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
