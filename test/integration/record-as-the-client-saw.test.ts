// Recordings of the shapes a QA pass found recorded wrongly, with real servers and real or raw clients: a command
// line of 1.5 MiB is one C: line (the proxy still terminates the STARTTLS after it, replay sends it as written and the
// mock takes it); a relay whose TLS towards the server failed holds the proxy's 454 the client got; the lines a client sends after
// the server's 421 stay in that session as comments, with no greeting invented; a server that closes at its idle
// timeout, saying 421 first, is recorded so and replays and mocks green. Each recording lints without errors.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { requireServer } from '../servers/available';
import { runCli, spawnCli, type CliRun } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-record-as-seen-'));
const CLIENT_TIMEOUT_MS = 20_000;
const listen = (args: string[]) => listenWithCert(args, dir, {});
after(() => rmSync(dir, { recursive: true, force: true }));

const POSTFIX_EHLO = ['250-mx.test.local', '250-PIPELINING', '250-SIZE 10240000', '250-VRFY', '250-ETRN', '250-STARTTLS', '250-AUTH PLAIN LOGIN CRAM-MD5', '250-ENHANCEDSTATUSCODES', '250-8BITMIME', '250-DSN', '250-SMTPUTF8', '250 CHUNKING'];
const GIANT = `NOOP ${'x'.repeat(3 * 512 * 1024)}`;

/** The recording without its first line (its time and the client's port), and that line checked apart. */
function recorded(file: string, from: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  assert.match(lines[0], new RegExp(`^# Recorded by smtp-transcript (record|serve --record) at \\S+: client 127\\.0\\.0\\.1:\\d+ -> server ${from.replace(/\./g, '\\.')}, `));
  return lines.slice(1);
}

async function lintsClean(file: string): Promise<void> {
  const lint = await runCli(['lint', file]);
  assert.match(lint.stdout, /^1 file checked: 0 errors,/m, lint.stdout);
}

/** Replays the recording (with `options`) and checks that its one session passed; returns the report. */
async function replaysGreen(file: string, ...options: string[]): Promise<string> {
  const replay = await runCli(['replay', ...options, file]);
  assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/, replay.stdout.slice(-2000));
  return replay.stdout;
}

/** A raw client (python3): reads replies, sends what `script` says; `reply()` returns a reply's last line. */
function python(script: string, ...args: string[]): Promise<{ stdout: string }> {
  const prelude = [
    'import socket, ssl, sys',
    // Lines a read brings past the reply's end (the next reply, sent right after) wait for the next call.
    'pending = b""',
    'def reply(s):',
    '    global pending',
    '    while True:',
    '        while b"\\r\\n" in pending:',
    '            line, pending = pending.split(b"\\r\\n", 1)',
    '            if line[3:4] != b"-": return line.decode()',
    '        chunk = s.recv(65536)',
    '        if not chunk: return pending.decode()',
    '        pending += chunk',
    'def until_closed(s):',
    '    try:',
    '        while s.recv(65536): pass',
    '    except OSError: pass',
  ];
  return run('python3', ['-c', [...prelude, script].join('\n'), ...args], { timeout: CLIENT_TIMEOUT_MS, maxBuffer: 1024 * 1024 });
}

