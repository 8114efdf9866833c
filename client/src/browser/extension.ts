// The web extension (vscode.dev, github.dev): highlighting comes from the grammar, completion, hover, lint, symbols
// and formatting from the language server in a web worker (dist/web/server.js). What needs sockets, ports or the
// disk (replay, the local and mock servers, import) says so when invoked.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { newTranscript, openExample } from '../newTranscript';
import { registerDesktopOnlyCommands } from './desktopOnlyCommands';

// The project's tsconfig has no DOM lib: the worker's type is the one the language client accepts.
type ServerWorker = Extract<ConstructorParameters<typeof LanguageClient>[2], { postMessage: unknown }>;
declare const Worker: new (url: string) => ServerWorker;

let client: LanguageClient | undefined;

/** What the web extension exports: the end-to-end test waits on it. */
export interface SmtpTranscriptsWebApi {
  /** Resolves once the language server in the worker has answered `initialize`. */
  languageServerReady: Promise<void>;
}

export function activate(context: vscode.ExtensionContext): SmtpTranscriptsWebApi {
  registerDesktopOnlyCommands(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('smtp.newTranscript', (template?: unknown) => newTranscript(context.extensionUri, typeof template === 'string' ? template : undefined)),
    vscode.commands.registerCommand('smtp.openExample', () => openExample(context.extensionUri)),
  );
  const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true));
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'smtp' }],
    // The server offers code lenses, which name this extension's commands, only to this client (lsp/clientSupport.ts).
    initializationOptions: { vscodeCommands: true },
    synchronize: { configurationSection: 'smtp' },
  };
  client = new LanguageClient('smtp', 'SMTP Language Server', worker, clientOptions);
  context.subscriptions.push(client);
  const languageServerReady = client.start();
  languageServerReady.catch((error: Error) => void vscode.window.showErrorMessage(`The SMTP language server did not start: ${error.message}`));
  return { languageServerReady };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
