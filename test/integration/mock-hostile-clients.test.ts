// `smtp-transcript mock` against clients that break the rules, each a Python client on a real socket sending the
// octets a broken or hostile SMTP client sends (no mail library sends them on purpose). What the mock prints and
// what the client receives are compared whole.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { spawnCli } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-mock-hostile-'));

/**
 * Runs the mock CLI on `script` for one connection; each of `turns` goes out in one write once the replies to the one
 * before are complete (as many last lines as it holds lines that get a reply: `[text, replies]`; else one), or the
 * connection ended. What the client received, the exit code, the report.
 */
async function mockWith(script: string, turns: (string | [string, number])[], reporter = 'text', timeout = '5s') {
  const file = path.join(dir, `script-${++scripts}.smtp`);
  writeFileSync(file, script);
  const mock = await listenWithCert(['mock', '--port', '0', '--timeout', timeout, '--reporter', reporter, file], dir, { SMTP_PASSWORD: 's3cretpw' });
  const { stdout } = await run('python3', ['-c', [
    'import socket, sys',
    `s = socket.create_connection(("127.0.0.1", ${mock.port}))`,
    'f = s.makefile("rb")',
    'received = f.readline()',
    `for turn, replies in ${JSON.stringify(turns.map((turn) => (typeof turn === 'string' ? [turn, 1] : turn)))}:`,
    '    try: s.sendall(turn.encode())',
    '    except OSError: break',
    '    for _ in range(replies):',
    '        while (line := f.readline()) and (received := received + line) and line[3:4] != b" ": pass',
    '        if not line: break',
    '    if not line: break',
    'received += f.read()',
    'sys.stdout.write(received.decode())',
  ].join('\n')]);
  const exit = await mock.exit;
  // The verdict, after the connection's line; its file and time made stable.
  const verdict = exit.stdout.split('\n').slice(1).join('\n').replaceAll(file, 'FILE').replace(/\d+ ms/, 'N ms');
  return { received: stdout, code: exit.code, verdict, report: exit.stdout };
}

let scripts = 0;

const SUBMISSION = ['@user = testuser', '@password = {{$env SMTP_PASSWORD}}', 'S: 220 mx.example.com ESMTP', 'C: EHLO *', 'S: 250-mx.example.com', 'S: 250-STARTTLS',
  'S: 250 AUTH PLAIN', 'C: STARTTLS', 'S: 220 2.0.0 Ready to start TLS', 'C: EHLO *', 'S: 250-mx.example.com', 'S: 250 AUTH PLAIN',
  'C: AUTH PLAIN {{$plain {{user}} {{password}}}}', 'S: 235 2.7.0 Authentication successful', 'C: QUIT', 'S: 221 2.0.0 Bye', ''].join('\n');

/** AUTH PLAIN of testuser / s3cretpw (RFC 4616), as the client sends it. */
const CREDENTIALS = Buffer.from('\0testuser\0s3cretpw').toString('base64');

describe('credentials a hostile client sends where the transcript expects something else', () => {
  test('AUTH before STARTTLS with a blank before the verb: masked in the text and the JSON report all the same', async () => {
    const text = await mockWith(SUBMISSION, ['EHLO client.test\r\n', ` AUTH PLAIN ${CREDENTIALS}\r\n`]);
    assert.deepEqual([text.received, text.code, text.verdict], [
      '220 mx.example.com ESMTP\r\n250-mx.example.com\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n554 5.5.0 smtp-transcript mock: line 8 of the transcript expects STARTTLS\r\n',
      1,
      [
        '  session 1 failed in N ms',
        '      FILE:8: the client sent something other than line 8',
        '      expected: STARTTLS',
        '      actual:    AUTH PLAIN ****',
        'mock: 0 passed, 1 failed',
        '',
      ].join('\n'),
    ]);
    const json = await mockWith(SUBMISSION, ['EHLO client.test\r\n', ` AUTH PLAIN ${CREDENTIALS}\r\n`], 'json');
    const [session] = (JSON.parse(json.report) as { sessions: { log: { text: string }[]; deviation: { actual: string } }[] }).sessions;
    assert.deepEqual([session.log.at(-2)?.text, session.deviation.actual], [' AUTH PLAIN ****', ' AUTH PLAIN ****']);
    assert.equal(json.report.includes(CREDENTIALS) || json.report.includes('s3cretpw'), false, json.report);
  });
});

