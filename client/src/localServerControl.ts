// Start/stop the built-in local SMTP test server from the editor; its port in the status bar, its messages openable.
import {
  LOCAL_SERVER_MAIL_DIRECTORY_SETTING,
  LOCAL_SERVER_PORT_SETTING,
  LOCAL_SERVER_RECORD_SETTING,
  LOCAL_SERVER_TLS_PORT_SETTING,
  type LocalServer,
  type RecordingFolder,
} from '../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionLog } from './extensionLog';
import { replayEngine } from './replayEngine';
import { LOCAL_SERVER_ZONE_FILE_SETTING, settingKey, localServerSettings, TEST_SERVER_DEFAULTS } from './settings';
import { settingPath } from './settingPath';
import { zoneFileResolver } from './zoneFile';
import { answerWord } from '../../server/src/engine';

export class LocalServerControl implements vscode.Disposable {
  private server?: LocalServer;
  /** What a client needs besides the ports: the AUTH account (a stored password is never shown) and the refusals. */
  private account = '';
  /** Where its sessions are recorded as transcripts (smtp.localServer.recordSessions). */
  private recordings?: RecordingFolder;
  private readonly status = vscode.window.createStatusBarItem('smtp.localServer', vscode.StatusBarAlignment.Left, 10);

  constructor(
    private readonly storage: vscode.Uri,
    private readonly log: ExtensionLog,
    private readonly password: () => Thenable<string | undefined>,
  ) {
    this.status.name = 'SMTP Local Test Server';
  }

  get running(): LocalServer | undefined {
    return this.server;
  }

  /** Starts the server unless it runs; a setting it cannot use, or a port it cannot listen on, is said by name. */
  async start(): Promise<LocalServer> {
    if (this.server) return this.server;
    const settings = localServerSettings();
    const engine = replayEngine();
    const ports = [[settingKey(LOCAL_SERVER_PORT_SETTING), settings.port], [settingKey(LOCAL_SERVER_TLS_PORT_SETTING), settings.tlsPort]] as const;
    const clash = engine.sharedPortProblem(...ports);
    if (clash) throw new Error(clash);
    const mailDirSetting = settingKey(LOCAL_SERVER_MAIL_DIRECTORY_SETTING);
    const mailDir = settings.mailDirectory ? settingPath(mailDirSetting, settings.mailDirectory) : path.join(this.storage.fsPath, 'local-server-mail');
    const mailDirName = settings.mailDirectory ? `${mailDirSetting} ${mailDir}` : `The local test server's mail folder ${mailDir}`;
    await folderFor(mailDir, mailDirName);
    const authentication = settings.zoneFile ? { resolver: await zoneFileResolver(settingKey(LOCAL_SERVER_ZONE_FILE_SETTING), settings.zoneFile), enforce: settings.enforceAuthentication } : undefined;
    const stored = await this.password();
    const password = stored === undefined ? `password "${TEST_SERVER_DEFAULTS.password}"` : 'the password stored for "local"';
    const refused = settings.rejectDomains.length > 0 ? `; recipients at ${settings.rejectDomains.join(', ')} get 550` : '';
    this.account = `AUTH as "${settings.user}" with ${password}${refused}`;
    this.recordings = undefined;
    if (settings.recordSessions) {
      const folder = path.join(path.dirname(mailDir), 'local-server-sessions');
      await folderFor(folder, `Recording sessions (${settingKey(LOCAL_SERVER_RECORD_SETTING)}) in ${folder}`);
      this.recordings = engine.recordingFolder(folder, {
        recorder: 'the editor\'s local test server',
        onSaved: (r) => {
          this.log.info(`recorded the session from ${r.client} as ${r.file}`);
          this.updateStatus();
        },
        onError: (message) => this.log.warn(`recording a session: ${message}`),
      });
    }
    try {
      this.server = await engine.startLocalServer({
        ...(this.recordings ? { recordSession: this.recordings.tap } : {}),
        port: settings.port,
        tlsPort: settings.tlsPort,
        mailDir,
        user: { name: settings.user, password: stored ?? TEST_SERVER_DEFAULTS.password },
        rejectDomains: settings.rejectDomains,
        pace: { commandTimeoutMs: settings.commandTimeoutMs, minBytesPerSecond: settings.minBytesPerSecond },
        ...(authentication ? { authentication } : {}),
        onAuthentication: (a) => this.log.info(`message from <${a.mailFrom}>: ${a.summary}${a.refused ? `: ${answerWord(a.refused)} ${a.refused}` : ''}`),
        onLog: (line) => this.log.info(line),
        onMessage: (message) => {
          this.log.info(`stored ${message.file} (${message.size} octets) from <${message.mailFrom}>`);
          this.updateStatus();
        },
      });
    } catch (error) {
      this.recordings = undefined;
      const reason = engine.cannotListen(error, ports, () => '0 picks a free port');
      throw new Error(`The local test server could not start: ${reason.replace(/\.$/, '')}.`);
    }
    await vscode.commands.executeCommand('setContext', 'smtp.localServerRunning', true);
    this.updateStatus();
    return this.server;
  }

