// "SMTP: Record Sessions Through a Proxy...": the recording proxy of `smtp-transcript record --forever` on 127.0.0.1,
// between an SMTP client and a real server (HOST:PORT, or an LMTP server's UNIX-domain socket), until stopped. Each connection is relayed and written as a transcript
// into `smtp.record.folder`, offered to open as it is saved. One at a time; the status bar item shows it and stops it.
// The server's certificate is verified as replay verifies it (`smtp.replay.caFile`, `smtp.replay.insecureTlsHosts`).
import {
  endpointText,
  HOST_NAME,
  parseHostAndPort,
  RECORD_FOLDER_SETTING,
  RECORD_PORT_SETTING,
  socketPathProblem,
  unixSocketPath,
  type RecordingProxy,
  type TranscriptRecorder,
} from '../../../server/src/engine';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readCaFile } from '../replay/replayRunner';
import { replayEngine } from '../replayEngine';
import { recordingProxySettings, replaySettings, settingKey } from '../settings';
import { settingPath } from '../settingPath';
import { RecordingProxyPresenter, type RecordingStatus } from './recordingProxyPresenter';

/** How clients connect: plain (STARTTLS is terminated when a client asks and the server agrees), or implicit TLS. */
export type ClientTls = 'starttls' | 'implicit';

/** What the command may be given instead of asking (the end-to-end tests, a keybinding's args). */
export interface RecordingRequest {
  upstream?: string;
  tls?: ClientTls;
  /** A `unix:` upstream's certificate name, for TLS towards it ('' or absent: none, and TLS towards it is refused). */
  servername?: string;
}

export interface SavedRecordingFile {
  file: string;
  connection: number;
}

const LAST_UPSTREAM_KEY = 'smtp.record.lastUpstream';

interface Running {
  proxy: RecordingProxy;
  certificatePem: string;
  status: RecordingStatus;
}

export class RecordingProxyControl implements vscode.Disposable {
  private current?: Running;
  /** Starts and stops, one after the other: two at once would leave a proxy listening that nothing can stop. */
  private turn: Promise<unknown> = Promise.resolve();
  /** Transcripts being written: Stop waits for them, so that what it reports has been saved. */
  private readonly writing = new Set<Promise<void>>();
  private readonly saved = new vscode.EventEmitter<SavedRecordingFile>();
  readonly presenter = new RecordingProxyPresenter();

  /** Fires when a connection's transcript is written. */
  readonly onDidSave = this.saved.event;

  constructor(private readonly state: vscode.Memento) {}

  get running(): RecordingProxy | undefined {
    return this.current?.proxy;
  }

  async start(request: RecordingRequest = {}): Promise<RecordingProxy | undefined> {
    if (!vscode.workspace.isTrusted) throw new Error('Recording sessions through a proxy listens on a port and needs a trusted workspace.');
    const upstreamText = request.upstream ?? (await this.askUpstream());
    if (upstreamText === undefined) return undefined;
    const upstream = upstreamEndpoint(upstreamText);
    const tls = request.tls ?? (await askClientTls(upstream.port));
    if (tls === undefined) return undefined;
    // TLS towards a socket is verified against a name the path does not give (as the CLI's --tls-servername).
    const asked = request.servername ?? (unixSocketPath(upstream.host) !== undefined && request.upstream === undefined ? await askServername(tls) : '');
    if (asked === undefined) return undefined;
    if (asked !== '' && !HOST_NAME.test(asked)) throw new Error(`The name to verify the server's certificate against must be a host name, not '${asked}'.`);
    const target: Upstream = { ...upstream, ...(asked === '' ? {} : { servername: asked }) };
    const unnamed = replayEngine().unnamedSocketTls(target.host, tls, target.servername);
    if (unnamed && 'refused' in unnamed) throw new Error(`${unnamed.refused.charAt(0).toUpperCase()}${unnamed.refused.slice(1)}.`);
    return this.inTurn(() => this.startNow(upstreamText, target, tls));
  }

  stop(): Promise<void> {
    return this.inTurn(() => this.stopNow());
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const done = this.turn.then(work, work);
    this.turn = done.catch(() => undefined);
    return done;
  }

