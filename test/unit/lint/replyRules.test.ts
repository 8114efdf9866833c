import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { applyFix } from '../../support/edits';
import { lines } from '../../support/text';

const GREET = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250 mx.example.com'];

describe('greeting-missing', () => {
  test('a session starting with C: gets a warning, fixed by inserting the greeting', () => {
    const text = lines('C: EHLO client.example.com', 'S: 250 mx.example.com', 'C: QUIT', 'S: 221 Bye');
    assert.deepEqual(brief(text, ['greeting-missing']), [{ line: 1, code: 'greeting-missing', severity: 'warning' }]);
    const fixed = applyFix(text, diagnostic(text, 'greeting-missing').fix!);
    assert.equal(fixed, lines('S: 220 *', 'C: EHLO client.example.com', 'S: 250 mx.example.com', 'C: QUIT', 'S: 221 Bye'));
    assert.deepEqual(brief(fixed, ['greeting-missing']), []);
  });
  test('each session needs its own greeting', () => {
    const text = lines('### one', ...GREET, '### two', '@x = 1', 'C: NOOP {{x}}', 'S: 250 Ok');
    assert.deepEqual(brief(text, ['greeting-missing']), [{ line: 7, code: 'greeting-missing', severity: 'warning' }]);
  });
});

describe('greeting-code', () => {
  const ids = ['greeting-code'];
  test('a success code other than 220: error, fixed to 220', () => {
    const text = lines('S: 250 mx.example.com', 'C: QUIT', 'S: 221 Bye');
    assert.deepEqual(brief(text, ids), [{ line: 1, code: 'greeting-code', severity: 'error' }]);
    assert.equal(applyFix(text, diagnostic(text, 'greeting-code').fix!), lines('S: 220 mx.example.com', 'C: QUIT', 'S: 221 Bye'));
  });
  test('a multi-line greeting: every line is fixed', () => {
    const text = lines('S: 250-mx.example.com', 'S: 250 welcome', 'C: QUIT', 'S: 221 Bye');
    assert.equal(applyFix(text, diagnostic(text, 'greeting-code').fix!), lines('S: 220-mx.example.com', 'S: 220 welcome', 'C: QUIT', 'S: 221 Bye'));
  });
  test('an unlisted refusal: hint', () => {
    assert.deepEqual(brief(lines('S: 550 go away', 'C: QUIT', 'S: 221 Bye'), ids), [{ line: 1, code: 'greeting-code', severity: 'hint' }]);
  });
  test('220, 2xx, 554, 521 and 421: nothing', () => {
    for (const code of ['220 ready', '2xx', '554 No SMTP service here', '521 no mail', '421 busy']) {
      assert.deepEqual(brief(lines(`S: ${code}`, 'C: QUIT', 'S: 221 Bye'), ids), [], code);
    }
  });
});

describe('reply-missing', () => {
  const ids = ['reply-missing'];
  test('a command, an AUTH response and a message without replies: warnings', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: NOOP'), ids), [{ line: 4, code: 'reply-missing', severity: 'warning' }]);
    assert.deepEqual(brief(lines(...GREET, 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: YWxpY2U='), ids), [{ line: 6, code: 'reply-missing', severity: 'warning' }]);
    const message = ['C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: Hi', 'C: .'];
    assert.deepEqual(brief(lines(...GREET, ...message), ids), [{ line: 11, code: 'reply-missing', severity: 'warning' }]);
  });
  test('pipelined commands with fewer replies: the unanswered ones', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'C: RCPT TO:<b@example.com>', 'C: RCPT TO:<c@example.com>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [
      { line: 5, code: 'reply-missing', severity: 'warning' },
      { line: 6, code: 'reply-missing', severity: 'warning' },
    ]);
  });
  test('QUIT without 221 before `S: <closed>`: warning', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: QUIT', 'S: <closed>'), ids), [{ line: 4, code: 'reply-missing', severity: 'warning' }]);
  });
  test('every reply written, `C: <close>`, content right after DATA (the parser reports it): nothing', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: NOOP', 'S: 250 Ok', 'C: <close>'), ids), []);
    assert.deepEqual(brief(lines(...GREET, 'C: DATA', 'C: Hi', 'C: .', 'S: 250 Ok'), [...ids, 'reply-not-for-command', 'data-reply-missing']), [
      { line: 4, code: 'data-reply-missing', severity: 'warning' },
    ]);
  });
});

