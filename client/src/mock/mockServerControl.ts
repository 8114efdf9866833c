// "SMTP: Serve Transcript as Mock Server": plays a transcript's server side on 127.0.0.1 (the scripted server of
// `smtp-transcript mock --forever`) until stopped, one at a time. Gathers what only the editor knows (trust, secrets,
// the port setting, the include policy) and hands the parsed transcript to the engine loaded from dist/nodeEngine.js.
import { definitionsAt, MOCK_PORT_SETTING, parseTranscript, withEnvironment, type PlayedSession, type ScriptedServer, type ScriptedServerEvent } from '../../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { namedFileReader } from '../namedFileReader';
import { environmentForReplay, type PasswordStore } from '../passwords';
import { replayEngine } from '../replayEngine';
import { MOCK_ZONE_FILE_SETTING, settingKey, mockSettings } from '../settings';
import { zoneFileResolver } from '../zoneFile';
import type { WorkspaceEnvironment } from '../workspaceEnvironment';
import type { MockPresenter, MockStatus } from './mockPresenter';

/** The mock's secrets (`{{$env SMTP_PASSWORD}}`: what the client must send) are kept apart from any server's. */
export const MOCK_SECRET_SERVER = 'mock';

interface Running {
  server: ScriptedServer;
  uri: vscode.Uri;
  status: MockStatus;
}

export class MockServerControl implements vscode.Disposable {
  private current?: Running;
  private readonly played = new vscode.EventEmitter<PlayedSession>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Fires when a connection has been played and shown (its log, verdict and diagnostics are in place). */
  readonly onDidPlay = this.played.event;

  constructor(
    private readonly passwords: PasswordStore,
    readonly presenter: MockPresenter,
    private readonly environment?: WorkspaceEnvironment,
  ) {
    this.subscriptions.push(
      // Lines move when the text changes: diagnostics at the old lines would point at the wrong ones.
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && presenter.clearFindings(e.document.uri)),
    );
  }

  /** The running server, if any. */
  get running(): ScriptedServer | undefined {
    return this.current?.server;
  }

  /** Serves the document's sessions (or the given ones), each connection the next, until stopped. */
  async start(document: vscode.TextDocument, sessions?: number[]): Promise<ScriptedServer | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Serving a transcript as a mock server listens on a port and needs a trusted workspace.', 'Manage Workspace Trust').then(
        (choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'),
      );
      return undefined;
    }
    // Before anything is asked (a password) or started: a setting it cannot use is said by name.
    const settings = mockSettings();
    const file = path.basename(document.fileName);
    const parsed = parseTranscript(document.getText());
    const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (parseErrors.length > 0) {
      const first = parseErrors[0];
      throw new Error(`${file} has ${parseErrors.length} parse error(s): fix them before serving it (first: line ${first.range.start.line + 1}: ${first.message})`);
    }
    // As for replay: the active environment's entries act like directives above the first line.
    const environment = await this.environment?.forDocument(document);
    if (environment && 'problem' in environment) throw new Error(environment.problem);
    const transcript = withEnvironment(parsed, environment?.variables);
    const session = transcript.sessions[sessions?.[0] ?? 0];
    const user = session ? (definitionsAt(transcript, session, Infinity).get('user')?.value.text ?? '') : '';
    const env = await environmentForReplay(transcript, { server: MOCK_SECRET_SERVER, user }, this.passwords, process.env);
    if (!env) return undefined;
    const authentication = settings.zoneFile
      ? { resolver: await zoneFileResolver(settingKey(MOCK_ZONE_FILE_SETTING), settings.zoneFile), enforce: settings.enforceAuthentication }
      : undefined;
    // One mock at a time: the status bar item, the log and the diagnostics describe it.
    await this.stop();

    const engine = replayEngine();
    const status: MockStatus = { port: 0, file, connections: 0, passed: 0, failed: 0 };
    const log = this.presenter.log;
    let server: ScriptedServer;
    try {
      server = await engine.startScriptedServer(transcript, {
        port: settings.port,
        connections: 'forever',
        ...(authentication ? { authentication } : {}),
        ...(sessions ? { sessions } : {}),
        env,
        readInclude: namedFileReader(document),
        onEvent: (event) => this.onEvent(event, document.uri, status),
        // Each session is shown as it ends and counted in `status`: none is kept while the server runs on.
        keepResults: false,
      });
    } catch (error) {
      if (error instanceof engine.UnplayableScript) {
        this.presenter.showFindings(document.uri, error.problems.map((p) => ({ line: p.line, kind: 'transcript-error', message: p.message })));
        throw new Error(`${file} cannot be served as it is: ${error.problems.length} line(s) cannot be resolved (see the Problems panel). Nothing was started.`);
      }
      // Only a port that cannot be listened on is the port setting's fault (an empty transcript has nothing to play).
      if ((error as NodeJS.ErrnoException).syscall !== 'listen') throw new Error(`${file} cannot be served: ${(error as Error).message}.`);
      const reason = engine.cannotListen(error, [[settingKey(MOCK_PORT_SETTING), settings.port]], () => '0 picks a free port');
      throw new Error(`The mock server could not start: ${reason.replace(/\.$/, '')}.`);
    }
    status.port = server.port;
    this.current = { server, uri: document.uri, status };
    this.presenter.clearFindings();
    log.info(`serving ${document.uri.fsPath} on 127.0.0.1:${server.port} (plain and STARTTLS) until stopped`);
    await vscode.commands.executeCommand('setContext', 'smtp.mockRunning', true);
    this.presenter.showStatus(status);
    return server;
  }

  async stop(): Promise<void> {
    const running = this.current;
    if (!running) return;
    this.current = undefined;
    await running.server.close();
    this.presenter.log.info(`stopped serving ${running.status.file}: ${running.status.passed} passed, ${running.status.failed} failed`);
    this.presenter.clearFindings();
    this.presenter.hideStatus();
    await vscode.commands.executeCommand('setContext', 'smtp.mockRunning', false);
  }

  /** The status bar item's click: Stop / Show Log / Copy address. */
  async showActions(): Promise<void> {
    const running = this.current;
    if (!running) return;
    await this.presenter.showMenu(`127.0.0.1:${running.server.port}`, running.server.certificatePem, () => this.stop());
  }

  private onEvent(event: ScriptedServerEvent, uri: vscode.Uri, status: MockStatus): void {
    // Events of a server being stopped still arrive (its connections are closed): they count for nothing shown.
    const current = this.current?.status === status;
    const log = this.presenter.log;
    const engine = replayEngine();
    if (event.type === 'connection') {
      status.connections++;
      log.info(engine.mockConnectionLine(status.file, event));
    } else if (event.type === 'wire') {
      log.info(engine.mockWireLine(event.connection, event.entry));
    } else {
      if (event.result.status === 'pass') status.passed++;
      else status.failed++;
      log.info(`#${event.connection + 1} ${engine.mockSessionLines(status.file, event.result).join('\n').trimStart()}`);
      // A connection that followed the transcript clears what an earlier one left.
      if (current) this.presenter.showFindings(uri, engine.mockFindings(event.result));
    }
    if (current) this.presenter.showStatus(status);
    if (event.type === 'played') this.played.fire(event.result);
  }

  dispose(): void {
    // On deactivation the presenter goes too: close the port without telling it.
    void this.current?.server.close();
    this.current = undefined;
    this.subscriptions.forEach((s) => s.dispose());
    this.played.dispose();
  }
}
