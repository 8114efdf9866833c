// A server that closes the connection where it should not: inside DATA content (it stopped reading the message, maybe
// with its own 421 first, as an idle timeout does) and in place of a reply. The mock plays it to real clients
// (Python's smtplib, Nodemailer), replay expects it from the mock, from Postfix and from smtp-server, and
// `smtp-transcript record` writes it as it happened: `S: <closed>` where the server closed, no `.` the client never
// sent, and what the client sent after the close as comments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { startScriptedServer, type ScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';
import type { PlayedSession } from '../../server/src/smtpTestServer/scriptedSession';
import { requireServer } from '../servers/available';
import { runCli } from '../support/cli';
import { scriptedServer } from './faultServer';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-server-closes-'));

const OPEN = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250 mx.example.com', 'C: MAIL FROM:<a@example.com>', 'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok', 'C: DATA', 'S: 354 go ahead'];
const HEADERS = ['C: From: <a@example.com>', 'C: Subject: x', 'C:'];
/** The server reads the header section and one line of the body, then closes. */
const CLOSES_IN_CONTENT = [...OPEN, ...HEADERS, 'C: first line', 'S: <closed>', ''].join('\n');
/** The server reads the whole message, then closes without a reply. */
const CLOSES_AT_DOT = [...OPEN, ...HEADERS, 'C: hello', 'C: .', 'S: <closed>', ''].join('\n');

async function mock(text: string, connections = 1): Promise<ScriptedServer> {
  const transcript = parseTranscript(text);
  assert.deepEqual(transcript.diagnostics, []);
  return startScriptedServer(transcript, { port: 0, connections, env: {}, timeoutMs: 5000, readInclude: () => Promise.reject(new Error('no includes here')) });
}

const verdict = (result: PlayedSession): Pick<PlayedSession, 'status' | 'deviation'> => ({ status: result.status, deviation: result.deviation });

/** smtplib sends one message with `body`; prints what went wrong (smtplib raises on a closed connection). */
async function smtplib(port: number, body: string): Promise<string> {
  const script = [
    'import smtplib, sys',
    'try:',
    `    s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test", timeout=5)`,
    `    s.sendmail("a@example.com", ["b@example.com"], "From: <a@example.com>\\r\\nSubject: x\\r\\n\\r\\n${body}\\r\\n")`,
    '    print("sent")',
    'except Exception as e:',
    '    print(type(e).__name__, e)',
  ].join('\n');
  return (await run('python3', ['-c', script], { timeout: 20_000 })).stdout.trim();
}

/** Nodemailer sends one message: the error it ends with (undefined when it was accepted). */
function nodemailerSends(port: number): Promise<{ code?: string; command?: string } | undefined> {
  return nodemailer
    .createTransport({ host: '127.0.0.1', port, name: 'client.test', ignoreTLS: true })
    .sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'x', text: 'hello' })
    .then(() => undefined, (e: NodeJS.ErrnoException & { command?: string }) => ({ code: e.code, command: e.command }));
}

/** The clients below, up to the content: the greeting, the envelope and DATA (or not), each reply awaited. */
const UP_TO_CONTENT = [
  'import socket, time',
  'ENVELOPE = ["EHLO client.test", "MAIL FROM:<a@example.com>", "RCPT TO:<b@example.com>"]',
  'def connect(port, commands=ENVELOPE + ["DATA"]):',
  '    s = socket.create_connection(("127.0.0.1", port), timeout=5)',
  '    f = s.makefile("rb")',
  '    reply(f)',
  '    for command in commands:',
  '        s.sendall((command + "\\r\\n").encode()); reply(f)',
  '    return s, f',
  'def reply(f):',
  '    while True:',
  '        line = f.readline().decode()',
  '        if not line or line[3:4] == " ": return line.strip() or "(closed)"',
];

/**
 * A client that sends a BDAT chunk of 100 octets but only its first 26, then waits for the server: prints what it says
 * (a 421 or the close) and waits for the close. Leaving at once after a 421 would race the server's close, and who closes
 * first decides whether a recording ends with `S: <closed>` (either is right, as after a 221).
 */
