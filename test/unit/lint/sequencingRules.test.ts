import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic, lint } from './lintHarness';
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

describe('extension-without-ehlo', () => {
  const ids = ['extension-without-ehlo'];
  // RFC 4954 §4 example, with the EHLO taken out and then with HELO in its place.
  const authExchange = ['C: AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=', 'S: 235 2.7.0 Authentication successful'];
  test('AUTH before any EHLO, expecting success: warning at the AUTH line', () => {
    const text = lines('S: 220 smtp.example.com ESMTP server ready', ...authExchange);
    assert.deepEqual(brief(text, ids), [{ line: 2, code: 'extension-without-ehlo', severity: 'warning' }]);
    assert.equal(
      diagnostic(text, 'extension-without-ehlo').message,
      'AUTH belongs to the AUTH extension, but no EHLO was accepted yet, so the server has advertised no extensions (RFC 5321 §4.1.1.1): open the session with EHLO, or expect the refusal.',
    );
  });
  test('AUTH after a refused EHLO: warning; STARTTLS and BDAT before EHLO too', () => {
    assert.deepEqual(brief(lines('S: 220 x', 'C: EHLO client', 'S: 502 no', ...authExchange), ids), [{ line: 4, code: 'extension-without-ehlo', severity: 'warning' }]);
    assert.deepEqual(brief(lines('S: 220 x', 'C: STARTTLS', 'S: 220 Go ahead'), ids), [{ line: 2, code: 'extension-without-ehlo', severity: 'warning' }]);
  });
  test('AUTH in a session opened with HELO: warning; expecting 503 is a negative test: hint', () => {
    const helo = ['S: 220 smtp.example.com ESMTP server ready', 'C: HELO client.example.com', 'S: 250 smtp.example.com'];
    assert.deepEqual(brief(lines(...helo, ...authExchange), ids), [{ line: 4, code: 'extension-without-ehlo', severity: 'warning' }]);
    assert.match(diagnostic(lines(...helo, ...authExchange), 'extension-without-ehlo').message, /opened with HELO, and a server answering HELO offers no service extensions/);
    assert.deepEqual(brief(lines(...helo, 'C: AUTH PLAIN dGVzdAB0ZXN0ADEyMzQ=', 'S: 503 5.5.1 Error: send EHLO first'), ids), [{ line: 4, code: 'extension-without-ehlo', severity: 'hint' }]);
  });
  test('RFC 5321 App. D.1 opened with HELO: each MAIL/RCPT parameter is reported, the plain envelope is not', () => {
    const text = lines(
      'S: 220 foo.com Simple Mail Transfer Service Ready',
      'C: HELO bar.com',
      'S: 250 foo.com',
      'C: MAIL FROM:<Smith@bar.com> SIZE=500 BODY=8BITMIME',
      'S: 250 OK',
      'C: RCPT TO:<Jones@foo.com> NOTIFY=SUCCESS,FAILURE',
      'S: 250 OK',
      'C: RCPT TO:<Green@foo.com>',
      'S: 250 OK',
      'C: QUIT',
      'S: 221 foo.com Service closing transmission channel',
    );
    assert.deepEqual(brief(text, ids), [
      { line: 4, code: 'extension-without-ehlo', severity: 'warning' },
      { line: 4, code: 'extension-without-ehlo', severity: 'warning' },
      { line: 6, code: 'extension-without-ehlo', severity: 'warning' },
    ]);
    assert.deepEqual(
      lint(text).filter((d) => d.code === 'extension-without-ehlo').map((d) => [d.range.start.character, d.range.end.character, d.message.split(',')[0]]),
      [
        [29, 37, 'SIZE=500 is a MAIL parameter of the SIZE extension'],
        [38, 51, 'BODY=8BITMIME is a MAIL parameter of the 8BITMIME extension'],
        [27, 49, 'NOTIFY=SUCCESS'],
      ],
    );
  });
  test('the same dialogue opened with EHLO, and EXPN/HELP after HELO: nothing', () => {
    const ehlo = ['S: 220 foo.com ESMTP', 'C: EHLO bar.com', 'S: 250-foo.com', 'S: 250-SIZE 1000', 'S: 250-8BITMIME', 'S: 250-DSN', 'S: 250 AUTH PLAIN'];
    assert.deepEqual(brief(lines(...ehlo, ...authExchange, 'C: MAIL FROM:<Smith@bar.com> SIZE=500 BODY=8BITMIME', 'S: 250 OK'), ids), []);
    assert.deepEqual(brief(lines('S: 220 x', 'C: HELO bar.com', 'S: 250 x', 'C: EXPN Example-People', 'S: 250 <jones@foo.com>', 'C: HELP', 'S: 214 ok'), ids), []);
  });
  test('after STARTTLS, a missing EHLO is ehlo-after-starttls alone', () => {
    const text = lines('S: 220 x', 'C: EHLO c', 'S: 250-x', 'S: 250-STARTTLS', 'S: 250 AUTH PLAIN', 'C: STARTTLS', 'S: 220 Go ahead', ...authExchange);
    assert.deepEqual(brief(text, [...ids, 'ehlo-after-starttls']), [{ line: 8, code: 'ehlo-after-starttls', severity: 'warning' }]);
  });
});
