// Highlighting after edits in a long session through the real language server on stdio: a line typed above a later
// stretch of the session moves that stretch's tokens, and an edit of a message's first content line there is then
// spliced into them (features/contentTokenSplice.ts). The tokens must be those of the same text opened fresh, and the
// delta applied to the tokens the editor holds must give them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './lspClient';

const uri = 'file:///tmp/long-session.smtp';
const transaction = (i: number) => ['C: MAIL FROM:<a@client.test>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: From: <a@client.test>', `C: Subject: ${i}`, 'C:', 'C: body', 'C: .', 'S: 250 ok'];
const TEXT = ['S: 220 mx.example.com', 'C: EHLO client.test', 'S: 250-mx.example.com', 'S: 250 8BITMIME', ...Array.from({ length: 60 }, (_, i) => transaction(i)).flat(), 'C: QUIT', 'S: 221 bye'].join('\n');

function applied(data: number[], delta: SemanticTokensDelta): number[] {
  const result = [...data];
  for (const edit of [...delta.edits].reverse()) result.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return result;
}

describe('highlighting after edits in a long session, over stdio', () => {
  let client: TestClient;
  let version = 1;
  let text = TEXT;
  let held: SemanticTokens;
  const tokensOf = async (of: string) => (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: of } })) as SemanticTokens;

  /** Replaces `[start, end)` of `line` with `typed`; the tokens after it, checked against a fresh open of the text. */
  async function edit(line: number, start: number, end: number, typed: string): Promise<void> {
    const lines = text.split('\n');
    const changed = lines[line].slice(0, start) + typed + lines[line].slice(end);
    text = [...lines.slice(0, line), ...changed.split('\n'), ...lines.slice(line + 1)].join('\n');
    client.changeRange(uri, { start: { line, character: start }, end: { line, character: end } }, typed, ++version);
    const delta = (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: held.resultId })) as SemanticTokensDelta;
    const whole = await tokensOf(uri);
    assert.deepEqual(applied(held.data, delta), whole.data);
    const other = `file:///tmp/fresh-${version}.smtp`;
    client.open(other, text, 1);
    assert.deepEqual(whole.data, (await tokensOf(other)).data);
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: other } });
    held = whole;
  }

  before(async () => {
    client = await startClient();
    client.open(uri, TEXT, version);
    held = await tokensOf(uri);
  });
  after(async () => {
    await client.close();
  });

  test('a line typed in the EHLO reply, then the space after `C:` removed from a message\'s first line far below', async () => {
    await edit(3, 0, 0, 'S: 250-SIZE 5\n');
    const from = text.split('\n').lastIndexOf('C: From: <a@client.test>');
    await edit(from, 2, 3, '');
    // And typed back.
    await edit(from, 2, 2, ' ');
  });
});