async function stallingChunkClient(port: number): Promise<string> {
  const script = [
    ...UP_TO_CONTENT,
    `s, f = connect(${port}, ENVELOPE)`,
    's.sendall(b"BDAT 100 LAST\\r\\nSubject: x\\r\\n\\r\\nfirst line\\r\\n")',
    'print(reply(f))',
    'f.read()',
  ].join('\n');
  return (await run('python3', ['-c', script], { timeout: 20_000 })).stdout.trim();
}

/** A client that stops in the middle of a message: the header section and a first body line, then it waits for the server. */
async function stallingClient(port: number): Promise<string> {
  const script = [...UP_TO_CONTENT, `s, f = connect(${port})`, 's.sendall(b"Subject: x\\r\\n\\r\\nfirst line\\r\\n")', 'print(reply(f)); print(reply(f))'].join('\n');
  return (await run('python3', ['-c', script], { timeout: 20_000 })).stdout.trim();
}

/**
 * A client that sends the header section and a first body line, waits for the server to close its side (the proxy
 * passes the close on), then sends the rest of the message all the same: it prints how the wait ended.
 */
async function clientGoingOnAfterClose(port: number): Promise<string> {
  const script = [
    ...UP_TO_CONTENT,
    `s, f = connect(${port})`,
    's.sendall(b"From: <a@example.com>\\r\\nSubject: x\\r\\n\\r\\nfirst line\\r\\n")',
    'print(reply(f))',
    'try:',
    '    s.sendall(b"second line\\r\\n.\\r\\n")',
    '    time.sleep(0.2)',
    'except OSError as e:',
    '    print(type(e).__name__)',
  ].join('\n');
  return (await run('python3', ['-c', script], { timeout: 20_000 })).stdout.trim();
}

