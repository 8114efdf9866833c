import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importTranscript } from '../../../server/src/import';
import { fileLines } from '../../support/text';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('swaks output', () => {
  test('markers with and without their leading space, CRs of content lines, a bare marker for an empty line', () => {
    const input = [
      '<-  220 mx ESMTP',
      '-> EHLO me',
      '<-  250 mx',
      ' -> MAIL FROM:<a@x.test>',
      '<-  250 ok',
      ' -> RCPT TO:<b@example.com>',
      '<-  250 ok',
      ' -> DATA',
      '<-  354 go',
      ' -> Subject: hi\r',
      ' -> \r',
      ' ->',
      ' ->  indented body line\r',
      ' -> ..stuffed\r',
      ' -> .',
      '<-  250 queued',
    ].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'swaks',
      text: fileLines(
        '# Imported from swaks output.',
        '',
        'S: 220 mx ESMTP',
        'C: EHLO me',
        'S: 250 mx',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: RCPT TO:<b@example.com>',
        'S: 250 ok',
        'C: DATA',
        'S: 354 go',
        'C: Subject: hi',
        'C:',
        'C:',
        'C:  indented body line',
        'C: ..stuffed',
        'C: .',
        'S: 250 queued',
      ),
      problems: [{ severity: 'info', message: 'the capture does not name the server: add @server and @port, or give them to replay' }],
    });
  });

  test('LMTP (swaks --protocol LMTP): the end of the message answered once per accepted recipient, each reply kept (RFC 2033 §4.2)', () => {
    const session = (third: string) => [
      '<-  220 store LMTP',
      ' -> LHLO me',
      '<-  250 store',
      ' -> MAIL FROM:<a@x.test>',
      '<-  250 ok',
      ' -> RCPT TO:<b@example.com>',
      '<-  250 ok',
      ' -> RCPT TO:<c@example.com>',
      '<-  250 ok',
      ' -> RCPT TO:<d@example.com>',
      `<-  ${third}`,
      ' -> DATA',
      '<-  354 go',
      ' -> Subject: hi',
      ' -> .',
      '<-  250 2.1.5 b delivered',
      '<** 452 4.2.2 c full',
      ...(third.startsWith('250') ? ['<-  250 2.1.5 d delivered'] : []),
      ' -> QUIT',
      '<-  221 bye',
    ];
    const imported = importTranscript(session('250 ok').join('\n'));
    assert.deepEqual(imported.text.split('\n').slice(-7), ['C: .', 'S: 250 2.1.5 b delivered', 'S: 452 4.2.2 c full', 'S: 250 2.1.5 d delivered', 'C: QUIT', 'S: 221 bye', '']);
    assert.deepEqual(imported.problems.filter((p) => p.severity !== 'info'), []);
    // A refused recipient gets no reply there: a third reply would answer nothing (kept as a comment, as in SMTP).
    const refused = importTranscript(session('550 no such user').join('\n').replace(' -> QUIT', '<-  250 2.1.5 extra\n -> QUIT'));
    assert.deepEqual(refused.text.split('\n').slice(-7), ['C: .', 'S: 250 2.1.5 b delivered', 'S: 452 4.2.2 c full', '# S: 250 2.1.5 extra', 'C: QUIT', 'S: 221 bye', '']);
    // QUIT pipelined after the `.` (as Postfix's LMTP client sends it): the recipients' replies come first, then QUIT's.
    const pipelined = session('250 ok').join('\n').replace(' -> .', ' -> .\n -> QUIT').replace(/ -> QUIT\n(<- {2}221 bye)$/, '$1');
    const quitFirst = importTranscript(pipelined);
    assert.deepEqual(quitFirst.text.split('\n').slice(-7), ['C: .', 'C: QUIT', 'S: 250 2.1.5 b delivered', 'S: 452 4.2.2 c full', 'S: 250 2.1.5 d delivered', 'S: 221 bye', '']);
    assert.deepEqual(quitFirst.problems.filter((p) => p.severity !== 'info'), []);
    // BDAT LAST ends the message as the `.` does (RFC 2033 §4.2 with RFC 3030): a reply per recipient too.
    const chunked = session('250 ok').join('\n').replace(' -> DATA\n<-  354 go\n -> Subject: hi\n -> .', ' -> BDAT 13 LAST\n -> Subject: hi');
    const bdat = importTranscript(chunked);
    assert.deepEqual(bdat.text.split('\n').slice(-8), ['C: BDAT 13 LAST', 'C: Subject: hi', 'S: 250 2.1.5 b delivered', 'S: 452 4.2.2 c full', 'S: 250 2.1.5 d delivered', 'C: QUIT', 'S: 221 bye', '']);
    assert.deepEqual(bdat.problems.filter((p) => p.severity !== 'info'), []);
  });

  test('two runs pasted together are two sessions; what they share is said once', () => {
    const run = (port: number, to: string, reply: string): string[] => [
      `=== Trying 127.0.0.1:${port}...`,
      '=== Connected to 127.0.0.1.',
      '<-  220 mx',
      ' -> EHLO me',
      '<-  250 mx',
      ' -> MAIL FROM:<a@x.test>',
      '<-  250 ok',
      ` -> RCPT TO:<${to}>`,
      reply,
      ' -> QUIT',
      '<-  221 bye',
      '=== Connection closed with remote host.',
    ];
    const input = [...run(2525, 'b@example.com', '<-  250 ok'), ...run(2526, 'c@elsewhere.test', '<** 550 relay not permitted')].join('\n');
    assert.equal(
      importTranscript(input).text,
      fileLines(
        '# Imported from swaks output.',
        '@server = 127.0.0.1',
        '',
        '###',
        '@port = 2525',
        'S: 220 mx',
        'C: EHLO me',
        'S: 250 mx',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: RCPT TO:<b@example.com>',
        'S: 250 ok',
        'C: QUIT',
        'S: 221 bye',
        'S: <closed>',
        '',
        '###',
        '@port = 2526',
        'S: 220 mx',
        'C: EHLO me',
        'S: 250 mx',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: RCPT TO:<c@elsewhere.test>',
        'S: 550 relay not permitted',
        'C: QUIT',
        'S: 221 bye',
        'S: <closed>',
      ),
    );
  });

  test('notes and errors become comments; unknown lines are skipped in runs', () => {
    const input = [
      '$ swaks --server 127.0.0.1:2525',
      '=== Trying 127.0.0.1:2525...',
      '<-  220 mx',
      '=== something swaks noted',
      ' -> QUIT',
      '*** Remote host closed connection unexpectedly.',
      'garbage one',
      'garbage two',
    ].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'swaks',
      text: fileLines(
        '# Imported from swaks output.',
        '@server = 127.0.0.1',
        '@port = 2525',
        '',
        'S: 220 mx',
        '# swaks: something swaks noted',
        'C: QUIT',
        '# swaks: Remote host closed connection unexpectedly.',
        '# the server closed the connection without replying to the line above',
        'S: <closed>',
      ),
      problems: [{ line: 7, severity: 'warning', message: '2 lines (7-8) are not swaks output; skipped' }],
    });
  });

  test("the server closing where it should not (swaks's `Remote host closed connection unexpectedly`): `S: <closed>` where it came", () => {
    const envelope = ['=== Trying 127.0.0.1:2525...', '<-  220 mx', ' -> EHLO me', '<-  250 mx', ' -> MAIL FROM:<a@x.test>', '<-  250 ok', ' -> RCPT TO:<b@example.com>', '<-  250 ok', ' -> DATA', '<-  354 go'];
    const { text, problems } = importTranscript([...envelope, ' -> Subject: hi\r', ' -> \r', ' -> body\r', ' -> .', '*** Remote host closed connection unexpectedly.'].join('\n'));
    assert.deepEqual(text.split('\n').slice(-8), [
      'C: Subject: hi',
      'C:',
      'C: body',
      'C: .',
      '# swaks: Remote host closed connection unexpectedly.',
      '# the server closed the connection without replying to the line above',
      'S: <closed>',
      '',
    ]);
    assert.deepEqual(problems, []);
  });

  test('AUTH PLAIN with an authorization identity; XOAUTH2 with its token from the environment', () => {
    const plain = b64('admin\0alice\0s3cret-pw');
    const xoauth = b64('user=alice@example.com\x01auth=Bearer ya29.token-value\x01\x01');
    const input = [
      '<-  220 mx',
      ` -> AUTH PLAIN ${plain}`,
      '<** 535 no',
      ` -> AUTH XOAUTH2 ${xoauth}`,
      '<-  235 ok',
    ].join('\n');
    const result = importTranscript(input);
    assert.equal(
      result.text,
      fileLines(
        '# Imported from swaks output.',
        '@user = alice',
        '@password = {{$env SMTP_PASSWORD}}',
        '@token = {{$env SMTP_TOKEN}}',
        '',
        'S: 220 mx',
        'C: AUTH PLAIN {{$base64 admin\\0{{user}}\\0{{password}}}}',
        'S: 535 no',
        'C: AUTH XOAUTH2 {{$xoauth2 {{user}} {{token}}}}',
        'S: 235 ok',
      ),
    );
    for (const secret of ['s3cret-pw', 'ya29.token-value', plain, xoauth]) assert.ok(!result.text.includes(secret), secret);
  });

  test('a password that also shows elsewhere is written as its reference there too', () => {
    const input = [
      '<-  220 mx',
      ` -> AUTH PLAIN ${b64('\0bob\0hunter22')}`,
      '<-  235 ok',
      ' -> MAIL FROM:<a@x.test>',
      '<-  250 ok',
      ' -> RCPT TO:<b@example.com>',
      '<-  250 ok',
      ' -> DATA',
      '<-  354 go',
      ' -> Subject: my password is hunter22',
      ' -> .',
      '<-  250 queued',
      '*** swaks echoed hunter22',
    ].join('\n');
    const result = importTranscript(input);
    assert.ok(!result.text.includes('hunter22'));
    assert.match(result.text, /^C: Subject: my password is \{\{password\}\}$/m);
    assert.match(result.text, /^# swaks: swaks echoed \*\*\*\*$/m);
    assert.deepEqual(result.problems.at(-1), {
      severity: 'warning',
      message: 'the captured password also appears outside the AUTH data; it was written as a reference (or **** outside C:/S: lines)',
    });
  });

  test('--auth-plaintext prints AUTH data decoded: it is read as such', () => {
    const input = [
      '<~  220 mx',
      ' ~> AUTH PLAIN \\0alice\\0s3cret-pw',
      '<~  235 ok',
      ' ~> AUTH CRAM-MD5',
      '<~  334 <1896.697170952@mx.example.com>',
      ' ~> alice 0123456789abcdef0123456789abcdef',
      '<~  235 ok',
    ].join('\n');
    const result = importTranscript(input);
    assert.deepEqual(result.text.split('\n').filter((l) => l.startsWith('C:') || l.startsWith('@')), [
      '@user = alice',
      '@password = {{$env SMTP_PASSWORD}}',
      'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
      'C: AUTH CRAM-MD5',
      'C: {{$cram-md5 {{user}} {{password}}}}',
    ]);
    assert.ok(!result.text.includes('s3cret-pw'));
  });

  test('a user name that cannot stand in a directive is read from SMTP_USER instead', () => {
    const input = ['<-  220 mx', ` -> AUTH PLAIN ${b64('x}}y\0ali\nce\0pw-secret')}`, '<-  235 ok'].join('\n');
    const result = importTranscript(input);
    assert.deepEqual(result.text.split('\n').slice(1, 3).concat(result.text.split('\n').filter((l) => l.startsWith('C:'))), [
      '@user = {{$env SMTP_USER}}',
      '@password = {{$env SMTP_PASSWORD}}',
      'C: AUTH PLAIN {{$plain {{user}} {{password}}}}',
    ]);
    assert.deepEqual(result.problems[0], {
      line: 2,
      severity: 'warning',
      message: 'the AUTH user name cannot stand in a directive (control characters, braces or surrounding spaces); set @user',
    });
  });

  test('an unknown mechanism is kept as captured, with a warning', () => {
    const input = ['<-  220 mx', ' -> AUTH DIGEST-MD5', '<-  334 bm9uY2U9', ' -> dXNlcm5hbWU9', '<-  235 ok'].join('\n');
    const result = importTranscript(input);
    assert.match(result.text, /^C: dXNlcm5hbWU9$/m);
    assert.deepEqual(result.problems[0], {
      line: 4,
      severity: 'warning',
      message: "AUTH DIGEST-MD5 data is kept as captured: it answers this run's challenge, so a replay will most likely fail",
    });
  });

  test('--suppress-data prints a line count in place of the message: said, and not sent as content', () => {
    const input = ['<-  220 mx', ' -> EHLO me', '<-  250 mx', ' -> MAIL FROM:<a@x.test>', '<-  250 ok', ' -> RCPT TO:<b@x.test>', '<-  250 ok', ' -> DATA', '<-  354 go', ' -> 11 lines sent', '<-  250 queued'];
    assert.deepEqual(importTranscript(input.join('\n')), {
      format: 'swaks',
      text: fileLines(
        '# Imported from swaks output.',
        '',
        'S: 220 mx',
        'C: EHLO me',
        'S: 250 mx',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: RCPT TO:<b@x.test>',
        'S: 250 ok',
        'C: DATA',
        'S: 354 go',
        '# swaks: 11 lines sent (--suppress-data: the message is not in the capture)',
        'C: .',
        'S: 250 queued',
      ),
      problems: [
        {
          line: 10,
          severity: 'warning',
          message: 'swaks printed "11 lines sent" in place of the message (--suppress-data): the transcript sends an empty message; write the content above its "C: ." line, or capture without --suppress-data',
        },
        { severity: 'info', message: 'the capture does not name the server: add @server and @port, or give them to replay' },
      ],
    });
    // The same words as a line of a message that swaks printed are content.
    const content = importTranscript([...input.slice(0, 9), ' -> Subject: x', ' -> ', ' -> 11 lines sent', ' -> .', '<-  250 queued'].join('\n'));
    assert.match(content.text, /^C: 11 lines sent\nC: \.\n/m);
  });

  test("--show-raw-text's hex dumps are left out without a warning: the lines beside them say the same", () => {
    const input = [
      '<   0000: 32 32 30 20  6D 78 0D 0A                              220.mx..        ',
      '<-  220 mx',
      ' -> QUIT',
      '  > 0000: 51 55 49 54  0D 0A                                    QUIT..          ',
      '<   0000: 32 32 31 20  62 79 65 0D  0A                          221.bye..       ',
      '<-  221 bye',
    ];
    assert.deepEqual(importTranscript(input.join('\n')), {
      format: 'swaks',
      text: fileLines('# Imported from swaks output.', '', 'S: 220 mx', 'C: QUIT', 'S: 221 bye'),
      problems: [{ severity: 'info', message: 'the capture does not name the server: add @server and @port, or give them to replay' }],
    });
  });

  test('braces in captured text stay literal', () => {
    const input = ['<-  220 {{mx}}', ' -> NOOP {{{x}}}'].join('\n');
    assert.equal(importTranscript(input).text, fileLines('# Imported from swaks output.', '', 'S: 220 \\{{mx}}', 'C: NOOP {\\{{x}}}'));
  });

  test("a server's escape sequences are not written for a terminal to obey: in a reply as `*` (which matches them), in swaks's words as `\\x1b`", () => {
    const input = ['<-  220 mx \x1b[2J ESMTP', ' -> EHLO me', '<-  250 ok \x9b1m\u202e done', '*** Remote said \x1b]0;title\x07 bye'].join('\n');
    assert.equal(importTranscript(input).text, fileLines('# Imported from swaks output.', '', 'S: 220 mx *[2J ESMTP', 'C: EHLO me', 'S: 250 ok *1m* done', '# swaks: Remote said \\x1b]0;title\\x07 bye'));
    // Nothing imported: what swaks said is the problem reported, shown the same way.
    assert.deepEqual(importTranscript('=== Trying 127.0.0.1:2599...\n*** Error connecting to 127.0.0.1:2599: \x1b[2J refused').problems, [
      { line: 2, severity: 'info', message: 'swaks: Error connecting to 127.0.0.1:2599: \\x1b[2J refused' },
      { severity: 'error', message: 'no SMTP exchange found in the text read as swaks output' },
    ]);
  });
});
