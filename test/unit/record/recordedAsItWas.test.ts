// A recording holds what crossed the wire as it was: a line of any length is one line; a reply that refuses a line
// before its end follows that line; and what a client sent after the session ended (the server's 421, RFC 5321 §3.8)
// stays in that session, unanswered, with no greeting invented for it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTranscript } from '../../../server/src/model/parseTranscript';
import { HEAD, record, type Step } from '../../support/recording';

const MiB = 1024 * 1024;
const GREETED: Step[] = [['S', '220 mx ESMTP\r\n'], ['C', 'EHLO c\r\n'], ['S', '250 mx\r\n']];

/** `text` as a client's reads of `size` octets: the network splits a long line anywhere. */
const reads = (text: string, size: number): Step[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => ['C', text.slice(i * size, (i + 1) * size)]);

/** The lines after the heading and directives. */
const exchanges = (text: string): string[] => text.split('\n').slice(HEAD('').length + 1);

describe('a recording holds what crossed the wire as it was', () => {
  test("a success code the RFCs do not list for its command (aiosmtpd's 250 to HELP, 250 to a multi-line HELP): as it came, under a note that suppresses reply-not-for-command", () => {
    const recorded = record([...GREETED, ['C', 'HELP\r\n'], ['S', '250 Supported commands: EHLO HELO\r\n'], ['C', 'HELP\r\n'], ['S', '250-Supported\r\n250 commands\r\n'], ['C', 'NOOP\r\n'], ['S', '250 OK\r\n'], ['closed', 'server']]);
    const note = '# the server answered HELP with 250, which RFC 5321 §4.3.2 does not list for it: expected as recorded';
    const suppress = '# smtp-lint-disable-next-line reply-not-for-command';
    assert.deepEqual(
      [exchanges(recorded.text), recorded.problems],
      [['S: 220 mx ESMTP', 'C: EHLO c', 'S: 250 mx', 'C: HELP', note, suppress, 'S: 250 Supported commands: EHLO HELO', 'C: HELP', 'S: 250-Supported', note, suppress, 'S: 250 commands', 'C: NOOP', 'S: 250 OK', 'S: <closed>', ''], []],
    );
  });

  test('a command line of 1.5 MiB, read in 64 KiB pieces, is one C: line, as it was sent', () => {
    const giant = `NOOP ${'x'.repeat(1.5 * MiB)}`;
    const recorded = record([...GREETED, ...reads(`${giant}\r\n`, 64 * 1024), ['S', '250 2.0.0 Ok\r\n'], ['C', 'QUIT\r\n'], ['S', '221 2.0.0 Bye\r\n'], ['closed', 'server']]);
    assert.deepEqual(
      [exchanges(recorded.text), recorded.problems],
      [['S: 220 mx ESMTP', 'C: EHLO c', 'S: 250 mx', `C: ${giant}`, 'S: 250 2.0.0 Ok', 'C: QUIT', 'S: 221 2.0.0 Bye', 'S: <closed>', ''], []],
    );
  });

  test("a server that refuses a long line before its end (the local server's 421 at 64 KiB): the reply follows the whole line, what the client sent after is kept as comments", () => {
    const long = `NOOP ${'x'.repeat(100 * 1024)}`;
    const recorded = record([
      ...GREETED,
      ['C', long.slice(0, 70_000)],
      ['S', '421 4.5.2 mx Line too long - closing connection\r\n'],
      ['C', `${long.slice(70_000)}\r\nQUIT\r\n`],
      ['closed', 'server'],
    ]);
    assert.deepEqual([exchanges(recorded.text), recorded.problems], [
      [
        ...['S: 220 mx ESMTP', 'C: EHLO c', 'S: 250 mx'],
        `C: ${long}`,
        'S: 421 4.5.2 mx Line too long - closing connection',
        "# the client went on after the session ended (the server's 421 closes it, RFC 5321 §3.8); unanswered, what it sent is kept as comments:",
        '# C: QUIT',
        'S: <closed>',
        '',
      ],
      [{ severity: 'info', message: "the client sent lines after the session ended (the server's 421 closes it, RFC 5321 §3.8); they are kept as comments" }],
    ]);
  });

  test('lines a client sends after the 421 that answers a command stay in the session: no `###`, no invented `S: 220 *`', () => {
    const recorded = record([
      ...GREETED,
      ['C', 'MAIL FROM:<a@example.com>\r\n'],
      ['S', '421 4.4.2 Error: too many unrecognized commands\r\n'],
      ['C', 'RCPT TO:<b@example.com>\r\nQUIT\r\n'],
      ['closed', 'server'],
    ]);
    assert.deepEqual(exchanges(recorded.text), [
      ...['S: 220 mx ESMTP', 'C: EHLO c', 'S: 250 mx'],
      'C: MAIL FROM:<a@example.com>',
      'S: 421 4.4.2 Error: too many unrecognized commands',
      "# the client went on after the session ended (the server's 421 closes it, RFC 5321 §3.8); unanswered, what it sent is kept as comments:",
      '# C: RCPT TO:<b@example.com>',
      '# C: QUIT',
      'S: <closed>',
      '',
    ]);
  });

  test('commands pipelined after the one a 421 answers get no reply: commented out where they were sent, and the session ends at the 421', () => {
    const recorded = record([
      ...GREETED,
      ['C', 'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nRCPT TO:<c@example.com>\r\n'],
      ['S', '421 4.7.0 mx Too many connections, closing\r\n'],
      ['closed', 'server'],
    ]);
    assert.deepEqual([exchanges(recorded.text), recorded.problems], [
      [
        ...['S: 220 mx ESMTP', 'C: EHLO c', 'S: 250 mx'],
        'C: MAIL FROM:<a@example.com>',
        '# C: RCPT TO:<b@example.com>',
        '# C: RCPT TO:<c@example.com>',
        'S: 421 4.7.0 mx Too many connections, closing',
        "# the client had sent the 2 lines commented out above before the server's 421, and the server closed without answering them (RFC 5321 §3.8)",
        'S: <closed>',
        '',
      ],
      [{ severity: 'info', message: "the client pipelined 2 lines after the command the server's 421 answered; kept as comments, unanswered" }],
    ]);
  });

  test('after a 421 greeting and after QUIT was answered the same holds; AUTH data sent after the end is not written', () => {
    const plain = Buffer.from('\0testuser\0s3cret!pw').toString('base64');
    const busy = record([['S', '421 4.3.2 mx busy\r\n'], ['C', `EHLO c\r\nAUTH PLAIN ${plain}\r\n`], ['closed', 'server']]);
    assert.deepEqual(exchanges(busy.text), [
      'S: 421 4.3.2 mx busy',
      "# the client went on after the session ended (the server's 421 closes it, RFC 5321 §3.8); unanswered, what it sent is kept as comments:",
      '# C: EHLO c',
      '# C: AUTH PLAIN ****',
      'S: <closed>',
      '',
    ]);
    const after = record([...GREETED, ['C', 'QUIT\r\n'], ['S', '221 Bye\r\n'], ['C', 'NOOP\r\n'], ['closed', 'client']]);
    assert.deepEqual(exchanges(after.text), [
      ...['S: 220 mx ESMTP', 'C: EHLO c', 'S: 250 mx', 'C: QUIT', 'S: 221 Bye'],
      '# the client went on after the session ended (QUIT was answered 221, RFC 5321 §4.1.1.10); unanswered, what it sent is kept as comments:',
      '# C: NOOP',
      'S: <closed>',
      '',
    ]);
  });

  test('a tab after the verb (`BDAT<tab>9 LAST`, `DATA<tab>`) frames the chunk and opens the content, as the transcript reads it', () => {
    const recorded = record([
      ['S', '220 mx ESMTP\r\n'],
      ['C', 'EHLO c\r\n'],
      ['S', '250 CHUNKING\r\n'],
      ['C', 'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nBDAT\t9 LAST\r\nQUIT xy\r\n'],
      ['S', '250 Ok\r\n250 Ok\r\n250 2.0.0 Ok: queued as ABCDEF123456\r\n'],
      ['C', 'MAIL FROM:<a@example.com>\r\n'],
      ['S', '250 Ok\r\n'],
      ['C', 'RCPT TO:<b@example.com>\r\n'],
      ['S', '250 Ok\r\n'],
      ['C', 'DATA\t\r\n'],
      ['S', '354 go\r\n'],
      ['C', 'QUIT\r\n.\r\n'],
      ['S', '250 Ok: queued as ABCDEF123457\r\n'],
      ['closed', 'client'],
    ]);
    const body = exchanges(recorded.text);
    assert.deepEqual(body.slice(body.indexOf('C: BDAT\t9 LAST')), [
      'C: BDAT\t9 LAST',
      'C: QUIT xy',
      'S: 250 Ok',
      'S: 250 Ok',
      'S: 250 2.0.0 Ok: queued as *',
      'C: MAIL FROM:<a@example.com>',
      'S: 250 Ok',
      'C: RCPT TO:<b@example.com>',
      'S: 250 Ok',
      'C: DATA\t',
      'S: 354 go',
      'C: QUIT',
      'C: .',
      'S: 250 Ok: queued as *',
      'C: <close>',
      '',
    ]);
    assert.deepEqual(parseTranscript(recorded.text).diagnostics.filter((d) => d.severity === 'error'), []);
  });
});
