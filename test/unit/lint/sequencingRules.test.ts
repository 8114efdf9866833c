import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { applyFix } from '../../support/edits';
import { lines } from '../../support/text';

const GREET = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250 mx.example.com'];
const ENVELOPE = ['C: MAIL FROM:<a@example.org>', 'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok'];
const MESSAGE = ['C: DATA', 'S: 354 Go ahead', 'C: Subject: hi', 'C:', 'C: Hello.', 'C: .', 'S: 250 2.0.0 Queued'];

describe('mail-before-helo', () => {
  const ids = ['mail-before-helo'];
  test('MAIL without EHLO, expecting success: warning', () => {
    const text = lines('S: 220 mx.example.com', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 2, code: 'mail-before-helo', severity: 'warning' }]);
  });
  test('MAIL without EHLO expecting 503 is a negative test: hint', () => {
    const text = lines('S: 220 mx.example.com', 'C: MAIL FROM:<a@example.org>', 'S: 503 5.5.1 Send HELO/EHLO first');
    assert.deepEqual(brief(text, ids), [{ line: 2, code: 'mail-before-helo', severity: 'hint' }]);
  });
  test('a refused EHLO does not open the session', () => {
    const text = lines('S: 220 mx.example.com', 'C: EHLO client', 'S: 550 no', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 4, code: 'mail-before-helo', severity: 'warning' }]);
  });
  test('MAIL after EHLO or HELO: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE), ids), []);
    assert.deepEqual(brief(lines('S: 220 x', 'C: HELO client', 'S: 250 x', ...ENVELOPE), ids), []);
  });
});

describe('rcpt-before-mail', () => {
  const ids = ['rcpt-before-mail'];
  test('RCPT with no transaction, expecting 250: error', () => {
    const text = lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 4, code: 'rcpt-before-mail', severity: 'error' }]);
  });
  test('RCPT after a refused MAIL: error', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 550 5.7.1 Sender rejected', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 6, code: 'rcpt-before-mail', severity: 'error' }]);
  });
  test('RCPT before MAIL expecting 503 is a negative test: hint', () => {
    const text = lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: 503 5.5.1 Error: need MAIL command');
    assert.deepEqual(brief(text, ids), [{ line: 4, code: 'rcpt-before-mail', severity: 'hint' }]);
    assert.match(diagnostic(text, 'rcpt-before-mail').message, /expects the refusal \(503\)/);
  });
  test('RCPT before MAIL expecting any reply (`xxx`): hint', () => {
    const text = lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: xxx');
    assert.deepEqual(brief(text, ids), [{ line: 4, code: 'rcpt-before-mail', severity: 'hint' }]);
    assert.match(diagnostic(text, 'rcpt-before-mail').message, /accepts any reply here \(xxx\)\.$/);
  });
  test('RCPT after an accepted MAIL: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE), ids), []);
  });
});

describe('data-without-recipient', () => {
  const ids = ['data-without-recipient'];
  const rejected = ['C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 550 5.1.1 No such user'];
  test('DATA expecting 354 after the only RCPT was refused: error', () => {
    assert.deepEqual(brief(lines(...GREET, ...rejected, ...MESSAGE), ids), [{ line: 8, code: 'data-without-recipient', severity: 'error' }]);
  });
  test('DATA after a relay denial expecting 554 (or 503) is a negative test: hint', () => {
    const relay = ['C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 554 5.7.1 Relay access denied'];
    const text = lines(...GREET, ...relay, 'C: DATA', 'S: 554 5.5.1 Error: no valid recipients');
    assert.deepEqual(brief(text, ids), [{ line: 8, code: 'data-without-recipient', severity: 'hint' }]);
  });
  test('DATA with no transaction at all, expecting 503: hint', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: DATA', 'S: 503 5.5.1 need MAIL'), ids), [{ line: 4, code: 'data-without-recipient', severity: 'hint' }]);
  });
  test('a second DATA after a finished message: says the message ended the transaction', () => {
    const accepted = ['C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok'];
    const text = lines(...GREET, ...accepted, 'C: DATA', 'S: 354 Go', 'C: hi', 'C: .', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: again', 'C: .', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 13, code: 'data-without-recipient', severity: 'error' }]);
    assert.equal(
      diagnostic(text, 'data-without-recipient').message,
      'DATA cannot succeed: the message ending on line 11 ended its mail transaction and no MAIL FROM was accepted since, so the server answers 503 (RFC 5321 §3.3). Start the next message with MAIL FROM and RCPT TO, or expect the refusal.',
    );
  });
  test('BDAT with no accepted recipient: error', () => {
    const text = lines(...GREET, ...rejected, 'C: BDAT 5 LAST', 'C: hello', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 8, code: 'data-without-recipient', severity: 'error' }]);
  });
  test('DATA after one refused and one accepted recipient: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, ...rejected, 'C: RCPT TO:<c@example.com>', 'S: 250 Ok', ...MESSAGE), ids), []);
  });
  test('pipelined MAIL, RCPT, DATA: the expected replies decide', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'C: RCPT TO:<b@example.com>', 'C: DATA', 'S: 250 Ok', 'S: 250 Ok', 'S: 354 Go', 'C: .', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), []);
  });
});

