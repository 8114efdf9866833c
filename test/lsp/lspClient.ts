// A real LSP client over stdio for tests: spawns the bundled `smtp-language-server --stdio` (dist/server.js).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type SemanticTokensDelta,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

export interface TestClient {
  connection: ProtocolConnection;
  /** What the server said it offers, in its answer to `initialize`. */
  serverCapabilities: ServerCapabilities;
  /** The server's name and version, from its answer to `initialize`. */
  serverInfo?: { name: string; version?: string };
  process: ChildProcess;
  stderr: () => string;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, text: string, version: number): void;
  /** An incremental change, as VS Code sends them: `text` replaces `range`. */
  changeRange(uri: string, range: Range, text: string, version: number): void;
  diagnostics(uri: string, version?: number, count?: number): Promise<Diagnostic[]>;
  /** Every publishDiagnostics for `uri` so far, in the order received. */
  publishedFor(uri: string): PublishDiagnosticsParams[];
  /** Drops what was published for `uri` so far: a bench on a huge document keeps no history of 40,000 diagnostics. */
  forgetPublished(uri: string): void;
  close(): Promise<number | null>;
}

/** The server's process with a connection to it, before `initialize`: `exited` resolves with its exit code. */
export function spawnServer(nodeArguments: string[] = [SERVER, '--stdio'], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, nodeArguments, { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  return { child, connection, exited, stderr: () => stderr };
}

/**
 * `nodeArguments`: what node runs, the bundled server by default (the bench starts a bare baseline this way too);
 * `env`: the server's whole environment, this process's by default; `capabilities`: the client's (a bare client's by
 * default, which takes plain text and flat symbols and names no document versions in edits).
 */
export async function startClient(
  initializationOptions?: unknown,
  workspaceFolders: Array<{ uri: string; name: string }> | null = null,
  nodeArguments: string[] = [SERVER, '--stdio'],
  env: NodeJS.ProcessEnv = process.env,
  capabilities: ClientCapabilities = { textDocument: { publishDiagnostics: { versionSupport: true } } },
): Promise<TestClient> {
  const { child, connection, stderr } = spawnServer(nodeArguments, env);
  const closed = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<() => void> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.listen();
  const { capabilities: serverCapabilities, serverInfo } = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities,
    initializationOptions,
    workspaceFolders,
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    serverCapabilities,
    serverInfo,
    process: child,
    stderr,
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'smtp', version, text } });
    },
    change(uri, text, version) {
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text }],
      });
    },
    changeRange(uri, range, text, version) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    },
    /**
     * Resolves with the first diagnostics published for `uri` (at `version`, when given), or the `count`th such
     * publication: waits on the notification.
     */
    async diagnostics(uri, version, count = 1) {
      for (;;) {
        const found = published.filter((p) => p.uri === uri && (version === undefined || p.version === version))[count - 1];
        if (found) return found.diagnostics;
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
    publishedFor: (uri) => published.filter((p) => p.uri === uri),
    forgetPublished(uri) {
      for (let i = published.length - 1; i >= 0; i--) if (published[i].uri === uri) published.splice(i, 1);
    },
    async close() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      // 'close', not 'exit': until the child's stdio closes, its pipes keep this client (and every publication it
      // holds) reachable; a bench that goes on after it would mark them in each collection.
      const code = await closed;
      connection.dispose();
      return code;
    },
  };
}

/** The tokens an editor holds after applying `delta` to `data` (its edits name the old array's indexes, so last first). */
export function appliedDelta(data: readonly number[], delta: SemanticTokensDelta): number[] {
  const result = [...data];
  for (const edit of [...delta.edits].reverse()) result.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return result;
}
