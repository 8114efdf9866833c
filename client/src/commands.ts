// The `smtp.*` commands: each gathers the editor's context and calls one piece of the replay machinery. Loaded with
// the first command (dist/commandParts.js), not at activation.
import { parseTranscript, sessionIndexAt } from '../../server/src/engine';
import * as vscode from 'vscode';
import type { CommandId } from './commandIds';
import type { ExtensionLog } from './extensionLog';
import type { LocalServerControl } from './localServerControl';
import type { MockServerControl } from './mock/mockServerControl';
import type { RecordingProxyControl, RecordingRequest } from './record/recordingProxyControl';
import { newTranscriptFromOutput } from './importCommand';
import { copySessionAs } from './copySessionCommand';
import { newTranscript, openExample } from './newTranscript';
import { APPLY_COMMAND, DISCARD_COMMAND, type ExpectationsView } from './replay/expectationsView';
import type { ReplayPresenter } from './replay/replayPresenter';
import type { ReplayRunner } from './replay/replayRunner';
import { LOCAL_SERVER_PASSWORD_SCOPE, type PasswordStore } from './passwords';
import type { ResultView } from './results/resultView';
import { localServerSettings } from './settings';
import { LOCAL_TARGET, parseServer } from './targetPicker';
import { CHOOSE_TARGET_COMMAND, type WorkspaceTarget } from './workspaceTarget';
import { CHOOSE_ENVIRONMENT_COMMAND, type WorkspaceEnvironment } from './workspaceEnvironment';

interface Parts {
  runner: ReplayRunner;
  presenter: ReplayPresenter;
  localServer: LocalServerControl;
  mock: MockServerControl;
  recorder: RecordingProxyControl;
  passwords: PasswordStore;
  log: ExtensionLog;
  target: WorkspaceTarget;
  environment: WorkspaceEnvironment;
  expectations: ExpectationsView;
  results: ResultView;
}

// VS Code hands command arguments over untyped; each command below declares what it accepts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandler = (...args: any[]) => unknown;

/** What each command does; extension.ts registers every id (reporting errors) before this module is loaded. */
export function commandHandlers(context: vscode.ExtensionContext, parts: Parts): Record<CommandId, CommandHandler> {
  const { runner, presenter, localServer, mock, recorder, passwords, log, target, environment, expectations, results } = parts;
  return {
    'smtp.replay': async (uri?: vscode.Uri | string) => {
      const document = await transcriptDocument(uri);
      return document && runner.run(document);
    },
    'smtp.replaySession': async (uri?: vscode.Uri | string, session?: unknown) => {
      const document = await transcriptDocument(uri);
      if (!document) return undefined;
      // Menus pass other arguments after the URI; only the code lens passes a session index.
      const index = typeof session === 'number' ? session : sessionAtCursor(document);
      return runner.run(document, { sessions: [index] });
    },
    'smtp.updateExpectations': async (uri?: vscode.Uri | string, session?: unknown, options?: { confirm?: boolean }) => {
      const document = await transcriptDocument(uri);
      if (!document) return undefined;
      const result = await runner.run(document, typeof session === 'number' ? { sessions: [session] } : {});
      if (!result) return undefined;
      const confirm = options?.confirm === false ? () => Promise.resolve(true) : undefined;
      return expectations.update(document, result, confirm);
    },
    [APPLY_COMMAND]: (uri?: vscode.Uri) => expectations.apply(uri instanceof vscode.Uri ? uri : undefined),
    [DISCARD_COMMAND]: (uri?: vscode.Uri) => expectations.discard(uri instanceof vscode.Uri ? uri : undefined),
    'smtp.showActualTranscript': async (uri?: vscode.Uri | string) => {
      const document = await transcriptDocument(uri);
      // Without a transcript, transcriptDocument has said so: one message, not a second about its result.
      if (!document) return undefined;
      const result = presenter.lastResult(document.uri);
      if (!result) {
        void vscode.window.showInformationMessage('Replay the transcript first: there is no result for its current text.');
        return undefined;
      }
      return expectations.show(document, result);
    },
    'smtp.startLocalServer': async () => {
      if (!vscode.workspace.isTrusted) throw new Error('The local test server needs a trusted workspace.');
      const server = await localServer.start();
      void vscode.window.showInformationMessage(localServer.summary, 'Copy Address', 'Show Log').then(async (choice) => {
        if (choice === 'Copy Address') await vscode.env.clipboard.writeText(`${server.host}:${server.port}`);
        if (choice === 'Show Log') await vscode.commands.executeCommand('smtp.showLocalServerLog');
      });
      return server;
    },
    'smtp.stopLocalServer': () => localServer.stop(),
    'smtp.openReceivedMessage': () => localServer.openReceivedMessage(),
    'smtp.newTranscript': (template?: unknown) => newTranscript(context.extensionUri, typeof template === 'string' ? template : undefined),
    'smtp.openExample': () => openExample(context.extensionUri),
    'smtp.serveMock': async (uri?: vscode.Uri | string, session?: unknown) => {
      const document = await transcriptDocument(uri);
      // The code lens passes a session index: that session for every connection; else each session in turn.
      return document && mock.start(document, typeof session === 'number' ? [session] : undefined);
    },
    'smtp.stopMock': () => mock.stop(),
    'smtp.mockServerActions': () => mock.showActions(),
    // A keybinding or a test may give the server and the mode: `{ "upstream": "mx.example.com:587", "tls": "starttls" }`.
    'smtp.recordThroughProxy': (request?: RecordingRequest) => recorder.start(typeof request === 'object' && request !== null ? request : {}),
    'smtp.stopRecordingProxy': () => recorder.stop(),
    'smtp.recordingProxyActions': () => recorder.showActions(),
    'smtp.showLog': () => log.show(true),
    'smtp.showLocalServerLog': () => localServer.showLog(),
    [CHOOSE_TARGET_COMMAND]: () => target.choose(),
    [CHOOSE_ENVIRONMENT_COMMAND]: () => environment.choose(),
    'smtp.setPassword': () => setPassword(passwords),
    'smtp.copySessionAs': (target?: unknown) => copySessionAs(target),
    'smtp.importTranscript': (text?: unknown) => newTranscriptFromOutput(typeof text === 'string' ? text : undefined),
    'smtp.clearPasswords': async () => {
      const count = await passwords.clearAll();
      void vscode.window.showInformationMessage(`Cleared ${count} stored SMTP password(s).`);
    },
    'smtp.showResultView': () => results.show(),
  };
}

