import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { getFormattingEdits } from '../../../server/src/features/formatting';
import { applyEdits } from '../../support/edits';

const format = (text: string): string => applyEdits(text, getFormattingEdits(parseTranscript(text)));

test('upper-cases verbs and normalizes prefixes, directives, separators and includes', () => {
  const text = [
    '@port=2525   ',
    '####   first  ',
    's:220 mx  ',
    'c:ehlo client.test',
    'S: 250 ok',
    'C: mail FROM:<a@x> ',
    'S: 250 ok',
    'C: Data',
    'S: 354 go',
    'c:subject: mail from me  ',
    'C:  .leading space kept ',
    '<./body.eml  ',
    'C: .',
    'S: 250 ok',
    'C: x-custom arg',
    'S: 250 ok',
    'C: {{verb}} arg',
    '   ',
    '# comment   ',
    'C: quit',
  ].join('\r\n');
  assert.equal(
    format(text),
    [
      '@port = 2525',
      '### first',
      'S: 220 mx',
      'C: EHLO client.test',
      'S: 250 ok',
      'C: MAIL FROM:<a@x> ',
      'S: 250 ok',
      'C: DATA',
      'S: 354 go',
      'C: subject: mail from me  ',
      'C:  .leading space kept ',
      '< ./body.eml',
      'C: .',
      'S: 250 ok',
      'C: X-CUSTOM arg',
      'S: 250 ok',
      'C: {{verb}} arg',
      '',
      '# comment',
      'C: QUIT',
    ].join('\r\n'),
  );
});

test('keeps trailing spaces of expectations under @match = strict, and lines it cannot read', () => {
  const text = ['S: 220 mx  ', '### strict', '@match = strict', 'S: 220 mx  ', '220 no prefix  ', 'C: ', 'C: auth PLAIN'].join('\n');
  assert.equal(format(text), ['S: 220 mx', '### strict', '@match = strict', 'S: 220 mx  ', '220 no prefix  ', 'C:', 'C: AUTH PLAIN'].join('\n'));
});

test('reads `@match` in any case, as replay does: `STRICT` keeps trailing spaces, in a session, in the file and in a range', () => {
  const text = ['@match = STRICT', 'S: 220 mx  ', '### b', '@match = Code', 'S: 220 mx  ', '### c', '@match = Strict', 'S: 220 mx  '].join('\n');
  assert.equal(format(text), ['@match = STRICT', 'S: 220 mx  ', '### b', '@match = Code', 'S: 220 mx', '### c', '@match = Strict', 'S: 220 mx  '].join('\n'));
  const range = { start: { line: 0, character: 0 }, end: { line: 7, character: 0 } };
  assert.deepEqual(getFormattingEdits(parseTranscript(text), range).map((edit) => `${edit.range.start.line}: ${edit.newText}`), ['4: S: 220 mx']);
});

test('formatting a range touches only its lines; a formatted file needs no edits', () => {
  const text = 'c: ehlo a\nc: quit\n';
  const edits = getFormattingEdits(parseTranscript(text), { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
  assert.equal(applyEdits(text, edits), 'c: ehlo a\nC: QUIT\n');
  assert.deepEqual(getFormattingEdits(parseTranscript(format(text))), []);
});

test('a MIME include keeps its mode and media type, with single spaces', () => {
  const text = 'S: 220\nC: DATA\nS: 354\n<   attach\timage/png   ./logo.png \n<part text/html ./a.html\n< BASE64 ./b.bin\nC: .\nS: 250';
  assert.equal(format(text), 'S: 220\nC: DATA\nS: 354\n< attach image/png ./logo.png\n< part text/html ./a.html\n< base64 ./b.bin\nC: .\nS: 250');
});

test("a whole document's edits, made session by session, equal those of a range over every line (the line index's answers)", () => {
  const text = [
    '@match = strict',
    's:220 mx  ',
    'c:ehlo a',
    'S: 250 ok  ',
    '',
    '### second',
    '@match = code',
    'S: 220 mx  ',
    'C: mail FROM:<a@x>',
    'S: 250 ok  ',
    'C: data',
    'S: 354 go',
    'c:mail is content here  ',
    'C: .',
    'S: 250 ok',
    'C: auth login',
    'S: 334 VXNlcm5hbWU6',
    'c:dXNlcg==',
    'S: 235 ok  ',
    '# between  ',
    '### third',
    'S: 220 mx',
    'C: bdat 3 last',
    'C:abc',
    'S: 250 ok   ',
  ].join('\n');
  const transcript = parseTranscript(text);
  const whole = getFormattingEdits(transcript);
  assert.deepEqual(whole, getFormattingEdits(transcript, { start: { line: 0, character: 0 }, end: { line: transcript.lines.length, character: 0 } }));
  assert.deepEqual(
    whole.map((edit) => `${edit.range.start.line + 1}: ${edit.newText}`),
    // Session 2 sets `@match = code` (its replies lose trailing spaces); the others keep the file's strict.
    ['2: S: 220 mx  ', '3: C: EHLO a', '8: S: 220 mx', '9: C: MAIL FROM:<a@x>', '10: S: 250 ok', '11: C: DATA', '13: C: mail is content here  ', '16: C: AUTH login', '18: C: dXNlcg==', '19: S: 235 ok', '20: # between', '23: C: BDAT 3 last', '24: C: abc'],
  );
});

test('a file that is no text gets no edits: its "lines" are fragments between newline bytes', () => {
  const binary = 'S: 220 hi\0\0\0\x01\x02\nc:junk\0   \n#x   \n@a=1\n' + '\0\x01\x02\x03\x04\x05\x06\x07\n'.repeat(20);
  const transcript = parseTranscript(binary);
  assert.deepEqual(transcript.diagnostics.map((d) => d.code), ['not-a-transcript']);
  assert.deepEqual(getFormattingEdits(transcript), []);
  assert.deepEqual(getFormattingEdits(transcript, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }), []);
});
