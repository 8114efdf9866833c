// Malformed notifications over every transport the server takes (`--stdio`, `--node-ipc`, `--socket`, `--pipe`), sent
// to the real server process: a `$/cancelRequest` naming no request id is dropped and said (the library read its id
// unchecked, and the TypeError ended the server), any other malformed notification is dropped by the library, and
// the server goes on answering and shuts down cleanly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { SERVER } from './lspClient';

const uri = 'file:///tmp/transports.smtp';

/** Notifications no client should send: four cancels without a request id, then others of the wrong shape. */
const MALFORMED: object[] = [
  { jsonrpc: '2.0', method: '$/cancelRequest' },
  { jsonrpc: '2.0', method: '$/cancelRequest', params: null },
  { jsonrpc: '2.0', method: '$/cancelRequest', params: { id: null } },
  { jsonrpc: '2.0', method: '$/cancelRequest', params: [7] },
  { jsonrpc: '2.0', method: 'textDocument/didOpen', params: null },
  { jsonrpc: '2.0', method: 'textDocument/didChange', params: 'text' },
  { jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: 5 } },
  { jsonrpc: '2.0', method: '$/setTrace' },
  { jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: 5 },
  { jsonrpc: '2.0', method: 42, params: {} },
];
const DROPPED = 'smtp-language-server: dropped a $/cancelRequest that names no request id\n';

interface Transport {
  child: ChildProcess;
  connection: ProtocolConnection;
  /** Sends a message as it is, past the connection's own checks. */
  sendRaw(message: object): void;
  stderr(): string;
  dispose(): void;
}

const frame = (message: object) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

function spawnWith(args: string[], stdio: Array<'pipe' | 'ipc'>) {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stderr: () => stderr };
}

/** Listens on a loopback port or a pipe for the server's one connection (the client's side of --socket and --pipe). */
async function listenOnce(where: number | string): Promise<{ server: Server; address: string; connected: Promise<Socket> }> {
  const server = createServer();
  let connected!: (socket: Socket) => void;
  const accepted = new Promise<Socket>((resolve) => (connected = resolve));
  server.once('connection', connected);
  await new Promise<void>((resolve) => (typeof where === 'number' ? server.listen(where, '127.0.0.1', resolve) : server.listen(where, resolve)));
  const address = server.address();
  return { server, address: typeof address === 'string' ? address : String(address!.port), connected: accepted };
}

const TRANSPORTS: Record<string, () => Promise<Transport>> = {
  '--stdio': async () => {
    const { child, stderr } = spawnWith(['--stdio'], ['pipe', 'pipe', 'pipe']);
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return { child, connection, stderr, sendRaw: (message) => void child.stdin!.write(frame(message)), dispose: () => connection.dispose() };
  },
  '--node-ipc': async () => {
    const { child, stderr } = spawnWith(['--node-ipc'], ['pipe', 'pipe', 'pipe', 'ipc']);
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    return { child, connection, stderr, sendRaw: (message) => void child.send(message), dispose: () => connection.dispose() };
  },
  '--socket': async () => {
    const listening = await listenOnce(0);
    const { child, stderr } = spawnWith([`--socket=${listening.address}`], ['pipe', 'pipe', 'pipe']);
    return socketTransport(child, stderr, listening);
  },
  '--pipe': async () => {
    const listening = await listenOnce(path.join(tmpdir(), `smtp-ls-${process.pid}-${Date.now()}.sock`));
    const { child, stderr } = spawnWith(['--pipe', listening.address], ['pipe', 'pipe', 'pipe']);
    return socketTransport(child, stderr, listening);
  },
};

async function socketTransport(child: ChildProcess, stderr: () => string, listening: { server: Server; connected: Promise<Socket> }): Promise<Transport> {
  const socket = await listening.connected;
  const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
  return {
    child,
    connection,
    stderr,
    sendRaw: (message) => void socket.write(frame(message)),
    dispose: () => {
      connection.dispose();
      socket.destroy();
      listening.server.close();
    },
  };
}

describe('malformed notifications on every transport', () => {
  for (const [name, open] of Object.entries(TRANSPORTS)) {
    test(`${name}: dropped, the next requests answered, and the server shuts down with 0`, { timeout: 20_000 }, async () => {
      const transport = await open();
      const { child, connection } = transport;
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      connection.listen();
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      await connection.sendNotification('initialized', {});
      for (const message of MALFORMED) transport.sendRaw(message);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'smtp', version: 1, text: 'S: 220 mx.example.com\nC: QUIT\nS: 221 bye\n' } });
      // Answered after every malformed message was read (messages are read in order): the server is still there.
      const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } })) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /QUIT/);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.deepEqual([await exited, transport.stderr()], [0, DROPPED.repeat(4)]);
      transport.dispose();
    });
  }
});

test('a --socket without a port or a --pipe without a name: said in one line with the usage, exit 2', { timeout: 10_000 }, async () => {
  const ends = async (args: string[]) => {
    const { child, stderr } = spawnWith(args, ['pipe', 'pipe', 'pipe']);
    const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
    return [code, stderr()];
  };
  const usage = 'usage: smtp-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n';
  assert.deepEqual(await ends(['--socket=port']), [2, `smtp-language-server: --socket needs the port the client listens on (--socket=...)\n${usage}`]);
  assert.deepEqual(await ends(['--pipe']), [2, `smtp-language-server: --pipe needs the name of the pipe the client listens on (--pipe=...)\n${usage}`]);
});
