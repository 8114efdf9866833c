import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getDefinition,
  getDocumentHighlights,
  getReferences,
  getRenameEdits,
  prepareRename,
} from '../../../server/src/features/variableNavigation';
import { applyEdits, withCursor } from './cursor';

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
  const edit = getRenameEdits(URI, ref.transcript, ref.position, 'login');
  assert.equal(
    applyEdits(DOC, edit!.changes![URI]),
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
  assert.equal(getRenameEdits(URI, ref.transcript, ref.position, '9 bad'), undefined);
});

test('settings and built-ins cannot be renamed; undefined variables are found by name', () => {
  const setting = withCursor('@po|rt = 25\nC: EHLO {{port}}');
  assert.equal(prepareRename(setting.transcript, setting.position), undefined);
  const undefinedRef = withCursor('C: EHLO {{ho|st}}\nC: HELO {{host}}');
  assert.deepEqual(lines(getReferences(URI, undefinedRef.transcript, undefinedRef.position, true)), ['0:10', '1:10']);
  assert.equal(getDefinition(URI, undefinedRef.transcript, undefinedRef.position), undefined);
});
