import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic, lint } from './lintHarness';
import { applyFix } from '../../support/edits';
import { lines } from '../../support/text';

/** A greeting and an EHLO reply advertising exactly `keywords` (at least one). */
function ehlo(...keywords: string[]): string[] {
  return ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.org', 'S: 250-mx.example.com', ...keywords.map((k, i) => `S: 250${i === keywords.length - 1 ? ' ' : '-'}${k}`)];
}

const HEADERS = ['C: From: <a@example.org>', 'C: Date: Thu, 1 Jan 2026 00:00:00 +0000'];
const data = (...body: string[]) => ['C: DATA', 'S: 354 go', ...HEADERS, ...body, 'C: .', 'S: 250 2.0.0 queued'];

describe('binarymime-with-data (RFC 3030 §3)', () => {
  const ids = ['binarymime-with-data'];
  test('DATA after MAIL BODY=BINARYMIME: error on the verb', () => {
    const text = lines(...ehlo('BINARYMIME', 'CHUNKING'), 'C: MAIL FROM:<a@example.org> BODY=BINARYMIME', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', ...data('C:', 'C: hi'));
    assert.deepEqual(brief(text, ids), [{ line: 10, code: 'binarymime-with-data', severity: 'error' }]);
    assert.deepEqual(diagnostic(text, 'binarymime-with-data').range, { start: { line: 9, character: 3 }, end: { line: 9, character: 7 } });
  });
  test('expecting the 503 is a negative test; BDAT and BODY=8BITMIME are fine', () => {
    const mail = (body: string) => ['C: MAIL FROM:<a@example.org> ' + body, 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok'];
    assert.deepEqual(brief(lines(...ehlo('BINARYMIME', 'CHUNKING'), ...mail('BODY=BINARYMIME'), 'C: DATA', 'S: 503 5.5.1 Use BDAT'), ids), [
      { line: 10, code: 'binarymime-with-data', severity: 'hint' },
    ]);
    assert.deepEqual(brief(lines(...ehlo('BINARYMIME', 'CHUNKING'), ...mail('BODY=BINARYMIME'), 'C: BDAT 4 LAST', 'C: hi', 'S: 250 ok'), ids), []);
    assert.deepEqual(brief(lines(...ehlo('8BITMIME'), ...mail('BODY=8BITMIME'), ...data('C:', 'C: hi')), ids), []);
  });
});

describe('REQUIRETLS (RFC 8689)', () => {
  const ids = ['requiretls-without-tls', 'extension-not-advertised'];
  const rest = ['S: 250 ok'];
  test('advertised on a TLS session: clean', () => {
    const text = lines(...ehlo('STARTTLS'), 'C: STARTTLS', 'S: 220 go', 'C: EHLO client.example.org', 'S: 250-mx.example.com', 'S: 250 REQUIRETLS', 'C: MAIL FROM:<a@example.org> REQUIRETLS', ...rest);
    assert.deepEqual(brief(text, ids), []);
  });
  test('before TLS: requiretls-without-tls on the parameter', () => {
    const text = lines(...ehlo('REQUIRETLS'), 'C: MAIL FROM:<a@example.org> REQUIRETLS', ...rest);
    assert.deepEqual(brief(text, ids), [{ line: 5, code: 'requiretls-without-tls', severity: 'warning' }]);
    assert.deepEqual(diagnostic(text, 'requiretls-without-tls').range, { start: { line: 4, character: 29 }, end: { line: 4, character: 39 } });
  });
  test('@tls = implicit counts as TLS; not advertised is extension-not-advertised; a value is parameter-value', () => {
    assert.deepEqual(brief(lines('@tls = implicit', ...ehlo('REQUIRETLS'), 'C: MAIL FROM:<a@example.org> REQUIRETLS', ...rest), ids), []);
    assert.deepEqual(brief(lines('@tls = implicit', ...ehlo('SIZE'), 'C: MAIL FROM:<a@example.org> REQUIRETLS', ...rest), ids), [
      { line: 6, code: 'extension-not-advertised', severity: 'warning' },
    ]);
    assert.deepEqual(brief(lines('@tls = implicit', ...ehlo('REQUIRETLS'), 'C: MAIL FROM:<a@example.org> REQUIRETLS=YES', ...rest), ['parameter-value']), [
      { line: 6, code: 'parameter-value', severity: 'warning' },
    ]);
  });
});

describe('limit-exceeded (RFC 9422 LIMITS)', () => {
  const ids = ['limit-exceeded'];
  const rcpt = (address: string, reply = 'S: 250 ok') => [`C: RCPT TO:<${address}>`, reply];
  const mail = ['C: MAIL FROM:<a@example.org>', 'S: 250 ok'];
  test('a third RCPT over RCPTMAX=2: warning at its path; within the limit, clean', () => {
    const text = lines(...ehlo('LIMITS RCPTMAX=2'), ...mail, ...rcpt('b@example.com'), ...rcpt('c@example.com'), ...rcpt('d@example.com'));
    assert.deepEqual(brief(text, ids), [{ line: 11, code: 'limit-exceeded', severity: 'warning' }]);
    assert.match(diagnostic(text, 'limit-exceeded').message, /^This makes 3 RCPT commands in one transaction, but the recorded EHLO reply announces RCPTMAX=2 \(RFC 9422 §4\.2\)/);
    assert.deepEqual(brief(lines(...ehlo('LIMITS RCPTMAX=2'), ...mail, ...rcpt('b@example.com'), ...rcpt('c@example.com')), ids), []);
  });
  test('the server refusing the excess with 452 is expected: hint', () => {
    const text = lines(...ehlo('LIMITS RCPTMAX=1'), ...mail, ...rcpt('b@example.com'), ...rcpt('c@example.com', 'S: 452 4.5.3 Too many recipients'));
    assert.deepEqual(brief(text, ids), [{ line: 9, code: 'limit-exceeded', severity: 'hint' }]);
  });
  test('RCPTDOMAINMAX counts distinct domains in the transaction', () => {
    const text = lines(...ehlo('LIMITS RCPTDOMAINMAX=1'), ...mail, ...rcpt('b@example.com'), ...rcpt('c@EXAMPLE.com'), ...rcpt('d@example.net'));
    assert.deepEqual(brief(text, ids), [{ line: 11, code: 'limit-exceeded', severity: 'warning' }]);
  });
  test('MAILMAX counts transactions in the session; RSET and a new MAIL do not reset it, recipients start over', () => {
    const transaction = [...mail, ...rcpt('b@example.com'), 'C: RSET', 'S: 250 ok'];
    const text = lines(...ehlo('PIPELINING', 'LIMITS MAILMAX=2 RCPTMAX=1'), ...transaction, ...transaction, ...transaction);
    assert.deepEqual(brief(text, ids), [{ line: 18, code: 'limit-exceeded', severity: 'warning' }]);
  });
  test('no LIMITS line, or one with unknown names: nothing counted', () => {
    assert.deepEqual(brief(lines(...ehlo('SIZE'), ...mail, ...rcpt('b@example.com'), ...rcpt('c@example.com')), ids), []);
    assert.deepEqual(brief(lines(...ehlo('LIMITS FOO=1'), ...mail, ...rcpt('b@example.com'), ...rcpt('c@example.com')), ids), []);
  });
});

describe('header-needs-smtputf8 (RFC 6532 §3) and the RFC 6533 ORCPT', () => {
  const ids = ['header-needs-smtputf8', 'undeclared-8bit-content'];
  const transaction = (params: string) => [`C: MAIL FROM:<a@example.org>${params}`, 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok'];
  test('a UTF-8 Subject with only BODY=8BITMIME: warning on the field, fix adds SMTPUTF8', () => {
    const text = lines(...ehlo('8BITMIME', 'SMTPUTF8'), ...transaction(' BODY=8BITMIME'), ...data('C: Subject: Grüße', 'C:', 'C: hi'));
    assert.deepEqual(brief(text, ids), [{ line: 14, code: 'header-needs-smtputf8', severity: 'warning' }]);
    const fixed = applyFix(text, diagnostic(text, 'header-needs-smtputf8').fix!);
    assert.equal(fixed.split('\n')[5], 'C: MAIL FROM:<a@example.org> BODY=8BITMIME SMTPUTF8');
    assert.deepEqual(brief(fixed, ids), []);
  });
  test('UTF-8 in the body only is fine with BODY=8BITMIME; no declaration at all stays undeclared-8bit-content', () => {
    assert.deepEqual(brief(lines(...ehlo('8BITMIME'), ...transaction(' BODY=8BITMIME'), ...data('C: Subject: hi', 'C:', 'C: Grüße')), ids), []);
    const undeclared = lines(...ehlo('8BITMIME', 'SMTPUTF8'), ...transaction(''), ...data('C: Subject: Grüße', 'C:', 'C: Grüße'));
    assert.deepEqual(brief(undeclared, ids), [{ line: 14, code: 'undeclared-8bit-content', severity: 'warning' }]);
    // In a header field the fix is SMTPUTF8, which covers the body too: one fix leaves nothing to report.
    const fixed = applyFix(undeclared, diagnostic(undeclared, 'undeclared-8bit-content').fix!);
    assert.equal(fixed.split('\n')[5], 'C: MAIL FROM:<a@example.org> SMTPUTF8');
    assert.deepEqual(brief(fixed, ids), []);
  });
  test('ORCPT=utf-8;... with SMTPUTF8 is accepted (raw UTF-8 and \\x{HEX}); xtext rules stay for rfc822', () => {
    const text = (orcpt: string) =>
      lines(...ehlo('DSN', 'SMTPUTF8'), 'C: MAIL FROM:<a@example.org> SMTPUTF8', 'S: 250 ok', `C: RCPT TO:<用户@例子.广告> ORCPT=${orcpt}`, 'S: 250 ok');
    assert.deepEqual(lint(text('utf-8;用户@例子.广告')), []);
    assert.deepEqual(lint(text('utf-8;\\x{7528}\\x{6237}@example.com')), []);
    assert.deepEqual(brief(text('utf-8;a+b@example.com'), ['parameter-value']), [{ line: 8, code: 'parameter-value', severity: 'warning' }]);
    assert.deepEqual(brief(text('rfc822;用户@例子.广告'), ['parameter-value']), [{ line: 8, code: 'parameter-value', severity: 'warning' }]);
  });
});

describe('lines and bytes (RFC 5321 §2.3.8)', () => {
  const transaction = ['C: MAIL FROM:<a@example.org>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok'];
  test('a bare CR inside a content line: one bare-cr at the CR, nothing on the rest', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.example.org', 'S: 250 mx', ...transaction, ...data('C:', 'C: one\rtwo'));
    assert.deepEqual(brief(text), [{ line: 13, code: 'bare-cr', severity: 'error' }]);
    assert.deepEqual(diagnostic(text, 'bare-cr').range, { start: { line: 12, character: 6 }, end: { line: 13, character: 3 } });
  });
  test('a NUL inside a content line: nul-in-content at the NUL; BINARYMIME by BDAT may carry it', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.example.org', 'S: 250 mx', ...transaction, ...data('C:', 'C: a\u0000b'));
    assert.deepEqual(brief(text), [{ line: 13, code: 'nul-in-content', severity: 'warning' }]);
    assert.deepEqual(diagnostic(text, 'nul-in-content').range, { start: { line: 12, character: 4 }, end: { line: 12, character: 5 } });
    const binary = lines(...ehlo('BINARYMIME', 'CHUNKING'), 'C: MAIL FROM:<a@example.org> BODY=BINARYMIME', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok', 'C: BDAT 5 LAST', 'C: a\u0000b', 'S: 250 ok');
    assert.deepEqual(brief(binary, ['nul-in-content']), []);
  });
});

describe('expected replies beyond the code (RFC 3463 §3)', () => {
  const ids = ['enhanced-code-for-command', 'enhanced-code-class', 'reply-not-for-command'];
  const greet = ['S: 220 mx', 'C: EHLO c.example.org', 'S: 250 mx'];
  test('a destination code answering MAIL, a sender code answering EHLO, an AUTH code answering MAIL', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.example.org', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 550 5.1.1 No such user', 'C: EHLO c.example.org', 'S: 250 2.1.7 ok', 'C: RCPT TO:<b@example.com>', 'S: 503 5.5.1 No MAIL', 'C: RSET', 'S: 250 ok', 'C: MAIL FROM:<a@example.org>', 'S: 535 5.7.8 Bad credentials');
    assert.deepEqual(brief(text, ids), [
      { line: 5, code: 'enhanced-code-for-command', severity: 'warning' },
      { line: 7, code: 'enhanced-code-for-command', severity: 'warning' },
      { line: 13, code: 'reply-not-for-command', severity: 'hint' },
      { line: 13, code: 'enhanced-code-for-command', severity: 'warning' },
    ]);
    assert.equal(diagnostic(text, 'enhanced-code-for-command').message, '`5.1.1` is about the destination address (RFC 3463 §3.2), which MAIL does not deal with: a server answers RCPT, VRFY, EXPN, DATA, BDAT, the end of the message with it. Expect the code the server sends for MAIL (RFC 3463 §3).');
  });
  test('fitting codes are clean: 2.1.0 and 5.1.8 to MAIL, 2.1.5, 4.5.3 and a delayed 4.1.8 to RCPT, 5.7.8 to AUTH, 5.1.1 at the end of data', () => {
    const text = lines(...greet, 'C: AUTH PLAIN {{$plain u {{$env P}}}}', 'S: 535 5.7.8 no', 'C: MAIL FROM:<a@example.org>', 'S: 553 5.1.8 no', 'C: MAIL FROM:<a@example.org>', 'S: 250 2.1.0 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 ok', 'C: RCPT TO:<c@example.com>', 'S: 452 4.5.3 Too many', 'C: RCPT TO:<d@example.com>', 'S: 450 4.1.8 <a@example.org>: Sender address rejected: Domain not found', ...data('C:', 'C: hi').slice(0, -1), 'S: 550 5.1.1 Recipient rejected');
    assert.deepEqual(brief(text, ids), []);
  });
  test('what a server never sends: 250 5.0.0, 354 to RCPT, 334 to MAIL, 235 to EHLO, 221 to NOOP', () => {
    const text = lines('S: 220 mx', 'C: EHLO c.example.org', 'S: 235 ok', 'C: NOOP', 'S: 221 bye', 'C: MAIL FROM:<a@example.org>', 'S: 334 go', 'C: RSET', 'S: 250 5.0.0 ok', 'C: RCPT TO:<b@example.com>', 'S: 354 go');
    assert.deepEqual(brief(text, ids), [
      { line: 3, code: 'reply-not-for-command', severity: 'error' },
      { line: 5, code: 'reply-not-for-command', severity: 'error' },
      { line: 7, code: 'reply-not-for-command', severity: 'error' },
      { line: 9, code: 'enhanced-code-class', severity: 'warning' },
      { line: 11, code: 'reply-not-for-command', severity: 'error' },
    ]);
  });
});

