// A text that starts with a byte order mark (U+FEFF), as a client may send it: the mark is no line content (no
// finding), and every position on line 0 counts it, as the editor's text does, so that edits keep it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, CompletionList, Hover, SemanticTokens, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './lspClient';
import { applyEdits } from '../support/edits';

const BOM = '\ufeff';
const REST = '\nS: 220 mx.example.com\nC: QUIT\nS: 221 bye\n';
const sessionUri = 'file:///tmp/bom-session.smtp';
const SESSION = `${BOM}S: 220 mx.example.com\nC: QUIT\nS: 221 bye\n`;
const directiveUri = 'file:///tmp/bom-directive.smtp';
const DIRECTIVE = `${BOM}@match=strct${REST}`;
/** `@match=strct`'s value, `strct`, in the editor's text: after the mark. */
const VALUE = { start: { line: 0, character: 8 }, end: { line: 0, character: 13 } };

describe('a text starting with a byte order mark', () => {
  let client: TestClient;
  before(async () => {
    client = await startClient();
    client.open(sessionUri, SESSION, 1);
    client.open(directiveUri, DIRECTIVE, 1);
  });
  after(async () => {
    assert.equal(await client.close(), 0);
  });

  const ask = <T>(method: string, uri: string, params: object = {}) => client.connection.sendRequest(method, { textDocument: { uri }, ...params }) as Promise<T>;

  test('no finding on line 1; hover, semantic tokens and symbols count the mark', async () => {
    const hover = await ask<Hover>('textDocument/hover', sessionUri, { position: { line: 0, character: 5 } });
    assert.deepEqual(
      {
        diagnostics: await client.diagnostics(sessionUri, 1),
        hover: hover?.range,
        tokens: (await ask<SemanticTokens>('textDocument/semanticTokens/full', sessionUri)).data,
        rangeTokens: (await ask<SemanticTokens>('textDocument/semanticTokens/range', sessionUri, { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } })).data,
        symbols: await ask<SymbolInformation[]>('textDocument/documentSymbol', sessionUri),
      },
      {
        diagnostics: [],
        hover: { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } },
        tokens: [0, 4, 3, 2, 8, 1, 3, 4, 0, 0, 1, 3, 3, 2, 8],
        rangeTokens: [0, 4, 3, 2, 8, 1, 3, 4, 0, 0],
        symbols: [
          { name: 'Session 1', kind: 3, location: { uri: sessionUri, range: { start: { line: 0, character: 1 }, end: { line: 2, character: 10 } } } },
          { name: 'Greeting', kind: 24, location: { uri: sessionUri, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 22 } } }, containerName: 'Session 1' },
          { name: 'QUIT', kind: 6, location: { uri: sessionUri, range: { start: { line: 1, character: 0 }, end: { line: 2, character: 10 } } }, containerName: 'Session 1' },
        ],
      },
    );
  });

  test('a finding on line 1, its quick fixes, completion and formatting: their edits keep the mark', async () => {
    const diagnostics = await client.diagnostics(directiveUri, 1);
    const fix = { title: 'Write strict', edits: [{ range: VALUE, newText: 'strict' }] };
    assert.deepEqual(diagnostics, [
      { range: VALUE, severity: 1, code: 'setting-value', source: 'smtp', message: '`@match = strct` is not `code` or `strict`: did you mean `strict`?', data: { fix, configurable: true } },
    ]);
    const actions = await ask<CodeAction[]>('textDocument/codeAction', directiveUri, { range: VALUE, context: { diagnostics } });
    const completion = await ask<CompletionList>('textDocument/completion', directiveUri, { position: { line: 0, character: 10 } });
    const formatting = await ask<TextEdit[]>('textDocument/formatting', directiveUri, { options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(
      {
        actions: actions.map((a) => [a.title, applyEdits(DIRECTIVE, a.edit!.changes![directiveUri])]),
        completion: completion.items.map((item) => [item.label, item.textEdit]),
        formatted: applyEdits(DIRECTIVE, formatting),
      },
      {
        actions: [
          ['Write strict', `${BOM}@match=strict${REST}`],
          ['Disable setting-value for this line', `${BOM}# smtp-lint-disable-next-line setting-value\n@match=strct${REST}`],
        ],
        completion: [
          ['code', { range: VALUE, newText: 'code' }],
          ['strict', { range: VALUE, newText: 'strict' }],
        ],
        formatted: `${BOM}@match = strct${REST}`,
      },
    );
  });

  test('fix-all on line 1: its edits count the mark and keep it', async () => {
    const uri = 'file:///tmp/bom-fix-all.smtp';
    const text = `${BOM}C:  ehlo a.test\nS: 250 ok\n`;
    client.open(uri, text, 1);
    await client.diagnostics(uri, 1);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const [fixAll] = await ask<CodeAction[]>('textDocument/codeAction', uri, { range, context: { diagnostics: [], only: ['source.fixAll'] } });
    assert.equal(applyEdits(text, fixAll.edit!.changes![uri]), `${BOM}C: EHLO a.test\nS: 250 ok\n`);
  });

  test('after a whole-text change and an edit on line 1, the positions still count the mark', async () => {
    const uri = 'file:///tmp/bom-changed.smtp';
    client.open(uri, SESSION.slice(1), 1);
    await client.diagnostics(uri, 1);
    client.change(uri, DIRECTIVE, 2);
    const changed = await client.diagnostics(uri, 2);
    client.changeRange(uri, VALUE, 'strict', 3);
    const edited = await client.diagnostics(uri, 3);
    const hover = await ask<Hover>('textDocument/hover', uri, { position: { line: 0, character: 3 } });
    assert.deepEqual([changed.map((d) => [d.code, d.range]), edited, hover?.range], [[['setting-value', VALUE]], [], { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }]);
  });
});