describe('the mock closing where a server should not', () => {
  test('inside DATA content: smtplib and Nodemailer see the connection closed, and no message is accepted', async () => {
    const forSmtplib = await mock(CLOSES_IN_CONTENT);
    assert.equal(await smtplib(forSmtplib.port, 'first line'), 'SMTPServerDisconnected Connection unexpectedly closed');
    const [played] = await forSmtplib.done;
    assert.deepEqual([verdict(played), played.log.slice(-2)], [
      { status: 'pass', deviation: undefined },
      [{ direction: 'C', text: 'first line' }, { direction: 'info', text: 'the server stops reading the content after the lines above, and closes the connection' }],
    ]);

    const forNodemailer = await mock(CLOSES_IN_CONTENT.replace('C: From: <a@example.com>\nC: Subject: x\nC:\nC: first line', 'C: *'));
    assert.deepEqual(await nodemailerSends(forNodemailer.port), { code: 'ECONNECTION', command: 'CONN' });
    assert.deepEqual(verdict((await forNodemailer.done)[0]), { status: 'pass', deviation: undefined });
  });

  test('in place of the reply to the final `.`: the clients see the connection closed, not a delivery', async () => {
    const forSmtplib = await mock(CLOSES_AT_DOT);
    assert.equal(await smtplib(forSmtplib.port, 'hello'), 'SMTPServerDisconnected Connection unexpectedly closed');
    assert.deepEqual(verdict((await forSmtplib.done)[0]), { status: 'pass', deviation: undefined });

    const forNodemailer = await mock(CLOSES_AT_DOT.replace('C: From: <a@example.com>\nC: Subject: x\nC:\nC: hello', 'C: {{$any-lines}}'));
    assert.deepEqual(await nodemailerSends(forNodemailer.port), { code: 'ECONNECTION', command: 'CONN' });
    assert.deepEqual(verdict((await forNodemailer.done)[0]), { status: 'pass', deviation: undefined });
  });

  test('`S: <closed>` alone: the mock closes each connection at once, with no greeting; replay skips it as a mock script', async () => {
    const server = await mock('S: <closed>\n', 2);
    const tried = await run('python3', ['-c', `import smtplib\ntry:\n    smtplib.SMTP("127.0.0.1", ${server.port}, timeout=5)\nexcept Exception as e:\n    print(type(e).__name__, e)`], { timeout: 20_000 });
    assert.equal(tried.stdout.trim(), 'SMTPServerDisconnected Connection unexpectedly closed');
    assert.deepEqual(await nodemailerSends(server.port), { code: 'ECONNECTION', command: 'CONN' });
    assert.deepEqual((await server.done).map(verdict), [{ status: 'pass', deviation: undefined }, { status: 'pass', deviation: undefined }]);
    const replayed = await replayTranscript(parseTranscript(`@server = 127.0.0.1:${server.port}\nS: <closed>\n`), { env: {} });
    assert.deepEqual([replayed.sessions[0].status, replayed.sessions[0].skipReason], ['skipped', 'line 2: the server closes at once, with no greeting, a script for `smtp-transcript mock`']);
  });

  test('`{{$any-lines}}` and then the close: the mock reads the whole message, then closes instead of replying', async () => {
    const server = await mock([...OPEN, 'C: {{$any-lines}}', 'S: <closed>', ''].join('\n'));
    assert.equal(await smtplib(server.port, 'hello'), 'SMTPServerDisconnected Connection unexpectedly closed');
    const [played] = await server.done;
    assert.deepEqual([verdict(played), played.log.slice(-3)], [
      { status: 'pass', deviation: undefined },
      [{ direction: 'C', text: 'hello' }, { direction: 'C', text: '.' }, { direction: 'info', text: 'the server closes the connection instead of replying to the message' }],
    ]);
  });

  test('a client whose message differs before the close deviates at the line it differs at', async () => {
    const server = await mock(CLOSES_IN_CONTENT);
    assert.match(await smtplib(server.port, ''), /^SMTPDataError \(554/);
    const [played] = await server.done;
    // The body smtplib sent is an empty line, where line 13 (`C: first line`) is expected.
    assert.deepEqual([played.status, played.deviation?.line, played.deviation?.actual], ['fail', 12, '']);
  });
});

describe('replay expecting a server to close where it should not', () => {
  const replayAgainst = async (port: number, text: string) => {
    const result = await replayTranscript(parseTranscript(`@server = 127.0.0.1:${port}\n@timeout = 500ms\n${text}`), { env: {} });
    return result.sessions[0];
  };

  test('against the mock playing the same file: both pass, and the results say what was sent and what closed', async () => {
    const inContent = await mock(CLOSES_IN_CONTENT);
    const cut = await replayAgainst(inContent.port, CLOSES_IN_CONTENT);
    assert.deepEqual(cut.exchanges.slice(-2).map((e) => [e.kind, e.status, e.sent?.length, e.message]), [
      ['message', 'pass', 4, 'sent the content written, without the final `.`: the transcript expects the server to close the connection here, and no reply is awaited'],
      ['close', 'pass', 0, 'the server closed the connection'],
    ]);
    assert.deepEqual([cut.status, verdict((await inContent.done)[0])], ['pass', { status: 'pass', deviation: undefined }]);

    const atDot = await mock(CLOSES_AT_DOT);
    const closed = await replayAgainst(atDot.port, CLOSES_AT_DOT);
    assert.deepEqual(closed.exchanges.slice(-2).map((e) => [e.kind, e.status, e.actual, e.message]), [
      ['message', 'pass', ['<closed>'], 'the server closed the connection without a reply, as the transcript expects (no reply written, then S: <closed>)'],
      ['close', 'pass', ['<closed>'], 'the server closed the connection'],
    ]);
    assert.deepEqual([closed.status, verdict((await atDot.done)[0])], ['pass', { status: 'pass', deviation: undefined }]);
  });

  test('against Postfix, which does neither: the close expected fails, saying the server kept the connection open', async (t) => {
    const postfix = await requireServer(t, 'postfix');
    if (!postfix) return;
    const forPostfix = (text: string) => text.replace('S: 220 mx.example.com ESMTP', 'S: 220 *').replace('S: 250 mx.example.com', 'S: 250 *');
    const cut = await replayAgainst(postfix.port, forPostfix(CLOSES_IN_CONTENT));
    assert.deepEqual([cut.status, cut.exchanges.at(-1)?.message], ['fail', 'expected the server to close the connection, it kept it open for 500 ms']);
    // Postfix answers the `.`: the reply is taken (none is written), and then it does not close either.
    const atDot = await replayAgainst(postfix.port, forPostfix(CLOSES_AT_DOT));
    assert.deepEqual(atDot.exchanges.slice(-2).map((e) => [e.kind, e.status]), [['message', 'pass'], ['close', 'fail']]);
  });
});

describe('replay of a pipelined group the server closes in', () => {
  // A server that answers the group's first command and closes at once (the reply and the FIN in one go).
  const answersMailThenCloses = () =>
    scriptedServer(async (socket, lines) => {
      socket.write('220 mx.example.com ESMTP\r\n');
      await lines.next();
      socket.write('250-mx.example.com\r\n250 PIPELINING\r\n');
      await lines.next();
      await lines.next();
      socket.end('250 2.1.0 Ok\r\n');
    });
  const group = ['S: 220 *', 'C: EHLO client.test', 'S: 250-*', 'S: 250 PIPELINING', 'C: MAIL FROM:<a@example.com>', 'C: RCPT TO:<b@example.com>', 'S: 250 *'];

  test('the close in place of the second reply, as `S: <closed>` says: both pass', async () => {
    const server = await answersMailThenCloses();
    try {
      const result = await replayTranscript(parseTranscript([`@server = 127.0.0.1:${server.port}`, '@timeout = 2s', ...group, 'S: <closed>'].join('\n')), { env: {} });
      const session = result.sessions[0];
      assert.deepEqual([session.status, session.exchanges.map((e) => `${e.kind}:${e.status}:${e.actual?.[0] ?? ''}`)], ['pass', ['greeting:pass:220 mx.example.com ESMTP', 'command:pass:250-mx.example.com', 'command:pass:250 2.1.0 Ok', 'command:pass:<closed>', 'close:pass:<closed>']]);
    } finally {
      await server.close();
    }
  });

  test('a reply written for the second command: the same close is an error there', async () => {
    const server = await answersMailThenCloses();
    try {
      const result = await replayTranscript(parseTranscript([`@server = 127.0.0.1:${server.port}`, '@timeout = 2s', ...group, 'S: 250 *'].join('\n')), { env: {} });
      const session = result.sessions[0];
      assert.deepEqual([session.status, session.error?.kind, session.exchanges.map((e) => `${e.kind}:${e.status}`)], ['error', 'connection-closed', ['greeting:pass', 'command:pass', 'command:pass', 'command:error']]);
    } finally {
      await server.close();
    }
  });
});

describe('recording a server that closes where it should not', () => {
  async function recordThrough(upstream: ScriptedServer, file: string, client: (port: number) => Promise<string>): Promise<string> {
    const proxy = await listenWithCert(['record', '--listen', '0', '--upstream', `127.0.0.1:${upstream.port}`, '--upstream-tls', 'none', '--tls', 'none', '--out', file], dir, {});
    await client(proxy.port);
    const recorded = await proxy.exit;
    assert.equal(recorded.code, 0, recorded.stderr);
    return readFileSync(file, 'utf8');
  }

  test('inside DATA content: `S: <closed>` after the lines the client sent before the close, the rest as comments; lint, replay and mock agree', async () => {
    const upstream = await mock(CLOSES_IN_CONTENT);
    const file = path.join(dir, 'in-content.smtp');
    const text = await recordThrough(upstream, file, clientGoingOnAfterClose);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(lines.indexOf('C: DATA')), [
      'C: DATA',
      'S: 354 go ahead',
      'C: From: <a@example.com>',
      'C: Subject: x',
      'C:',
      'C: first line',
      '# the server closed the connection inside the message content, before the final "."',
      'S: <closed>',
      '# the client went on after the session ended (the server closed the connection); unanswered, what it sent is kept as comments:',
      '# C: second line',
      '# C: .',
      '',
    ]);
    const lint = await runCli(['lint', file]);
    assert.deepEqual([lint.code, lint.stdout.trim()], [0, '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints']);

    // The recording mocks green for the client it came from, and replays green against the server it came from.
    const again = await listenWithCert(['mock', '--port', '0', file], dir, {});
    assert.match(await clientGoingOnAfterClose(again.port), /^\(closed\)/);
    const mocked = await again.exit;
    assert.match(mocked.stdout, /\nmock: 1 passed, 0 failed\n$/);
    const original = await mock(CLOSES_IN_CONTENT);
    const replay = await runCli(['replay', '--server', `127.0.0.1:${original.port}`, file]);
    assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/);
  });

  test("smtp-server's idle timeout inside DATA content: its 421 and the close after the lines sent; replays green against such a server, mocks green for the client", async () => {
    const idle = new SMTPServer({ name: 'idle.test', socketTimeout: 1000, authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false });
    await new Promise<void>((resolve) => idle.listen(0, '127.0.0.1', resolve));
    try {
      const port = (idle.server.address() as { port: number }).port;
      const file = path.join(dir, 'idle-in-content.smtp');
      const proxy = await listenWithCert(['record', '--listen', '0', '--upstream', `127.0.0.1:${port}`, '--upstream-tls', 'none', '--tls', 'none', '--out', file], dir, {});
      assert.equal(await stallingClient(proxy.port), '421 Timeout - closing connection\n(closed)');
      assert.equal((await proxy.exit).code, 0);
      const lines = readFileSync(file, 'utf8').split('\n');
      assert.deepEqual(lines.slice(lines.indexOf('C: DATA')), [
        'C: DATA',
        'S: 354 End data with <CR><LF>.<CR><LF>',
        'C: Subject: x',
        'C:',
        'C: first line',
        '# the server ended the session inside the message content, before the final "."',
        'S: 421 Timeout - closing connection',
        'S: <closed>',
        '',
      ]);
      const lint = await runCli(['lint', file]);
      assert.deepEqual([lint.code, lint.stdout.trim()], [0, '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints']);
      const replay = await runCli(['replay', '--server', `127.0.0.1:${port}`, file]);
      assert.match(replay.stdout, / notice → 421 Timeout - closing connection .*\n.* close → <closed> .*\n.*\nreplay: 1 passed, 0 failed, 0 skipped\n$/);
      const mocked = await listenWithCert(['mock', '--port', '0', file], dir, {});
      assert.equal(await stallingClient(mocked.port), '421 Timeout - closing connection\n(closed)');
      assert.match((await mocked.exit).stdout, /\nmock: 1 passed, 0 failed\n$/);
    } finally {
      await new Promise<void>((resolve) => idle.close(() => resolve()));
    }
  });

  // A BDAT chunk of 100 octets the server stops reading after 26: with a close, or with its own 421 (an idle timeout)
  // and then the close. The recording keeps the declared size; lint, the mock and replay agree on it.
  const NOTICE = 'S: 421 4.4.2 mx.example.com Error: timeout exceeded';
  for (const cut of [
    { name: '`S: <closed>`', file: 'in-chunk.smtp', server: [], note: 'the server closed the connection inside the BDAT chunk, short of the octets it declares', clientSees: '(closed)', replayEnds: / close → <closed> / },
    { name: "the server's own 421 (an idle timeout), then the close", file: 'notice-in-chunk.smtp', server: [NOTICE], note: 'the server ended the session inside the BDAT chunk, short of the octets it declares', clientSees: NOTICE.slice('S: '.length), replayEnds: / notice → 421 4\.4\.2 mx\.example\.com Error: timeout exceeded .*\n.* close → <closed> / },
  ]) {
    test(`inside a BDAT chunk, ${cut.name} after the octets sent, the size kept as declared; lint, replay and mock agree`, async () => {
      const ending = [...cut.server, 'S: <closed>'];
      const chunked = [...OPEN.slice(0, 2), 'S: 250-mx.example.com', 'S: 250 CHUNKING', ...OPEN.slice(3, 7), 'C: BDAT 100 LAST', 'C: Subject: x', 'C:', 'C: first line', ...ending, ''].join('\n');
      const file = path.join(dir, cut.file);
      const lines = (await recordThrough(await mock(chunked), file, stallingChunkClient)).split('\n');
      assert.deepEqual(lines.slice(lines.indexOf('C: BDAT 100 LAST')), ['C: BDAT 100 LAST', 'C: Subject: x', 'C:', 'C: first line', `# ${cut.note}`, ...ending, '']);
      const lint = await runCli(['lint', file]);
      assert.deepEqual([lint.code, lint.stdout.trim()], [0, '1 file checked: 0 errors, 0 warnings, 0 info, 0 hints']);
      const again = await listenWithCert(['mock', '--port', '0', file], dir, {});
      assert.equal(await stallingChunkClient(again.port), cut.clientSees);
      assert.match((await again.exit).stdout, /\nmock: 1 passed, 0 failed\n$/);
      const original = await mock(chunked);
      const replay = await runCli(['replay', '--server', `127.0.0.1:${original.port}`, file]);
      assert.match(replay.stdout, /note: sent 26 of the 100 octets the chunk declares, the transcript expects the server to close the connection here/);
      assert.match(replay.stdout, cut.replayEnds);
      assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/);
    });
  }

  test("Exim answering a client's close with its own 421: the client's close where it came, the 421 a comment after it; replays green against Exim", async (t) => {
    const exim = await requireServer(t, 'exim');
    if (!exim) return;
    const file = path.join(dir, 'exim-client-closes.smtp');
    const proxy = await listenWithCert(['record', '--listen', '0', '--upstream', `127.0.0.1:${exim.port}`, '--upstream-tls', 'none', '--tls', 'none', '--out', file], dir, {});
    // EHLO and NOOP answered, then the client ends its side without QUIT and reads what the server still says.
    const said = await run('python3', ['-c', [...UP_TO_CONTENT, `s, f = connect(${proxy.port}, ["EHLO client.test", "NOOP"])`, 's.shutdown(socket.SHUT_WR)', 'print(f.read().decode().strip())'].join('\n')], { timeout: 20_000 });
    assert.match(said.stdout.trim(), /^421 \S+ lost input connection$/);
    assert.equal((await proxy.exit).code, 0);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.deepEqual(lines.slice(lines.indexOf('C: NOOP')).map((line) => line.replace(/^(# S: 421) \S+/, '$1 HOST')), [
      'C: NOOP',
      'S: 250 OK',
      'C: <close>',
      '# the server wrote this after the client had closed the connection, answering no command:',
      '# S: 421 HOST lost input connection',
      '',
    ]);
    const replay = await runCli(['replay', '--server', `127.0.0.1:${exim.port}`, '--tls', 'none', file]);
    assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/, replay.stdout);
  });

  test('in place of the reply to `.`: `S: <closed>` under a note, an info in lint, and a replay that passes', async () => {
    const upstream = await mock(CLOSES_AT_DOT);
    const file = path.join(dir, 'at-dot.smtp');
    const text = await recordThrough(upstream, file, (port) => smtplib(port, 'hello'));
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(lines.indexOf('C: hello')), ['C: hello', 'C: .', '# the server closed the connection without replying to the line above', 'S: <closed>', '']);
    const lint = await runCli(['lint', file]);
    // smtplib's lower-case verbs (4 hints) and its message without `Date:` (a warning), and the close as an info.
    assert.match(lint.stdout, /\n1 file checked: 0 errors, 1 warning, 1 info, 4 hints\n$/);
    assert.match(lint.stdout, /info {2}The end of the message content \(`C: \.`\) has no reply before `S: <closed>`/);
    const original = await mock(CLOSES_AT_DOT.replace('C: EHLO client.test', 'C: ehlo client.test').replace('C: MAIL FROM:<a@example.com>', 'C: mail FROM:<a@example.com>').replace('C: RCPT TO:<b@example.com>', 'C: rcpt TO:<b@example.com>').replace('C: DATA', 'C: data'));
    const replay = await runCli(['replay', '--server', `127.0.0.1:${original.port}`, file]);
    assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/);
  });
});