describe('mail-in-transaction', () => {
  const ids = ['mail-in-transaction'];
  test('a second MAIL while the first transaction is open: error', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, 'C: MAIL FROM:<c@example.org>', 'S: 250 Ok'), ids), [
      { line: 8, code: 'mail-in-transaction', severity: 'error' },
    ]);
  });
  test('expecting 503 for the nested MAIL: hint', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, 'C: MAIL FROM:<c@example.org>', 'S: 503 5.5.1 nested MAIL'), ids), [
      { line: 8, code: 'mail-in-transaction', severity: 'hint' },
    ]);
  });
  test('after the message, after RSET, after a refused message: nothing', () => {
    const next = ['C: MAIL FROM:<c@example.org>', 'S: 250 Ok'];
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...MESSAGE, ...next), ids), []);
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, 'C: RSET', 'S: 250 Ok', ...next), ids), []);
    const refused = [...MESSAGE.slice(0, -1), 'S: 554 5.7.1 Spam'];
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...refused, ...next), ids), []);
  });
});

describe('command-after-quit', () => {
  const ids = ['command-after-quit'];
  test('commands after QUIT: one error, on the first', () => {
    const text = lines(...GREET, 'C: QUIT', 'S: 221 Bye', 'C: NOOP', 'S: 250 Ok', 'C: NOOP', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 6, code: 'command-after-quit', severity: 'error' }]);
  });
  test('a command after `C: <close>`: error', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: <close>', 'C: NOOP', 'S: 250 Ok'), ids), [{ line: 5, code: 'command-after-quit', severity: 'error' }]);
  });
  test('after `S: <closed>` the parser reports it instead', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: QUIT', 'S: 221 Bye', 'S: <closed>', 'C: NOOP', 'S: 250 Ok'), [...ids, 'line-after-close']), [
      { line: 7, code: 'line-after-close', severity: 'error' },
    ]);
  });
  test('QUIT last, or a new session after it: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: QUIT', 'S: 221 Bye', '###', ...GREET), ids), []);
  });
});

describe('ehlo-after-starttls', () => {
  const ids = ['ehlo-after-starttls', 'mail-before-helo'];
  const tls = ['C: STARTTLS', 'S: 220 2.0.0 Ready'];
  test('MAIL right after STARTTLS: warning, fixed by inserting EHLO', () => {
    const text = lines(...GREET, ...tls, ...ENVELOPE);
    assert.deepEqual(brief(text, ids), [{ line: 6, code: 'ehlo-after-starttls', severity: 'warning' }]);
    const fixed = applyFix(text, diagnostic(text, 'ehlo-after-starttls').fix!);
    assert.equal(fixed, lines(...GREET, ...tls, 'C: EHLO client.example.com', 'S: 250 *', ...ENVELOPE));
    assert.deepEqual(brief(fixed, ids), []);
  });
  test('reported once, not again for the next command', () => {
    const text = lines(...GREET, ...tls, 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok', ...ENVELOPE);
    assert.deepEqual(brief(text, ids), [{ line: 6, code: 'ehlo-after-starttls', severity: 'warning' }]);
  });
  test('EHLO again after STARTTLS, or STARTTLS refused: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, ...tls, 'C: EHLO client.example.com', 'S: 250 Ok', ...ENVELOPE), ids), []);
    assert.deepEqual(brief(lines(...GREET, 'C: STARTTLS', 'S: 454 4.7.0 TLS not available', ...ENVELOPE), ids), []);
  });
});

