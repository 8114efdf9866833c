import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { lines } from '../../support/text';

// One slip, one finding (issue 12): each file below holds exactly one realistic mistake, and the whole set of
// findings is asserted, so a cascade onto the lines after the slip fails the test.

const MESSAGE = ['C: From: <alice@example.org>', 'C: Date: Thu, 1 Jan 2026 00:00:00 +0000', 'C: Subject: test', 'C:', 'C: Hello Bob.'];

describe('one slip, one finding', () => {
  test('EHLO pipelined with MAIL, every reply a group late: one pipelining-group-end at EHLO, content stays content', () => {
    const text = lines(
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.org',
      'C: MAIL FROM:<alice@example.org>',
      'S: 250-mx.example.com',
      'S: 250-PIPELINING',
      'S: 250 8BITMIME',
      'C: RCPT TO:<bob@example.com>',
      'C: DATA',
      'S: 250 2.1.0 Ok',
      'S: 250 2.1.5 Ok',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      ...MESSAGE,
      'C: .',
      'S: 250 2.0.0 Ok: queued',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    );
    assert.deepEqual(brief(text), [{ line: 2, code: 'pipelining-group-end', severity: 'warning' }]);
    assert.equal(diagnostic(text, 'pipelining-group-end').message, 'EHLO must be the last command of a pipelined group (RFC 2920 §3.1): write its `S:` reply before line 3.');
  });

  test('a late reply that does not fit when moved back stays reply-without-command', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'C: NOOP', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'S: 354 go');
    assert.deepEqual(brief(text, ['reply-without-command']), [{ line: 7, code: 'reply-without-command', severity: 'error' }]);
  });

  test('a missing reply to the final `.`: one reply-missing at the `.`, QUIT keeps its 221', () => {
    const text = lines(
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.org',
      'S: 250-mx.example.com',
      'S: 250 PIPELINING',
      'C: MAIL FROM:<alice@example.org>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<bob@example.com>',
      'S: 250 2.1.5 Ok',
      'C: DATA',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      ...MESSAGE,
      'C: .',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    );
    assert.deepEqual(brief(text), [{ line: 16, code: 'reply-missing', severity: 'warning' }]);
  });

  test('`BDAT LAST` with no count: one bdat-size-unreadable, the chunk runs to the reply', () => {
    const text = lines(
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.org',
      'S: 250-mx.example.com',
      'S: 250 CHUNKING',
      'C: MAIL FROM:<alice@example.org>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<bob@example.com>',
      'S: 250 2.1.5 Ok',
      'C: BDAT LAST',
      ...MESSAGE,
      'S: 250 2.0.0 Ok: queued',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    );
    assert.deepEqual(brief(text), [{ line: 9, code: 'bdat-size-unreadable', severity: 'warning' }]);
  });

  test('a forgotten `C: DATA`: one reply-without-command at the 354, which still opens the message content', () => {
    const text = lines(
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.org',
      'S: 250 mx.example.com',
      'C: MAIL FROM:<alice@example.org>',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<bob@example.com>',
      'S: 250 2.1.5 Ok',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      ...MESSAGE,
      'C: .',
      'S: 250 2.0.0 Ok: queued',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    );
    assert.deepEqual(brief(text), [{ line: 8, code: 'reply-without-command', severity: 'error' }]);
  });

  test('a forgotten MAIL line: its orphan reply and one rcpt-before-mail, not every RCPT and DATA after it', () => {
    const text = lines(
      'S: 220 mx.example.com ESMTP',
      'C: EHLO client.example.org',
      'S: 250 mx.example.com',
      'S: 250 2.1.0 Ok',
      'C: RCPT TO:<bob@example.com>',
      'S: 250 2.1.5 Ok',
      'C: RCPT TO:<carol@example.com>',
      'S: 250 2.1.5 Ok',
      'C: DATA',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      ...MESSAGE,
      'C: .',
      'S: 250 2.0.0 Ok: queued',
    );
    assert.deepEqual(brief(text), [
      { line: 4, code: 'reply-without-command', severity: 'error' },
      { line: 5, code: 'rcpt-before-mail', severity: 'error' },
    ]);
  });

  test('a RCPT expected refused with 503 opens nothing: DATA after it is still reported', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.example.org', 'S: 250 mx', 'C: RCPT TO:<b@example.com>', 'S: 503 5.5.1 Need MAIL', 'C: DATA', 'S: 354 go', ...MESSAGE, 'C: .', 'S: 250 ok');
    assert.deepEqual(brief(text, ['rcpt-before-mail', 'data-without-recipient']), [
      { line: 4, code: 'rcpt-before-mail', severity: 'hint' },
      { line: 6, code: 'data-without-recipient', severity: 'error' },
    ]);
  });

  test('a forgotten 354: one data-reply-missing, the content is not also reported as pipelined', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.example.org', 'S: 250-mx', 'S: 250 8BITMIME', 'C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: DATA', ...MESSAGE, 'C: .', 'S: 250 ok');
    assert.deepEqual(brief(text), [{ line: 9, code: 'data-reply-missing', severity: 'warning' }]);
  });

  test('a forgotten reply without PIPELINING: one reply-missing, not also pipelining-not-advertised', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.example.org', 'S: 250-mx', 'S: 250 8BITMIME', 'C: RSET', 'C: RSET', 'S: 250 ok', 'C: QUIT', 'S: 221 bye');
    assert.deepEqual(brief(text), [{ line: 6, code: 'reply-missing', severity: 'warning' }]);
  });

  test('a reply-missing on an unknown verb names the verb as written', () => {
    const text = lines('S: 220 *', 'C: EHLO c.test', 'S: 250 ok', 'C: FROB x');
    assert.equal(diagnostic(text, 'reply-missing').message, '`FROB` has no expected reply: write the `S:` line the server answers with (e.g. `S: 250 ...`), so replay can check it.');
  });
});
