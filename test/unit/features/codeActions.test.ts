// Code actions as the editor asks for them: with the diagnostics it holds (moved along by its edits, with or without
// their data), answered from the document's current findings, the edits applied and the whole text compared.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseTranscript } from '../../../server/src/model';
import { getLanguageService, type CodeActionOptions } from '../../../server/src/features/languageService';
import { applyEdits } from '../../support/edits';
import { lines } from '../../support/text';

const URI = 'file:///t.smtp';
const FIX_ALL = 'Fix all auto-fixable problems';
const service = getLanguageService();

const validate = (text: string): Diagnostic[] => service.validate({ uri: URI }, parseTranscript(text), {});

function optionsFor(text: string, version: number, more: Partial<CodeActionOptions> = {}): CodeActionOptions {
  const textLines = text.split(/\r\n|\n/);
  return { current: { version, diagnostics: validate(text) }, documentChanges: false, lineText: (line) => textLines[line] ?? '', eol: text.includes('\r\n') ? '\r\n' : '\n', ...more };
}

const BEFORE = lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: quit', 'S: 221 bye');
const AFTER = lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: NOOP', 'S: 250 ok', 'C: quit', 'S: 221 bye');

/** The lowercase-verb diagnostic published for BEFORE, as the editor holds it after inserting two lines above it. */
function movedDiagnostic(): Diagnostic {
  const published = validate(BEFORE).find((d) => d.code === 'lowercase-verb')!;
  assert.deepEqual(published.range, { start: { line: 3, character: 3 }, end: { line: 3, character: 7 } });
  return { ...published, range: { start: { line: 5, character: 3 }, end: { line: 5, character: 7 } } };
}

describe('quick fixes of a document that changed since its diagnostics were published', () => {
  test("the fix is the current finding's, not the one the diagnostic carried: it edits the moved line", () => {
    const actions = service.getCodeActions({ uri: URI }, parseTranscript(AFTER), [movedDiagnostic()], optionsFor(AFTER, 2));
    assert.deepEqual(actions.map((a) => a.title), ['Write QUIT', 'Disable lowercase-verb for this line', FIX_ALL]);
    assert.equal(applyEdits(AFTER, actions[0].edit!.changes![URI]), lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: NOOP', 'S: 250 ok', 'C: QUIT', 'S: 221 bye'));
    assert.equal(
      applyEdits(AFTER, actions[1].edit!.changes![URI]),
      lines('S: 220 mx', 'C: EHLO a.test', 'S: 250 ok', 'C: NOOP', 'S: 250 ok', '# smtp-lint-disable-next-line lowercase-verb', 'C: quit', 'S: 221 bye'),
    );
  });

  test('a client that applies documentChanges gets the edits with the version they were made for', () => {
    const actions = service.getCodeActions({ uri: URI }, parseTranscript(AFTER), [movedDiagnostic()], optionsFor(AFTER, 7, { documentChanges: true }));
    assert.deepEqual(actions[0].edit, {
      documentChanges: [{ textDocument: { uri: URI, version: 7 }, edits: [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 7 } }, newText: 'QUIT' }] }],
    });
  });

  test('a diagnostic no current finding matches gets no fix, only "Disable"', () => {
    const unmoved = validate(BEFORE).find((d) => d.code === 'lowercase-verb')!;
    const actions = service.getCodeActions({ uri: URI }, parseTranscript(AFTER), [unmoved], optionsFor(AFTER, 2));
    assert.deepEqual(actions.map((a) => a.title), ['Disable lowercase-verb for this line', FIX_ALL]);
  });

  test('a client that does not send diagnostic.data back gets the fix and "Disable" all the same', () => {
    const withoutData: Diagnostic = { ...movedDiagnostic(), data: undefined };
    delete withoutData.data;
    const actions = service.getCodeActions({ uri: URI }, parseTranscript(AFTER), [withoutData], optionsFor(AFTER, 2));
    assert.deepEqual(actions.map((a) => a.title), ['Write QUIT', 'Disable lowercase-verb for this line', FIX_ALL]);
  });
});

describe('the kinds the client asks for (context.only)', () => {
  const titles = (only?: string[]) =>
    service.getCodeActions({ uri: URI }, parseTranscript(AFTER), [movedDiagnostic()], optionsFor(AFTER, 2, only ? { only } : {})).map((a) => `${a.kind}: ${a.title}`);
  const quickFixes = ['quickfix: Write QUIT', 'quickfix: Disable lowercase-verb for this line'];
  const fixAll = [`source.fixAll.smtp: ${FIX_ALL}`];
  test('quick fixes for `quickfix`; fix-all too for the empty kind that holds all, and when none is named', () => {
    const all = [...quickFixes, ...fixAll];
    assert.deepEqual([titles(['quickfix']), titles(['']), titles(), titles(['source', 'quickfix'])], [quickFixes, all, all, all]);
  });
  test('fix-all only for `source`, `source.fixAll` (what codeActionsOnSave asks for) and its own kind', () => {
    assert.deepEqual([titles(['source']), titles(['source.fixAll']), titles(['source.fixAll.smtp'])], [fixAll, fixAll, fixAll]);
  });
  test('none for `refactor`, another source action or a kind below quickfix', () => {
    assert.deepEqual([titles(['refactor', 'source.organizeImports']), titles(['quickfix.other']), titles(['source.fixAll.other'])], [[], [], []]);
  });
});

test('no "Disable" for a finding on a comment line: the suppression comment would silence the next line instead', () => {
  const text = lines('S: 220 mx', '# smtp-lint-disable-next-line not-a-rule', 'C: EHLO a.test', 'S: 250 ok');
  const found = validate(text).filter((d) => d.code === 'suppression-unknown-rule');
  assert.equal(found.length, 1);
  assert.deepEqual(service.getCodeActions({ uri: URI }, parseTranscript(text), found, optionsFor(text, 1)), []);
});

test("a CRLF document's fixes and suppression comments insert CRLF line breaks", () => {
  const text = ['S: 220 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok'].join('\r\n');
  const found = validate(text).filter((d) => d.code === 'mail-before-helo');
  const actions = service.getCodeActions({ uri: URI }, parseTranscript(text), found, optionsFor(text, 1));
  assert.deepEqual(
    actions.map((a) => applyEdits(text, a.edit!.changes![URI])),
    [
      ['S: 220 mx', 'C: EHLO client.example.com', 'S: 250 *', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok'].join('\r\n'),
      ['S: 220 mx', 'C: MAIL FROM:<a@example.org>', 'S: 503 5.5.1 *'].join('\r\n'),
      ['S: 220 mx', '# smtp-lint-disable-next-line mail-before-helo', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok'].join('\r\n'),
    ],
  );
});
