import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importTranscript } from '../../../server/src/import';
import { parseTranscript } from '../../../server/src/model';
import { fileLines } from '../../support/text';

const heuristic =
  'read as a plain log, a heuristic: lines starting with a three-digit code are server replies, the others client lines, and everything between a 354 reply and the "." line, or in the octets a BDAT command declares, is message content';

describe('plain terminal logs', () => {
  test('nc: the command line names the target; content lines starting with a code stay content', () => {
    const input = [
      '$ nc mx.example.com 25',
      '220 mx ESMTP',
      'HELO me',
      '250 mx',
      'MAIL FROM:<a@x.test>',
      '250 ok',
      'RCPT TO:<b@example.com>',
      '250 ok',
      'DATA',
      '354 go',
      'Subject: 550 reasons',
      '',
      '250 is not a reply here',
      '.',
      '250 queued',
    ].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'plain',
      text: fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '@server = mx.example.com',
        '@port = 25',
        '',
        'S: 220 mx ESMTP',
        'C: HELO me',
        'S: 250 mx',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: RCPT TO:<b@example.com>',
        'S: 250 ok',
        'C: DATA',
        'S: 354 go',
        'C: Subject: 550 reasons',
        'C:',
        'C: 250 is not a reply here',
        'C: .',
        'S: 250 queued',
      ),
      problems: [{ severity: 'info', message: heuristic }],
    });
  });

  test('openssl s_client -starttls smtp from its command line: the exchange it made itself is added', () => {
    const input = [
      '$ openssl s_client -connect mx.example.com:587 -starttls smtp -name client.test -crlf',
      'CONNECTED(00000003)',
      'depth=0 CN = mx.example.com',
      '---',
      'Certificate chain',
      ' 0 s:CN = mx.example.com',
      '---',
      'SSL handshake has read 1365 bytes and written 377 bytes',
      '---',
      '250 SMTPUTF8',
      '---',
      'Post-Handshake New Session Ticket arrived:',
      'SSL-Session:',
      '    Protocol  : TLSv1.3',
      '',
      '---',
      'read R BLOCK',
      'EHLO client.test',
      '250-mx.example.com',
      '250 AUTH PLAIN',
      'quit',
      '221 bye',
      'closed',
    ].join('\n');
    const result = importTranscript(input);
    assert.equal(
      result.text,
      fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '@server = mx.example.com',
        '@port = 587',
        '@tls = starttls',
        '',
        'S: 220 *',
        'C: EHLO client.test',
        'S: 250 *',
        'C: STARTTLS',
        'S: 220 *',
        'C: EHLO client.test',
        'S: 250-mx.example.com',
        'S: 250 AUTH PLAIN',
        'C: quit',
        'S: 221 bye',
        'S: <closed>',
      ),
    );
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.message]),
      [
        [2, 'openssl s_client -starttls smtp exchanged the greeting, EHLO and STARTTLS before printing anything; they were added as "S: 220 *", "C: EHLO client.test", "S: 250 *", "C: STARTTLS", "S: 220 *"'],
        [10, 'a reply s_client printed after its handshake, to none of the typed commands; left out'],
        [undefined, heuristic],
      ],
    );
  });

  test('openssl s_client -quiet (no CONNECTED( block, as `export --as openssl` runs it): the handshake follows its command line', () => {
    const starttls = [
      '$ openssl s_client -starttls smtp -connect 127.0.0.1:2525 -crlf -quiet',
      "Can't use SSL_get_servername",
      'depth=0 CN = localhost',
      'verify return:1',
      '250 CHUNKING',
      'EHLO client.test',
      '250-mx.test.local',
      '250 CHUNKING',
      'QUIT',
      '221 2.0.0 Bye',
    ].join('\n');
    const result = importTranscript(starttls);
    assert.equal(
      result.text,
      fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '@server = 127.0.0.1',
        '@port = 2525',
        '@tls = starttls',
        '',
        'S: 220 *',
        'C: EHLO client.test',
        'S: 250 *',
        'C: STARTTLS',
        'S: 220 *',
        'C: EHLO client.test',
        'S: 250-mx.test.local',
        'S: 250 CHUNKING',
        'C: QUIT',
        'S: 221 2.0.0 Bye',
      ),
    );
    assert.deepEqual(result.problems.map((p) => p.line), [1, 5, undefined]);
    // Implicit TLS: the greeting is the first line printed.
    const implicit = importTranscript(['$ openssl s_client -connect 127.0.0.1:465 -crlf -quiet', 'depth=0 CN = localhost', 'verify return:1', '220 mx ESMTP', 'QUIT', '221 bye'].join('\n'));
    assert.equal(implicit.text, fileLines('# Imported from a plain terminal log (telnet, nc or openssl s_client).', '@server = 127.0.0.1', '@port = 465', '@tls = implicit', '', 'S: 220 mx ESMTP', 'C: QUIT', 'S: 221 bye'));
  });

  test('openssl s_client -quiet logged without its command line (under `script`): the certificate check marks the handshake', () => {
    const starttls = ["Can't use SSL_get_servername", 'depth=0 CN = localhost', 'verify return:1', '250 HELP', 'EHLO me.test', '250-mx.test.local Hello me.test', '250 HELP', 'QUIT', '221 bye'];
    const result = importTranscript(starttls.join('\n'));
    assert.equal(
      result.text,
      fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '@tls = starttls',
        '',
        'S: 220 *',
        'C: EHLO me.test',
        'S: 250 *',
        'C: STARTTLS',
        'S: 220 *',
        'C: EHLO me.test',
        'S: 250-mx.test.local Hello me.test',
        'S: 250 HELP',
        'C: QUIT',
        'S: 221 bye',
      ),
    );
    assert.deepEqual(result.problems.map((p) => [p.line, p.severity]), [[1, 'info'], [4, 'info'], [undefined, 'info'], [undefined, 'info']]);
    const implicit = importTranscript(['depth=0 CN = localhost', 'verify return:1', '220 mx ESMTP', 'QUIT', '221 bye'].join('\n'));
    assert.equal(implicit.text, fileLines('# Imported from a plain terminal log (telnet, nc or openssl s_client).', '@tls = implicit', '', 'S: 220 mx ESMTP', 'C: QUIT', 'S: 221 bye'));
    // Past the first SMTP line a certificate check says nothing about where the session began.
    const late = importTranscript(['220 mx ESMTP', 'depth=0 CN = localhost', 'QUIT', '221 bye'].join('\n'));
    assert.equal(late.text, fileLines('# Imported from a plain terminal log (telnet, nc or openssl s_client).', '', 'S: 220 mx ESMTP', 'C: QUIT', 'S: 221 bye'));
  });

  test('s_client fed from a pipe echoes no command: the replies it printed to them are left out with a warning', () => {
    const piped = ['$ openssl s_client -starttls smtp -connect 127.0.0.1:2525 -crlf -quiet', '250 CHUNKING', '250-mx', '250 CHUNKING', '250 2.1.0 Ok', '221 bye'];
    const result = importTranscript(piped.join('\n'));
    assert.deepEqual(result.text.split('\n').filter((line) => /^[CS]:/.test(line)), ['S: 220 *', 'C: EHLO mail.example.com', 'S: 250 *', 'C: STARTTLS', 'S: 220 *']);
    assert.deepEqual(
      result.problems.filter((problem) => problem.severity !== 'info'),
      [{ line: 2, severity: 'warning', message: 's_client printed 4 replies after its handshake to commands the log does not show (it does not echo commands piped into it); they were left out: capture the session typed in a terminal' }],
    );
  });

  test("s_client's certificate checks on stderr, printed above CONNECTED(, are left out as its other lines are", () => {
    const input = [
      '$ openssl s_client -starttls smtp -connect 127.0.0.1:2525 -crlf -CAfile cert.pem',
      "Can't use SSL_get_servername",
      'depth=0 CN = localhost',
      'verify error:num=18:self-signed certificate',
      'verify return:1',
      'CONNECTED(00000003)',
      '---',
      'SSL handshake has read 1365 bytes and written 377 bytes',
      'Verification: OK',
      '---',
      'read R BLOCK',
      'quit',
      '221 bye',
      'closed',
    ].join('\n');
    assert.deepEqual(
      importTranscript(input).text.split('\n').filter((line) => /^[CS]: /.test(line)),
      ['S: 220 *', 'C: EHLO mail.example.com', 'S: 250 *', 'C: STARTTLS', 'S: 220 *', 'C: quit', 'S: 221 bye', 'S: <closed>'],
    );
  });

  test('s_client took a typed RCPT for its R command: the line is left out, the retyped one kept', () => {
    const input = [
      'CONNECTED(00000003)',
      '---',
      'New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384',
      '---',
      '220 mx',
      'MAIL FROM:<a@x.test>',
      '250 ok',
      'RCPT TO:<b@example.com>',
      'RENEGOTIATING',
      '40B7:error:0A00010A:SSL routines:can_renegotiate:wrong ssl version:../ssl/ssl_lib.c:2287:',
      'rcpt TO:<b@example.com>',
      '250 ok',
    ].join('\n');
    const result = importTranscript(input);
    assert.equal(
      result.text,
      fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '@tls = implicit',
        '',
        'S: 220 mx',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: rcpt TO:<b@example.com>',
        'S: 250 ok',
      ),
    );
    assert.deepEqual(result.problems[0], {
      line: 8,
      severity: 'warning',
      message:
        'openssl s_client took "RCPT TO:<b@example.com>" for its own command R (renegotiate) and did not send it, so it was left out; run s_client with -ign_eof or -nocommands, or type commands in lower case',
    });
  });

  test('what a capture leaves unfinished is finished so that the result parses, and said: message content as the client closing there', () => {
    const input = ['220 mx', 'EHLO me', '250-mx', '250-PIPELINING', 'DATA', '354 go', 'Subject: cut off'].join('\n');
    const result = importTranscript(input, { from: 'plain' });
    assert.equal(
      result.text,
      fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '',
        'S: 220 mx',
        'C: EHLO me',
        'S: 250-mx',
        'S: 250 PIPELINING',
        'C: DATA',
        'S: 354 go',
        'C: Subject: cut off',
        '# the capture ends inside the message content, without the final "."',
        'C: <close>',
      ),
    );
    assert.deepEqual(parseTranscript(result.text).diagnostics, []);
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.message]),
      [
        [5, 'a multi-line reply is cut off by a client line; its last line was made the final one'],
        [7, 'the capture ends inside message content; written as the client closing the connection there ("C: <close>"), without the final "."'],
        [undefined, heuristic],
        [undefined, 'the capture does not name the server: add @server and @port, or give them to replay'],
      ],
    );
  });

  test('telnet with BDAT: the octets each BDAT declares are its chunk, whatever the lines look like (RFC 3030 §2)', () => {
    const input = [
      '$ telnet 192.0.2.25 25',
      'Trying 192.0.2.25...',
      'Connected to 192.0.2.25.',
      "Escape character is '^]'.",
      '220 mx ESMTP',
      'EHLO client.test',
      '250-mx',
      '250 CHUNKING',
      'MAIL FROM:<a@x.test>',
      '250 ok',
      'RCPT TO:<b@example.com>',
      '250 ok',
      'BDAT 46',
      'From: <s@test.local>',
      'Subject: 550 reasons',
      '',
      '250 2.0.0 46 octets',
      'BDAT 54 LAST',
      '250 is not a reply here',
      'Trying 127.0.0.1...',
      '',
      'QUIT',
      '250 2.0.0 queued',
      'QUIT',
      '221 bye',
      'Connection closed by foreign host.',
    ].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'plain',
      text: fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '@server = 192.0.2.25',
        '@port = 25',
        '',
        'S: 220 mx ESMTP',
        'C: EHLO client.test',
        'S: 250-mx',
        'S: 250 CHUNKING',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: RCPT TO:<b@example.com>',
        'S: 250 ok',
        'C: BDAT 46',
        'C: From: <s@test.local>',
        'C: Subject: 550 reasons',
        'C:',
        'S: 250 2.0.0 46 octets',
        'C: BDAT 54 LAST',
        'C: 250 is not a reply here',
        'C: Trying 127.0.0.1...',
        'C:',
        'C: QUIT',
        'S: 250 2.0.0 queued',
        'C: QUIT',
        'S: 221 bye',
        'S: <closed>',
      ),
      problems: [{ severity: 'info', message: heuristic }],
    });
  });

  test('a server without CHUNKING answers BDAT at once: it read no chunk, and the lines after the reply are commands', () => {
    const input = ['220 mx ESMTP', 'EHLO client.test', '250 mx', 'MAIL FROM:<a@x.test>', '250 ok', 'BDAT 20 LAST', '502 5.5.1 BDAT not implemented', 'QUIT', '221 bye'].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'plain',
      text: fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '',
        'S: 220 mx ESMTP',
        'C: EHLO client.test',
        'S: 250 mx',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: BDAT * LAST',
        'S: 502 5.5.1 BDAT not implemented',
        'C: QUIT',
        'S: 221 bye',
      ),
      problems: [
        { line: 7, severity: 'warning', message: 'the BDAT chunk in the capture does not hold the octets its command declares; written as BDAT *, counted at replay' },
        { severity: 'info', message: heuristic },
        { severity: 'info', message: 'the capture does not name the server: add @server and @port, or give them to replay' },
      ],
    });
  });

  test('lines that cannot stand as commands or replies become comments', () => {
    const input = ['220 mx', '   ', ' EHLO indented', '500 what?', 'NOOP', '250 ok', '250 again?'].join('\n');
    const result = importTranscript(input, { from: 'plain' });
    assert.equal(
      result.text,
      fileLines(
        '# Imported from a plain terminal log (telnet, nc or openssl s_client).',
        '',
        'S: 220 mx',
        '# C:  EHLO indented',
        '# S: 500 what?',
        'C: NOOP',
        'S: 250 ok',
        '# S: 250 again?',
      ),
    );
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.message]).slice(0, 3),
      [
        [3, 'an empty line or one starting with a space, sent as a command, is kept as a comment, and the reply to it too'],
        [4, 'a reply to no command the capture shows is kept as a comment'],
        [7, 'a reply to no command the capture shows is kept as a comment'],
      ],
    );
  });
});
