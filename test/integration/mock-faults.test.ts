// The scripted server's timing and faults (`S: <delay>`, `<drip>`, `<cut>`, `<reset>`, `<silence>`, `421` then
// `<closed>`) against real SMTP clients (Python's smtplib, Nodemailer) on loopback: each client meets the fault the
// way it would meet a failing server, and the mock reports what the client did. Assertions are on behaviour (which
// error, which connection delivered), never on how long anything took.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { startScriptedServer, type ScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';
import type { PlayedSession, WireEntry } from '../../server/src/smtpTestServer/scriptedSession';

const run = promisify(execFile);
const EXAMPLE = path.join(__dirname, '../../../examples/mock/retry-after-421.smtp');

async function mock(text: string, connections = 1, timeoutMs = 5000, tlsPort?: number): Promise<ScriptedServer> {
  const transcript = parseTranscript(text);
  assert.deepEqual(transcript.diagnostics.filter((d) => d.severity === 'error'), []);
  return startScriptedServer(transcript, { port: 0, tlsPort, connections, env: {}, timeoutMs, readInclude: () => Promise.reject(new Error('no includes here')) });
}

/** Runs a Python script with the port as argv[1]; returns its printed lines (it catches its own errors). */
async function python(port: number, ...script: string[]): Promise<string[]> {
  const { stdout } = await run('python3', ['-c', ['import smtplib, sys', 'port = int(sys.argv[1])', ...script].join('\n'), String(port)]);
  return stdout.trim().split('\n');
}

/** The script's last statement, printing the exception's type and text instead of a traceback. */
const printingError = (...body: string[]): string[] => ['try:', ...body.map((l) => `    ${l}`), 'except Exception as e:', '    print(type(e).__name__, e)'];

const verdict = (result: PlayedSession): Pick<PlayedSession, 'status' | 'deviation'> => ({ status: result.status, deviation: result.deviation });
const infos = (log: WireEntry[]): string[] => log.filter((e) => e.direction === 'info').map((e) => e.text);

const GREETING_EHLO = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250 mx.example.com'];
const ENVELOPE = ['C: MAIL FROM:<a@example.com>', 'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok'];
const SEND = 's = smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=5)';
const SENDMAIL = 's.sendmail("a@example.com", ["b@example.com"], "From: <a@example.com>\\r\\nSubject: x\\r\\n\\r\\nhello\\r\\n")';

