// The scans that replace per-line regexes read exactly what those regexes matched (lint's, and the header field name
// that message layout and lint share): every string of up to four characters over an alphabet holding each kind of
// character they tell apart is compared with the regex.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldNameLength } from '../../../server/src/features/messageSections';
import { startsWithBlank } from '../../../server/src/features/lint/textScan';

const ALPHABET = ['a', 'Z', '!', '~', '9', ':', ' ', '\t', '\x20', '\x7f', '\x1f', 'é', '\n', '-'];

function* strings(maxLength: number): Generator<string> {
  yield '';
  if (maxLength === 0) return;
  for (const shorter of strings(maxLength - 1)) if (shorter.length === maxLength - 1) for (const c of ALPHABET) yield shorter + c;
}

test('fieldNameLength is the length of /^[\\x21-\\x39\\x3b-\\x7e]+/ (0 without a match)', () => {
  const mismatches: string[] = [];
  for (const text of strings(4)) {
    const expected = /^[\x21-\x39\x3b-\x7e]+/.exec(text)?.[0].length ?? 0;
    if (fieldNameLength(text) !== expected) mismatches.push(JSON.stringify(text));
  }
  assert.deepEqual(mismatches, []);
});

test('startsWithBlank is /^[ \\t]/', () => {
  const mismatches: string[] = [];
  for (const text of strings(2)) if (startsWithBlank(text) !== /^[ \t]/.test(text)) mismatches.push(JSON.stringify(text));
  assert.deepEqual(mismatches, []);
});

test('a header field name, examples', () => {
  assert.deepEqual(
    ['Subject: x', 'Subject : x', 'X-Ünïcode: y', ': empty', 'Name', ' folded'].map(fieldNameLength),
    [7, 7, 2, 0, 4, 0],
  );
});
