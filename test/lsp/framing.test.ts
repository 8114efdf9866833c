// Bytes on stdin the server cannot read as LSP messages: it says so on stderr, and ends when the messages after them
// cannot be found, instead of listening on without answering.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawnServer, startClient } from './lspClient';

const hover = { textDocument: { uri: 'file:///tmp/framing.smtp' }, position: { line: 0, character: 0 } };

/** Resolves with stderr once it holds `text`: waits on the process's output. */
function stderrHolds(child: ChildProcess, stderr: () => string, text: string): Promise<string> {
  return new Promise((done) => {
    const check = () => (stderr().includes(text) ? done(stderr()) : child.stderr!.once('data', () => setImmediate(check)));
    check();
  });
}

describe('what the server cannot read', () => {
  test('a header without Content-Length: said on stderr, and the server ends with 1', { timeout: 10_000 }, async () => {
    const server = spawnServer();
    server.child.stdin!.write('Content-Type: application/vscode-jsonrpc\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}');
    assert.deepEqual([await server.exited, server.stderr()], [1, 'smtp-language-server: Header must provide a Content-Length property: the messages after it cannot be read, so the server stops\n']);
  });

  test('a Content-Length that is no number: the same', { timeout: 10_000 }, async () => {
    const server = spawnServer();
    server.child.stdin!.write('Content-Length: twelve\r\n\r\n{}');
    assert.deepEqual([await server.exited, server.stderr()], [1, 'smtp-language-server: Content-Length value must be a number. Got twelve: the messages after it cannot be read, so the server stops\n']);
  });

  test('input that ends inside a message, before a shutdown: said, and the server ends with 1', { timeout: 10_000 }, async () => {
    for (const cut of ['Content-Length: 4', 'Content-Length: 50\r\n\r\n{"jsonrpc":"2.0"']) {
      const server = spawnServer();
      server.child.stdin!.end(cut);
      assert.deepEqual([await server.exited, server.stderr()], [1, 'smtp-language-server: the input ended before a `shutdown` request, so the server stops with exit code 1\n']);
    }
  });

  test('a body that is no JSON: dropped and said, and the next request is answered', { timeout: 10_000 }, async () => {
    const client = await startClient();
    client.process.stdin!.write('Content-Length: 5\r\n\r\n{bad}');
    assert.equal(await client.connection.sendRequest('textDocument/hover', hover), null);
    assert.equal(await stderrHolds(client.process, client.stderr, '\n'), "smtp-language-server: dropped a message that is no JSON (Expected property name or '}' in JSON at position 1)\n");
    assert.equal(await client.close(), 0);
  });

  test('a $/cancelRequest naming no request id: dropped and said, and the next request is answered', { timeout: 10_000 }, async () => {
    const client = await startClient();
    for (const body of ['{"jsonrpc":"2.0","method":"$/cancelRequest"}', '{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":null}}']) {
      client.process.stdin!.write(`Content-Length: ${body.length}\r\n\r\n${body}`);
    }
    assert.equal(await client.connection.sendRequest('textDocument/hover', hover), null);
    const said = 'smtp-language-server: dropped a $/cancelRequest that names no request id\n';
    assert.equal(await stderrHolds(client.process, client.stderr, said + said), said + said);
    assert.equal(await client.close(), 0);
  });

  test('a Content-Length larger than the message: said once it has waited 10 s', { timeout: 30_000 }, async () => {
    const server = spawnServer();
    server.child.stdin!.write('Content-Length: 100000\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}');
    assert.equal(await stderrHolds(server.child, server.stderr, '\n'), 'smtp-language-server: a message is still incomplete after 10 s: is its Content-Length larger than the message?\n');
    server.child.stdin!.end();
    assert.equal(await server.exited, 1);
  });
});
