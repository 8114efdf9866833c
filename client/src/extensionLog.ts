// An output channel of the extension ("SMTP Transcripts" for replay, "SMTP Local Server" for the built-in server,
// "SMTP Mock" for the mock server). What it shows is also kept in memory (the last lines), so that the end-to-end
// tests can check what reached it, e.g. that no password did.
import * as vscode from 'vscode';

const KEPT_LINES = 5000;

export class ExtensionLog implements vscode.Disposable {
  private created?: vscode.LogOutputChannel;
  private readonly kept: string[] = [];

  /** "SMTP Transcripts" by default; the local server and the mock server name their own. */
  constructor(private readonly name = 'SMTP Transcripts') {}

  /** Made on first use, so that a channel nothing was written to is not listed in the Output view. */
  private get channel(): vscode.LogOutputChannel {
    this.created ??= vscode.window.createOutputChannel(this.name, { log: true });
    return this.created;
  }

  /** The lines written so far (the most recent 5000), one entry per line. */
  get lines(): readonly string[] {
    return this.kept;
  }

  info(text: string): void {
    this.keep(text);
    this.channel.info(text);
  }

  warn(text: string): void {
    this.keep(text);
    this.channel.warn(text);
  }

  error(text: string): void {
    this.keep(text);
    this.channel.error(text);
  }

  show(preserveFocus = true): void {
    this.channel.show(preserveFocus);
  }

  private keep(text: string): void {
    // Only the last KEPT_LINES of the text can stay; a loop, not a spread (a long report has more lines than a call
    // takes arguments).
    const lines = text.split('\n');
    for (let i = Math.max(0, lines.length - KEPT_LINES); i < lines.length; i++) this.kept.push(lines[i]);
    if (this.kept.length > KEPT_LINES) this.kept.splice(0, this.kept.length - KEPT_LINES);
  }

  dispose(): void {
    this.created?.dispose();
  }
}
