// The VS Code client: registers the commands, the status bar's target and environment, the Testing view's controller
// and the empty-transcript hint, and starts the language server. Activation evaluates only this (dist/client.js): the
// language client loads right after activate() returns (dist/languageClient.js), each command is a stub that loads
// what it drives on first use (commandParts.ts, from dist/commandParts.js), and the replay engine loads on first
// replay (dist/nodeEngine.js).
import { sinceModuleLoad, moduleLoadStartedAt, type ActivationTimings } from './activationClock';
import * as vscode from 'vscode';
import { COMMAND_IDS } from './commandIds';
import type { CommandParts } from './commandParts';
import { ExtensionLog } from './extensionLog';
import { loadCommandParts, loadLanguageClient, type LanguageClientModule } from './lazyBundles';
import { debuggingExtensionHost, forkLanguageServer, serverLaunch } from './serverProcess';
import type { LocalServerControl } from './localServerControl';
import type { MockServerControl } from './mock/mockServerControl';
import type { RecordingProxyControl } from './record/recordingProxyControl';
import { EmptyTranscriptHint } from './newTranscript';
import type { PasswordStore } from './passwords';
import type { ExpectationsView } from './replay/expectationsView';
import type { ReplayPresenter } from './replay/replayPresenter';
import type { ReplayRunner } from './replay/replayRunner';
import type { ResultView } from './results/resultView';
import { TranscriptTests } from './testing/transcriptTests';
import { WorkspaceTarget } from './workspaceTarget';
import { WorkspaceEnvironment } from './workspaceEnvironment';
import type { LanguageClient } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let deactivated = false;
// extension.ts is the bundle's entry: its body runs after every module it imports has been evaluated.
const moduleEvaluatedMs = sinceModuleLoad();

/**
 * What the extension exports: used by its end-to-end tests (and by other extensions that want to replay). The replay
 * parts are made when first read, as on the first command.
 */
export interface SmtpTranscriptsApi {
  runner: ReplayRunner;
  presenter: ReplayPresenter;
  localServer: LocalServerControl;
  /** The mock server the editor runs ("Serve Transcript as Mock Server"), with its status bar item and log. */
  mock: MockServerControl;
  /** The recording proxy ("Record Sessions Through a Proxy..."), with its status bar item and log. */
  recorder: RecordingProxyControl;
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
  const target = new WorkspaceTarget(context.workspaceState, context.globalState);
  const environment = new WorkspaceEnvironment(context.workspaceState, loadCommandParts);
  const tests = new TranscriptTests(() => parts().runner, loadCommandParts);
  const emptyHint = new EmptyTranscriptHint();
  let made: CommandParts | undefined;
  const parts = (): CommandParts => (made ??= loadCommandParts().createCommandParts(context, { log, target, environment, tests }));

  for (const id of COMMAND_IDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => reportErrors(parts().commands[id](...args))));
  }
  // "Accept the actual reply" fixes failed replay lines: before the first replay there are none to fix.
  const acceptActual = vscode.languages.registerCodeActionsProvider(
    { language: 'smtp' },
    { provideCodeActions: (document, range, actionContext) => made?.acceptActual.provideCodeActions(document, range, actionContext) ?? [] },
    { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  );
  target.showFor(vscode.window.activeTextEditor);
  environment.showFor(vscode.window.activeTextEditor);
  context.subscriptions.push(
    log,
    target,
    environment,
    tests,
    emptyHint,
    acceptActual,
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      target.showFor(editor);
      environment.showFor(editor);
    }),
  );

  // The language client (most of the extension's code) is evaluated once activate() has returned, so that activation
  // holds up neither VS Code nor the extensions activated after this one.
  // The server's process is forked first, so that it boots while that bundle evaluates (serverProcess.ts).
  const languageServerReady = new Promise<void>((next) => setImmediate(next)).then(async () => {
    if (deactivated) return;
    const launch = serverLaunch(context);
    const prestarted = debuggingExtensionHost() ? undefined : forkLanguageServer(launch);
    let started: LanguageClient;
    let tellActiveEnvironment: LanguageClientModule['tellActiveEnvironment'];
    let sessionListing: LanguageClientModule['sessionListing'];
    try {
      const languageClient = loadLanguageClient();
      timings.languageClientLoadedMs = sinceModuleLoad();
      tellActiveEnvironment = languageClient.tellActiveEnvironment;
      sessionListing = languageClient.sessionListing;
      started = await languageClient.startLanguageClient(context, launch, prestarted);
    } catch (error) {
      prestarted?.kill();
      throw error;
    }
    client = started;
    tests.listSessionsThrough((document) => sessionListing(started, document));
    tellActiveEnvironment(started, environment.name);
    context.subscriptions.push(environment.onDidChange((name) => tellActiveEnvironment(started, name)));
    timings.languageServerReadyMs = sinceModuleLoad();
  });
  languageServerReady.catch((error: Error) => log.error(`The SMTP language server did not start: ${error.message}`));
  timings.activateMs = sinceModuleLoad();
  return {
    get runner() {
      return parts().runner;
    },
    get presenter() {
      return parts().presenter;
    },
    get localServer() {
      return parts().localServer;
    },
    get mock() {
      return parts().mock;
    },
    get recorder() {
      return parts().recorder;
    },
    get passwords() {
      return parts().passwords;
    },
    get expectations() {
      return parts().expectations;
    },
    get results() {
      return parts().results;
    },
    get localServerLog() {
      return parts().localServerLog;
    },
    tests,
    target,
    environment,
    emptyHint,
    log,
    languageServerReady,
    timings,
  };
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  await client?.stop();
}

/** A command's failure becomes one readable message, never an unhandled rejection. */
function reportErrors(outcome: unknown): unknown {
  if (outcome instanceof Promise) {
    return outcome.catch((error: unknown) => {
      void vscode.window.showErrorMessage(error instanceof Error ? error.message : String(error));
      return undefined;
    });
  }
  return outcome;
}
