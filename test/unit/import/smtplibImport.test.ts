import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importTranscript } from '../../../server/src/import';
import { decodePythonLiteral } from '../../../server/src/import/pythonLiteral';
import { fileLines } from '../../support/text';


describe('Python literals as smtplib prints them', () => {
  test('str and bytes, escapes, UTF-8 bytes', () => {
    const cases: Array<[string, string | undefined]> = [
      ["'EHLO x\\r\\n'", 'EHLO x\r\n'],
      ["b'250 ok\\r\\n'", '250 ok\r\n'],
      ['"it\'s"', "it's"],
      ["'it\\'s \\\\ \\t'", "it's \\ \t"],
      ["b'body \\xc3\\xa9'", 'body é'],
      ["b'latin \\xe9'", 'latin é'],
      ["'caf\u00e9 \\u00e9 \\U0001F600'", 'café é 😀'],
      ["'nul \\0 and \\x00'", 'nul \0 and \0'],
      ["'unknown \\q escape'", 'unknown \\q escape'],
      ["'unterminated", undefined],
      ["'a' 'b'", undefined],
      ["b'\u00e9'", undefined],
      ["'bad \\x4'", undefined],
      ['250 ok', undefined],
    ];
    assert.deepEqual(
      cases.map(([literal]) => [literal, decodePythonLiteral(literal)]),
      cases,
    );
  });
});

describe('smtplib debug output', () => {
  test('retcode, data and connect repeats are left out; one send of content is many lines', () => {
    const input = [
      "connect: to ('mx.example.com', 25) None",
      "reply: b'220 mx ESMTP\\r\\n'",
      "reply: retcode (220); Msg: b'mx ESMTP'",
      "connect: b'mx ESMTP'",
      "send: 'helo me\\r\\n'",
      "reply: b'250 mx\\r\\n'",
      "reply: retcode (250); Msg: b'mx'",
      "send: 'mail FROM:<a@x.test>\\r\\n'",
      "reply: b'250 ok\\r\\n'",
      "send: 'rcpt TO:<b@example.com>\\r\\n'",
      "reply: b'250 ok\\r\\n'",
      "send: 'data\\r\\n'",
      "reply: b'354 go\\r\\n'",
      "data: (354, b'go')",
      "send: b'Subject: x\\r\\nMessage-ID: <1@x.test>\\r\\n\\r\\n..dot\\r\\n.\\r\\n'",
      "reply: b'250 queued\\r\\n'",
      "data: (250, b'queued')",
      "send: 'quit\\r\\n'",
      "reply: b'221 bye\\r\\n'",
    ].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'smtplib',
      text: fileLines(
        '# Imported from Python smtplib debug output.',
        '@server = mx.example.com',
        '@port = 25',
        '',
        'S: 220 mx ESMTP',
        'C: helo me',
        'S: 250 mx',
        'C: mail FROM:<a@x.test>',
        'S: 250 ok',
        'C: rcpt TO:<b@example.com>',
        'S: 250 ok',
        'C: data',
        'S: 354 go',
        'C: Subject: x',
        'C: Message-ID: {{$message-id}}',
        'C:',
        'C: ..dot',
        'C: .',
        'S: 250 queued',
        'C: quit',
        'S: 221 bye',
      ),
      problems: [],
    });
  });

  test('a message sent as bytes is read line by line: UTF-8 lines stay UTF-8 beside a line that is not (read as Latin-1, with a warning)', () => {
    const input = ["send: 'data\\r\\n'", "reply: b'354 go\\r\\n'", "send: b'Subject: h\\xc3\\xa9llo \\xe2\\x98\\x83\\r\\n\\r\\nraw \\xff\\xfe\\r\\nna\\xc3\\xafve\\r\\n.\\r\\n'", "reply: b'250 ok\\r\\n'"];
    const result = importTranscript(input.join('\n'));
    assert.deepEqual(
      result.text.split('\n').filter((line) => line.startsWith('C:')),
      ['C: data', 'C: Subject: h\u00e9llo \u2603', 'C:', 'C: raw \u00ff\u00fe', 'C: na\u00efve', 'C: .'],
    );
    assert.deepEqual(
      result.problems.filter((problem) => problem.severity === 'warning'),
      [{ line: 3, severity: 'warning', message: 'a line of this send is not UTF-8 and was read as Latin-1: a transcript is UTF-8 text, so replay sends its characters as UTF-8, not the captured bytes' }],
    );
  });

  test('SMTP_SSL prints its own connect line first: implicit TLS; LOGIN with the user as initial response', () => {
    const input = [
      "12:00:00.000001 connect: ('127.0.0.1', 465)",
      "12:00:00.000002 connect: to ('127.0.0.1', 465) None",
      "12:00:00.000003 reply: b'220 mx\\r\\n'",
      "12:00:00.000004 send: 'AUTH LOGIN dGVzdHVzZXI=\\r\\n'",
      "12:00:00.000005 reply: b'334 UGFzc3dvcmQ6\\r\\n'",
      "12:00:00.000006 send: 'dGVzdHBhc3M=\\r\\n'",
      "12:00:00.000007 reply: b'235 ok\\r\\n'",
    ].join('\n');
    assert.equal(
      importTranscript(input).text,
      fileLines(
        '# Imported from Python smtplib debug output.',
        '@server = 127.0.0.1',
        '@port = 465',
        '@tls = implicit',
        '@user = testuser',
        '@password = {{$env SMTP_PASSWORD}}',
        '',
        'S: 220 mx',
        'C: AUTH LOGIN {{$base64 {{user}}}}',
        'S: 334 UGFzc3dvcmQ6',
        'C: {{$base64 {{password}}}}',
        'S: 235 ok',
      ),
    );
  });

  test('a command after QUIT was answered starts a new session; an unreadable value is skipped with a warning', () => {
    const input = [
      "send: 'noop\\r\\n'",
      "reply: b'250 ok\\r\\n'",
      "send: 'quit\\r\\n'",
      "reply: b'221 bye\\r\\n'",
      "send: 'noop\\r\\n",
      "send: 'noop\\r\\n'",
      "reply: b'250 ok\\r\\n'",
    ].join('\n');
    const result = importTranscript(input);
    assert.equal(
      result.text,
      fileLines(
        '# Imported from Python smtplib debug output.',
        '',
        '###',
        'S: 220 *',
        'C: noop',
        'S: 250 ok',
        'C: quit',
        'S: 221 bye',
        '',
        '###',
        'S: 220 *',
        'C: noop',
        'S: 250 ok',
      ),
    );
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.message]),
      [
        [1, 'smtplib connected before set_debuglevel() was called, so the output does not tell whether the connection used SMTP_SSL; if it did, add @tls = implicit'],
        [1, 'the capture shows no greeting before the first command; "S: 220 *" was added'],
        [5, 'the send value is not a Python string literal; skipped'],
        [6, 'the capture shows no greeting before the first command; "S: 220 *" was added'],
        [undefined, 'the capture does not name the server: add @server and @port, or give them to replay'],
      ],
    );
  });
});
