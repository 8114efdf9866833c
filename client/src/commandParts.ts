// What the commands drive, made on the first command (or the first use of the extension's API): the replay runner and
// its presenter, the result view, expected-vs-actual diffs, the local and mock servers, stored passwords, import and
// export. Bundled apart as dist/commandParts.js so that activation evaluates only the language client and the
// registrations (extension.ts); the replay engine itself loads later still, on first replay (dist/nodeEngine.js).
import * as vscode from 'vscode';
import { commandHandlers, type CommandHandler } from './commands';
import type { CommandId } from './commandIds';
import { ExtensionLog } from './extensionLog';
import { LocalServerControl } from './localServerControl';
import { MockPresenter } from './mock/mockPresenter';
import { MockServerControl } from './mock/mockServerControl';
import { RecordingProxyControl } from './record/recordingProxyControl';
import { LOCAL_SERVER_PASSWORD_SCOPE, PasswordStore } from './passwords';
import { AcceptActualReply } from './replay/acceptActualReply';
import { ExpectationsView } from './replay/expectationsView';
import { ReplayPresenter } from './replay/replayPresenter';
import { ReplayRunner } from './replay/replayRunner';
import { ResultView } from './results/resultView';
import type { TranscriptTests } from './testing/transcriptTests';
import type { WorkspaceEnvironment } from './workspaceEnvironment';
import type { WorkspaceTarget } from './workspaceTarget';

// The engine's reading of transcripts and environment files, for the Testing view and the environment picker.
export { parseTranscript, decodeTranscript, listedSessions, readRegularFile } from '../../server/src/engine';
export { environmentNames, environmentVariables, findEnvironmentFile, parseEnvironmentFile } from '../../server/src/engine';

/** What activation made itself and hands over: the output channel, the status bar's target and environment, tests. */
export interface ActivationParts {
  log: ExtensionLog;
  target: WorkspaceTarget;
  environment: WorkspaceEnvironment;
  tests: TranscriptTests;
}

export interface CommandParts {
  runner: ReplayRunner;
  presenter: ReplayPresenter;
  localServer: LocalServerControl;
  localServerLog: ExtensionLog;
  mock: MockServerControl;
  recorder: RecordingProxyControl;
  passwords: PasswordStore;
  expectations: ExpectationsView;
  results: ResultView;
  acceptActual: AcceptActualReply;
  commands: Record<CommandId, CommandHandler>;
}

export function createCommandParts(context: vscode.ExtensionContext, { log, target, environment, tests }: ActivationParts): CommandParts {
  const passwords = new PasswordStore(context.secrets, context.globalState);
  // The server's own channel: its lines would otherwise repeat every exchange of a replay against it.
  const localServerLog = new ExtensionLog('SMTP Local Server');
  const localServer = new LocalServerControl(context.globalStorageUri, localServerLog, () =>
    passwords.get(passwords.key(LOCAL_SERVER_PASSWORD_SCOPE, 'password')),
  );
  const presenter = new ReplayPresenter(vscode.Uri.joinPath(context.extensionUri, 'client', 'media'), log);
  const runner = new ReplayRunner(passwords, localServer, presenter, target, environment);
  const expectations = new ExpectationsView();
  const acceptActual = new AcceptActualReply(presenter);
  const mockPresenter = new MockPresenter();
  const mock = new MockServerControl(passwords, mockPresenter, environment);
  const results = new ResultView();
  const recorder = new RecordingProxyControl(context.workspaceState);
  tests.showReplaysOf(runner);
  context.subscriptions.push(
    localServerLog,
    localServer,
    presenter,
    expectations,
    mock,
    mockPresenter,
    recorder,
    results,
    runner.onDidReplay(({ document, result }) => results.replayed(document, result)),
    presenter.onDidClear((uri) => results.clear(uri)),
  );
  const commands = commandHandlers(context, { runner, presenter, localServer, mock, recorder, passwords, log, target, environment, expectations, results });
  return { runner, presenter, localServer, localServerLog, mock, recorder, passwords, expectations, results, acceptActual, commands };
}