describe('reply-not-for-command', () => {
  const ids = ['reply-not-for-command'];
  test('QUIT expecting 250: error, fixed to 221', () => {
    const text = lines(...GREET, 'C: QUIT', 'S: 250 Bye');
    assert.deepEqual(brief(text, ids), [{ line: 5, code: 'reply-not-for-command', severity: 'error' }]);
    const d = diagnostic(text, 'reply-not-for-command');
    assert.equal(d.message, 'QUIT is answered 221 or a refusal, never `250` (RFC 5321 §4.3.2): expect 221.');
    assert.deepEqual(d.range, { start: { line: 4, character: 3 }, end: { line: 4, character: 6 } });
    assert.equal(applyFix(text, d.fix!), lines(...GREET, 'C: QUIT', 'S: 221 Bye'));
  });
  test('DATA expecting 250 (its final reply comes after `.`): error, fixed to 354', () => {
    const text = lines(...GREET, 'C: DATA', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 5, code: 'reply-not-for-command', severity: 'error' }]);
    assert.equal(applyFix(text, diagnostic(text, 'reply-not-for-command').fix!), lines(...GREET, 'C: DATA', 'S: 354 Ok'));
  });
  test('334 to anything but AUTH, 354 after the message: errors without a fix when several codes fit', () => {
    const ehlo334 = lines('S: 220 mx', 'C: NOOP', 'S: 334 VXNlcm5hbWU6');
    assert.deepEqual(brief(ehlo334, ids), [{ line: 3, code: 'reply-not-for-command', severity: 'error' }]);
    assert.match(diagnostic(ehlo334, 'reply-not-for-command').message, /334 continues an AUTH exchange only/);
    const rcpt = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 354 Go');
    assert.equal(diagnostic(rcpt, 'reply-not-for-command').fix, undefined);
    const message = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: Hi', 'C: .', 'S: 354 Again');
    assert.deepEqual(brief(message, ids), [{ line: 12, code: 'reply-not-for-command', severity: 'error' }]);
  });
  test('an AUTH response answered 250: error', () => {
    const text = lines(...GREET, 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: YWxpY2U=', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 7, code: 'reply-not-for-command', severity: 'error' }]);
  });
  test('a refusal not listed for the command: hint', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 535 5.7.8 Nope');
    assert.deepEqual(brief(text, ids), [{ line: 7, code: 'reply-not-for-command', severity: 'hint' }]);
  });
  test('listed codes, wildcards, common refusals and unknown verbs: nothing', () => {
    const text = lines(
      ...GREET,
      'C: NOOP',
      'S: 2xx',
      'C: MAIL FROM:<a@example.org>',
      'S: 250 Ok',
      'C: RCPT TO:<b@example.com>',
      'S: 554 5.7.1 Relay access denied',
      'C: RCPT TO:<c@example.com>',
      'S: 251 Forwarding',
      'C: XFOO',
      'S: 250 whatever',
      'C: VRFY alice',
      'S: 252 Cannot VRFY',
      'C: QUIT',
      'S: 221 Bye',
    );
    assert.deepEqual(brief(text, ids), []);
  });
  test('a wildcard that no listed code matches: error', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: QUIT', 'S: 25x'), ids), [{ line: 5, code: 'reply-not-for-command', severity: 'error' }]);
  });
});

describe('reply-regex-invalid', () => {
  const ids = ['reply-regex-invalid'];
  const session = (reply: string): string => lines('@match = strict', 'S: 220 mx.example.com', 'C: EHLO c.example', reply, 'C: QUIT', 'S: 221 Bye');
  test('a backreference, a lookahead or invalid syntax: error at the S: line with the engine\'s reason', () => {
    const backreference = session('S: 250 /(a)\\1/');
    assert.deepEqual(brief(backreference, ids), [{ line: 4, code: 'reply-regex-invalid', severity: 'error' }]);
    const found = diagnostic(backreference, 'reply-regex-invalid');
    assert.deepEqual(found.range, { start: { line: 3, character: 7 }, end: { line: 3, character: 14 } });
    assert.equal(
      found.message,
      'invalid regular expression /(a)\\1/: invalid escape sequence: `\\1` (the linear-time RE2 engine has no backreferences or lookaround): replay would fail this line whatever the server says. Rewrite it for RE2 (docs/transcript-format.md, "Regular expressions").',
    );
    assert.match(diagnostic(session('S: 250 /x(?!y)/'), 'reply-regex-invalid').message, /unsupported Perl syntax: `\(\?!`/);
    assert.match(diagnostic(session('S: 250 /[a-/'), 'reply-regex-invalid').message, /missing closing \]/);
    assert.match(diagnostic(session('S: 250 /ok/v'), 'reply-regex-invalid').message, /flag `v`/);
  });
  test('patterns RE2 accepts, the catastrophic one included, and texts that hold a variable: nothing', () => {
    assert.deepEqual(brief(session('S: 250 /(a+)+$/'), ids), []);
    assert.deepEqual(brief(session('S: 250 /mx\\.example\\.com ok/i'), ids), []);
    assert.deepEqual(brief(lines('@x = (', '@match = strict', 'S: 220 mx', 'C: NOOP', 'S: 250 /{{x}}/'), ids), []);
  });
});