describe('recorded as the client saw it, with real servers', { timeout: 120_000 }, () => {
  test('a NOOP of 1.5 MiB through the proxy to Postfix: one C: line and its 250, then STARTTLS still terminated; the recording replays green', async (t) => {
    const postfix = await requireServer(t, 'postfix');
    if (!postfix) return;
    const file = path.join(dir, 'giant.smtp');
    const proxy = await listen(['record', '--listen', '0', '--upstream', `127.0.0.1:${postfix.port}`, '--ca', postfix.caFile, '--out', file]);
    const client = (port: number, cert: string) =>
      python(
        [
          's = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)',
          'reply(s); s.sendall(b"EHLO client.test\\r\\n"); reply(s)',
          `s.sendall(b"NOOP " + b"x" * ${3 * 512 * 1024} + b"\\r\\n"); print(reply(s))`,
          's.sendall(b"STARTTLS\\r\\n"); print(reply(s))',
          't = ssl.create_default_context(cafile=sys.argv[2]).wrap_socket(s, server_hostname="localhost")',
          't.sendall(b"EHLO client.test\\r\\n"); reply(t)',
          't.sendall(b"QUIT\\r\\n"); print(reply(t)); until_closed(t)',
        ].join('\n'),
        String(port),
        cert,
      );
    const said = await client(proxy.port, proxy.cert);
    const result = await proxy.exit;
    assert.deepEqual([said.stdout, result.code, result.stdout], [
      '250 2.0.0 Ok\n220 2.0.0 Ready to start TLS\n221 2.0.0 Bye\n',
      0,
      `connection 1: recorded ${file}\n`,
    ]);
    const protocol = /STARTTLS \((TLSv[\d.]+)\)/.exec(readFileSync(file, 'utf8'))?.[1];
    assert.deepEqual(recorded(file, `127.0.0.1:${postfix.port}`), [
      '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
      '@match = strict',
      '@server = 127.0.0.1',
      `@port = ${postfix.port}`,
      '@tls = starttls',
      '',
      'S: 220 mx.test.local ESMTP Postfix (test)',
      'C: EHLO client.test',
      ...POSTFIX_EHLO.map((line) => `S: ${line}`),
      `C: ${GIANT}`,
      'S: 250 2.0.0 Ok',
      'C: STARTTLS',
      'S: 220 2.0.0 Ready to start TLS',
      `# TLS (${protocol}) from here on`,
      'C: EHLO client.test',
      ...POSTFIX_EHLO.filter((line) => line !== '250-STARTTLS').map((line) => `S: ${line}`),
      'C: QUIT',
      'S: 221 2.0.0 Bye',
      'S: <closed>',
      '',
    ]);
    await lintsClean(file);
    // A line without a reference is sent as written (docs/transcript-format.md, "Expansion limits").
    await replaysGreen(file, '--ca', postfix.caFile);
    // The mock takes the giant line as the recording writes it, though longer than the 64 KiB it takes elsewhere.
    const mock = await listen(['mock', file, '--port', '0']);
    const mocked = await client(mock.port, mock.cert);
    const played = await mock.exit;
    assert.deepEqual([mocked.stdout, played.code], ['250 2.0.0 Ok\n220 2.0.0 Ready to start TLS\n221 2.0.0 Bye\n', 0]);
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout.slice(-2000));
  });

  test("TLS towards Postfix fails (its CA not given): swaks got the proxy's 454, and so does the recording, which mocks green for swaks", async (t) => {
    const postfix = await requireServer(t, 'postfix');
    if (!postfix) return;
    const file = path.join(dir, 'tls-failed.smtp');
    const swaks = (port: number) =>
      run('swaks', ['--server', `127.0.0.1:${port}`, '--from', 'a@example.com', '--to', 'b@example.com', '--tls', '--helo', 'client.test', '--timeout', '5'], { timeout: CLIENT_TIMEOUT_MS }).catch(
        (error: { stdout: string }) => error,
      );
    const proxy = await listen(['record', '--listen', '0', '--upstream', `127.0.0.1:${postfix.port}`, '--out', file]);
    const said = await swaks(proxy.port);
    const result = await proxy.exit;
    assert.ok(said.stdout.includes('\n<** 454 4.7.0 smtp-transcript record: TLS towards the server failed\n'), said.stdout);
    assert.equal(result.code, 1);
    assert.ok(result.stderr.includes(`: TLS towards 127.0.0.1:${postfix.port} failed: self-signed certificate - trust its CA with --ca FILE, or skip verification with --insecure-tls\n`), result.stderr);
    assert.deepEqual(recorded(file, `127.0.0.1:${postfix.port}`), [
      '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
      '@match = strict',
      '@server = 127.0.0.1',
      `@port = ${postfix.port}`,
      '',
      'S: 220 mx.test.local ESMTP Postfix (test)',
      'C: EHLO client.test',
      ...POSTFIX_EHLO.map((line) => `S: ${line}`),
      'C: STARTTLS',
      "# the server answered 220 2.0.0 Ready to start TLS; not passed on: the proxy's TLS handshake with the server failed (self-signed certificate), so the client got the proxy's 454 and the connection was closed",
      'S: 454 4.7.0 smtp-transcript record: TLS towards the server failed',
      'S: <closed>',
      '',
    ]);
    assert.match(readFileSync(file, 'utf8'), /, no TLS\.\n/);
    await lintsClean(file);
    const mock = await listen(['mock', file, '--port', '0']);
    await swaks(mock.port);
    const played = await mock.exit;
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout + played.stderr);
  });

  test("smtplib goes on after smtp-server's 421 (too many unrecognized commands): its QUIT stays in the session, which replays and mocks green", async (t) => {
    const smtpServer = await requireServer(t, 'smtp-server');
    if (!smtpServer) return;
    const file = path.join(dir, 'after-421.smtp');
    const smtplib = (port: number) =>
      run('python3', ['-c', [
        'import smtplib',
        `s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test", timeout=20)`,
        'for i in range(10): print(s.docmd("XYZZY")[0])',
        'try: s.quit()',
        'except smtplib.SMTPServerDisconnected: print("disconnected")',
      ].join('\n')], { timeout: CLIENT_TIMEOUT_MS });
    const proxy = await listen(['record', '--listen', '0', '--upstream', `127.0.0.1:${smtpServer.port}`, '--out', file]);
    const said = await smtplib(proxy.port);
    const result = await proxy.exit;
    assert.deepEqual([said.stdout, result.code], [`${'500\n'.repeat(9)}421\ndisconnected\n`, 0]);
    const lines = recorded(file, `127.0.0.1:${smtpServer.port}`);
    assert.deepEqual(lines.slice(0, -4), [
      '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
      '@match = strict',
      '@server = 127.0.0.1',
      `@port = ${smtpServer.port}`,
      '',
      'S: 220 mx.test.local ESMTP smtp-server (test)',
      ...Array.from({ length: 9 }, () => ['C: XYZZY', 'S: 500 5.5.2 Error: command not recognized']).flat(),
      'C: XYZZY',
      'S: 421 4.4.2 Error: too many unrecognized commands',
    ]);
    // The close where the proxy saw it: the server's FIN before smtplib's QUIT reached it (most runs), or after.
    const quit = ["# the client went on after the session ended (the server's 421 closes it, RFC 5321 §3.8); unanswered, what it sent is kept as comments:", '# C: quit'];
    const orders = [['S: <closed>', ...quit, ''], [...quit, 'S: <closed>', '']];
    assert.ok(orders.some((order) => isDeepStrictEqual(lines.slice(-4), order)), lines.slice(-4).join('\n'));
    await lintsClean(file);
    await replaysGreen(file);
    const mock = await listen(['mock', file, '--port', '0']);
    await smtplib(mock.port);
    const played = await mock.exit;
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout + played.stderr);
  });

  test("smtp-server's idle timeout (it says 421, then closes): recorded as the server's own 421 and S: <closed>; the recording replays green against the same server and mocks green for the same client", async () => {
    // An smtp-server (the npm package the suite runs on :2529) of its own, with an idle timeout short enough to wait for
    // and long enough that a busy machine's pause between the client's commands does not reach it.
    const idle = new SMTPServer({ name: 'idle.test', socketTimeout: 1000, authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false });
    await new Promise<void>((resolve) => idle.listen(0, '127.0.0.1', resolve));
    const port = (idle.server.address() as { port: number }).port;
    try {
      const file = path.join(dir, 'idle-timeout.smtp');
      const client = (to: number) =>
        python(['s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)', 'reply(s); s.sendall(b"EHLO client.test\\r\\n"); reply(s)', 'print(reply(s)); until_closed(s)'].join('\n'), String(to));
      const proxy = await listen(['record', '--listen', '0', '--upstream', `127.0.0.1:${port}`, '--out', file]);
      const said = await client(proxy.port);
      const result = await proxy.exit;
      assert.deepEqual([said.stdout, result.code, result.stdout], ['421 Timeout - closing connection\n', 0, `connection 1: recorded ${file}\n`]);
      const lines = recorded(file, `127.0.0.1:${port}`);
      assert.deepEqual([lines.slice(0, 6), lines.slice(-3)], [
        ['# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.', '@match = strict', '@server = 127.0.0.1', `@port = ${port}`, '', 'S: 220 idle.test ESMTP'],
        ['S: 421 Timeout - closing connection', 'S: <closed>', ''],
      ]);
      await lintsClean(file);
      assert.match(await replaysGreen(file), /\n {2}✓ +\d+ notice → 421 Timeout - closing connection \d+ ms\n {2}✓ +\d+ close → <closed> \d+ ms\n/);
      // The mock plays the server's side: the same client gets the 421 after its EHLO, then the close.
      const mock = await listen(['mock', file, '--port', '0']);
      const mocked = await client(mock.port);
      const played = await mock.exit;
      assert.deepEqual([mocked.stdout, played.code], ['421 Timeout - closing connection\n', 0]);
      assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout);
    } finally {
      await new Promise<void>((resolve) => idle.close(() => resolve()));
    }
  });

  test('serve --record: a 100 KiB line the local server refuses with 421 before its end, then its rest and QUIT: the reply follows the whole line, and the recording replays green', async () => {
    const sessions = path.join(dir, 'serve');
    const server = spawnCli(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'serve-mail'), '--record', sessions]);
    let output = '';
    server.stdout.on('data', (c: Buffer) => (output += c.toString()));
    const exit = new Promise<CliRun>((resolve) => server.on('close', (code) => resolve({ code, stdout: output, stderr: '' })));
    try {
      while (!/127\.0\.0\.1:\d+/.test(output)) await new Promise((resolve) => setTimeout(resolve, 50));
      const port = /127\.0\.0\.1:(\d+)/.exec(output)![1];
      const client = await python(
        [
          's = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=20)',
          'reply(s)',
          // Past the local server's 64 KiB without a line end: it answers 421 at once, and closes.
          `s.sendall(b"NOOP " + b"x" * ${70_000 - 5}); print(reply(s))`,
          `s.sendall(b"x" * ${100 * 1024 - 70_000 + 5} + b"\\r\\nQUIT\\r\\n"); until_closed(s)`,
        ].join('\n'),
        port,
      );
      assert.equal(client.stdout, '421 4.5.2 localhost Line too long - closing connection\n');
      const deadline = Date.now() + 10_000;
      while (!/recorded .*\.smtp/.test(output) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const file = path.join(sessions, readdirSync(sessions)[0]);
      assert.deepEqual(recorded(file, `127.0.0.1:${port}`), [
        '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
        '@match = strict',
        '@server = 127.0.0.1',
        `@port = ${port}`,
        '',
        'S: 220 localhost ESMTP smtp-transcripts local test server',
        `C: NOOP ${'x'.repeat(100 * 1024)}`,
        'S: 421 4.5.2 localhost Line too long - closing connection',
        "# the client went on after the session ended (the server's 421 closes it, RFC 5321 §3.8); unanswered, what it sent is kept as comments:",
        '# C: QUIT',
        'S: <closed>',
        '',
      ]);
      await lintsClean(file);
      await replaysGreen(file);
    } finally {
      server.kill('SIGINT');
      await exit;
    }
  });
});