/** A delivery whose EHLO reply offers PIPELINING or not; the client side written one command at a time. */
function delivery(pipelining: boolean): string {
  return ['S: 220 mx.example.com ESMTP', 'C: EHLO *', 'S: 250-mx.example.com', pipelining ? 'S: 250 PIPELINING' : 'S: 250 8BITMIME', 'C: MAIL FROM:<a@example.com>',
    'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok', 'C: DATA', 'S: 354 go ahead', 'C: Subject: hi', 'C:', 'C: hello', 'C: .', 'S: 250 2.0.0 Ok',
    'C: QUIT', 'S: 221 2.0.0 Bye', ''].join('\n');
}

const MESSAGE = 'Subject: hi\r\n\r\nhello\r\n.\r\n';

describe('a client that sends ahead of the replies (RFC 2920)', () => {
  test('MAIL and RCPT in one write where the EHLO reply offers no PIPELINING: told at the MAIL line, not answered as if it waited', async () => {
    const { received, code, verdict } = await mockWith(delivery(false), ['EHLO client.test\r\n', 'MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\n']);
    assert.deepEqual({ received, code, verdict }, {
      received: '220 mx.example.com ESMTP\r\n250-mx.example.com\r\n250 8BITMIME\r\n554 5.5.0 smtp-transcript mock: line 5 of the transcript expects (nothing until the reply to MAIL: PIPELINING is not offered)\r\n',
      code: 1,
      verdict: [
        '  session 1 failed in N ms',
        '      FILE:5: the client sent more after MAIL without waiting for its reply, but the EHLO reply does not offer PIPELINING (RFC 2920 §3)',
        '      expected: (nothing until the reply to MAIL: PIPELINING is not offered)',
        '      actual:   RCPT TO:<b@example.com>',
        'mock: 0 passed, 1 failed',
        '',
      ].join('\n'),
    });
  });

  test('with PIPELINING offered, MAIL, RCPT and DATA in one write pass; the message and QUIT behind the final dot too', async () => {
    const { received, code } = await mockWith(delivery(true), ['EHLO client.test\r\n', ['MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n', 3], [`${MESSAGE}QUIT\r\n`, 2]]);
    assert.deepEqual([received, code], [
      '220 mx.example.com ESMTP\r\n250-mx.example.com\r\n250 PIPELINING\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go ahead\r\n250 2.0.0 Ok\r\n221 2.0.0 Bye\r\n',
      0,
    ]);
  });

  test('the message sent behind DATA before its 354: DATA ends a pipelined group, PIPELINING or not', async () => {
    const { received, verdict } = await mockWith(delivery(true), ['EHLO client.test\r\n', `MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n${MESSAGE}`]);
    assert.deepEqual([received, verdict.split('\n')[1]], [
      '220 mx.example.com ESMTP\r\n250-mx.example.com\r\n250 PIPELINING\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n' +
        '554 5.5.0 smtp-transcript mock: line 9 of the transcript expects (nothing until the reply to DATA, which ends a pipelined group)\r\n',
      '      FILE:9: the client sent more after DATA without waiting for its reply: DATA ends a pipelined group (RFC 2920 §3.1)',
    ]);
  });

  test('a command behind QUIT in the same write is not ignored: QUIT ends the group, and the client gets a 554, not 221', async () => {
    const { received, verdict } = await mockWith(delivery(true), ['EHLO client.test\r\n', 'MAIL FROM:<a@example.com>\r\n', 'RCPT TO:<b@example.com>\r\n', 'DATA\r\n', MESSAGE, 'QUIT\r\nNOOP\r\n']);
    assert.deepEqual([received.split('\r\n').slice(-2), verdict.split('\n').slice(1, 4)], [
      ['554 5.5.0 smtp-transcript mock: line 16 of the transcript expects (nothing until the reply to QUIT, which ends a pipelined group)', ''],
      [
        '      FILE:16: the client sent more after QUIT without waiting for its reply: QUIT ends a pipelined group (RFC 2920 §3.1)',
        '      expected: (nothing until the reply to QUIT, which ends a pipelined group)',
        '      actual:   NOOP',
      ],
    ]);
  });
});

