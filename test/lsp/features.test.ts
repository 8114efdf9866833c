import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CodeLens, CompletionList, DocumentHighlight, Hover, InlayHint, MarkupContent, SelectionRange, SemanticTokens, SemanticTokensDelta, SignatureHelp } from 'vscode-languageserver-protocol';
import { appliedDelta, startClient, type TestClient } from './lspClient';
import { applyEdits } from '../support/edits';

const uri = 'file:///tmp/features.smtp';
const TEXT = [
  'S: 220 mx.example.com ESMTP',
  'C: EHLO client.test',
  'S: 250-mx.example.com',
  'S: 250-PIPELINING',
  'S: 250 SIZE 1000',
  'C: MAIL FROM: <a@client.test>',
  'S: 250 2.1.0 Ok',
  'C: ',
].join('\n');

const deltasUri = 'file:///tmp/deltas.smtp';
const DELTAS_SESSION = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250 mx.example.com', 'C: MAIL FROM:<a@client.test>', 'S: 250 2.1.0 Ok', 'C: QUIT', 'S: 221 Bye'];
const DELTAS_TEXT = ['one', 'two', 'three'].flatMap((name) => [`### ${name}`, ...DELTAS_SESSION]).join('\n');

describe('language features over stdio', () => {
  let client: TestClient;
  before(async () => {
    // As the VS Code client starts it: the code lenses below are offered to it only.
    client = await startClient({ vscodeCommands: true });
    client.open(uri, TEXT, 1);
    client.open(deltasUri, DELTAS_TEXT, 1);
    await client.diagnostics(uri, 1);
    await client.diagnostics(deltasUri, 1);
  });
  after(async () => {
    assert.equal(await client.close(), 0);
  });

  test('completion after `C: ` offers the verbs the session allows next', async () => {
    const list = (await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 7, character: 3 },
    })) as CompletionList;
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('RCPT'), labels.join(','));
    assert.ok(!labels.includes('HELO') || labels.indexOf('RCPT') < labels.indexOf('HELO'));
  });

  test('hover on a reply code explains it with its RFC', async () => {
    const hover = (await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 4 },
    })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /250/);
    assert.match(value, /RFC 5321/);
  });

  test('the MAIL FROM space warning comes with a quick fix that removes the space', async () => {
    const diagnostics = await client.diagnostics(uri, 1);
    const warning = diagnostics.find((d) => d.code === 'path-space-after-colon');
    assert.ok(warning, JSON.stringify(diagnostics));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: warning.range,
      context: { diagnostics: [warning] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    const edits = fix.edit!.changes![uri];
    const applied = applyEdits(TEXT, edits).split('\n')[5];
    assert.equal(applied, 'C: MAIL FROM:<a@client.test>');
    assert.ok(actions.some((a) => a.title === 'Disable path-space-after-colon for this line'));
  });

  test('semantic tokens and the Replay, Update expectations and Serve as Mock lenses of each session', async () => {
    const tokens = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments]),
      [
        [0, 'smtp.replaySession', [uri, 0]],
        [0, 'smtp.updateExpectations', [uri, 0]],
        [0, 'smtp.serveMock', [uri, 0]],
      ],
    );
  });

  test('selection ranges (advertised): the reply code out to its exchange and session; document highlights pair MAIL with its 250', async () => {
    assert.equal(client.serverCapabilities.selectionRangeProvider, true);
    const [chain] = (await client.connection.sendRequest('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 6, character: 4 }] })) as SelectionRange[];
    const ranges: string[] = [];
    for (let r: SelectionRange | undefined = chain; r; r = r.parent) ranges.push(`${r.range.start.line}:${r.range.start.character}-${r.range.end.line}:${r.range.end.character}`);
    // The code, the text after `S: `, the line, MAIL with its reply, the session (to the end of `C: `).
    assert.deepEqual(ranges, ['6:3-6:6', '6:3-6:15', '6:0-6:15', '5:0-6:15', '0:0-7:3']);
    const pair = (await client.connection.sendRequest('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 6, character: 4 } })) as DocumentHighlight[];
    assert.deepEqual(pair.map((h) => [h.range.start.line, h.range.start.character, h.range.end.character, h.kind]), [[5, 3, 7, 3], [6, 3, 6, 2]]);
    await assert.rejects(client.connection.sendRequest('textDocument/selectionRange', { textDocument: { uri } }), (error: Error) => /params need positions/.test(error.message));
  });

  test('inlay hints (advertised): a pipelined reply names its command, a 334 challenge reads decoded', async () => {
    assert.deepEqual(client.serverCapabilities.inlayHintProvider, { resolveProvider: false });
    const pipelined = 'file:///tmp/hints.smtp';
    client.open(pipelined, 'S: 220 mx\nC: MAIL FROM:<a@x>\nC: RCPT TO:<b@y>\nS: 250 ok\nS: 550 no\nC: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\n', 1);
    await client.diagnostics(pipelined, 1);
    const range = { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } };
    const hints = (await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: pipelined }, range })) as InlayHint[];
    const text = (hint: InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''));
    assert.deepEqual(hints.map((hint) => [hint.position.line, hint.position.character, text(hint)]), [[3, 9, '← MAIL FROM:<a@x>'], [4, 9, '← RCPT TO:<b@y>'], [6, 19, 'Username:']]);
    await assert.rejects(client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri: pipelined } }), (error: Error) => /params need a range/.test(error.message));
  });

  test("signature help (advertised): inside a built-in's arguments, the one being written; none elsewhere", async () => {
    assert.deepEqual(client.serverCapabilities.signatureHelpProvider, { triggerCharacters: [' '], retriggerCharacters: ['}'] });
    const auth = 'file:///tmp/signature.smtp';
    client.open(auth, 'S: 220 mx\nC: AUTH PLAIN {{$plain {{user}} \nC: QUIT\n', 1);
    await client.diagnostics(auth, 1);
    const help = (await client.connection.sendRequest('textDocument/signatureHelp', { textDocument: { uri: auth }, position: { line: 1, character: 32 } })) as SignatureHelp;
    assert.equal(help.signatures[0].label, '{{$plain user password}}');
    assert.deepEqual(help.signatures[0].parameters, [{ label: [9, 13] }, { label: [14, 22] }]);
    assert.equal(help.activeParameter, 1);
    assert.equal(await client.connection.sendRequest('textDocument/signatureHelp', { textDocument: { uri: auth }, position: { line: 2, character: 4 } }), null);
    await assert.rejects(client.connection.sendRequest('textDocument/signatureHelp', { textDocument: { uri: auth } }), (error: Error) => /params need a position/.test(error.message));
  });

  test('renaming a variable onto another one is refused with a message, not silently merged', async () => {
    const vars = 'file:///tmp/rename.smtp';
    client.open(vars, '@user = me\n@login = you\nS: 220 x\nC: EHLO {{user}} {{login}}\n', 1);
    await client.diagnostics(vars, 1);
    await assert.rejects(
      client.connection.sendRequest('textDocument/rename', { textDocument: { uri: vars }, position: { line: 0, character: 2 }, newName: 'login' }),
      (error: Error) => /`login` is already a variable/.test(error.message),
    );
    const ok = (await client.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: vars },
      position: { line: 0, character: 2 },
      newName: 'sender',
    })) as { changes: Record<string, unknown[]> };
    assert.equal(ok.changes[vars].length, 2);
  });

  const full = async () => (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: deltasUri } })) as SemanticTokens;
  const delta = async (previousResultId: string) =>
    (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', { textDocument: { uri: deltasUri }, previousResultId })) as SemanticTokensDelta;

  test('semantic token deltas: after each edit the delta applied to the held tokens equals the whole answer, and is one small edit', async () => {
    let held = await full();
    assert.ok(held.resultId);
    const edits: Array<[{ line: number; character: number }, string]> = [
      [{ line: 4, character: 28 }, ' SIZE=10'], // a parameter typed: one token more in the first session
      [{ line: 2, character: 19 }, '\nC: NOOP\nS: 250 Ok'], // lines inserted: the sessions below move
      [{ line: 0, character: 0 }, '# a comment\n'],
    ];
    let version = 1;
    for (const [at, text] of edits) {
      client.changeRange(deltasUri, { start: at, end: at }, text, ++version);
      const answer = await delta(held.resultId!);
      const expected = await full();
      assert.deepEqual(appliedDelta(held.data, answer), expected.data);
      assert.equal(answer.edits.length, 1);
      assert.ok(answer.edits[0].data!.length < expected.data.length / 2, `a small edit, not the whole array: ${JSON.stringify(answer.edits)}`);
      held = expected; // the whole answer is now what the editor holds
    }
  });

  test('semantic token deltas: an unchanged document gives no edits; an unknown result id gives the whole answer', async () => {
    const held = await full();
    assert.deepEqual((await delta(held.resultId!)).edits, []);
    const whole = (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', {
      textDocument: { uri: deltasUri },
      previousResultId: 'not-sent',
    })) as SemanticTokens;
    assert.deepEqual(whole.data, held.data);
  });
});
