// `smtp/sessions`: an open document's sessions at its current version, as the server parsed it (incrementally), for
// the VS Code client's Testing view, which then does not parse a document typed in again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient, type TestClient } from './lspClient';

let client: TestClient;
before(async () => {
  client = await startClient();
});
after(async () => {
  await client.close();
});

const ask = (uri: string) => client.connection.sendRequest('smtp/sessions', { textDocument: { uri } });

test('the sessions of the version last sent: index, name (none for an unnamed one) and range', async () => {
  const uri = 'file:///tmp/listed.smtp';
  client.open(uri, 'S: 220 mx\nC: QUIT\nS: 221 bye\n\n### second one\nS: 220 mx\nC: QUIT\n', 1);
  assert.deepEqual(await ask(uri), {
    version: 1,
    sessions: [
      { index: 0, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 10 } } },
      { index: 1, name: 'second one', range: { start: { line: 4, character: 0 }, end: { line: 6, character: 7 } } },
    ],
  });
  // A session typed above the second: the second moves down and is renumbered.
  client.changeRange(uri, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, '### middle\nC: NOOP\n', 2);
  assert.deepEqual(await ask(uri), {
    version: 2,
    sessions: [
      { index: 0, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 10 } } },
      { index: 1, name: 'middle', range: { start: { line: 4, character: 0 }, end: { line: 5, character: 7 } } },
      { index: 2, name: 'second one', range: { start: { line: 6, character: 0 }, end: { line: 8, character: 7 } } },
    ],
  });
});

test('a document the server has not opened: null', async () => {
  assert.equal(await ask('file:///tmp/never-opened.smtp'), null);
});

test('no document named: the invalid-params error every request gets', async () => {
  await assert.rejects(client.connection.sendRequest('smtp/sessions', {}), /textDocument/);
});
