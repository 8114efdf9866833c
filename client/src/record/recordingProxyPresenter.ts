// Shows a running recording proxy: its port, server and count in the status bar (a click opens Stop / Open the last
// recording / Copy address / Copy certificate / Show Log), each connection in the "SMTP Record" output channel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExtensionLog } from '../extensionLog';

/** What the status bar says of a running proxy. */
export interface RecordingStatus {
  port: number;
  /** `host:port` of the server recorded. */
  upstream: string;
  folder: string;
  connections: number;
  recorded: number;
  /** Connections that could not be relayed, or whose transcript could not be written. */
  failed: number;
  /** The newest transcript written. */
  last?: string;
}

export class RecordingProxyPresenter implements vscode.Disposable {
  /** The live log, with its lines kept in memory for the end-to-end tests. */
  readonly log = new ExtensionLog('SMTP Record');
  private readonly status = vscode.window.createStatusBarItem('smtp.record', vscode.StatusBarAlignment.Left, 7);
  private statusShown = false;

  constructor() {
    this.status.name = 'SMTP Recording Proxy';
  }

  /** What the status bar item says, or undefined while it is hidden. */
  get statusBarText(): string | undefined {
    return this.statusShown ? this.status.text : undefined;
  }

  showStatus(status: RecordingStatus): void {
    this.status.text = recordingStatusText(status);
    this.status.tooltip = new vscode.MarkdownString(
      `**SMTP recording proxy** to \`${status.upstream}\`\n\n- address: \`127.0.0.1:${status.port}\`\n- recordings: \`${status.folder}\`\n` +
        `- connections: ${status.connections} (${status.recorded} recorded${status.failed > 0 ? `, ${status.failed} failed` : ''})\n\nClick to stop it, open the last recording, or copy its address or certificate.`,
    );
    this.status.command = 'smtp.recordingProxyActions';
    this.status.backgroundColor = status.failed > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.status.show();
    this.statusShown = true;
  }

  hideStatus(): void {
    this.status.hide();
    this.statusShown = false;
  }

  async showMenu(status: RecordingStatus, address: string, certificatePem: string, stop: () => Promise<void>): Promise<void> {
    const last = status.last;
    const items: (vscode.QuickPickItem & { run: () => Thenable<unknown> })[] = [
      { label: '$(debug-stop) Stop', description: 'close the port; open connections are ended and recorded', run: stop },
      ...(last ? [{ label: '$(go-to-file) Open the last recording', description: path.basename(last), run: () => vscode.window.showTextDocument(vscode.Uri.file(last)) }] : []),
      { label: '$(copy) Copy address', description: address, run: () => vscode.env.clipboard.writeText(address) },
      { label: '$(key) Copy certificate', description: 'PEM, made at start for localhost and 127.0.0.1: for a client that verifies the proxy', run: () => vscode.env.clipboard.writeText(certificatePem) },
      { label: '$(output) Show Log', description: 'the "SMTP Record" output channel', run: () => Promise.resolve(this.log.show(false)) },
    ];
    const chosen = await vscode.window.showQuickPick(items, { title: `SMTP recording proxy on ${address} to ${status.upstream}` });
    await chosen?.run();
  }

  dispose(): void {
    this.log.dispose();
    this.status.dispose();
  }
}

export function recordingStatusText(status: RecordingStatus): string {
  return `$(record) SMTP record :${status.port} → ${status.upstream} · ${status.recorded} recorded${status.failed > 0 ? ` · ${status.failed} failed` : ''}`;
}