describe('a client that connects and says nothing', () => {
  test('after the timeout it reads 421 4.4.2 before the close, as from a server timing out (RFC 5321 §3.8), not a bare close', async () => {
    const { received, code, verdict } = await mockWith(delivery(true), [], 'text', '1s');
    assert.deepEqual({ received, code, verdict }, {
      received: '220 mx.example.com ESMTP\r\n421 4.4.2 smtp-transcript mock: line 2 of the transcript: nothing came from the client for 1000 ms\r\n',
      code: 1,
      verdict: [
        '  session 1 failed in N ms',
        '      FILE:2: the client sent nothing for 1000 ms',
        '      expected: EHLO *',
        '      actual:   (nothing)',
        'mock: 0 passed, 1 failed',
        '',
      ].join('\n'),
    });
  });
});

describe('the mock stopped while clients are connected', () => {
  test('Ctrl-C: a client in the middle of its session reads 421 4.3.2 (RFC 5321 §3.8), and the report does not blame it', async () => {
    const file = path.join(dir, 'stopped.smtp');
    writeFileSync(file, delivery(true));
    const mock = spawnCli(['mock', '--port', '0', '--forever', file]);
    let stdout = '';
    mock.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => mock.on('close', resolve));
    const port = await new Promise<number>((resolve) => {
      let stderr = '';
      mock.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), /127\.0\.0\.1:(\d+)/.test(stderr) && resolve(Number(/127\.0\.0\.1:(\d+)/.exec(stderr)![1]))));
    });
    // smtplib says EHLO and MAIL, then waits for what the server says next.
    const client = spawn('python3', ['-u', '-c', [
      'import smtplib',
      `s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test", timeout=20)`,
      's.ehlo()',
      's.mail("a@example.com")',
      'print("waiting")',
      'print(s.getreply())',
    ].join('\n')]);
    let said = '';
    await new Promise<void>((resolve) => client.stdout.on('data', (c: Buffer) => ((said += c.toString()), said.includes('waiting') && resolve())));
    const clientDone = new Promise<void>((resolve) => client.on('close', () => resolve()));
    mock.kill('SIGINT');
    await clientDone;
    assert.deepEqual([said, await exited, stdout.split('\n').slice(1).map((line) => line.replace(/\d+ ms/, 'N ms'))], [
      "waiting\n(421, b'4.3.2 smtp-transcript mock: the server is shutting down')\n",
      130,
      [
        '  session 1 failed in N ms',
        `      ${file}:7: the mock server was stopped while this session was playing: the client had followed the transcript up to this line`,
        '      expected: RCPT TO:<b@example.com>',
        '      actual:   (the server was stopped)',
        'mock: 0 passed, 1 failed',
        '',
      ],
    ]);
  });
});

describe('many clients at once', () => {
  test("twelve smtplib sessions open at the same time (STARTTLS, AUTH) all pass, and stderr says nothing but the start (no listener warning)", async () => {
    const file = path.join(dir, 'submission.smtp');
    writeFileSync(file, SUBMISSION);
    const cert = path.join(dir, 'many.pem');
    const mock = spawnCli(['mock', '--port', '0', '--forever', '--quiet', '--write-cert', cert, file], { env: { SMTP_PASSWORD: 's3cretpw' } });
    let stdout = '';
    let stderr = '';
    mock.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => mock.on('close', resolve));
    const port = await new Promise<number>((resolve) => mock.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), stderr.includes('certificate') && resolve(Number(/127\.0\.0\.1:(\d+)/.exec(stderr)![1])))));
    // Every session is open (authenticated) before the first one quits.
    await run('python3', ['-c', [
      'import smtplib, ssl',
      `context = ssl.create_default_context(cafile="${cert}")`,
      'sessions = []',
      'for _ in range(12):',
      `    s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test", timeout=20)`,
      '    s.starttls(context=context)',
      '    s.login("testuser", "s3cretpw")',
      '    sessions.append(s)',
      'for s in sessions: s.quit()',
    ].join('\n')]);
    mock.kill('SIGINT');
    assert.deepEqual([await exited, stdout, stderr.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:PORT')], [
      130,
      'mock: 12 passed, 0 failed\n',
      `smtp-transcript mock: playing ${file} on 127.0.0.1:PORT (plain and STARTTLS)\nsmtp-transcript mock: certificate (self-signed, localhost, made at start) written to ${cert}\n`,
    ]);
  });
});
