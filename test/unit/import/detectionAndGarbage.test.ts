import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectFormat, importFormats, importTranscript, inputLines } from '../../../server/src/import';
import { parseTranscript, resolveText } from '../../../server/src/model';
import { literalText } from '../../../server/src/import/saslCredentials';

const notRecognized =
  'no SMTP session recognized: expected swaks output (" -> " and "<- " lines), Python smtplib debug output ("send:" and "reply:" lines), curl -v or --trace-ascii output ("> " and "< " lines, "=> Send header" blocks) or a terminal log with server replies starting with a three-digit code';

describe('detecting the style', () => {
  test('each style by its markers; the most marked wins', () => {
    const cases: Array<[string, string | undefined]> = [
      ['<-  220 mx\n -> EHLO me', 'swaks'],
      ['=== Trying 127.0.0.1:25...\n*** Error connecting', 'swaks'],
      ["send: 'EHLO me\\r\\n'\nreply: b'250 mx\\r\\n'", 'smtplib'],
      ["09:15:01.123456 reply: b'220 mx\\r\\n'", 'smtplib'],
      ['220 mx ESMTP\nEHLO me\n250 mx', 'plain'],
      // A plain log quoting one swaks line is still a plain log... unless swaks lines are the most.
      ["reply: b'220 mx\\r\\n'\n<-  220 mx\nreply: b'250 mx\\r\\n'", 'smtplib'],
      ['S: 220 mx\nC: EHLO me\nS: 250 mx', undefined],
      ['hello world', undefined],
      ['', undefined],
    ];
    assert.deepEqual(
      cases.map(([text]) => [text, detectFormat(inputLines(text)).format]),
      cases,
    );
  });

  test('a .smtp transcript and unrecognized text are explained, never imported', () => {
    assert.deepEqual(importTranscript('S: 220 mx\nC: QUIT\nS: 221 bye\n'), {
      text: '',
      problems: [{ severity: 'error', message: 'the text already has C:/S: lines: it is a .smtp transcript, there is nothing to import' }],
    });
    assert.deepEqual(importTranscript('Lorem ipsum dolor sit amet\n\u0000\u0001\u0002'), {
      text: '',
      problems: [{ severity: 'error', message: notRecognized }],
    });
  });

  test('a forced style with nothing of it in the text: no transcript, a clear error', () => {
    assert.deepEqual(importTranscript('Lorem ipsum\ndolor sit amet', { from: 'smtplib' }), {
      format: 'smtplib',
      text: '',
      problems: [
        { line: 1, severity: 'warning', message: '2 lines (1-2) are not smtplib debug output; skipped' },
        { severity: 'error', message: 'no SMTP exchange found in the text read as Python smtplib debug output' },
      ],
    });
  });

  test("the server's replies alone (swaks --hide-send) are no dialogue: a clear error; a greeting alone still imports", () => {
    const hidden = ['=== Trying 127.0.0.1:2525...', '<-  220 mx', '<-  250-mx', '<-  250 SIZE', '<-  250 ok', '<-  221 bye', '=== Connection closed with remote host.'];
    assert.deepEqual(importTranscript(hidden.join('\n')), {
      format: 'swaks',
      text: '',
      problems: [
        { severity: 'error', message: "the text read as swaks output shows the server's replies but no line the client sent (swaks --hide-send leaves them out): there is no dialogue to import" },
      ],
    });
    assert.equal(importTranscript('421 busy\nConnection closed by foreign host.').text.split('\n').slice(-3).join('\n'), 'S: 421 busy\nS: <closed>\n');
  });

  test('a byte order mark and CRLF line ends are no part of the lines', () => {
    assert.deepEqual(inputLines('\ufeff<-  220 mx\r\n -> QUIT\r\n'), ['<-  220 mx', ' -> QUIT']);
  });
});

describe('any text at all', () => {
  // Lines built from the markers of every style, so the random text reaches deep into each reader.
  const pieces = [
    ' -> ', '<-  ', '<** ', ' ~> ', '<~* ', '=== ', '*** ', '=== Trying 10.0.0.1:25...', '=== TLS started', '=== Connection closed with remote host.',
    "send: '", "reply: b'", "'", '\\r\\n', "connect: to ('h', 25) None", "connect: ('h', 465)", 'CONNECTED(3)', '---', 'DONE', 'RENEGOTIATING',
    'Trying 10.0.0.1...', 'Connection closed by foreign host.', '$ telnet h 25', '220 ', '250-', '250 ', '334 ', '354 ', '221 ', '421 ', '535 ',
    'EHLO x', 'DATA', 'QUIT', 'STARTTLS', 'AUTH PLAIN ', 'AUTH LOGIN', 'AUTH CRAM-MD5', 'AUTH XOAUTH2 ', 'BDAT 4 LAST', 'BDAT 0', '.', '..',
    'AHRlc3R1c2VyAHRlc3RwYXNz', 'VXNlcm5hbWU6', 'dGVzdA==', 'Date: x', 'Message-Id: y', ' folded', '{{', '}}', '\\', 'C: ', 'S: ', '###', '@x = ',
    '<closed>', '<close>', '\t', 'é', '\u0000',
    // AUTH data decoding to names with line breaks, braces, NULs and spaces.
    ...['\0a\nb\0p', 'x}}\0{{u\0p', ' \0 u \0p', 'u\\0\0u\0p', 'user=a\nb\x01auth=Bearer t\x01\x01', 'a\r b 0123456789abcdef0123456789abcdef'].map((t) =>
      Buffer.from(t).toString('base64'),
    ),
  ];
  const line = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 5 }).map((p) => p.join(''));
  const text = fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n')).map(([l, end]) => l.join(end));

  test('never throws, and what it writes parses without errors', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, ...importFormats), (input, from) => {
        const result = importTranscript(input, { from });
        assert.ok(!result.problems.some((p) => p.message.startsWith('the import failed')), JSON.stringify(result.problems));
        const errors = parseTranscript(result.text).diagnostics.filter((d) => d.severity === 'error');
        assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: ${d.message}`), [], result.text);
        assert.equal(result.text === '', result.problems.some((p) => p.severity === 'error'));
      }),
      { seed: 20261128, numRuns: 3000 },
    );
  });
});

describe('captured text with braces', () => {
  test('is written so that replay sends exactly what was captured', () => {
    const braces = fc.array(fc.constantFrom('{', '}', '\\', 'x', ' ', '$'), { maxLength: 12 }).map((c) => c.join(''));
    fc.assert(
      fc.property(braces, (captured) => {
        const written = literalText(captured);
        const resolved = resolveText(written, { definitions: new Map(), env: {} });
        assert.deepEqual([resolved.text, resolved.errors], [captured, []]);
      }),
      { seed: 20261128, numRuns: 3000 },
    );
  });
});
