import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './lspClient';

test('the language server answers initialize, publishes diagnostics per version and shuts down cleanly', async () => {
  const client = await startClient();
  const uri = 'file:///tmp/diagnostics.smtp';
  client.open(uri, 'S: 220 ready\nEHLO client.test\n', 1);
  const first = await client.diagnostics(uri, 1);
  assert.deepEqual(
    first.filter((d) => d.severity === 1).map((d) => [d.range.start.line, d.code, d.source, d.message]),
    [[1, 'unknown-line', 'smtp', 'Expected a line prefix: did you mean `C: EHLO client.test`?']],
  );
  client.change(uri, 'S: 220 ready\nC: EHLO client.test\nS: 250 ok\n', 2);
  const second = await client.diagnostics(uri, 2);
  assert.deepEqual(second.filter((d) => d.severity === 1), []);
  assert.equal(await client.close(), 0);
  assert.equal(client.stderr(), '');
});

test("a document closed and opened again at the same version while its lint waits: the old text's findings are not published", async () => {
  const client = await startClient(undefined, null, undefined, undefined, { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } });
  // The first lint's settings are answered only once the document was opened again: that lint is then still running.
  let release!: () => void;
  const released = new Promise<void>((done) => (release = done));
  let asked!: () => void;
  const firstAsked = new Promise<void>((done) => (asked = done));
  let requests = 0;
  client.connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => {
    if (++requests === 1) {
      asked();
      await released;
    }
    return params.items.map(() => null);
  });
  try {
    const uri = 'file:///tmp/reopened.smtp';
    client.open(uri, 'S: 220 ready\nC: HELO client.test\nS: 250 ok\n', 1);
    await firstAsked;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    client.open(uri, 'S: 220 ready\nC: EHLO client.test\nS: 250 ok\n', 1);
    await client.diagnostics(uri, 1);
    release();
    // The first lint goes on now; another document's diagnostics come after it has ended (75 ms after its opening).
    const other = 'file:///tmp/reopened-other.smtp';
    client.open(other, 'S: 220 ready\n', 1);
    await client.diagnostics(other, 1);
    assert.deepEqual(
      client.publishedFor(uri).map((p) => [p.version, p.diagnostics.map((d) => d.code)]),
      [
        [undefined, []],
        [1, []],
      ],
    );
  } finally {
    await client.close();
  }
});

test('a document opened again without a close, at the same version: diagnostics, outline and tokens are of the new text', async () => {
  const client = await startClient();
  try {
    const uri = 'file:///tmp/opened-twice.smtp';
    client.open(uri, 'S: 220 one\nC: HELO a.test\nS: 250 ok\n', 1);
    const first = (await client.diagnostics(uri, 1)).map((d) => d.code);
    const outline = async () => ((await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string }>).map((s) => s.name);
    const firstOutline = await outline();
    client.open(uri, 'S: 220 two\nC: NOOP\nS: 250 ok\n', 1);
    const secondOutline = await outline();
    const tokens = ((await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as { data: number[] }).data;
    const second = (await client.diagnostics(uri, 1, 2)).map((d) => d.code);
    assert.deepEqual(
      { first, firstOutline, secondOutline, tokens, second },
      {
        first: ['helo-instead-of-ehlo'],
        firstOutline: ['Session 1', 'Greeting', 'HELO a.test'],
        secondOutline: ['Session 1', 'Greeting', 'NOOP'],
        tokens: [0, 3, 3, 2, 8, 1, 3, 4, 0, 0, 1, 3, 3, 2, 8],
        second: [],
      },
    );
  } finally {
    await client.close();
  }
});
