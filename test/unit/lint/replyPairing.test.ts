import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { lines } from '../../support/text';

// The rest of a session after a gap: its replies must stay paired with their commands.
const REST = [
  'C: RCPT TO:<b@example.com>',
  'S: 250 ok',
  'C: DATA',
  'S: 354 go',
  'C: From: <a@example.com>',
  'C: Date: {{$date}}',
  'C:',
  'C: hi',
  'C: .',
  'S: 250 queued',
  'C: QUIT',
  'S: 221 bye',
];

describe('a missing reply does not cascade', () => {
  test('a forgotten S: line after NOOP: one finding there, nothing after it', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C: NOOP', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', ...REST);
    assert.deepEqual(brief(text), [{ line: 4, code: 'reply-missing', severity: 'warning' }]);
    assert.equal(
      diagnostic(text, 'reply-missing').message,
      'NOOP has no expected reply: write the `S:` line the server answers with (e.g. `S: 250 ...`), so replay can check it.',
    );
  });

  test('a forgotten S: line after MAIL: MAIL and RCPT share the one reply (in order), DATA keeps its 354', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C: MAIL FROM:<a@example.com>', ...REST);
    assert.deepEqual(brief(text), [{ line: 5, code: 'reply-missing', severity: 'warning' }]);
  });

  test('a forgotten S: line after RCPT: 354 still answers DATA', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', ...REST.slice(2));
    assert.deepEqual(brief(text), [{ line: 6, code: 'reply-missing', severity: 'warning' }]);
  });

  test('an empty command line: only the parse error, the replies below stay with their commands', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C:', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', ...REST);
    assert.deepEqual(brief(text), [{ line: 4, code: 'command-expected', severity: 'error' }]);
  });
});
