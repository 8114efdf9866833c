// The VS Code client: starts the language server, creates the replay pieces and registers the commands.
// Every command is a line here; the work happens in the editor-independent engine.
import * as vscode from 'vscode';
import { startLanguageClient } from './languageClient';
import { LocalServerControl } from './localServerControl';
import { PasswordStore } from './passwords';
import { registerCommands } from './commands';
import { ReplayPresenter } from './replay/replayPresenter';
import { ReplayRunner } from './replay/replayRunner';
import { TranscriptTests } from './testing/transcriptTests';
import type { LanguageClient } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** What the extension exports: used by its end-to-end tests (and by other extensions that want to replay). */
export interface SmtpTranscriptsApi {
  runner: ReplayRunner;
  presenter: ReplayPresenter;
  localServer: LocalServerControl;
  tests: TranscriptTests;
  /** Resolves once the language server has answered `initialize`. */
  languageServerReady: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): SmtpTranscriptsApi {
  const log = vscode.window.createOutputChannel('SMTP Transcripts', { log: true });
  const passwords = new PasswordStore(context.secrets, context.globalState);
  const localServer = new LocalServerControl(context.globalStorageUri, log, () =>
    passwords.get(passwords.key({ server: 'local', user: '' }, 'password')),
  );
  const presenter = new ReplayPresenter(vscode.Uri.joinPath(context.extensionUri, 'client', 'media'), log);
  const runner = new ReplayRunner(passwords, localServer, presenter, context.globalState);
  const tests = new TranscriptTests(runner);
  context.subscriptions.push(log, localServer, presenter, tests);
  registerCommands(context, { runner, presenter, localServer, passwords, log });

  const started = startLanguageClient(context);
  const languageServerReady = started.then((c) => {
    client = c;
  });
  languageServerReady.catch((error: Error) => log.error(`The SMTP language server did not start: ${error.message}`));
  return { runner, presenter, localServer, tests, languageServerReady };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
