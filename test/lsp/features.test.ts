import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CodeLens, CompletionList, Hover, MarkupContent, SemanticTokens } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './lspClient';
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

describe('language features over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    client.open(uri, TEXT, 1);
    await client.diagnostics(uri, 1);
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
});
