// The VS Code client: starts the language server, creates the replay pieces and registers the commands.
// Every command is a line here; the work happens in the editor-independent engine, loaded on first replay.
import { sinceModuleLoad, moduleLoadStartedAt, type ActivationTimings } from './activationClock';
import * as vscode from 'vscode';
import { ExtensionLog } from './extensionLog';
import { startLanguageClient } from './languageClient';
import { LocalServerControl } from './localServerControl';
import { MockPresenter } from './mock/mockPresenter';
import { MockServerControl } from './mock/mockServerControl';
import { LOCAL_SERVER_PASSWORD_SCOPE, PasswordStore } from './passwords';
import { registerCommands } from './commands';
import { EmptyTranscriptHint } from './newTranscript';
import { AcceptActualReply } from './replay/acceptActualReply';
import { ExpectationsView } from './replay/expectationsView';
import { ReplayPresenter } from './replay/replayPresenter';
import { ReplayRunner } from './replay/replayRunner';
import { ResultView } from './results/resultView';
import { TranscriptTests } from './testing/transcriptTests';
import { WorkspaceTarget } from './workspaceTarget';
import { WorkspaceEnvironment } from './workspaceEnvironment';
import { ACTIVE_ENVIRONMENT_NOTIFICATION } from './languageClient';
import type { LanguageClient } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
// extension.ts is the bundle's entry: its body runs after every module it imports has been evaluated.
const moduleEvaluatedMs = sinceModuleLoad();

/** What the extension exports: used by its end-to-end tests (and by other extensions that want to replay). */
export interface SmtpTranscriptsApi {
  runner: ReplayRunner;
  presenter: ReplayPresenter;
  localServer: LocalServerControl;
  /** The mock server the editor runs ("Serve Transcript as Mock Server"), with its status bar item and log. */
  mock: MockServerControl;
  tests: TranscriptTests;
  passwords: PasswordStore;
  /** The workspace's replay target (status bar). */
  target: WorkspaceTarget;
  /** The workspace's active environment of smtp-environments.json (status bar). */
  environment: WorkspaceEnvironment;
  /** Expected vs actual diffs and pending updates of expectations. */
  expectations: ExpectationsView;
  emptyHint: EmptyTranscriptHint;
  /** The result view beside the editor and each file's run history. */
  results: ResultView;
  /** The output channel, with the lines it showed kept in memory. */
  log: ExtensionLog;
  /** The local test server's output channel. */
  localServerLog: ExtensionLog;
  /** Resolves once the language server has answered `initialize`. */
  languageServerReady: Promise<void>;
  timings: ActivationTimings;
}

export function activate(context: vscode.ExtensionContext): SmtpTranscriptsApi {
  const timings: ActivationTimings = { moduleLoadStartedAt, moduleEvaluatedMs, activateCalledMs: sinceModuleLoad(), activateMs: 0 };
  const log = new ExtensionLog();
  const passwords = new PasswordStore(context.secrets, context.globalState);
  // The server's own channel: its lines would otherwise repeat every exchange of a replay against it.
  const localServerLog = new ExtensionLog('SMTP Local Server');
  const localServer = new LocalServerControl(context.globalStorageUri, localServerLog, () =>
    passwords.get(passwords.key(LOCAL_SERVER_PASSWORD_SCOPE, 'password')),
  );
  const presenter = new ReplayPresenter(vscode.Uri.joinPath(context.extensionUri, 'client', 'media'), log);
  const target = new WorkspaceTarget(context.workspaceState, context.globalState);
  const environment = new WorkspaceEnvironment(context.workspaceState);
  const runner = new ReplayRunner(passwords, localServer, presenter, target, environment);
  const tests = new TranscriptTests(runner);
  const expectations = new ExpectationsView();
  const emptyHint = new EmptyTranscriptHint();
  const acceptActual = vscode.languages.registerCodeActionsProvider({ language: 'smtp' }, new AcceptActualReply(presenter), {
    providedCodeActionKinds: AcceptActualReply.kinds,
  });
  const mockPresenter = new MockPresenter();
  const mock = new MockServerControl(passwords, mockPresenter, environment);
  target.showFor(vscode.window.activeTextEditor);
  environment.showFor(vscode.window.activeTextEditor);
  context.subscriptions.push(environment, vscode.window.onDidChangeActiveTextEditor((e) => environment.showFor(e)));
  context.subscriptions.push(log, localServerLog, localServer, presenter, tests, target, expectations, emptyHint, acceptActual, mock, mockPresenter, vscode.window.onDidChangeActiveTextEditor((e) => target.showFor(e)));
  registerCommands(context, { runner, presenter, localServer, mock, passwords, log, target, environment, expectations });
  const results = new ResultView();
  context.subscriptions.push(
    results,
    runner.onDidReplay(({ document, result }) => results.replayed(document, result)),
    presenter.onDidClear((uri) => results.clear(uri)),
    vscode.commands.registerCommand('smtp.showResultView', () => results.show()),
  );

  const languageServerReady = startLanguageClient(context).then((c) => {
    client = c;
    // The language server lints and hovers with the active environment's variables.
    const tell = (name: string | undefined) => void c.sendNotification(ACTIVE_ENVIRONMENT_NOTIFICATION, { name: name ?? null });
    tell(environment.name);
    context.subscriptions.push(environment.onDidChange(tell));
    timings.languageServerReadyMs = sinceModuleLoad();
  });
  languageServerReady.catch((error: Error) => log.error(`The SMTP language server did not start: ${error.message}`));
  timings.activateMs = sinceModuleLoad();
  return { runner, presenter, localServer, mock, tests, passwords, target, environment, expectations, emptyHint, results, log, localServerLog, languageServerReady, timings };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
