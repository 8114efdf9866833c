import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getDefinition,
  getDocumentHighlights,
  getReferences,
  getRenameEdits,
  prepareRename,
} from '../../../server/src/features/variableNavigation';
import { withCursor } from '../../support/cursor';
import { applyEdits } from '../../support/edits';

const URI = 'file:///t.smtp';
const lines = (locations: { range: { start: { line: number; character: number } } }[]): string[] =>
  locations.map((l) => `${l.range.start.line}:${l.range.start.character}`);

const DOC = [
  '@user = alice', // 0
  '@password = {{$env PW}}', // 1
  '### one', // 2
  'C: AUTH PLAIN {{$plain {{user}} {{password}}}}', // 3
  '@user = bob', // 4
  'C: MAIL FROM:<{{user}}@x>', // 5
  '### two', // 6
  'C: MAIL FROM:<{{user}}@x>', // 7
].join('\n');

const at = (line: number, character: number) => {
  const lines = DOC.split('\n');
  lines[line] = lines[line].slice(0, character) + '|' + lines[line].slice(character);
  return withCursor(lines.join('\n'));
};

test('go to definition follows scope: the session\'s later definition wins from its line on', () => {
  const first = at(3, 26);
  assert.deepEqual(getDefinition(URI, first.transcript, first.position), { uri: URI, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 5 } } });
  const later = at(5, 16);
  assert.deepEqual(getDefinition(URI, later.transcript, later.position)?.range.start, { line: 4, character: 1 });
  const otherSession = at(7, 17);
  assert.deepEqual(getDefinition(URI, otherSession.transcript, otherSession.position)?.range.start, { line: 0, character: 1 });
  // On the braces too, as its hover.
  const brace = at(7, 14);
  assert.deepEqual(getDefinition(URI, brace.transcript, brace.position)?.range.start, { line: 0, character: 1 });
  assert.deepEqual(prepareRename(brace.transcript, brace.position), { start: { line: 7, character: 16 }, end: { line: 7, character: 20 } });
  const builtin = at(3, 17);
  assert.equal(getDefinition(URI, builtin.transcript, builtin.position), undefined);
});

test('references and highlights of a definition are the references that resolve to it', () => {
  const def = at(0, 2);
  assert.deepEqual(lines(getReferences(URI, def.transcript, def.position, true)), ['0:1', '3:25', '7:16']);
  assert.deepEqual(lines(getReferences(URI, def.transcript, def.position, false)), ['3:25', '7:16']);
  assert.deepEqual(
    getDocumentHighlights(def.transcript, def.position).map((h) => [h.range.start.line, h.kind]),
    [[0, 3], [3, 2], [7, 2]],
  );
});

test('rename changes the definition and its references, not a redefinition\'s', () => {
  const ref = at(7, 18);
  assert.deepEqual(prepareRename(ref.transcript, ref.position), { start: { line: 7, character: 16 }, end: { line: 7, character: 20 } });
  const result = getRenameEdits(URI, ref.transcript, ref.position, 'login');
  assert.ok(result && 'edit' in result);
  assert.equal(
    applyEdits(DOC, result.edit.changes![URI]),
    [
      '@login = alice',
      '@password = {{$env PW}}',
      '### one',
      'C: AUTH PLAIN {{$plain {{login}} {{password}}}}',
      '@user = bob',
      'C: MAIL FROM:<{{user}}@x>',
      '### two',
      'C: MAIL FROM:<{{login}}@x>',
    ].join('\n'),
  );
});

test('rename refuses an invalid name, a setting\'s name, and a name another variable in scope has', () => {
  const ref = at(7, 18);
  const refusal = (newName: string) => getRenameEdits(URI, ref.transcript, ref.position, newName);
  assert.deepEqual(refusal('9 bad'), {
    refused: '`9 bad` is not a variable name: start with a letter or `_`, then letters, digits, `_`, `-` or `.`',
  });
  assert.deepEqual(refusal('$env'), {
    refused: '`$env` is not a variable name: start with a letter or `_`, then letters, digits, `_`, `-` or `.`',
  });
  assert.deepEqual(refusal('password'), { refused: '`password` is already a variable: choose another name' });
  assert.deepEqual(refusal('port'), { refused: '`port` is a replay setting: choose another name' });
  // Same name: nothing merges, the edits change nothing.
  const same = refusal('user');
  assert.ok(same && 'edit' in same);
  assert.equal(applyEdits(DOC, same.edit.changes![URI]), DOC);
});