describe('what the server is expected to send', () => {
  test('ehlo-parameter-syntax: SIZE, AUTH and LIMITS parameters in the form their RFCs give', () => {
    const ids = ['ehlo-parameter-syntax'];
    assert.deepEqual(brief(lines(...ehlo('SIZE 1,000', 'AUTH PLAIN, LOGIN', 'LIMITS RCPTMAX=ten', 'LIMITS')), ids), [
      { line: 4, code: 'ehlo-parameter-syntax', severity: 'warning' },
      { line: 5, code: 'ehlo-parameter-syntax', severity: 'warning' },
      { line: 6, code: 'ehlo-parameter-syntax', severity: 'warning' },
      { line: 7, code: 'ehlo-parameter-syntax', severity: 'warning' },
    ]);
    assert.equal(diagnostic(lines(...ehlo('SIZE 1,000')), 'ehlo-parameter-syntax').message, 'SIZE takes one number of octets (RFC 1870 §4), not "1,000". Expect the reply line the server sends.');
    assert.deepEqual(brief(lines(...ehlo('SIZE', 'SIZE 0', 'AUTH=PLAIN LOGIN', 'AUTH CRAM-MD5 SCRAM-SHA-256', 'LIMITS MAILMAX=10 RCPTMAX=100', 'LIMITS X-FOO X_BAR=a:b', 'SIZE *')), ids), []);
    assert.match(diagnostic(lines(...ehlo('LIMITS MAILMAX=ten')), 'ehlo-parameter-syntax').message, /^MAILMAX takes a number/);
    assert.match(diagnostic(lines(...ehlo('LIMITS X=a;b')), 'ehlo-parameter-syntax').message, /^"X=a;b" is not `limit-name\[=value\]` \(RFC 9422 §3\)/);
  });
  test('auth-challenge-base64: a 334 challenge that is not base64; empty and patterns are fine', () => {
    const auth = (challenge: string) => lines(...ehlo('AUTH CRAM-MD5'), 'C: AUTH CRAM-MD5', `S: ${challenge}`, 'C: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw', 'S: 235 2.7.0 ok');
    assert.deepEqual(brief(auth('334 <1896.697170952@postoffice.example.net>'), ['auth-challenge-base64']), [{ line: 6, code: 'auth-challenge-base64', severity: 'info' }]);
    for (const fine of ['334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+', '334 ', '334 *', '334 {{challenge}}']) {
      assert.deepEqual(brief(auth(fine), ['auth-challenge-base64']), [], fine);
    }
  });
});
