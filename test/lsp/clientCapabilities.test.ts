// The server answers in the form each client said it takes in `initialize`: snippets, Markdown (hover and completion
// documentation) and a nested outline for a client like VS Code's, plain text and a flat outline for a client that
// names none of them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClientCapabilities, CompletionList, DocumentSymbol, Hover, SymbolInformation } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './lspClient';
import { lines } from '../support/text';

const uri = 'file:///tmp/capabilities.smtp';
const TEXT = lines('S: 220 mx.example.com', 'C: ');
const RICH: ClientCapabilities = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
};

async function answers(client: TestClient) {
  client.open(uri, TEXT, 1);
  await client.diagnostics(uri, 1);
  const list = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 3 } })) as CompletionList;
  const ehlo = list.items.find((i) => i.label === 'EHLO')!;
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 4 } })) as Hover;
  const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as (DocumentSymbol | SymbolInformation)[];
  return {
    completion: [ehlo.insertTextFormat, ehlo.textEdit?.newText],
    documentation: [(ehlo.documentation as { kind: string }).kind, (ehlo.documentation as { value: string }).value.split('\n')[0]],
    hover: [(hover.contents as { kind: string }).kind, (hover.contents as { value: string }).value.split('\n')[0]],
    symbols,
  };
}

describe('answers in the forms the client takes', () => {
  let bare: TestClient;
  let rich: TestClient;
  before(async () => {
    bare = await startClient();
    rich = await startClient(undefined, null, undefined, undefined, RICH);
  });
  after(async () => {
    assert.equal(await bare.close(), 0);
    assert.equal(await rich.close(), 0);
  });

  test('a client that names no snippets, Markdown or hierarchical symbols: plain text and a flat outline', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 3 } };
    assert.deepEqual(await answers(bare), {
      completion: [1, 'EHLO client.example.com'],
      documentation: ['plaintext', 'EHLO: Opens an extended SMTP session: names the client (its domain, or an address literal) and asks the server to list the extensions it supports. Resets any transaction.'],
      hover: ['plaintext', '220 <domain> Service ready'],
      symbols: [
        { name: 'Session 1', kind: 3, location: { uri, range } },
        { name: 'Greeting', kind: 24, location: { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 21 } } }, containerName: 'Session 1' },
        { name: '(empty command)', kind: 6, location: { uri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } }, containerName: 'Session 1' },
      ],
    });
  });

  test("a client like VS Code's: snippets, Markdown and a nested outline", async () => {
    const { completion, documentation, hover, symbols } = await answers(rich);
    assert.deepEqual([completion, documentation, hover], [[2, 'EHLO ${1:client.example.com}'], ['markdown', '**EHLO**: Opens an extended SMTP session: names the client (its domain, or an address literal) and asks the server to list the extensions it supports. Resets any transaction.'], ['markdown', '**220** \\<domain\\> Service ready']]);
    assert.deepEqual((symbols as DocumentSymbol[]).map((s) => [s.name, s.children?.map((c) => c.name)]), [['Session 1', ['Greeting', '(empty command)']]]);
  });

  test('code lenses, which run VS Code commands, are offered only to the client that says it runs them', async () => {
    const vscode = await startClient({ vscodeCommands: true });
    try {
      assert.deepEqual([bare.serverCapabilities.codeLensProvider, rich.serverCapabilities.codeLensProvider, vscode.serverCapabilities.codeLensProvider], [undefined, undefined, { resolveProvider: false }]);
    } finally {
      assert.equal(await vscode.close(), 0);
    }
  });
});

test('a client that says it registers didChangeConfiguration dynamically, then refuses the registration: the server runs on', { timeout: 10_000 }, async () => {
  // The test client has no handler for client/registerCapability: it answers with MethodNotFound.
  const client = await startClient(undefined, null, undefined, undefined, { workspace: { didChangeConfiguration: { dynamicRegistration: true } } });
  client.open(uri, TEXT, 1);
  await client.diagnostics(uri, 1);
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 4 } })) as Hover;
  assert.deepEqual([hover.range, client.stderr(), await client.close()], [{ start: { line: 0, character: 3 }, end: { line: 0, character: 6 } }, '', 0]);
});