test('a name is taken where the renamed variable is visible: its session, or every session for a file-level one', () => {
  const text = [
    '@user = alice', // 0
    '### one',
    '@host = a.test', // 2
    'C: EHLO {{host}}',
    '### two',
    '@mx = b.test', // 5
    'C: EHLO {{mx}} {{helper}}', // 6
  ].join('\n');
  const cursor = (line: number, character: number) => {
    const lines = text.split('\n');
    lines[line] = lines[line].slice(0, character) + '|' + lines[line].slice(character);
    return withCursor(lines.join('\n'));
  };
  const host = cursor(2, 2);
  // `mx` lives in session two only: session one's `host` may take the name.
  const renamed = getRenameEdits(URI, host.transcript, host.position, 'mx');
  assert.ok(renamed && 'edit' in renamed);
  assert.deepEqual(renamed.edit.changes![URI].map((e) => e.range.start), [{ line: 2, character: 1 }, { line: 3, character: 10 }]);
  // A file-level variable is visible in session two, where `mx` is defined and `helper` is used undefined.
  const user = cursor(0, 2);
  assert.deepEqual(getRenameEdits(URI, user.transcript, user.position, 'mx'), { refused: '`mx` is already a variable: choose another name' });
  assert.deepEqual(getRenameEdits(URI, user.transcript, user.position, 'helper'), { refused: '`helper` is already a variable: choose another name' });
  // A session's variable cannot take a file-level name.
  assert.deepEqual(getRenameEdits(URI, host.transcript, host.position, 'user'), { refused: '`user` is already a variable: choose another name' });
});

test('settings and built-ins cannot be renamed; undefined variables are found by name', () => {
  const setting = withCursor('@po|rt = 25\nC: EHLO {{port}}');
  assert.equal(prepareRename(setting.transcript, setting.position), undefined);
  assert.deepEqual(getRenameEdits(URI, setting.transcript, setting.position, 'p'), { refused: '`port` is a replay setting: its name cannot change' });
  const nothing = withCursor('C: EH|LO {{host}}');
  assert.equal(prepareRename(nothing.transcript, nothing.position), undefined);
  assert.equal(getRenameEdits(URI, nothing.transcript, nothing.position, 'x'), undefined);
  const undefinedRef = withCursor('C: EHLO {{ho|st}}\nC: HELO {{host}}');
  assert.deepEqual(lines(getReferences(URI, undefinedRef.transcript, undefinedRef.position, true)), ['0:10', '1:10']);
  assert.equal(getDefinition(URI, undefinedRef.transcript, undefinedRef.position), undefined);
});

test('a reference in a directive\'s value may name a definition further down: it is found, listed and renamed with it', () => {
  const doc = ['@greeting = hello {{na|me}}', '@name = world', 'S: 220 *', 'C: VRFY {{greeting}}', 'S: 250 ok', 'C: VRFY {{name}}', 'S: 250 ok'].join('\n');
  const { text, transcript, position } = withCursor(doc);
  assert.deepEqual(getDefinition(URI, transcript, position)?.range.start, { line: 1, character: 1 });
  assert.deepEqual(lines(getReferences(URI, transcript, position, true)), ['0:20', '1:1', '5:10']);
  const result = getRenameEdits(URI, transcript, position, 'who');
  assert.ok(result && 'edit' in result);
  assert.equal(applyEdits(text, result.edit.changes![URI]), ['@greeting = hello {{who}}', '@who = world', 'S: 220 *', 'C: VRFY {{greeting}}', 'S: 250 ok', 'C: VRFY {{who}}', 'S: 250 ok'].join('\n'));
  // In a session, the session's own definitions further down; one above the directive still wins.
  const scoped = withCursor(['@name = file', '### one', '@greeting = hi {{na|me}}', '@name = session', 'C: VRFY {{greeting}}'].join('\n'));
  assert.deepEqual(getDefinition(URI, scoped.transcript, scoped.position)?.range.start, { line: 0, character: 1 });
  const below = withCursor(['### one', '@greeting = hi {{na|me}}', '@name = session', 'C: VRFY {{greeting}}'].join('\n'));
  assert.deepEqual(getDefinition(URI, below.transcript, below.position)?.range.start, { line: 2, character: 1 });
});
