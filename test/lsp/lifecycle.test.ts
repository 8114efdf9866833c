// The LSP 3.17 lifecycle as another editor meets it over stdio: what the server answers before `initialize`, after
// `shutdown`, and the exit code of `exit`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { spawnServer, startClient } from './lspClient';

const uri = 'file:///tmp/lifecycle.smtp';
const hover = { textDocument: { uri }, position: { line: 0, character: 4 } };
const INITIALIZE = { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null };

/** The error a request got, as [code, message], or its result. */
async function answer(request: Promise<unknown>): Promise<unknown> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ResponseError) return [error.code, error.message];
    throw error;
  }
}

describe('the server lifecycle', () => {
  test('before initialize: requests get ServerNotInitialized, notifications (a didOpen) are dropped', async () => {
    const { connection, exited } = spawnServer();
    connection.listen();
    const early = [await answer(connection.sendRequest('textDocument/hover', hover)), await answer(connection.sendRequest('smtp/unknown', {}))];
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'smtp', version: 1, text: 'S: 220 mx.example.com' } });
    await connection.sendRequest('initialize', INITIALIZE);
    await connection.sendNotification('initialized', {});
    const afterInitialize = [await answer(connection.sendRequest('textDocument/hover', hover)), await answer(connection.sendRequest('initialize', INITIALIZE))];
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.deepEqual(
      { early, afterInitialize, exit: await exited },
      {
        early: [
          [-32002, 'textDocument/hover came before initialize'],
          [-32002, 'smtp/unknown came before initialize'],
        ],
        afterInitialize: [null, [-32600, 'initialize may only be sent once']],
        exit: 0,
      },
    );
    connection.dispose();
  });

  test('after shutdown: requests get InvalidRequest, a second shutdown too, and exit ends with 0', async () => {
    const client = await startClient();
    client.open(uri, 'S: 220 mx.example.com', 1);
    await client.diagnostics(uri, 1);
    const before = ((await client.connection.sendRequest('textDocument/hover', hover)) as { range: unknown }).range;
    await client.connection.sendRequest('shutdown');
    const after = [await answer(client.connection.sendRequest('textDocument/hover', hover)), await answer(client.connection.sendRequest('shutdown'))];
    const exited = new Promise((done) => client.process.once('exit', done));
    await client.connection.sendNotification('exit');
    assert.deepEqual(
      { before, after, exit: await exited },
      {
        before: { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } },
        after: [
          [-32600, 'textDocument/hover came after shutdown'],
          [-32600, 'shutdown came after shutdown'],
        ],
        exit: 0,
      },
    );
    client.connection.dispose();
  });

  test('exit without shutdown ends with 1, before initialize too', async () => {
    const running = await startClient();
    const runningExit = new Promise((done) => running.process.once('exit', done));
    await running.connection.sendNotification('exit');
    const fresh = spawnServer();
    fresh.connection.listen();
    await fresh.connection.sendNotification('exit');
    assert.deepEqual([await runningExit, await fresh.exited], [1, 1]);
    running.connection.dispose();
    fresh.connection.dispose();
  });
});

test("the server names itself with package.json's version, as `smtp-transcript --version` does", async () => {
  const client = await startClient();
  try {
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    assert.deepEqual(client.serverInfo, { name: 'smtp-language-server', version });
  } finally {
    assert.equal(await client.close(), 0);
  }
});
