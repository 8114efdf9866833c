// curl's output in the shapes the captured fixtures do not show: a message split across two `Send data` blocks in the
// middle of a line, a connection the server dropped, and the progress meter's row holding curl's first note.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { importTranscript } from '../../../server/src/import';
import { fileLines } from '../../support/text';

const header = (kind: 'Send' | 'Recv', text: string): string[] => [`${kind === 'Send' ? '=>' : '<='} ${kind} header, ${text.length + 2} bytes (0x${(text.length + 2).toString(16)})`, `0000: ${text}`];

describe('curl output', () => {
  test('--trace-ascii: a line cut at the end of one data block goes on in the next; the final `.` comes before the reply', () => {
    const input = [
      '== Info: Connected to mx.test (127.0.0.1) port 25 (#0)',
      ...header('Recv', '220 mx.test ESMTP'),
      ...header('Send', 'EHLO me'),
      ...header('Recv', '250 mx.test'),
      ...header('Send', 'MAIL FROM:<a@x.test>'),
      ...header('Recv', '250 ok'),
      ...header('Send', 'RCPT TO:<b@example.com>'),
      ...header('Recv', '250 ok'),
      ...header('Send', 'DATA'),
      ...header('Recv', '354 go'),
      // `Subject: hi` and a CRLF, then `Subj`, which the next block ends as `ect two`.
      '=> Send data, 17 bytes (0x11)',
      '0000: Subject: hi',
      '000d: Subj',
      '=> Send data, 11 bytes (0xb)',
      '0000: ect two',
      '0009: ',
      ...header('Recv', '250 queued'),
      '== Info: Connection #0 to host mx.test left intact',
    ].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'curl',
      text: fileLines(
        '# Imported from curl output (-v or --trace-ascii).',
        '@server = mx.test',
        '@port = 25',
        '',
        'S: 220 mx.test ESMTP',
        'C: EHLO me',
        'S: 250 mx.test',
        'C: MAIL FROM:<a@x.test>',
        'S: 250 ok',
        'C: RCPT TO:<b@example.com>',
        'S: 250 ok',
        'C: DATA',
        'S: 354 go',
        'C: Subject: hi',
        'C: Subject two',
        'C:',
        'C: .',
        'S: 250 queued',
        '# curl sends QUIT as it exits and prints neither it nor the reply: the 221 RFC 5321 §4.1.1.10 requires is expected',
        'C: QUIT',
        'S: 221 *',
      ),
      problems: [],
    });
  });

  test('--trace-ascii: a message whose last line has no line break ends with it, then the `.`; the reply is a line of its own', () => {
    const input = [
      ...header('Recv', '220 mx.test ESMTP'),
      ...header('Send', 'EHLO me'),
      ...header('Recv', '250 mx.test'),
      ...header('Send', 'MAIL FROM:<a@x.test>'),
      ...header('Recv', '250 ok'),
      ...header('Send', 'RCPT TO:<b@example.com>'),
      ...header('Recv', '250 ok'),
      ...header('Send', 'DATA'),
      ...header('Recv', '354 go'),
      '=> Send data, 15 bytes (0xf)',
      '0000: Subject: x',
      '000c: ',
      '000e: y',
      ...header('Recv', '250 queued'),
    ].join('\n');
    assert.deepEqual(importTranscript(input, { from: 'curl' }).text.split('\n').slice(-6, -1), ['C: Subject: x', 'C:', 'C: y', 'C: .', 'S: 250 queued']);
  });

  test('-v over --unix-socket: the socket is the server, the URL host the name TLS is verified as', () => {
    const input = ['*   Trying /run/mx.sock:0...', '* Connected to mx.test (/run/mx.sock) port 25 (#0)', '< 220 mx.test ESMTP', '> EHLO me', '< 250 mx.test', '> QUIT', '< 221 bye'].join('\n');
    assert.deepEqual(importTranscript(input).text.split('\n').slice(0, 4), ['# Imported from curl output (-v or --trace-ascii).', '@server = unix:/run/mx.sock', '@tls-servername = mx.test', '']);
  });

  test('-v: the progress meter row holding the first note, and a connection the server dropped (no QUIT added)', () => {
    const input = [
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
      '                                 Dload  Upload   Total   Spent    Left  Speed',
      '  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0*   Trying 127.0.0.1:2525...',
      '* Connected to 127.0.0.1 (127.0.0.1) port 2525 (#0)',
      '< 220 mx.test ESMTP',
      '> EHLO me',
      '< 421 4.3.2 going down',
      '* Connection died, retrying a fresh connect (retry count: 1)',
      'curl: (56) Recv failure: Connection reset by peer',
    ].join('\n');
    assert.deepEqual(importTranscript(input), {
      format: 'curl',
      text: fileLines(
        '# Imported from curl output (-v or --trace-ascii).',
        '@server = 127.0.0.1',
        '@port = 2525',
        '',
        'S: 220 mx.test ESMTP',
        'C: EHLO me',
        'S: 421 4.3.2 going down',
        '# curl: Connection died, retrying a fresh connect (retry count: 1)',
        'S: <closed>',
        '# curl: (56) Recv failure: Connection reset by peer',
      ),
      problems: [],
    });
  });
});
