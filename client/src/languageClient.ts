// Starts the bundled language server over IPC; the client restarts it if it dies (vscode-languageclient's default
// error handler restarts up to 4 times in 3 minutes) and forwards `smtp.*` settings changes to it.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'smtp' }],
    synchronize: {
      configurationSection: 'smtp',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.smtplintrc.json'),
    },
  };
  const client = new LanguageClient('smtp', 'SMTP Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  return client;
}