  showLog(): void {
    this.log.show(true);
  }

  /** One line for notifications: where it listens and how to use it. */
  get summary(): string {
    const server = this.server;
    if (!server) return 'The local test server is not running.';
    return `Local SMTP test server on ${server.host}:${server.port} (STARTTLS) and ${server.host}:${server.tlsPort} (implicit TLS); ${this.account}.`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
    await vscode.commands.executeCommand('setContext', 'smtp.localServerRunning', false);
    this.status.hide();
  }

  /** Received messages and recorded sessions, newest first; a message opens as .eml, a session as a transcript. */
  async openReceivedMessage(): Promise<void> {
    const messages = [...(this.server?.messages ?? [])].reverse();
    const sessions = [...(this.recordings?.saved ?? [])].reverse();
    if (messages.length === 0 && sessions.length === 0) {
      void vscode.window.showInformationMessage('The local test server has not received a message or recorded a session yet.');
      return;
    }
    const items: Array<vscode.QuickPickItem & { file?: string }> = [
      ...(messages.length > 0 ? [{ label: 'Messages', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...messages.map((m) => ({
        label: `$(mail) ${m.recipients.join(', ')}`,
        description: `from <${m.mailFrom}> · ${m.size} octets${m.secure ? ' · TLS' : ''}${m.authentication ? ` · ${m.authentication}` : ''}`,
        detail: m.receivedAt.toLocaleString(),
        file: m.file,
      })),
      ...(sessions.length > 0 ? [{ label: 'Recorded sessions (transcripts)', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...sessions.map((r) => ({
        label: `$(record) session from ${r.client}`,
        description: path.basename(r.file),
        detail: r.startedAt.toLocaleString(),
        file: r.file,
      })),
    ];
    // Each list holds the newest only (LISTED_NEWEST); the files of the older ones are where the newest are.
    const server = this.server;
    const unlisted = (server ? server.received - messages.length : 0) + (this.recordings ? this.recordings.savedCount - sessions.length : 0);
    const title = unlisted > 0 ? `Received by the local test server (the newest; ${unlisted} older ones are in the same folders)` : 'Received by the local test server';
    const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
    if (picked?.file) await vscode.window.showTextDocument(vscode.Uri.file(picked.file));
  }

  /** The sessions recorded so far (for the end-to-end tests). */
  get recordedSessions(): readonly string[] {
    return (this.recordings?.saved ?? []).map((r) => r.file);
  }

  private updateStatus(): void {
    const server = this.server;
    if (!server) return;
    this.status.text = `$(server-process) SMTP ${server.host}:${server.port}`;
    this.status.tooltip = new vscode.MarkdownString(
      `**Local SMTP test server**\n\n- STARTTLS: \`${server.host}:${server.port}\`\n- implicit TLS: \`${server.host}:${server.tlsPort}\`\n- ${this.account}\n- messages received: ${server.received}${this.recordings ? `, sessions recorded: ${this.recordings.savedCount}` : ''}\n\n[Open a message](command:smtp.openReceivedMessage) · [Stop](command:smtp.stopLocalServer)`,
    );
    this.status.tooltip.isTrusted = { enabledCommands: ['smtp.openReceivedMessage', 'smtp.stopLocalServer'] };
    this.status.command = 'smtp.openReceivedMessage';
    this.status.show();
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
  }
}

/** Makes the folder the server writes into, or says why it cannot be one: `what` names the setting it comes from. */
async function folderFor(folder: string, what: string): Promise<void> {
  const problem = await replayEngine().makeFolder(folder);
  if (problem) throw new Error(`${what}: ${problem}`);
}