describe('timing and faults of the scripted server against real clients', () => {
  test('`S: <silence>` as the first line: the greeting never comes, smtplib\'s own timeout fires, the mock sees it give up', async () => {
    const server = await mock('S: <silence>');
    const printed = await python(server.port, ...printingError('smtplib.SMTP("127.0.0.1", port, timeout=1)', 'print("connected")'));
    assert.deepEqual(printed, ['SMTPServerDisconnected Connection unexpectedly closed: timed out']);
    const [result] = await server.done;
    assert.deepEqual([verdict(result), result.log], [{ status: 'pass', deviation: undefined }, [{ direction: 'info', text: '<silence>' }, { direction: 'info', text: 'the client closed the connection' }]]);
  });

  test('a client that never gives up during `<silence>` is a deviation once the mock\'s timeout passes', async () => {
    const server = await mock('S: <silence>', 1, 300);
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => undefined);
    const [result] = await server.done;
    socket.destroy();
    assert.deepEqual(verdict(result), {
      status: 'fail',
      deviation: { line: 0, expected: '(the client gives up and closes the connection)', actual: '(the connection stayed open)', message: 'the client still waited after 300 ms of silence' },
    });
  });

  test('`<delay>` longer than the client\'s timeout fails it; a short one is only waited for', async () => {
    const slow = await mock(['S: <delay 3s>', ...GREETING_EHLO].join('\n'));
    assert.deepEqual(await python(slow.port, ...printingError('smtplib.SMTP("127.0.0.1", port, timeout=1)')), ['SMTPServerDisconnected Connection unexpectedly closed: timed out']);
    // The client left during the delay: the mock reports it at the line it then waited for.
    assert.deepEqual(verdict((await slow.done)[0]), {
      status: 'fail',
      deviation: { line: 2, expected: 'EHLO client.test', actual: '(the client closed the connection)', message: 'the client closed the connection' },
    });

    const quick = await mock(['S: <delay 100ms>', ...GREETING_EHLO, 'C: QUIT', 'S: 221 Bye'].join('\n'));
    assert.deepEqual(await python(quick.port, 's = smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=10)', 'print(s.ehlo())', 'print(s.quit())'), [
      "(250, b'mx.example.com')",
      "(221, b'Bye')",
    ]);
    const [result] = await quick.done;
    assert.deepEqual([verdict(result), infos(result.log)], [{ status: 'pass', deviation: undefined }, ['<delay 100ms>']]);
  });

  test('a client that talks before a `<delay>`ed greeting (a pregreet) deviates, told at once (RFC 5321 §3.1)', async () => {
    const server = await mock(['S: <delay 1s>', ...GREETING_EHLO, 'C: QUIT', 'S: 221 Bye'].join('\n'));
    // It waits half the delay for its answer: the mock tells it before the greeting would have come.
    const said = await python(server.port, 'import socket', 'c = socket.create_connection(("127.0.0.1", port))', 'c.sendall(b"EHLO client.test\\r\\n")', 'c.settimeout(0.5)', 'print(c.recv(200).decode().strip())');
    assert.deepEqual(said, ['554 5.5.0 smtp-transcript mock: line 2 of the transcript expects (nothing: the client waits for the greeting)']);
    const [result] = await server.done;
    assert.deepEqual(verdict(result), {
      status: 'fail',
      deviation: { line: 1, expected: '(nothing: the client waits for the greeting)', actual: 'EHLO client.test', message: "the client sent a line before the server's greeting (RFC 5321 §3.1)" },
    });
  });

  test('a client that talks before the last octet of a `<drip>`ped greeting deviates as a pregreet, told at once on a line of its own', async () => {
    const greeting = '220 mx.example.com ESMTP';
    const server = await mock(['S: <drip 100ms>', `S: ${greeting}`, 'C: EHLO client.test', 'S: 250 mx.example.com', 'C: QUIT', 'S: 221 Bye'].join('\n'));
    // The whole greeting takes 2.6 s; the client reads until the mock closes, giving up after half a second of silence.
    const said = await python(
      server.port,
      'import socket',
      'c = socket.create_connection(("127.0.0.1", port))',
      'c.sendall(b"EHLO client.test\\r\\n")',
      'c.settimeout(0.5)',
      'got = b""',
      ...printingError('while chunk := c.recv(200): got += chunk'),
      'print(got.decode().replace("\\r\\n", "|"))',
    );
    const [piece, reply, rest] = said[said.length - 1].split('|');
    // How much of the greeting went out before the client's line arrived is up to the scheduler; never all of it.
    assert.ok(piece.length < greeting.length && greeting.startsWith(piece), piece);
    assert.deepEqual([reply, rest], ['554 5.5.0 smtp-transcript mock: line 2 of the transcript expects (nothing: the client waits for the greeting)', '']);
    const [result] = await server.done;
    assert.deepEqual(verdict(result), {
      status: 'fail',
      deviation: { line: 1, expected: '(nothing: the client waits for the greeting)', actual: 'EHLO client.test', message: "the client sent a line before the server's greeting (RFC 5321 §3.1)" },
    });
    assert.deepEqual(infos(result.log), ['<drip 100ms>', `the client talked after ${piece.length} octets of the reply`]);
  });

  test('a multi-line EHLO reply sent with `<drip>` one octet at a time is read whole by smtplib', async () => {
    const server = await mock(['S: <drip 1ms>', 'S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: <drip 1ms>', 'S: 250-mx.example.com', 'S: 250-SIZE 1000000', 'S: 250-8BITMIME', 'S: 250 SMTPUTF8', 'C: QUIT', 'S: 221 Bye'].join('\n'));
    const printed = await python(server.port, SEND, 'code, text = s.ehlo()', 'print(code, text.decode())', 'print(sorted(s.esmtp_features.items()))', 's.quit()');
    assert.deepEqual(printed, ['250 mx.example.com', 'SIZE 1000000', '8BITMIME', 'SMTPUTF8', "[('8bitmime', ''), ('size', '1000000'), ('smtputf8', '')]"]);
    assert.deepEqual(verdict((await server.done)[0]), { status: 'pass', deviation: undefined });
  });

  test('`421` then `<closed>` on the first connection, delivery on the second: a client that retries (examples/mock/retry-after-421.smtp)', async () => {
    const server = await mock(readFileSync(EXAMPLE, 'utf8'), 2);
    const message = 'From: <a@example.com>\\r\\nTo: <b@example.com>\\r\\nDate: Thu, 01 Jan 1970 00:00:00 +0000\\r\\nSubject: retry\\r\\n\\r\\nhello\\r\\n';
    const printed = await python(
      server.port,
      'for attempt in (1, 2):',
      '    try:',
      '        s = smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=5)',
      `        s.sendmail("a@example.com", ["b@example.com"], "${message}")`,
      '        s.quit()',
      '        print(attempt, "delivered")',
      '        break',
      '    except smtplib.SMTPConnectError as e:',
      '        print(attempt, e.smtp_code, e.smtp_error.decode())',
    );
    assert.deepEqual(printed, ['1 421 4.7.0 mx.example.com busy, try again later', '2 delivered']);
    const results = await server.done;
    assert.deepEqual(results.map((r) => [r.session, r.name, r.status]), [[0, 'busy', 'pass'], [1, 'accepts', 'pass']]);
    assert.deepEqual(results[0].log, [
      { direction: 'info', text: '<delay 200ms>' },
      { direction: 'S', text: '421 4.7.0 mx.example.com busy, try again later' },
    ]);
    assert.ok(results[1].log.some((e) => e.direction === 'S' && e.text === '250 2.0.0 Ok: queued as 1A2B3C'));
  });

  test('the 554 telling a client it deviated fits a reply line in octets (RFC 5321 §4.5.3.1.5), however long and non-ASCII the expected line', async () => {
    const server = await mock([...GREETING_EHLO, `C: MAIL FROM:<${'é'.repeat(300)}@example.com>`, 'S: 250 ok'].join('\n'));
    const said = await python(server.port, 'import socket', 'c = socket.create_connection(("127.0.0.1", port))', 'f = c.makefile("rb")', 'f.readline()', 'c.sendall(b"EHLO client.test\\r\\n")', 'f.readline()', 'c.sendall(b"MAIL FROM:<a@example.com>\\r\\n")', 'line = f.readline()', 'print(len(line), line.endswith(b"\\r\\n"), line.decode("utf-8")[:60])');
    assert.deepEqual(said, ['512 True 554 5.5.0 smtp-transcript mock: line 4 of the transcript exp']);
    await server.done;
  });

  test("the server's own 421 after a `<delay>` (an idle timeout, examples/mock/idle-timeout.smtp): smtplib holding the connection gets it; one that sends early deviates, told at once", async () => {
    const text = readFileSync(path.join(__dirname, '../../../examples/mock/idle-timeout.smtp'), 'utf8').replace('<delay 2s>', '<delay 1s>');
    const server = await mock(text, 2);
    const idle = await python(server.port, 's = smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=5)', 's.ehlo()', 'import time; time.sleep(1.5)', 'print(s.noop())');
    // The early client waits half the delay for its answer: a mock that answered only once the delay was over would
    // leave it to time out.
    const early = await python(server.port, 's = smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=5)', 's.ehlo()', 's.sock.settimeout(0.5)', 'print(s.noop())');
    assert.deepEqual(
      [idle, early],
      [["(421, b'4.4.2 mx.example.com Error: timeout exceeded')"], ["(554, b'5.5.0 smtp-transcript mock: line 16 of the transcript expects (nothing: the server ends the session with its 421)')"]],
    );
    const results = await server.done;
    assert.deepEqual(results.map((r) => [r.status, r.deviation?.message, r.log.slice(-2)]), [
      ['pass', undefined, [{ direction: 'info', text: '<delay 1s>' }, { direction: 'S', text: '421 4.4.2 mx.example.com Error: timeout exceeded' }]],
      ['fail', 'the client sent a line where the transcript expects it to wait for the server', [{ direction: 'C', text: 'noop' }, { direction: 'S', text: '554 5.5.0 smtp-transcript mock: line 16 of the transcript expects (nothing: the server ends the session with its 421)' }]],
    ]);
  });

  test("a client that talks while the server's own 421 is `<drip>`ped deviates, told at once on a line of its own", async () => {
    const notice = '421 4.4.2 mx.example.com Error: timeout exceeded';
    const server = await mock([...GREETING_EHLO, 'S: <drip 100ms>', `S: ${notice}`, 'S: <closed>'].join('\n'));
    // It sends NOOP once the first octet of the 421 is in (the whole 421 takes 5 s), then reads until the mock closes.
    const said = await python(
      server.port,
      'import socket',
      'c = socket.create_connection(("127.0.0.1", port))',
      'f = c.makefile("rb")',
      'f.readline()',
      'c.sendall(b"EHLO client.test\\r\\n")',
      'f.readline()',
      'got = f.read(1)',
      'c.sendall(b"NOOP\\r\\n")',
      'c.settimeout(0.5)',
      ...printingError('while chunk := f.read1(200): got += chunk'),
      'print(got.decode().replace("\\r\\n", "|"))',
    );
    const [piece, reply, rest] = said[said.length - 1].split('|');
    assert.ok(piece.length < notice.length && notice.startsWith(piece), piece);
    assert.deepEqual([reply, rest], ['554 5.5.0 smtp-transcript mock: line 5 of the transcript expects (nothing: the server ends the session with its 421)', '']);
    const [result] = await server.done;
    assert.deepEqual(verdict(result), {
      status: 'fail',
      deviation: { line: 4, expected: '(nothing: the server ends the session with its 421)', actual: 'NOOP', message: 'the client sent a line where the transcript expects it to wait for the server' },
    });
  });

  test("the server's own 421 then `<reset>`: the 421 goes out first, then the connection is reset (the mock's log)", async () => {
    const server = await mock([...GREETING_EHLO, 'S: 421 4.4.2 mx.example.com shutting down', 'S: <reset>'].join('\n'));
    // The client sends nothing more: whether its side still reads the 421 once the RST is in is the kernel's affair.
    const printed = await python(server.port, 's = smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=5)', 'print(s.ehlo()[0])', 'import time; time.sleep(0.3)');
    assert.deepEqual(printed, ['250']);
    const [result] = await server.done;
    assert.deepEqual([verdict(result), result.log.slice(-2)], [
      { status: 'pass', deviation: undefined },
      [{ direction: 'S', text: '421 4.4.2 mx.example.com shutting down' }, { direction: 'info', text: '<reset>' }],
    ]);
  });

  test('`<delay>` between a `421` and `<closed>` holds the connection open first; the client reads the 421 all the same', async () => {
    const server = await mock(['S: 421 4.7.0 busy', 'S: <delay 100ms>', 'S: <closed>'].join('\n'));
    assert.deepEqual(await python(server.port, ...printingError(SEND)), ["SMTPConnectError (421, b'4.7.0 busy')"]);
    const [result] = await server.done;
    assert.deepEqual([verdict(result), result.log], [
      { status: 'pass', deviation: undefined },
      [{ direction: 'S', text: '421 4.7.0 busy' }, { direction: 'info', text: '<delay 100ms>' }],
    ]);
  });

  test('`<reset>` inside DATA content: smtplib and Nodemailer see the connection reset, no message is accepted', async () => {
    const transcript = (firstLine: string): string => [...GREETING_EHLO.slice(0, 1), 'C: EHLO *', 'S: 250 mx.example.com', ...ENVELOPE, 'C: DATA', 'S: 354 go ahead', firstLine, 'S: <reset>'].join('\n');
    const forSmtplib = await mock(transcript('C: From: <a@example.com>'));
    assert.deepEqual(await python(forSmtplib.port, ...printingError(SEND, SENDMAIL)), ['SMTPServerDisconnected Connection unexpectedly closed: [Errno 104] Connection reset by peer']);
    const [played] = await forSmtplib.done;
    assert.deepEqual([verdict(played), played.log.slice(-2)], [{ status: 'pass', deviation: undefined }, [{ direction: 'C', text: 'From: <a@example.com>' }, { direction: 'info', text: '<reset>' }]]);

    const forNodemailer = await mock(transcript('C: *'));
    const error = await nodemailer
      .createTransport({ host: '127.0.0.1', port: forNodemailer.port, name: 'client.test', ignoreTLS: true })
      .sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'reset', text: 'hello' })
      .then(() => undefined, (e: NodeJS.ErrnoException & { command?: string }) => ({ code: e.code, command: e.command, message: e.message }));
    assert.deepEqual(error, { code: 'ESOCKET', command: 'CONN', message: 'read ECONNRESET' });
    assert.deepEqual(verdict((await forNodemailer.done)[0]), { status: 'pass', deviation: undefined });
  });

  test('`<reset>` over implicit TLS resets the TCP connection under it: Nodemailer sees ECONNRESET', async () => {
    const server = await mock([...GREETING_EHLO, 'C: MAIL FROM:<a@example.com>', 'S: <reset>'].join('\n'), 1, 5000, 0);
    const error = await nodemailer
      .createTransport({ host: '127.0.0.1', port: server.tlsPort, secure: true, name: 'client.test', tls: { ca: [server.certificatePem], servername: 'localhost' } })
      .sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'reset', text: 'hello' })
      .then(() => undefined, (e: NodeJS.ErrnoException & { command?: string }) => ({ code: e.code, command: e.command, message: e.message }));
    assert.deepEqual(error, { code: 'ESOCKET', command: 'CONN', message: 'read ECONNRESET' });
    const [result] = await server.done;
    assert.deepEqual([verdict(result), result.tls, infos(result.log)], [{ status: 'pass', deviation: undefined }, 'implicit', ['TLS started (TLSv1.3)', '<reset>']]);
  });

  test('`<cut>`: the reply stops after the octets given and the connection closes; smtplib reports a lost connection', async () => {
    const server = await mock([...GREETING_EHLO, 'C: MAIL FROM:<a@example.com>', 'S: <cut 6>', 'S: 250 2.1.0 Ok'].join('\n'));
    assert.deepEqual(await python(server.port, ...printingError(SEND, SENDMAIL)), ['SMTPServerDisconnected Connection unexpectedly closed']);
    const [result] = await server.done;
    assert.deepEqual([verdict(result), result.log.slice(-3)], [
      { status: 'pass', deviation: undefined },
      [{ direction: 'info', text: '<cut 6>' }, { direction: 'S', text: '250 2.1.0 Ok' }, { direction: 'info', text: 'the reply was cut after 6 octets' }],
    ]);
  });
});

