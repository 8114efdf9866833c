// The language server's process, forked as soon as activate() has returned and before the language client's bundle
// is evaluated (dist/languageClient.js, most of the client's code): the server boots while that bundle evaluates,
// instead of after it. languageClient.ts hands it to vscode-languageclient over the IPC channel the library would have
// made itself, and forks the next one the same way when the client restarts the server.
import { fork, type ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';

/** `dist/server.js` with the environment it starts with. */
export interface ServerLaunch {
  module: string;
  env: NodeJS.ProcessEnv;
}

export function serverLaunch(context: vscode.ExtensionContext): ServerLaunch {
  return { module: context.asAbsolutePath('dist/server.js'), env: { ...codeCacheEnvironment(context), ...WITHOUT_START_COSTS } };
}

/** Forked as vscode-languageclient forks a server over IPC (TransportKind.ipc): the same arguments and environment. */
export function forkLanguageServer({ module, env }: ServerLaunch): ChildProcess {
  return fork(module, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    // VS Code's extension host runs in Electron's binary: the child runs it as Node. A variable set to undefined is
    // left out of the child's environment.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1', ...env },
    execArgv: [],
    // Its stdout and stderr go to the server's output channel (languageClient.ts), as the library does.
    silent: true,
  });
}

/** An extension host run under a debugger: the library starts the server itself, with its own inspector port. */
export function debuggingExtensionHost(): boolean {
  return process.execArgv.some((arg) => /^--(inspect|debug)(-brk)?(=|$)/.test(arg));
}

/**
 * The server keeps V8's code cache of its bundles (server/src/io/bundleCodeCache.ts) in the extension's global
 * storage, which VS Code removes with the extension; a folder chosen in SMTP_TRANSCRIPTS_CODE_CACHE (or `off`) wins.
 */
function codeCacheEnvironment(context: vscode.ExtensionContext): NodeJS.ProcessEnv {
  if (process.env.SMTP_TRANSCRIPTS_CODE_CACHE || context.globalStorageUri.scheme !== 'file') return {};
  return { SMTP_TRANSCRIPTS_CODE_CACHE: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath };
}

/**
 * Node reads the whole file named by NODE_EXTRA_CA_CERTS when it starts (~100 ms for a system CA bundle, Node 20); the
 * language server makes no TLS connection, so it starts without it.
 */
const WITHOUT_START_COSTS: NodeJS.ProcessEnv = { NODE_EXTRA_CA_CERTS: undefined };
