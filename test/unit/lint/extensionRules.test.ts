import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic, lint } from './lintHarness';
import { applyFix } from '../../support/edits';
import { lines } from '../../support/text';

/** A greeting and an EHLO reply advertising exactly `keywords`. */
function ehlo(...keywords: string[]): string[] {
  const advertised = keywords.map((k, i) => `S: 250${i === keywords.length - 1 ? ' ' : '-'}${k}`);
  return ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', `S: 250${keywords.length ? '-' : ' '}mx.example.com`, ...advertised];
}

const MAIL = (params: string, code = '250 Ok') => [`C: MAIL FROM:<a@example.org> ${params}`.trimEnd(), `S: ${code}`];

describe('extension-not-advertised', () => {
  const ids = ['extension-not-advertised'];
  test('STARTTLS the EHLO reply does not list: warning on the verb', () => {
    const text = lines(...ehlo('PIPELINING', 'SIZE 1000'), 'C: STARTTLS', 'S: 220 Ready');
    assert.deepEqual(brief(text, ids), [{ line: 6, code: 'extension-not-advertised', severity: 'warning' }]);
    const d = diagnostic(text, 'extension-not-advertised');
    assert.deepEqual(d.range, { start: { line: 5, character: 3 }, end: { line: 5, character: 11 } });
    assert.match(d.message, /needs the STARTTLS extension \(RFC 3207\)/);
  });
  test('expecting the refusal (502) is a negative test: hint', () => {
    assert.deepEqual(brief(lines(...ehlo('PIPELINING'), 'C: STARTTLS', 'S: 502 5.5.1 Not implemented'), ids), [
      { line: 5, code: 'extension-not-advertised', severity: 'hint' },
    ]);
  });
  test('AUTH and BDAT need AUTH and CHUNKING', () => {
    const text = lines(...ehlo('PIPELINING'), 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok', ...MAIL(''), 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: BDAT 5 LAST', 'C: hello', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [
      { line: 5, code: 'extension-not-advertised', severity: 'warning' },
      { line: 11, code: 'extension-not-advertised', severity: 'warning' },
    ]);
  });
  test('MAIL and RCPT parameters need their extensions', () => {
    const text = lines(
      ...ehlo('8BITMIME'),
      ...MAIL('SIZE=100 BODY=8BITMIME SMTPUTF8 RET=HDRS REQUIRETLS MT-PRIORITY=3'),
      'C: RCPT TO:<b@example.com> NOTIFY=NEVER',
      'S: 250 Ok',
    );
    const found = brief(text, ids);
    assert.deepEqual(found.map((d) => d.line), [5, 5, 5, 5, 5, 7]);
    const binary = lines(...ehlo('8BITMIME'), ...MAIL('BODY=BINARYMIME'));
    assert.match(diagnostic(binary, 'extension-not-advertised').message, /^BODY=BINARYMIME needs the BINARYMIME and CHUNKING extension/);
  });
  test('BODY=BINARYMIME needs BINARYMIME (RFC 3030 §3), BODY=8BITMIME needs 8BITMIME (RFC 6152)', () => {
    assert.deepEqual(brief(lines(...ehlo('BINARYMIME', 'CHUNKING'), ...MAIL('BODY=BINARYMIME')), ids), []);
    const eightBit = lines(...ehlo('BINARYMIME', 'CHUNKING'), ...MAIL('BODY=8BITMIME'));
    assert.match(diagnostic(eightBit, 'extension-not-advertised').message, /^BODY=8BITMIME needs the 8BITMIME extension \(RFC 6152\)/);
    assert.deepEqual(brief(lines(...ehlo('BINARYMIME', 'CHUNKING'), ...MAIL('BODY=7BIT')), ids), []);
  });
  test('an EHLO reply whose name line is `250-*`: the message says `S: ...` is what accepts any extensions', () => {
    const starred = lines('S: 220 *', 'C: EHLO client.example.com', 'S: 250-*', 'S: 250 SIZE 1000', ...MAIL('BODY=8BITMIME'));
    assert.match(diagnostic(starred, 'extension-not-advertised').message, /add `8BITMIME` to the EHLO reply, or write `S: \.\.\.` below the reply's first line \(`250-\*` stands for the server's name line alone\) to accept any extensions, or expect/);
    // A named first line: no such words. The reading of the first reply is not taken for the second.
    const named = lines(...starred.split('\n').slice(0, 2), 'S: 250-mx.example.com', 'S: 250 SIZE 1000', ...MAIL('BODY=8BITMIME'));
    assert.match(diagnostic(named, 'extension-not-advertised').message, /to the EHLO reply, or expect the refusal\.$/);
    assert.deepEqual(brief(lines('S: 220 *', 'C: EHLO client.example.com', 'S: 250-*', 'S: ...', 'S: 250 SIZE 1000', ...MAIL('BODY=8BITMIME')), ids), []);
  });
  test('the RFC 3030 §4.2 example (pipelined BINARYMIME): no protocol finding; its stand-in message lacks From: and Date:', () => {
    const text = lines(
      'S: 220 cnri.reston.va.us SMTP service ready',
      'C: EHLO ymir.claremont.edu',
      'S: 250-cnri.reston.va.us says hello',
      'S: 250-PIPELINING',
      'S: 250-BINARYMIME',
      'S: 250 CHUNKING',
      'C: MAIL FROM:<ned@ymir.claremont.edu> BODY=BINARYMIME',
      'C: RCPT TO:<gvaudre@cnri.reston.va.us>',
      'C: RCPT TO:<jstewart@cnri.reston.va.us>',
      'S: 250 <ned@ymir.claremont.edu>... Sender and BINARYMIME ok',
      'S: 250 <gvaudre@cnri.reston.va.us>... Recipient ok',
      'S: 250 <jstewart@cnri.reston.va.us>... Recipient ok',
      'C: BDAT 12',
      'C: Subject: x',
      'C: BDAT 6',
      'C:',
      'C: ab',
      'C: BDAT 0 LAST',
      'S: 250 12 bytes received',
      'S: 250 6 bytes received',
      'S: 250 Message OK, 18 octets received',
      'C: QUIT',
      'S: 221 Goodbye',
    );
    // The RFC elides the message; the stand-in `Subject: x` carries neither field RFC 5322 §3.6 requires.
    assert.deepEqual(brief(text).filter((d) => d.severity === 'error' || d.severity === 'warning'), [
      { line: 14, code: 'missing-date-header', severity: 'warning' },
      { line: 14, code: 'missing-from-header', severity: 'warning' },
    ]);
  });
  test('the parameter is the range', () => {
    const d = diagnostic(lines(...ehlo('PIPELINING'), ...MAIL('SMTPUTF8')), 'extension-not-advertised');
    assert.deepEqual(d.range, { start: { line: 4, character: 29 }, end: { line: 4, character: 37 } });
  });
  test('everything advertised: nothing', () => {
    const text = lines(
      ...ehlo('PIPELINING', 'SIZE 1000', '8BITMIME', 'SMTPUTF8', 'DSN', 'REQUIRETLS', 'MT-PRIORITY', 'CHUNKING', 'STARTTLS', 'AUTH PLAIN'),
      ...MAIL('SIZE=100 BODY=8BITMIME SMTPUTF8 RET=HDRS REQUIRETLS MT-PRIORITY=3'),
      'C: RCPT TO:<b@example.com> NOTIFY=NEVER',
      'S: 250 Ok',
    );
    assert.deepEqual(brief(text, ids), []);
  });
  test('not checked when the EHLO reply is not recorded: one line, wildcards, `...`', () => {
    const use = ['C: STARTTLS', 'S: 220 Ready'];
    assert.deepEqual(brief(lines(...ehlo(), ...use), ids), []);
    assert.deepEqual(brief(lines('S: 220 x', 'C: EHLO c', 'S: 250-*', 'S: 250 *', ...use), ids), []);
    assert.deepEqual(brief(lines('S: 220 x', 'C: EHLO c', 'S: 250-mx', 'S: ...', 'S: 250 SIZE', ...use), ids), []);
    assert.deepEqual(brief(lines('S: 220 x', 'C: HELO c', 'S: 250 mx', ...use), ids), []);
  });
  test('STARTTLS forgets what the EHLO before it advertised', () => {
    const text = lines(...ehlo('STARTTLS'), 'C: STARTTLS', 'S: 220 Ready', 'C: EHLO client.example.com', 'S: 250 *', 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok');
    assert.deepEqual(brief(text, ids), []);
  });
});

