import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './lspClient';

const uri = 'file:///tmp/deltas.smtp';
const TEXT = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250 mx.example.com', 'C: MAIL FROM:<a@client.test>', 'S: 250 2.1.0 Ok', 'C: QUIT', 'S: 221 Bye'].join('\n');

/** The editor's side: the edits applied to the tokens it holds. */
function applied(data: number[], delta: SemanticTokensDelta): number[] {
  const result = [...data];
  for (const edit of [...delta.edits].reverse()) result.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return result;
}

describe('semantic token deltas over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    client.open(uri, TEXT, 1);
    await client.diagnostics(uri, 1);
  });
  after(async () => {
    assert.equal(await client.close(), 0);
  });

  const full = async () => (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
  const delta = async (previousResultId: string) =>
    (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId })) as SemanticTokensDelta;

  test('after each edit the delta applied to the held tokens equals the whole answer, and is one small edit', async () => {
    let held = await full();
    assert.ok(held.resultId);
    const edits: Array<[{ line: number; character: number }, string]> = [
      [{ line: 3, character: 28 }, ' SIZE=10'], // a parameter typed: one token more
      [{ line: 1, character: 19 }, '\nC: NOOP\nS: 250 Ok'], // lines inserted: every token below moves
      [{ line: 0, character: 0 }, '# a comment\n'],
    ];
    let version = 1;
    for (const [at, text] of edits) {
      client.changeRange(uri, { start: at, end: at }, text, ++version);
      const answer = await delta(held.resultId!);
      const expected = await full();
      assert.deepEqual(applied(held.data, answer), expected.data);
      assert.equal(answer.edits.length, 1);
      assert.ok(answer.edits[0].data!.length < expected.data.length / 2, `a small edit, not the whole array: ${JSON.stringify(answer.edits)}`);
      held = expected; // the whole answer is now what the editor holds
    }
  });

  test('an unchanged document gives no edits; an unknown result id gives the whole answer', async () => {
    const held = await full();
    assert.deepEqual((await delta(held.resultId!)).edits, []);
    const whole = (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', {
      textDocument: { uri },
      previousResultId: 'not-sent',
    })) as SemanticTokens;
    assert.deepEqual(whole.data, held.data);
  });
});
