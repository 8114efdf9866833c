// Highlighting after edits in a long session through the real language server on stdio: a line typed above a later
// stretch of the session moves that stretch's tokens, and an edit of a message's first content line there is then
// spliced into them (features/contentTokenSplice.ts); lines typed in a long `BDAT *` chunk, with MAIL and RCPT
// pipelined before it and answered below it, are spliced past those commands; and an edit outside a long message keeps
// its content lines' tokens as one block (features/reusedContentTokens.ts). The tokens must be those of the same text
// opened fresh, and the delta applied to the tokens the editor holds must give them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { appliedDelta, startClient, type TestClient } from './lspClient';

const transaction = (i: number) => ['C: MAIL FROM:<a@client.test>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: From: <a@client.test>', `C: Subject: ${i}`, 'C:', 'C: body', 'C: .', 'S: 250 ok'];
const SESSION = ['S: 220 mx.example.com', 'C: EHLO client.test', 'S: 250-mx.example.com', 'S: 250 8BITMIME', ...Array.from({ length: 60 }, (_, i) => transaction(i)).flat(), 'C: QUIT', 'S: 221 bye'].join('\n');
const body = Array.from({ length: 600 }, (_, i) => `C: QUJDREVGR0hJSktMTU5PUFFS ${i}`);
const CHUNKED = ['S: 220 mx.example.com', 'C: EHLO client.test', 'S: 250-PIPELINING', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@client.test>', 'C: RCPT TO:<b@example.com>', 'C: BDAT * LAST', 'C: From: <a@client.test>', 'C: Subject: s', 'C:', ...body, 'S: 250 2.1.0 ok', 'S: 250 2.1.5 ok', 'S: 250 2.0.0 queued', 'C: QUIT', 'S: 221 bye'].join('\n');

const ATTACHMENT = ['S: 220 mx.example.com', 'C: EHLO client.test', 'S: 250 8BITMIME', 'C: MAIL FROM:<a@client.test>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: s', 'C:', ...body, 'C: .', 'S: 250 queued', 'C: QUIT', 'S: 221 bye'].join('\n');

/** A document open in the server, and the tokens the editor holds for it. */
interface OpenDocument {
  uri: string;
  text: string;
  version: number;
  held: SemanticTokens;
}

describe('highlighting after edits in a long session, over stdio', () => {
  let client: TestClient;
  let opened = 0;
  const tokensOf = async (of: string) => (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: of } })) as SemanticTokens;

  async function open(text: string): Promise<OpenDocument> {
    const uri = `file:///tmp/long-session-${++opened}.smtp`;
    client.open(uri, text, 1);
    return { uri, text, version: 1, held: await tokensOf(uri) };
  }

  /** Replaces `[start, end)` of `line` with `typed`; the tokens after it, checked against a fresh open of the text. */
  async function edit(doc: OpenDocument, line: number, start: number, end: number, typed: string): Promise<void> {
    change(doc, line, start, end, typed);
    await checkTokens(doc);
  }

  function change(doc: OpenDocument, line: number, start: number, end: number, typed: string): void {
    const lines = doc.text.split('\n');
    const changed = lines[line].slice(0, start) + typed + lines[line].slice(end);
    doc.text = [...lines.slice(0, line), ...changed.split('\n'), ...lines.slice(line + 1)].join('\n');
    client.changeRange(doc.uri, { start: { line, character: start }, end: { line, character: end } }, typed, ++doc.version);
  }

  /** The tokens now, as a delta from those held and whole, checked against a fresh open of the text. */
  async function checkTokens(doc: OpenDocument): Promise<void> {
    const delta = (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri: doc.uri }, previousResultId: doc.held.resultId })) as SemanticTokensDelta;
    const whole = await tokensOf(doc.uri);
    assert.deepEqual(appliedDelta(doc.held.data, delta), whole.data);
    const other = `file:///tmp/fresh-${++opened}.smtp`;
    client.open(other, doc.text, 1);
    assert.deepEqual(whole.data, (await tokensOf(other)).data);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
    doc.held = whole;
  }

  before(async () => {
    client = await startClient();
  });
  after(async () => {
    await client.close();
  });

  test('a line typed in the EHLO reply, then the space after `C:` removed from a message\'s first line far below', async () => {
    const doc = await open(SESSION);
    await edit(doc, 3, 0, 0, 'S: 250-SIZE 5\n');
    const from = doc.text.split('\n').lastIndexOf('C: From: <a@client.test>');
    await edit(doc, from, 2, 3, '');
    // And typed back.
    await edit(doc, from, 2, 2, ' ');
  });

  test('lines typed and letters changed in a long `BDAT *` chunk whose MAIL and RCPT are answered below it', async () => {
    const doc = await open(CHUNKED);
    await edit(doc, 300, 10, 10, '\nC: ');
    await edit(doc, 301, 3, 4, 'Z');
    await edit(doc, 200, 3, 3, '{{x}}');
    await edit(doc, 400, 3, 7, '');
  });

  test('keystrokes in a long message, each followed by a folding request, the tokens asked after the last: spliced from those held', async () => {
    // Each folding request parses its version: the tokens held are some versions older than the last parse
    // (model/composedContentEdits.ts).
    for (const doc of [await open(ATTACHMENT), await open(CHUNKED)]) {
      const keystrokes: [number, number, number, string][] = [[300, 10, 10, 'a'], [300, 11, 11, 'b'], [300, 12, 12, '\nC: '], [301, 3, 3, 'c'], [100, 3, 4, '']];
      for (const [line, start, end, typed] of keystrokes) {
        change(doc, line, start, end, typed);
        await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri: doc.uri } });
      }
      await checkTokens(doc);
    }
  });

  test('edits outside a long message: its RCPT, a line added above it, its QUIT', async () => {
    const doc = await open(ATTACHMENT);
    await edit(doc, 5, 12, 12, 'x');
    await edit(doc, 2, 0, 0, 'S: 250-SIZE 5\n');
    const quit = doc.text.split('\n').indexOf('C: QUIT');
    await edit(doc, quit, 7, 7, ' now');
  });
});