describe('auth-mechanism-not-advertised', () => {
  const ids = ['auth-mechanism-not-advertised', 'extension-not-advertised'];
  test('a mechanism AUTH does not list: warning on the mechanism', () => {
    const text = lines(...ehlo('AUTH LOGIN CRAM-MD5'), 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 5, code: 'auth-mechanism-not-advertised', severity: 'warning' }]);
    assert.deepEqual(diagnostic(text, 'auth-mechanism-not-advertised').range, { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } });
  });
  test('expecting 504 is a negative test: hint', () => {
    assert.deepEqual(brief(lines(...ehlo('AUTH LOGIN'), 'C: AUTH PLAIN', 'S: 504 5.5.4 Unrecognized mechanism'), ids), [
      { line: 5, code: 'auth-mechanism-not-advertised', severity: 'hint' },
    ]);
  });
  test('listed mechanisms, in any case, and the old `AUTH=` form: nothing', () => {
    assert.deepEqual(brief(lines(...ehlo('AUTH LOGIN PLAIN'), 'C: AUTH plain AGFsaWNlAHNlY3JldA==', 'S: 235 Ok'), ids), []);
    assert.deepEqual(brief(lines(...ehlo('AUTH=LOGIN PLAIN'), 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok'), ids), []);
  });
});

describe('size-above-limit', () => {
  const ids = ['size-above-limit'];
  test('SIZE= above the advertised limit: warning; expecting 552: hint', () => {
    assert.deepEqual(brief(lines(...ehlo('SIZE 1000'), ...MAIL('SIZE=2000')), ids), [{ line: 5, code: 'size-above-limit', severity: 'warning' }]);
    assert.deepEqual(brief(lines(...ehlo('SIZE 1000'), ...MAIL('SIZE=2000', '552 5.3.4 Message size exceeds fixed limit')), ids), [
      { line: 5, code: 'size-above-limit', severity: 'hint' },
    ]);
  });
  test('within the limit, or no fixed limit (SIZE, SIZE 0): nothing', () => {
    assert.deepEqual(brief(lines(...ehlo('SIZE 1000'), ...MAIL('SIZE=1000')), ids), []);
    assert.deepEqual(brief(lines(...ehlo('SIZE'), ...MAIL('SIZE=99999')), ids), []);
    assert.deepEqual(brief(lines(...ehlo('SIZE 0'), ...MAIL('SIZE=99999')), ids), []);
  });
});

describe('pipelining-not-advertised', () => {
  const ids = ['pipelining-not-advertised'];
  const pipelined = ['C: MAIL FROM:<a@example.org>', 'C: RCPT TO:<b@example.com>', 'C: RCPT TO:<c@example.com>', 'S: 250 Ok', 'S: 250 Ok', 'S: 250 Ok'];
  test('commands sent together without PIPELINING: one warning, on the second line', () => {
    assert.deepEqual(brief(lines(...ehlo('SIZE 1000'), ...pipelined), ids), [{ line: 6, code: 'pipelining-not-advertised', severity: 'warning' }]);
  });
  test('with PIPELINING, or one command at a time: nothing', () => {
    assert.deepEqual(brief(lines(...ehlo('PIPELINING'), ...pipelined), ids), []);
    assert.deepEqual(brief(lines(...ehlo('SIZE 1000'), 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok'), ids), []);
  });
});

describe('credentials-before-tls', () => {
  const ids = ['credentials-before-tls'];
  const plain = ['C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 2.7.0 Ok'];
  const greet = ['S: 220 mx', 'C: EHLO client.example.com', 'S: 250 mx'];
  test('AUTH PLAIN or LOGIN without TLS: warning', () => {
    assert.deepEqual(brief(lines(...greet, ...plain), ids), [{ line: 4, code: 'credentials-before-tls', severity: 'warning' }]);
    assert.deepEqual(brief(lines(...greet, 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: YWxpY2U=', 'S: 235 Ok'), ids), [
      { line: 4, code: 'credentials-before-tls', severity: 'warning' },
    ]);
  });
  test('an AUTH cancelled with `*` before any credentials sent nothing: no finding', () => {
    assert.deepEqual(brief(lines(...greet, 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: *', 'S: 501 5.7.0 Authentication aborted'), ids), []);
    // The answer that does send credentials is reported at its AUTH line.
    assert.deepEqual(brief(lines(...greet, 'C: AUTH PLAIN', 'S: 334 ', 'C: AGFsaWNlAHNlY3JldA==', 'S: 235 Ok'), ids), [
      { line: 4, code: 'credentials-before-tls', severity: 'warning' },
    ]);
  });
  test('expecting the refusal (538 encryption required) is a negative test: hint', () => {
    assert.deepEqual(brief(lines(...greet, 'C: AUTH PLAIN', 'S: 538 5.7.11 Encryption required'), ids), [
      { line: 4, code: 'credentials-before-tls', severity: 'hint' },
    ]);
  });
  test('after STARTTLS, with implicit TLS, or with a mechanism that hides the password: nothing', () => {
    assert.deepEqual(brief(lines(...greet, 'C: STARTTLS', 'S: 220 Go', ...greet.slice(1), ...plain), ids), []);
    assert.deepEqual(brief(lines('@tls = implicit', '###', ...greet, ...plain), ids), []);
    assert.deepEqual(brief(lines(...greet, 'C: AUTH CRAM-MD5', 'S: 334 PDQxOTI5NDIzNDEuMTI4Mjg0NzJAc291cmNlZm91ci5hbmRyZXcuY211LmVkdT4=', 'C: {{$cram-md5 alice secret}}', 'S: 235 Ok'), ids), []);
  });
});

describe('address-needs-smtputf8', () => {
  const ids = ['address-needs-smtputf8'];
  const greet = ['S: 220 mx', 'C: EHLO client.example.com', 'S: 250-mx', 'S: 250 SMTPUTF8'];
  test('a non-ASCII address on a MAIL without SMTPUTF8, and on RCPT in its transaction: warning with a fix on the MAIL line', () => {
    const text = lines(...greet, 'C: MAIL FROM:<josé@example.com>', 'S: 250 Ok', 'C: RCPT TO:<用户@例子.广告>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [
      { line: 5, code: 'address-needs-smtputf8', severity: 'warning' },
      { line: 7, code: 'address-needs-smtputf8', severity: 'warning' },
    ]);
    const rcpt = lint(text).filter((d) => d.code === 'address-needs-smtputf8')[1];
    assert.deepEqual(rcpt.range, { start: { line: 6, character: 11 }, end: { line: 6, character: 21 } });
    assert.equal(
      rcpt.message,
      "This address holds non-ASCII characters: the transaction's MAIL FROM must carry `SMTPUTF8` (RFC 6531 §3.4), or the server refuses it (553, or 501 5.1.3). Add ` SMTPUTF8` to line 5, or expect the refusal.",
    );
    assert.equal(applyFix(text, rcpt.fix!), text.replace('C: MAIL FROM:<josé@example.com>', 'C: MAIL FROM:<josé@example.com> SMTPUTF8'));
  });
  test('with SMTPUTF8 on MAIL, or ASCII addresses: nothing', () => {
    assert.deepEqual(brief(lines(...greet, 'C: MAIL FROM:<josé@example.com> SMTPUTF8', 'S: 250 Ok', 'C: RCPT TO:<用户@例子.广告>', 'S: 250 Ok'), ids), []);
    assert.deepEqual(brief(lines(...greet, 'C: MAIL FROM:<a@example.com>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok'), ids), []);
  });
  test('a quoted local part holding `>` does not end the path: the domain after it is read', () => {
    const text = lines(...greet, 'C: MAIL FROM:<"a>b"@bücher.example>', 'S: 250 Ok');
    assert.deepEqual(brief(text, ids), [{ line: 5, code: 'address-needs-smtputf8', severity: 'warning' }]);
    assert.deepEqual(diagnostic(text, 'address-needs-smtputf8').range, { start: { line: 4, character: 13 }, end: { line: 4, character: 35 } });
  });
  test('expecting the refusal (553) is a negative test: hint, no fix', () => {
    const text = lines(...greet, 'C: MAIL FROM:<a@example.com>', 'S: 250 Ok', 'C: RCPT TO:<θ@example.com>', 'S: 553 5.6.7 Non-ASCII address');
    assert.deepEqual(brief(text, ids), [{ line: 7, code: 'address-needs-smtputf8', severity: 'hint' }]);
    assert.equal(diagnostic(text, 'address-needs-smtputf8').fix, undefined);
  });
});

describe('starttls-advertised-after-tls', () => {
  const ids = ['starttls-advertised-after-tls'];
  // RFC 3207 §5's example, the TLS negotiation itself not written.
  const before = [
    'S: 220 mail.imc.org SMTP service ready',
    'C: EHLO mail.example.com',
    'S: 250-mail.imc.org offers a warm hug of welcome',
    'S: 250-8BITMIME',
    'S: 250-STARTTLS',
    'S: 250 DSN',
    'C: STARTTLS',
  ];
  const after = ['C: EHLO mail.example.com', 'S: 250-mail.imc.org touches your hand gently for a moment', 'S: 250-8BITMIME', 'S: 250 DSN'];
  test('the RFC 3207 §5 example: nothing', () => {
    assert.deepEqual(brief(lines(...before, 'S: 220 Go ahead', ...after), ids), []);
  });
  test('STARTTLS listed again after the handshake: warning on that reply line', () => {
    const text = lines(...before, 'S: 220 Go ahead', ...after.slice(0, 3), 'S: 250-STARTTLS', after[3]);
    assert.deepEqual(
      lint(text).filter((d) => d.code === 'starttls-advertised-after-tls').map((d) => ({ range: d.range, severity: d.severity, message: d.message })),
      [
        {
          range: { start: { line: 11, character: 7 }, end: { line: 11, character: 15 } },
          severity: 'warning',
          message: 'This EHLO follows a successful STARTTLS, and a server must not advertise STARTTLS on the TLS session (RFC 3207 §4.2): remove this line from the expected reply.',
        },
      ],
    );
  });
  test('after a refused STARTTLS the session is still in clear text: STARTTLS may be listed again', () => {
    const text = lines(...before, 'S: 454 4.7.0 TLS not available due to temporary reason', ...after.slice(0, 3), 'S: 250-STARTTLS', after[3]);
    assert.deepEqual(brief(text, ids), []);
  });
});
