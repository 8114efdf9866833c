// What lint reads once and shares (an EHLO reply's capabilities across sessions answered alike, a message's header
// section laid out without its body) is what it read before, reply by reply and message by message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectMessageHeaders, collectMessages } from '../../../server/src/features/messageSections';
import { parseTranscript } from '../../../server/src/model';
import { brief } from './lintHarness';

function session(sizeLine: string): string {
  return [
    '###',
    'S: 220 mx.example.com',
    'C: EHLO client.example.org',
    'S: 250-mx.example.com',
    'S: 250-PIPELINING',
    `S: 250-${sizeLine}`,
    'S: 250 8BITMIME',
    'C: MAIL FROM:<a@example.org> SIZE=500',
    'S: 250 2.1.0 Ok',
    'C: QUIT',
    'S: 221 Bye',
    '',
  ].join('\n');
}

test('an EHLO reply differing from the one before in a single keyword line is read anew', () => {
  // SIZE 1000 twice (the second reads as the first), then SIZE 100 with the same lines around it, then a wildcard.
  const text = [session('SIZE 1000'), session('SIZE 1000'), session('SIZE 100'), session('SIZE *'), session('SIZE 1000')].join('');
  assert.deepEqual(brief(text, ['size-above-limit']), [{ line: 30, code: 'size-above-limit', severity: 'warning' }]);
});

test('an EHLO reply read before, its keyword line now written with a variable, is not taken as recorded', () => {
  const text = ['@limit = 100\n', session('SIZE 100'), session('SIZE {{limit}}'), session('SIZE 100')].join('');
  assert.deepEqual(brief(text, ['size-above-limit']), [
    { line: 9, code: 'size-above-limit', severity: 'warning' },
    { line: 31, code: 'size-above-limit', severity: 'warning' },
  ]);
});

test("a message's header section is laid out as the whole message is, up to its first line that is no header line", () => {
  const text = [
    'S: 220 mx.example.com',
    'C: EHLO client.example.org',
    'S: 250 mx.example.com',
    'C: MAIL FROM:<a@example.org>',
    'S: 250 Ok',
    'C: RCPT TO:<b@example.com>',
    'S: 250 Ok',
    'C: DATA',
    'S: 354 Go',
    'C: Subject: one',
    'C:  folded',
    'C: not a field',
    'C: From: a@example.org',
    'C:',
    'C: body 1',
    'C: body 2',
    'C: .',
    'S: 250 Ok',
    'C: MAIL FROM:<a@example.org>',
    'S: 250 Ok',
    'C: RCPT TO:<b@example.com>',
    'S: 250 Ok',
    'C: DATA',
    'S: 354 Go',
    'C: Subject: no empty line',
    'C: .',
    'S: 250 Ok',
    'C: MAIL FROM:<a@example.org>',
    'S: 250 Ok',
    'C: RCPT TO:<b@example.com>',
    'S: 250 Ok',
    'C: BDAT 12',
    'C: Subject: x',
    'S: 250 Ok',
    'C: BDAT 8 LAST',
    'C: ',
    'C: body',
    'S: 250 Ok',
    'C: QUIT',
    'S: 221 Bye',
  ].join('\n');
  const exchanges = parseTranscript(text).sessions[0].exchanges;
  const whole = collectMessages(exchanges);
  const headers = collectMessageHeaders(exchanges);
  assert.equal(whole.length, 3);
  const inHeaderSection = new Set(['header', 'header-continuation', 'header-malformed']);
  const cut = whole.map((message) => {
    const end = message.lines.findIndex((line) => !inHeaderSection.has(line.role));
    return { exchanges: message.exchanges, lines: end < 0 ? message.lines : message.lines.slice(0, end + 1) };
  });
  assert.deepEqual(headers, cut);
  assert.deepEqual(
    headers.map((message) => message.lines.map((line) => line.role)),
    [
      ['header', 'header-continuation', 'header-malformed', 'header', 'header-end'],
      ['header', 'terminator'],
      ['header', 'header-end'],
    ],
  );
});
