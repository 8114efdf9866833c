// Params a client got wrong: InvalidParams (-32602) saying what is missing, and the server answers on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './lspClient';

test('a request whose params lack its document, position or range is InvalidParams naming what is missing; the server answers on', async () => {
  const client = await startClient();
  const uri = 'untitled:params';
  client.open(uri, 'S: 220 x\nC: EHLO c.test\nS: 250 ok\n', 1);
  await client.diagnostics(uri, 1);
  const refusal = (method: string, params: unknown) =>
    client.connection.sendRequest(method, params).then(
      () => 'answered',
      (error: { code: number; message: string }) => [error.code, error.message],
    );
  assert.deepEqual(
    [
      await refusal('textDocument/hover', { position: { line: 0, character: 0 } }),
      await refusal('textDocument/hover', { textDocument: { uri }, position: { line: '1', character: 0 } }),
      await refusal('textDocument/documentSymbol', {}),
      await refusal('textDocument/rangeFormatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
      await refusal('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } }),
    ],
    [
      [-32602, 'textDocument/hover: params need textDocument.uri'],
      [-32602, 'textDocument/hover: params need a position {line, character}'],
      [-32602, 'textDocument/documentSymbol: params need textDocument.uri'],
      [-32602, 'textDocument/rangeFormatting: params need a range {start, end}'],
      'answered',
    ],
  );
  assert.equal(await client.close(), 0);
  assert.equal(client.stderr(), '');
});
