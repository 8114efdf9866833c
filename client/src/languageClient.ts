// Starts the bundled language server over IPC; the client restarts it if it dies (vscode-languageclient's default
// error handler restarts up to 4 times in 3 minutes) and forwards `smtp.*` settings changes to it. Bundled apart
// (dist/languageClient.js, most of it vscode-languageclient) and loaded right after activate() returns.
import * as vscode from 'vscode';
import { LanguageClient, NotificationType, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** The active environment's name (null: none), as the server's lsp/languageServer.ts expects it. */
const ACTIVE_ENVIRONMENT_NOTIFICATION = new NotificationType<{ name: string | null }>('smtp/activeEnvironment');

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const env = { ...codeCacheEnvironment(context), ...WITHOUT_START_COSTS };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'smtp' }],
    // The server offers code lenses, which name this extension's commands, only to this client (lsp/clientSupport.ts).
    initializationOptions: { vscodeCommands: true },
    synchronize: {
      configurationSection: 'smtp',
      // smtp-environments.json too: the active environment's variables are read again when it changes.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/.smtplintrc.json'), vscode.workspace.createFileSystemWatcher('**/smtp-environments.json')],
    },
  };
  const client = new LanguageClient('smtp', 'SMTP Language Server', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  return client;
}

/**
 * The server keeps V8's code cache of its bundles (server/src/io/bundleCodeCache.ts) in the extension's global
 * storage, which VS Code removes with the extension; a folder chosen in SMTP_TRANSCRIPTS_CODE_CACHE (or `off`) wins.
 * vscode-languageclient adds these variables to its own environment (this process's) for the server.
 */
function codeCacheEnvironment(context: vscode.ExtensionContext): NodeJS.ProcessEnv {
  if (process.env.SMTP_TRANSCRIPTS_CODE_CACHE || context.globalStorageUri.scheme !== 'file') return {};
  return { SMTP_TRANSCRIPTS_CODE_CACHE: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath };
}

/**
 * Node reads the whole file named by NODE_EXTRA_CA_CERTS when it starts (~100 ms for a system CA bundle, Node 20); the
 * language server makes no TLS connection, so it starts without it (a variable set to undefined is left out).
 */
const WITHOUT_START_COSTS: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: undefined };

/** The language server lints and hovers with the active environment's variables. */
export function tellActiveEnvironment(client: LanguageClient, name: string | undefined): void {
  void client.sendNotification(ACTIVE_ENVIRONMENT_NOTIFICATION, { name: name ?? null });
}
