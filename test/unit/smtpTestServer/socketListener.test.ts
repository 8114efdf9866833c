// Listening on a UNIX-domain socket (mock --socket, record --socket): reachable as a loopback port is, a socket left
// by a killed server replaced, a live one or any other file left alone, without a probe sent to a live server.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { clientText, listenAt, listeningText, SocketProblem } from '../../../server/src/smtpTestServer/socketListener';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-socket-listener-'));

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

describe('listenAt', () => {
  test('a socket: mode 0666 (any local user, as to a loopback port), the client named by the socket, removed on close', async () => {
    const socketPath = path.join(dir, 'a.sock');
    let remote = '';
    const server = createServer((socket) => ((remote = clientText(socket, at)), socket.end()));
    const at = await listenAt(server, { socketPath });
    assert.equal(listeningText(at), `unix:${socketPath}`);
    assert.equal(lstatSync(socketPath).mode & 0o777, 0o666);
    await new Promise((resolve) => connect(socketPath).on('close', resolve).resume());
    assert.equal(remote, `unix:${socketPath}`);
    await close(server);
    assert.equal(existsSync(socketPath), false);
  });

  test('a port: 127.0.0.1 and the port it got', async () => {
    const server = createServer();
    const at = await listenAt(server, { port: 0 });
    assert.ok('port' in at && at.port > 0);
    assert.equal(listeningText(at), `127.0.0.1:${(server.address() as { port: number }).port}`);
    await close(server);
  });

  test('a socket left by a killed server is replaced', async () => {
    const socketPath = path.join(dir, 'stale.sock');
    spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(socketPath)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    assert.ok(lstatSync(socketPath).isSocket());
    const server = createServer();
    assert.deepEqual(await listenAt(server, { socketPath }), { socketPath });
    await close(server);
  });

  test('a live socket is refused, and its server is sent no connection; a file that is no socket is kept', async () => {
    const socketPath = path.join(dir, 'live.sock');
    let connections = 0;
    const live = createServer(() => connections++);
    await new Promise<void>((resolve) => live.listen(socketPath, resolve));
    await assert.rejects(listenAt(createServer(), { socketPath }), new SocketProblem('a server already listens on this socket'));
    await close(live);
    assert.equal(connections, 0);

    const file = path.join(dir, 'notes.txt');
    writeFileSync(file, 'kept');
    await assert.rejects(listenAt(createServer(), { socketPath: file }), new SocketProblem('the file exists and is not a socket: name a new path'));
    assert.ok(lstatSync(file).isFile());
    await assert.rejects(listenAt(createServer(), { socketPath: path.join(dir, 'none', 'x.sock') }), new SocketProblem(`the folder ${path.join(dir, 'none')} does not exist`));
  });

  test('a path longer than the system keeps (sun_path) is refused before anything is made: the system would cut it and listen elsewhere', async () => {
    const deep = path.join(dir, 'd'.repeat(60), 'e'.repeat(60));
    mkdirSync(deep, { recursive: true });
    const socketPath = path.join(deep, 'long.sock');
    await assert.rejects(listenAt(createServer(), { socketPath }), /^Error: a UNIX-domain socket's path holds at most 10[37] bytes, and this one has \d+: choose a shorter one$/);
    assert.deepEqual(readdirSync(path.dirname(deep)), ['e'.repeat(60)]);
  });
});