describe('the bytes on the wire', () => {
  test('`<drip>` with `<cut>`: exactly the first octets of the reply arrive, then an orderly close (FIN, not RST)', async () => {
    const server = await mock(['S: 220 mx', 'C: NOOP', 'S: <drip 1ms>', 'S: <cut 8>', 'S: 250-first', 'S: 250 second'].join('\n'));
    const socket = net.connect(server.port, '127.0.0.1');
    let received = '';
    let sent = false;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!sent && received.includes('\r\n')) sent = socket.write('NOOP\r\n') || true;
    });
    const ending = await new Promise<string>((resolve) => {
      socket.on('end', () => resolve('end'));
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    socket.destroy();
    assert.deepEqual([received, ending], ['220 mx\r\n250-firs', 'end']);
    assert.deepEqual(verdict((await server.done)[0]), { status: 'pass', deviation: undefined });
  });
});

describe('replay of a transcript with markers', () => {
  test('replay ignores `<delay>` and `<drip>`: replaying the file against the mock playing it passes', async () => {
    const text = ['S: <delay 50ms>', 'S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: <drip 1ms>', 'S: 250-mx.example.com', 'S: 250 8BITMIME', 'C: QUIT', 'S: 221 Bye'].join('\n');
    const server = await mock(text);
    const result = await replayTranscript(parseTranscript(`@server = 127.0.0.1:${server.port}\n${text}`), { env: {} });
    assert.deepEqual(result.sessions.map((s) => [s.status, s.exchanges.map((e) => `${e.kind}:${e.status}`)]), [['pass', ['greeting:pass', 'command:pass', 'command:pass']]]);
    assert.deepEqual(verdict((await server.done)[0]), { status: 'pass', deviation: undefined });
  });

  test('replay skips a session that scripts a fault, without connecting, and says why', async () => {
    const listener = net.createServer((socket) => socket.destroy());
    let connections = 0;
    listener.on('connection', () => connections++);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as net.AddressInfo).port;
    const result = await replayTranscript(parseTranscript([`@server = 127.0.0.1:${port}`, ...GREETING_EHLO, 'C: MAIL FROM:<a@example.com>', 'S: <reset>'].join('\n')), { env: {} });
    await new Promise((resolve) => listener.close(resolve));
    assert.deepEqual(result.sessions.map((s) => [s.status, s.skipReason]), [['skipped', 'line 6 scripts a server fault (`S: <reset>`) that only `smtp-transcript mock` plays']]);
    assert.equal(connections, 0);
  });
});
