// LSP 3.17 `$/cancelRequest` over stdio, the messages framed here so that those sent together reach the server in one
// write: a request cancelled before the server ran it is answered RequestCancelled (-32800) and not run; a cancel for a
// request already answered, or for none, gets no answer; notifications between them are never dropped.
import { afterEach, describe, test } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { StreamMessageReader, type Message, type RequestMessage, type ResponseMessage } from 'vscode-languageserver-protocol/node';
import { spawnServer } from './lspClient';

const uri = 'file:///tmp/cancellation.smtp';
const TEXT = 'S: 220 mx.example.com\nC: QUIT\nS: 221 bye\n';
const tokens = (id: number) => ({ id, method: 'textDocument/semanticTokens/full', params: { textDocument: { uri } } });
const hover = (id: number, character: number) => ({ id, method: 'textDocument/hover', params: { textDocument: { uri }, position: { line: 0, character } } });
const cancel = (id: number | string) => ({ method: '$/cancelRequest', params: { id } });
const change = (version: number, text: string) => ({ method: 'textDocument/didChange', params: { textDocument: { uri, version }, contentChanges: [{ text }] } });

/** Servers a failed test left running, ended after it. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill();
  running.clear();
});

/**
 * The server started with TEXT open; `write` sends its messages in one write, `answers` are the responses in order.
 * The server's requests for settings are answered with none, `beforeSettings` written with the first answer.
 */
async function rawClient(capabilities: object = {}, beforeSettings: object[] = []) {
  const server = spawnServer();
  running.add(server.child);
  const answers: ResponseMessage[] = [];
  let wake = () => {};
  const frame = (message: object) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...message });
    return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };
  const write = (...messages: object[]) => void server.child.stdin!.write(messages.map(frame).join(''));
  new StreamMessageReader(server.child.stdout!).listen((message: Message) => {
    if ((message as RequestMessage).method === 'workspace/configuration') {
      const request = message as RequestMessage;
      write(...beforeSettings.splice(0), { id: request.id, result: (request.params as { items: unknown[] }).items.map(() => null) });
    } else if ('id' in message) answers.push(message as ResponseMessage);
    wake();
  });
  /** Waits on the server's messages until the answer to `id` came. */
  const answered = async (id: number | string): Promise<ResponseMessage> => {
    for (;;) {
      const answer = answers.find((a) => a.id === id);
      if (answer) return answer;
      await new Promise<void>((resume) => (wake = resume));
    }
  };
  write({ id: 'init', method: 'initialize', params: { processId: null, rootUri: null, capabilities, workspaceFolders: null } });
  await answered('init');
  write({ method: 'initialized', params: {} }, { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'smtp', version: 1, text: TEXT } } });
  const close = async () => {
    write({ id: 'shutdown', method: 'shutdown' }, { method: 'exit' });
    assert.equal(await server.exited, 0);
    running.delete(server.child);
    server.connection.dispose();
  };
  return { write, answers, answered, close };
}

/** The answers after `initialize`'s, as [id, error code or result range]. */
const codeOrRange = (answers: ResponseMessage[]) => answers.slice(1).map((a) => [a.id, a.error ? a.error.code : (a.result as { range: unknown } | null)?.range]);

describe('$/cancelRequest', () => {
  test('a request and its cancel in one write: RequestCancelled, and the feature does not run', async () => {
    const client = await rawClient();
    client.write(tokens(1), cancel(1), tokens(2));
    await client.answered(2);
    // Each semantic tokens answer takes the next result id: the cancelled request took none.
    assert.deepEqual(client.answers.slice(1), [
      { jsonrpc: '2.0', id: 1, error: { code: -32800, message: 'textDocument/semanticTokens/full was cancelled' } },
      { jsonrpc: '2.0', id: 2, result: { resultId: '1', data: [0, 3, 3, 2, 8, 1, 3, 4, 0, 0, 1, 3, 3, 2, 8] } },
    ]);
    await client.close();
  });

  test('a cancel for a request already answered, or for none: no answer, and the next request is answered', async () => {
    const client = await rawClient();
    client.write(hover(1, 4));
    await client.answered(1);
    client.write(cancel(1), cancel(99), cancel('unknown'), hover(2, 4));
    await client.answered(2);
    const range = { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } };
    assert.deepEqual(codeOrRange(client.answers), [
      [1, range],
      [2, range],
    ]);
    await client.close();
  });

  test('changes around a cancelled request apply in order: the next request reads the last version', async () => {
    const client = await rawClient();
    client.write(change(2, `# v2\n${TEXT}`), hover(1, 4), cancel(1), change(3, TEXT.replace('S: 220', 'S:220')), hover(2, 3));
    await client.answered(2);
    assert.deepEqual(codeOrRange(client.answers), [
      [1, -32800],
      [2, { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } }],
    ]);
    await client.close();
  });

  test('a request cancelled while it waits (quick fixes, on the editor settings the lint asks for): RequestCancelled', async () => {
    const client = await rawClient({ workspace: { configuration: true } }, [cancel(1)]);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    client.write({ id: 1, method: 'textDocument/codeAction', params: { textDocument: { uri }, range, context: { diagnostics: [] } } });
    await client.answered(1);
    assert.deepEqual(codeOrRange(client.answers), [[1, -32800]]);
    await client.close();
  });
});
