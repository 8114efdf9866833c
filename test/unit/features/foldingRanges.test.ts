import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model';
import { getFoldingRanges } from '../../../server/src/features/foldingRanges';

const fold = (text: string): string[] =>
  getFoldingRanges(parseTranscript(text)).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ' ' + r.kind : ''}`);

test('folds sessions, comment blocks, multi-line replies and DATA from the command to the dot', () => {
  const text = [
    '# Submission test', // 0
    '# against the local server', // 1
    '@port = 2525', // 2
    '### first', // 3
    'S: 220 mx ESMTP', // 4
    'C: EHLO client.test', // 5
    'S: 250-mx', // 6
    'S: 250-PIPELINING', // 7
    'S: 250 SMTPUTF8', // 8
    'C: DATA', // 9
    'S: 354 go', // 10
    'C: Subject: hi', // 11
    'C:', // 12
    'C: body', // 13
    'C: .', // 14
    'S: 250 ok', // 15
    '### second', // 16
    'S: 220 mx', // 17
  ].join('\n');
  assert.deepEqual(fold(text), ['0-1 comment', '3-15 region', '6-8', '9-14', '16-17 region']);
});

test('folds a BDAT chunk with its command and an unterminated message to its last line', () => {
  const text = ['C: BDAT 12 LAST', 'C: Subject:', 'C: x', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: a', 'C: b'].join('\n');
  assert.deepEqual(fold(text), ['0-7 region', '0-2', '4-7']);
});

test('a one-line session and single comments do not fold', () => {
  assert.deepEqual(fold('# one\nS: 220 x\n\n# two'), []);
});
