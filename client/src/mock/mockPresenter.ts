// Shows a running mock server where the eye is: its port and connection count in the status bar (a click opens
// Stop / Show Log / Copy address), each connection's wire lines and verdict in the "SMTP Mock" output channel, and
// where a client deviated as an `smtp-mock` diagnostic on the transcript's `C:` line.
import type { MockFinding } from '../../../server/src/engine';
import * as vscode from 'vscode';
import { ExtensionLog } from '../extensionLog';

/** What the status bar says of a running mock. */
export interface MockStatus {
  port: number;
  file: string;
  connections: number;
  passed: number;
  failed: number;
}

export class MockPresenter implements vscode.Disposable {
  /** The live log, with its lines kept in memory for the end-to-end tests. */
  readonly log = new ExtensionLog('SMTP Mock');
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('smtp-mock');
  private readonly status = vscode.window.createStatusBarItem('smtp.mock', vscode.StatusBarAlignment.Left, 8);
  private readonly menuShown = new vscode.EventEmitter<void>();
  private statusShown = false;

  /** Fires once the status bar's quick pick is showing (the end-to-end tests choose an item then). */
  readonly onDidShowMenu = this.menuShown.event;

  constructor() {
    this.status.name = 'SMTP Mock Server';
  }

  /** What the status bar item says, or undefined while it is hidden. */
  get statusBarText(): string | undefined {
    return this.statusShown ? this.status.text : undefined;
  }

  /** The command a click on the status bar item runs. */
  get statusBarCommand(): string | undefined {
    return typeof this.status.command === 'string' ? this.status.command : this.status.command?.command;
  }

  showStatus(status: MockStatus): void {
    this.status.text = mockStatusText(status);
    this.status.tooltip = new vscode.MarkdownString(
      `**SMTP mock server** playing \`${status.file}\`\n\n- address: \`127.0.0.1:${status.port}\` (plain and STARTTLS)\n` +
        `- connections: ${status.connections} (${status.passed} followed the transcript, ${status.failed} did not)\n\nClick to stop it, show its log or copy its address.`,
    );
    this.status.command = 'smtp.mockServerActions';
    this.status.backgroundColor = status.failed > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.status.show();
    this.statusShown = true;
  }

  hideStatus(): void {
    this.status.hide();
    this.statusShown = false;
  }

  /** Findings replace the document's `smtp-mock` diagnostics; none clears them. */
  showFindings(uri: vscode.Uri, findings: readonly MockFinding[]): void {
    if (findings.length === 0) return this.diagnostics.delete(uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    this.diagnostics.set(
      uri,
      findings.map((finding) => {
        const range = document ? document.lineAt(Math.min(finding.line, document.lineCount - 1)).range : new vscode.Range(finding.line, 0, finding.line, 0);
        const diagnostic = new vscode.Diagnostic(range, finding.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'smtp-mock';
        diagnostic.code = finding.kind;
        return diagnostic;
      }),
    );
  }

  clearFindings(uri?: vscode.Uri): void {
    if (uri) this.diagnostics.delete(uri);
    else this.diagnostics.clear();
  }

  /** Stop / Show Log / Copy address (and the certificate, for a client that verifies it), for the status bar's click. */
  async showMenu(address: string, certificatePem: string, stop: () => Promise<void>): Promise<void> {
    const items: (vscode.QuickPickItem & { run: () => Thenable<unknown> })[] = [
      { label: '$(debug-stop) Stop', description: 'close the port and every connection', run: stop },
      { label: '$(output) Show Log', description: 'the "SMTP Mock" output channel', run: () => Promise.resolve(this.log.show(false)) },
      { label: '$(copy) Copy address', description: address, run: () => vscode.env.clipboard.writeText(address) },
      {
        label: '$(key) Copy certificate',
        description: 'PEM, made at start for localhost and 127.0.0.1',
        run: () => vscode.env.clipboard.writeText(certificatePem),
      },
    ];
    const pick = vscode.window.createQuickPick<(typeof items)[number]>();
    pick.title = `SMTP mock server on ${address}`;
    pick.items = items;
    const chosen = new Promise<(typeof items)[number] | undefined>((resolve) => {
      pick.onDidAccept(() => resolve(pick.selectedItems[0] ?? pick.activeItems[0]));
      pick.onDidHide(() => resolve(undefined));
    });
    pick.show();
    this.menuShown.fire();
    const item = await chosen;
    pick.dispose();
    await item?.run();
  }

  dispose(): void {
    this.log.dispose();
    this.diagnostics.dispose();
    this.status.dispose();
    this.menuShown.dispose();
  }
}

export function mockStatusText(status: MockStatus): string {
  const connections = `${status.connections} connection${status.connections === 1 ? '' : 's'}`;
  return `$(broadcast) SMTP mock :${status.port} · ${connections}${status.failed > 0 ? ` · ${status.failed} failed` : ''}`;
}