  private async startNow(upstreamText: string, upstream: Upstream, tls: ClientTls): Promise<RecordingProxy | undefined> {
    const settings = recordingProxySettings();
    const folder = settingPath(settingKey(RECORD_FOLDER_SETTING), settings.folder);
    const engine = replayEngine();
    // A folder that takes no file is said now: each recording would be lost when written.
    const folderProblem = (await engine.makeFolder(folder)) ?? (await engine.unwritableFolderProblem(folder));
    if (folderProblem) throw new Error(`${settingKey(RECORD_FOLDER_SETTING)}: ${folderProblem}`);
    const replay = replaySettings(vscode.workspace.workspaceFolders?.[0]?.uri);
    const ca = replay.caFile === undefined ? undefined : await readCaFile(replay.caFile, vscode.workspace.workspaceFolders?.[0]?.uri);
    if (ca === null) return undefined;
    await this.state.update(LAST_UPSTREAM_KEY, upstreamText);
    await this.stopNow();

    const certificate = await engine.generateTestCertificate();
    const status: RecordingStatus = { port: 0, upstream: endpointText(upstream.host, upstream.port), folder, connections: 0, recorded: 0, failed: 0 };
    const insecureTls = engine.insecureTlsFor(replay.insecureTlsHosts, upstream);
    const log = this.presenter.log;
    let proxy: RecordingProxy;
    try {
      proxy = await engine.startRecordingProxy({
        listen: { port: settings.port },
        implicitTls: tls === 'implicit',
        upstream: { ...upstream, implicitTls: tls === 'implicit', insecureTls, ...(ca ? { ca: ca.pem } : {}) },
        certificate,
        connections: 'forever',
        tap: engine.proxyRecorders(upstream, 'SMTP Transcripts (VS Code)', insecureTls ? 'smtp.replay.insecureTlsHosts' : undefined),
        onEvent: (event) => {
          const shown = this.current?.status === status;
          if (event.type === 'connection') {
            status.connections++;
            log.info(`connection ${event.index + 1} from ${event.remote}`);
          } else if (event.type === 'refused') {
            log.warn(`${event.remote}: ${event.error}`);
          } else {
            if (event.error !== undefined) {
              status.failed++;
              log.warn(`connection ${event.index + 1}: ${event.error}`);
            }
            const written = this.write(event.index, event.tap, status);
            this.writing.add(written);
            void written.finally(() => this.writing.delete(written));
          }
          if (shown) this.presenter.showStatus(status);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).syscall !== 'listen') throw error;
      throw new Error(`The recording proxy could not start: ${engine.cannotListen(error, [[settingKey(RECORD_PORT_SETTING), settings.port]], () => '0 picks a free port').replace(/\.$/, '')}.`);
    }
    status.port = proxy.port;
    this.current = { proxy, certificatePem: certificate.certificatePem, status };
    const how = tls === 'implicit' ? 'implicit TLS' : 'plain, STARTTLS terminated when asked';
    log.info(`listening on 127.0.0.1:${proxy.port} (${how}), recording sessions with ${status.upstream} into ${folder}`);
    if (insecureTls) log.warn(`smtp.replay.insecureTlsHosts names ${status.upstream}: its certificate is not verified`);
    const unnamed = engine.unnamedSocketTls(upstream.host, tls, upstream.servername);
    if (unnamed && 'warning' in unnamed) log.warn(unnamed.warning);
    await vscode.commands.executeCommand('setContext', 'smtp.recordingProxyRunning', true);
    this.presenter.showStatus(status);
    return proxy;
  }

  private async stopNow(): Promise<void> {
    const running = this.current;
    if (!running) return;
    this.current = undefined;
    // Open connections are ended and still written (the proxy's `ended` events), before Stop says how many were.
    await running.proxy.close();
    await Promise.all(this.writing);
    this.presenter.log.info(`stopped recording ${running.status.upstream}: ${running.status.recorded} recorded`);
    this.presenter.hideStatus();
    await vscode.commands.executeCommand('setContext', 'smtp.recordingProxyRunning', false);
  }

  /** The status bar item's click. */
  async showActions(): Promise<void> {
    const running = this.current;
    if (!running) return;
    await this.presenter.showMenu(running.status, `127.0.0.1:${running.proxy.port}`, running.certificatePem, () => this.stop());
  }

  private async write(index: number, recorder: TranscriptRecorder, status: RecordingStatus): Promise<void> {
    const log = this.presenter.log;
    const { text, problems } = recorder.transcript();
    if (text === '') {
      log.info(`connection ${index + 1}: nothing was said, no transcript written`);
      return;
    }
    let file: string;
    try {
      // Never over a file that is there (a recording of another run in the same second gets the next name).
      file = await replayEngine().writeNewRecording(status.folder, new Date(), index + 1, text);
    } catch (error) {
      status.failed++;
      log.error(`connection ${index + 1}: cannot write a transcript into ${status.folder}: ${(error as Error).message}`);
      if (this.current?.status === status) this.presenter.showStatus(status);
      return;
    }
    status.recorded++;
    status.last = file;
    log.info(`connection ${index + 1}: recorded ${file}`);
    for (const problem of problems) log.warn(`  ${problem.severity}: ${problem.message}`);
    if (this.current?.status === status) this.presenter.showStatus(status);
    this.saved.fire({ file, connection: index + 1 });
    // The first one is offered to open; the others (a client sending many) are counted in the status bar and logged.
    if (status.recorded > 1) return;
    const more = 'The next ones are listed in the SMTP Record log and the status bar.';
    void vscode.window.showInformationMessage(`Recorded connection ${index + 1}: ${path.basename(file)}. ${more}`, 'Open').then(async (choice) => {
      if (choice === 'Open') await vscode.window.showTextDocument(vscode.Uri.file(file));
    });
  }

  private async askUpstream(): Promise<string | undefined> {
    return vscode.window.showInputBox({
      title: 'Record Sessions Through a Proxy',
      prompt: 'The SMTP server to relay to and record, HOST:PORT (or an LMTP server on a UNIX-domain socket, unix:/path)',
      placeHolder: 'mail.example.com:587',
      value: this.state.get<string>(LAST_UPSTREAM_KEY),
      ignoreFocusOut: true,
      validateInput: (text) => upstreamProblem(text),
    });
  }

  dispose(): void {
    void this.current?.proxy.close();
    this.current = undefined;
    this.presenter.dispose();
    this.saved.dispose();
  }
}

async function askClientTls(port: number): Promise<ClientTls | undefined> {
  const items: (vscode.QuickPickItem & { tls: ClientTls })[] = [
    { label: 'Plain, STARTTLS when the client asks', description: 'as ports 25 and 587', tls: 'starttls' },
    { label: 'Implicit TLS', description: 'TLS from the first byte, as port 465 (RFC 8314)', tls: 'implicit' },
  ];
  // Port 465 is implicit TLS: offered first there.
  if (port === 465) items.reverse();
  return (await vscode.window.showQuickPick(items, { title: 'How clients connect to the proxy (and the proxy to the server)' }))?.tls;
}

/** The name a `unix:` upstream's certificate is verified against; '' for none; undefined when the user cancelled. */
function askServername(tls: ClientTls): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Record Sessions Through a Proxy',
    prompt:
      tls === 'implicit'
        ? "The name the server's certificate is verified against (a UNIX-domain socket gives none)"
        : "The name the server's certificate is verified against when a client starts TLS; empty: none, and a client's STARTTLS is refused",
    placeHolder: 'mail.example.com',
    ignoreFocusOut: true,
    validateInput: (text) => (text === '' ? (tls === 'implicit' ? 'Implicit TLS needs the name' : undefined) : HOST_NAME.test(text) ? undefined : 'A host name, e.g. mail.example.com'),
  });
}

interface Upstream {
  host: string;
  port: number;
  /** For TLS towards a `unix:` socket. */
  servername?: string;
}

const UPSTREAM_SYNTAX = 'HOST:PORT, e.g. mail.example.com:587 or [::1]:2525, or unix:/absolute/path for a UNIX-domain socket';

/** HOST:PORT or `unix:/path`, as `smtp-transcript record --upstream` takes it; undefined when usable. */
function upstreamProblem(text: string): string | undefined {
  const socket = unixSocketPath(text);
  if (socket !== undefined) return socketPathProblem(socket);
  return parseHostAndPort(text) ? undefined : UPSTREAM_SYNTAX;
}

function upstreamEndpoint(text: string): Upstream {
  const problem = upstreamProblem(text);
  if (problem !== undefined) throw new Error(problem === UPSTREAM_SYNTAX ? `The server to record must be ${UPSTREAM_SYNTAX}, not '${text}'.` : `${text}: ${problem}.`);
  // A socket has no port (0, as `record --upstream unix:/path` has it).
  return parseHostAndPort(text) ?? { host: text, port: 0 };
}

