// Control characters and the scripted server's replies, against a Python client on a real socket: a reply's text holds
// none but HT (RFC 5321 §4.2: a bare CR, an ESC its terminal obeys). What the server captures from a client
// (`{{$capture name}}`) for its `S:` lines is refused at the line that carried one; the deviation reply shows those a
// `C:` line writes. The bytes the client received are compared whole.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';

const run = promisify(execFile);

const SCRIPT = [
  'S: 220 mx.test ESMTP',
  'C: EHLO {{$capture helo}}',
  'S: 250 mx.test greets {{helo}}',
  'C: MAIL FROM:<a@example.com>',
  'S: 250 ok',
  'C: RCPT TO:<b@example.com>',
  'S: 250 ok',
  'C: DATA',
  'S: 354 go on',
  'C: Subject: {{$capture subject}}',
  'C:',
  'C: hi',
  'C: .',
  'S: 250 queued: {{subject}}',
  'C: QUIT',
  'S: 221 bye',
  '',
].join('\n');

/**
 * One connection that sends each of `turns` (octets, as Python writes them) after the reply to the one before, as a
 * client without PIPELINING does (RFC 2920 §3): what it received, and the mock's verdict.
 */
async function play(turns: string[], script = SCRIPT) {
  const server = await startScriptedServer(parseTranscript(script), { port: 0, env: {}, timeoutMs: 5000, readInclude: () => Promise.reject(new Error('no includes here')) });
  const { stdout } = await run('python3', ['-c', [
    'import socket, sys',
    `s = socket.create_connection(("127.0.0.1", ${server.port}))`,
    'f = s.makefile("rb")',
    'received = f.readline()',
    `for turn in [${turns.join(', ')}]:`,
    '    try: s.sendall(turn)',
    '    except OSError: break',
    // The reply's last line (a space after the code), or the end of the connection.
    '    while (line := f.readline()) and (received := received + line) and line[3:4] != b" ": pass',
    '    if not line: break',
    'received += f.read()',
    'sys.stdout.write(received.hex())',
  ].join('\n')]);
  const [result] = await server.done;
  return { received: Buffer.from(stdout, 'hex').toString('latin1'), status: result.status, deviation: result.deviation };
}

const ENVELOPE = ['b"MAIL FROM:<a@example.com>\\r\\n"', 'b"RCPT TO:<b@example.com>\\r\\n"', 'b"DATA\\r\\n"'];

describe('a value the scripted server captures for its replies', () => {
  test('a tab is text: echoed as the client sent it', async () => {
    assert.deepEqual(await play(['b"EHLO a\\tb\\r\\n"', ...ENVELOPE, 'b"Subject: x\\ty\\r\\n\\r\\nhi\\r\\n.\\r\\n"', 'b"QUIT\\r\\n"']), {
      received: '220 mx.test ESMTP\r\n250 mx.test greets a\tb\r\n250 ok\r\n250 ok\r\n354 go on\r\n250 queued: x\ty\r\n221 bye\r\n',
      status: 'pass',
      deviation: undefined,
    });
  });

  test('an ESC in a command: the command is refused with 500 5.5.2, nothing of it echoed', async () => {
    assert.deepEqual(await play(['b"EHLO a\\x1b[2Jb\\r\\n"']), {
      received: '220 mx.test ESMTP\r\n500 5.5.2 smtp-transcript mock: line 2 of the transcript captures text for its replies, which hold no control characters\r\n',
      status: 'fail',
      deviation: {
        line: 1,
        expected: 'EHLO {{$capture helo}}',
        actual: 'EHLO a\x1b[2Jb',
        message: "the client sent a control character (ESC) where {{$capture helo}} takes text for the replies (RFC 5321 §4.2: a reply's text holds none but HT)",
      },
    });
  });

  test('a bare CR in a command: refused the same way', async () => {
    const { received, deviation } = await play(['b"EHLO a\\rb\\r\\n"']);
    assert.deepEqual([received, deviation?.message], [
      '220 mx.test ESMTP\r\n500 5.5.2 smtp-transcript mock: line 2 of the transcript captures text for its replies, which hold no control characters\r\n',
      "the client sent a control character (CR) where {{$capture helo}} takes text for the replies (RFC 5321 §4.2: a reply's text holds none but HT)",
    ]);
  });

  test('an ESC in a message line: the message is read to its end and answered with the line it deviated at', async () => {
    const { received, deviation } = await play(['b"EHLO c.test\\r\\n"', ...ENVELOPE, 'b"Subject: \\x1b]0;owned\\x07\\r\\n\\r\\nhi\\r\\n.\\r\\n"']);
    assert.deepEqual([received, deviation], [
      '220 mx.test ESMTP\r\n250 mx.test greets c.test\r\n250 ok\r\n250 ok\r\n354 go on\r\n554 5.5.0 smtp-transcript mock: line 10 of the transcript expects Subject: {{$capture subject}}\r\n',
      {
        line: 9,
        expected: 'Subject: {{$capture subject}}',
        actual: 'Subject: \x1b]0;owned\x07',
        message: "the client sent a control character (ESC) where {{$capture subject}} takes text for the replies (RFC 5321 §4.2: a reply's text holds none but HT)",
      },
    ]);
  });
});

describe('the deviation reply', () => {
  test('the control characters of the line it names are shown as \\xHH, not sent', async () => {
    const script = 'S: 220 mx.test ESMTP\nC: EHLO a{{$cr}}b\x1bc\nS: 250 mx.test\n';
    assert.deepEqual(await play(['b"EHLO c.test\\r\\n"'], script), {
      received: '220 mx.test ESMTP\r\n554 5.5.0 smtp-transcript mock: line 2 of the transcript expects EHLO a\\x0db\\x1bc\r\n',
      status: 'fail',
      deviation: { line: 1, expected: 'EHLO a\rb\x1bc', actual: 'EHLO c.test', message: 'the client sent something other than line 2' },
    });
  });
});
