// Quick fixes over stdio, asked as editors ask: right after an edit (before the diagnostics are sent again), with the
// diagnostics the editor holds moved along, with or without their data, and in a CRLF document.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { startClient, type TestClient } from './lspClient';
import { applyEdits } from '../support/edits';
import { lines } from '../support/text';

const BEFORE = lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: quit', 'S: 221 bye');
const INSERTED = 'C: NOOP\nS: 250 ok\n';
const AFTER = lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: NOOP', 'S: 250 ok', 'C: quit', 'S: 221 bye');
const FIXED = lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: NOOP', 'S: 250 ok', 'C: QUIT', 'S: 221 bye');

/** Opens BEFORE, takes its lowercase-verb diagnostic, inserts two lines above it and moves it along as the editor does. */
async function movedAfterEdit(client: TestClient, uri: string): Promise<Diagnostic> {
  client.open(uri, BEFORE, 1);
  const published = (await client.diagnostics(uri, 1)).find((d) => d.code === 'lowercase-verb')!;
  assert.deepEqual(published.range, { start: { line: 3, character: 3 }, end: { line: 3, character: 7 } });
  client.changeRange(uri, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, INSERTED, 2);
  return { ...published, range: { start: { line: 5, character: 3 }, end: { line: 5, character: 7 } } };
}

const codeActions = (client: TestClient, uri: string, diagnostic: Diagnostic) =>
  client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as Promise<
    CodeAction[]
  >;

describe('quick fixes over stdio', () => {
  let versioned: TestClient;
  let bare: TestClient;
  before(async () => {
    versioned = await startClient(undefined, null, undefined, undefined, { workspace: { workspaceEdit: { documentChanges: true } } });
    bare = await startClient();
  });
  after(async () => {
    assert.equal(await versioned.close(), 0);
    assert.equal(await bare.close(), 0);
  });

  test('a client that applies documentChanges gets edits for the version it has, which fix the moved line', async () => {
    const uri = 'file:///tmp/stale-fix.smtp';
    const actions = await codeActions(versioned, uri, await movedAfterEdit(versioned, uri));
    const fix = actions.find((a) => a.title === 'Write QUIT')!;
    assert.deepEqual(fix.edit, {
      documentChanges: [{ textDocument: { uri, version: 2 }, edits: [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 7 } }, newText: 'QUIT' }] }],
    });
    assert.equal(applyEdits(AFTER, (fix.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]), FIXED);
  });

  test('a client that sends no diagnostic.data back gets the fix of the current text and "Disable" as well', async () => {
    const uri = 'file:///tmp/stale-fix-no-data.smtp';
    const moved = await movedAfterEdit(bare, uri);
    delete moved.data;
    const actions = await codeActions(bare, uri, moved);
    assert.deepEqual(actions.map((a) => a.title), ['Write QUIT', 'Disable lowercase-verb for this line', 'Fix all auto-fixable problems']);
    assert.equal(applyEdits(AFTER, actions[0].edit!.changes![uri]), FIXED);
  });

  test('fix-all on save: `source.fixAll` gets one edit with every safe fix of the document, for the version the editor has', async () => {
    assert.deepEqual(versioned.serverCapabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.smtp'] });
    const uri = 'file:///tmp/fix-all.smtp';
    const text = lines('S: 220 mx', 'C: ehlo a.test', 'S: 250 ok', 'C:  MAIL FROM: a@example.org', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject : hi', 'C: .x', 'C: .', 'S: 250 ok', 'C: quit', 'S: 221 bye');
    versioned.open(uri, text, 3);
    await versioned.diagnostics(uri, 3);
    // As VS Code asks on save: the cursor's range, no diagnostics, only the kind the setting names.
    const actions = (await versioned.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => [a.kind, a.title]), [['source.fixAll.smtp', 'Fix all auto-fixable problems']]);
    const edit = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(edit.textDocument.version, 3);
    // Every safe fix at once, those that meet too (the blank after FROM: and the brackets); none that changes what the
    // message or the session says (the missing Date: and From: fields have fixes that add them: not applied).
    assert.equal(
      applyEdits(text, edit.edits as TextEdit[]),
      lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: hi', 'C: ..x', 'C: .', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'),
    );
  });

  test('fix-all in a BDAT chunk: every header fix of the chunk in one edit, its count written once, as plain LSP edits', async () => {
    const uri = 'file:///tmp/fix-all-bdat.smtp';
    const chunk = (separator: string) => ['From', 'Subject', 'X-1', 'X-2'].map((name) => `${name}${separator}v`).concat('', 'Hi');
    const text = (separator: string) => {
      const content = chunk(separator);
      const octets = content.reduce((sum, line) => sum + line.length + 2, 0);
      return lines('S: 220 mx', 'C: EHLO a.test', 'S: 250-mx', 'S: 250 CHUNKING', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.org>', 'S: 250 ok', `C: BDAT ${octets} LAST`, ...content.map((line) => (line === '' ? 'C:' : `C: ${line}`)), 'S: 250 ok', 'C: QUIT', 'S: 221 bye');
    };
    bare.open(uri, text(' : '), 1);
    await bare.diagnostics(uri, 1);
    const actions = (await bare.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 2 },
    })) as CodeAction[];
    const edits = actions[0].edit!.changes![uri];
    assert.equal(applyEdits(text(' : '), edits), text(': '));
    // The count once (47 octets less the four blanks), and no field an LSP edit does not have.
    assert.deepEqual(edits[0], { range: { start: { line: 8, character: 8 }, end: { line: 8, character: 10 } }, newText: '43' });
    assert.deepEqual([...new Set(edits.flatMap((edit) => Object.keys(edit)))], ['range', 'newText']);
  });

  test("a CRLF document's suppression comment ends with CRLF", async () => {
    const uri = 'file:///tmp/crlf-fix.smtp';
    const text = ['S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: quit', 'S: 221 bye'].join('\r\n');
    bare.open(uri, text, 1);
    const diagnostic = (await bare.diagnostics(uri, 1)).find((d) => d.code === 'lowercase-verb')!;
    const disable = (await codeActions(bare, uri, diagnostic)).find((a) => a.title === 'Disable lowercase-verb for this line')!;
    assert.equal(
      applyEdits(text, disable.edit!.changes![uri]),
      ['S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', '# smtp-lint-disable-next-line lowercase-verb', 'C: quit', 'S: 221 bye'].join('\r\n'),
    );
  });
});
