// Starts the bundled language server over IPC; the client restarts it if it dies (vscode-languageclient's default
// error handler restarts up to 4 times in 3 minutes) and forwards `smtp.*` settings changes to it. Bundled apart
// (dist/languageClient.js, most of it vscode-languageclient) and loaded right after activate() returns, once the
// server's process is already starting (serverProcess.ts).
import * as vscode from 'vscode';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { IPCMessageReader, IPCMessageWriter, LanguageClient, NotificationType, RequestType, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ACTIVE_ENVIRONMENT_METHOD, SESSIONS_METHOD, type ActiveEnvironmentParams, type SessionsParams, type SessionsResult } from '../../server/src/engine/clientMessages';
import { isReplayable } from './replayableDocument';
import { debuggingExtensionHost, forkLanguageServer, type ServerLaunch } from './serverProcess';

const ACTIVE_ENVIRONMENT_NOTIFICATION = new NotificationType<ActiveEnvironmentParams>(ACTIVE_ENVIRONMENT_METHOD);
const SESSIONS_REQUEST = new RequestType<SessionsParams, SessionsResult, void>(SESSIONS_METHOD);

/**
 * Starts the client on `prestarted` (forked before this bundle was evaluated: serverProcess.ts), or on a server it
 * forks; a restart forks a new one. Under a debugger the library starts the server itself, with an inspector port.
 */
export async function startLanguageClient(context: vscode.ExtensionContext, launch: ServerLaunch, prestarted?: ChildProcess): Promise<LanguageClient> {
  const outputChannel = vscode.window.createOutputChannel(SERVER_NAME, { log: true });
  context.subscriptions.push(outputChannel);
  const { module, env } = launch;
  let next = prestarted;
  let running: ChildProcess | undefined;
  const serverOptions: ServerOptions = debuggingExtensionHost()
    ? {
        run: { module, transport: TransportKind.ipc, options: { env } },
        debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6010'] } },
      }
    : async () => {
        const child = next ?? forkLanguageServer(launch);
        next = undefined;
        running = child;
        // As the library shows a server's output: stdout lines as info, stderr lines as errors.
        if (child.stdout) createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => outputChannel.info(line));
        if (child.stderr) createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => outputChannel.error(line));
        return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
      };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'smtp' }],
    outputChannel,
    // The server offers code lenses, which name this extension's commands, only to this client (lsp/clientSupport.ts).
    initializationOptions: { vscodeCommands: true },
    // Replay, Update expectations and Serve as Mock: not on a git: version or a diff's read-only side.
    middleware: { provideCodeLenses: (document, token, next) => (isReplayable(document.uri) ? next(document, token) : []) },
    synchronize: {
      configurationSection: 'smtp',
      // smtp-environments.json too: the active environment's variables are read again when it changes.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.smtplintrc.json'), vscode.workspace.createFileSystemWatcher('**/smtp-environments.json')],
    },
  };
  const client = new LanguageClient('smtp', SERVER_NAME, serverOptions, clientOptions);
  context.subscriptions.push(client);
  // The library ends a server it forked itself if it outlives `exit`; this one is ours to end.
  context.subscriptions.push({ dispose: () => endLater(running) });
  try {
    await client.start();
  } catch (error) {
    next?.kill();
    throw error;
  }
  return client;
}

const SERVER_NAME = 'SMTP Language Server';

/** A server still running two seconds after the client stopped (it answers `exit` by ending) is ended. */
function endLater(child: ChildProcess | undefined): void {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }, 2000).unref();
}

/** The language server lints and hovers with the active environment's variables. */
export function tellActiveEnvironment(client: LanguageClient, name: string | undefined): void {
  void client.sendNotification(ACTIVE_ENVIRONMENT_NOTIFICATION, { name: name ?? null });
}

/** The sessions the server parsed for `document`'s current version (null: it has not opened the document). */
export function sessionListing(client: LanguageClient, document: vscode.TextDocument): Promise<SessionsResult> {
  return client.sendRequest(SESSIONS_REQUEST, { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } });
}