describe('starttls-twice', () => {
  const ids = ['starttls-twice'];
  const tls = ['C: STARTTLS', 'S: 220 2.0.0 Ready', 'C: EHLO client.example.com', 'S: 250 Ok'];
  test('a second STARTTLS: error; expecting its refusal: hint', () => {
    assert.deepEqual(brief(lines(...GREET, ...tls, 'C: STARTTLS', 'S: 220 Ready'), ids), [{ line: 8, code: 'starttls-twice', severity: 'error' }]);
    assert.deepEqual(brief(lines(...GREET, ...tls, 'C: STARTTLS', 'S: 554 5.5.1 TLS already active'), ids), [
      { line: 8, code: 'starttls-twice', severity: 'hint' },
    ]);
  });
  test('STARTTLS on an implicit TLS connection: error', () => {
    assert.deepEqual(brief(lines('@tls = implicit', ...GREET, 'C: STARTTLS', 'S: 220 Ready'), ids), [{ line: 5, code: 'starttls-twice', severity: 'error' }]);
  });
  test('one STARTTLS, or one after a refused one: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, ...tls), ids), []);
    assert.deepEqual(brief(lines(...GREET, 'C: STARTTLS', 'S: 454 Try later', ...tls), ids), []);
  });
});

describe('starttls-in-transaction', () => {
  const ids = ['starttls-in-transaction'];
  test('STARTTLS after MAIL: warning; expecting 503: hint', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, 'C: STARTTLS', 'S: 220 Ready'), ids), [{ line: 8, code: 'starttls-in-transaction', severity: 'warning' }]);
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, 'C: STARTTLS', 'S: 503 5.5.1 MAIL transaction in progress'), ids), [
      { line: 8, code: 'starttls-in-transaction', severity: 'hint' },
    ]);
  });
  test('STARTTLS before MAIL: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: STARTTLS', 'S: 220 Ready', 'C: EHLO client.example.com', 'S: 250 Ok', ...ENVELOPE), ids), []);
  });
});

describe('auth-twice and auth-in-transaction', () => {
  const ids = ['auth-twice', 'auth-in-transaction'];
  const auth = (code: string) => ['C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', `S: ${code}`];
  test('AUTH after a successful AUTH: error; expecting 503: hint', () => {
    assert.deepEqual(brief(lines(...GREET, ...auth('235 Ok'), ...auth('235 Ok')), ids), [{ line: 6, code: 'auth-twice', severity: 'error' }]);
    assert.deepEqual(brief(lines(...GREET, ...auth('235 Ok'), ...auth('503 5.5.1 Already authenticated')), ids), [
      { line: 6, code: 'auth-twice', severity: 'hint' },
    ]);
  });
  test('AUTH again after a failed AUTH is allowed (RFC 4954 §4)', () => {
    assert.deepEqual(brief(lines(...GREET, ...auth('535 5.7.8 Bad credentials'), ...auth('235 Ok')), ids), []);
  });
  test('AUTH after a LOGIN dialogue that succeeded: error', () => {
    const login = ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: YWxpY2U=', 'S: 334 UGFzc3dvcmQ6', 'C: c2VjcmV0', 'S: 235 Ok'];
    assert.deepEqual(brief(lines(...GREET, ...login, ...auth('235 Ok')), ids), [{ line: 10, code: 'auth-twice', severity: 'error' }]);
  });
  test('AUTH inside a transaction: error; expecting 503: hint', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...auth('235 Ok')), ids), [{ line: 8, code: 'auth-in-transaction', severity: 'error' }]);
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...auth('503 5.5.1 Mail transaction in progress')), ids), [
      { line: 8, code: 'auth-in-transaction', severity: 'hint' },
    ]);
  });
  test('AUTH before MAIL: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, ...auth('235 Ok'), ...ENVELOPE), ids), []);
  });
});

describe('bdat-data-mixed and bdat-after-last', () => {
  const ids = ['bdat-data-mixed', 'bdat-after-last', 'data-without-recipient'];
  const chunk = (last: boolean, code = '250 Ok') => [`C: BDAT 5${last ? ' LAST' : ''}`, 'C: hello', `S: ${code}`];
  test('DATA after a BDAT chunk in the same transaction: error; expecting 503: hint', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...chunk(false), ...MESSAGE), ids), [{ line: 11, code: 'bdat-data-mixed', severity: 'error' }]);
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...chunk(false), 'C: DATA', 'S: 503 5.5.1 BDAT in progress'), ids), [
      { line: 11, code: 'bdat-data-mixed', severity: 'hint' },
    ]);
  });
  test('BDAT after BDAT LAST: error; expecting 503: hint', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...chunk(true), ...chunk(true)), ids), [{ line: 11, code: 'bdat-after-last', severity: 'error' }]);
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...chunk(true), ...chunk(true, '503 5.5.1 No transaction')), ids), [
      { line: 11, code: 'bdat-after-last', severity: 'hint' },
    ]);
  });
  test('chunks then LAST, and a new transaction after LAST: nothing', () => {
    assert.deepEqual(brief(lines(...GREET, ...ENVELOPE, ...chunk(false), ...chunk(true), ...ENVELOPE, ...chunk(true)), ids), []);
  });
});