/**
 * The transcript a command is about: the URI it was given (a Uri from menus, a string from the language server's
 * code lenses), else the active editor's document.
 */
async function transcriptDocument(uri?: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return openTranscript(uri);
  if (typeof uri === 'string' && uri !== '') return openTranscript(vscode.Uri.parse(uri));
  const document = vscode.window.activeTextEditor?.document;
  if (document?.languageId === 'smtp') return document;
  void vscode.window.showErrorMessage('Open an SMTP transcript (.smtp) first.');
  return undefined;
}

/** The document at `uri`; a file that is not there is said so in a line, not in VS Code's "cannot open ... Detail: ...". */
async function openTranscript(uri: vscode.Uri): Promise<vscode.TextDocument> {
  try {
    return await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    const shown = uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
    const exists = await Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
    throw new Error(exists ? `${shown}: cannot be opened: ${(error as Error).message}` : `${shown}: no such file`);
  }
}

function sessionAtCursor(document: vscode.TextDocument): number {
  const editor = vscode.window.activeTextEditor;
  const line = editor?.document === document ? editor.selection.active.line : 0;
  return sessionIndexAt(parseTranscript(document.getText()), line);
}

async function setPassword(passwords: PasswordStore): Promise<void> {
  const server = await vscode.window.showInputBox({
    title: 'Set Password (1/3): server',
    prompt: 'host:port of the server the password is for, or "local" for the local test server',
    validateInput: (v) => (v === LOCAL_TARGET || parseServer(v) ? undefined : 'Expected host:port or local'),
  });
  if (!server) return;
  const local = server === LOCAL_TARGET;
  const user = await vscode.window.showInputBox({
    title: 'Set Password (2/3): user',
    prompt: local ? 'The @user of the transcripts: the account the local test server accepts' : 'The @user of the transcripts (may be empty)',
    ...(local ? { value: localServerSettings().user } : {}),
  });
  if (user === undefined) return;
  const variable = await vscode.window.showInputBox({
    title: 'Set Password (3/3): variable',
    prompt: 'The environment variable the transcript reads with {{$env NAME}}',
    value: 'SMTP_PASSWORD',
  });
  if (!variable) return;
  const value = await vscode.window.showInputBox({ title: `Password for ${user || 'any user'} on ${server}`, password: true, ignoreFocusOut: true });
  if (value === undefined) return;
  // Keyed as a replay looks it up (ReplayRunner: "local" for the local server, whatever its port).
  await passwords.set(passwords.key({ server, user }, variable), value);
  // For "local" the server side is ours too: the local test server accepts the same password (from its next start),
  // so a replay against it authenticates with what was typed here.
  if (local) await passwords.set(passwords.key(LOCAL_SERVER_PASSWORD_SCOPE, 'password'), value);
  const where = local ? 'the local test server (it accepts it from its next start)' : server;
  void vscode.window.showInformationMessage(`Password stored in VS Code's secret storage for ${user || 'any user'} on ${where}.`);
}
