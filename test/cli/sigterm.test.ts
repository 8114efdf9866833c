// SIGTERM (what `timeout`, `docker stop` and CI cancellation send) winds `mock`, `record` and `serve` down as Ctrl-C
// does: mock writes its report and summary, record and serve --record write the session still open, and the exit
// code is 143 (128 + 15) where Ctrl-C gives 130; serve exits 0 either way.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawnCli } from '../support/cli';
import { startScriptedServer } from './scriptedServer';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-sigterm-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts a listening command and resolves once it names its port; `stop` sends the signal and waits for the end. */
function startListening(args: string[]): Promise<{ port: number; stop: (signal: NodeJS.Signals) => Promise<Stopped> }> {
  const child = spawnCli(args, { cwd: dir });
  let stdout = '';
  let stderr = '';
  const ended = new Promise<Stopped>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return new Promise((resolve, reject) => {
    const look = (): void => {
      const port = /127\.0\.0\.1:(\d+)/.exec(stdout + stderr);
      if (port) resolve({ port: Number(port[1]), stop: (signal) => (child.kill(signal), ended) });
    };
    child.stdout.on('data', (c: Buffer) => ((stdout += c.toString()), look()));
    child.stderr.on('data', (c: Buffer) => ((stderr += c.toString()), look()));
    void ended.then((r) => reject(new Error(`${args[0]} ended before listening: ${r.stdout}${r.stderr}`)));
  });
}

/** A client that says EHLO and keeps the session open: resolves with the socket once the EHLO reply's last line came. */
function openSession(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (/^220 .*\r\n$/.test(received)) socket.write('EHLO client.test\r\n');
      if (/\r\n250 [^\r\n]*\r\n$/.test(received)) resolve(socket);
    });
  });
}

/** Python smtplib plays the whole session: EHLO, QUIT. */
function smtplib(port: number): Promise<void> {
  const script = 'import smtplib, sys\nwith smtplib.SMTP("127.0.0.1", int(sys.argv[1]), local_hostname="client.test", timeout=10) as s:\n    s.ehlo()\n';
  return new Promise((resolve, reject) => execFile('python3', ['-c', script, String(port)], { timeout: 20_000 }, (error, _out, err) => (error ? reject(new Error(err || error.message)) : resolve())));
}

writeFileSync(path.join(dir, 'hello.smtp'), '### hello\nS: 220 mock.test ESMTP\nC: EHLO client.test\nS: 250 mock.test\nC: QUIT\nS: 221 bye\n');

describe('SIGTERM', () => {
  test('mock --forever --reporter junit: the report of every connection played, exit 143', async () => {
    const mock = await startListening(['mock', '--port', '0', '--forever', '--reporter', 'junit', 'hello.smtp']);
    await smtplib(mock.port);
    const stopped = await mock.stop('SIGTERM');
    assert.deepEqual(
      { code: stopped.code, signal: stopped.signal, report: stopped.stdout.replace(/ time="[\d.]+"/g, '') },
      {
        code: 143,
        signal: null,
        report:
          '<?xml version="1.0" encoding="UTF-8"?>\n' +
          '<testsuites name="smtp-transcript mock">\n' +
          '  <testsuite name="hello.smtp" tests="1" failures="0" errors="0" skipped="0">\n' +
          '    <testcase classname="hello.smtp" name="connection 1: session 1 &quot;hello&quot;"/>\n' +
          '  </testsuite>\n' +
          '</testsuites>\n',
      },
    );
  });

  test('mock --forever (text): the summary line, exit 143', async () => {
    const mock = await startListening(['mock', '--port', '0', '--forever', 'hello.smtp']);
    await smtplib(mock.port);
    const stopped = await mock.stop('SIGTERM');
    assert.deepEqual([stopped.code, stopped.stdout.split('\n').slice(-2)], [143, ['mock: 1 passed, 0 failed', '']], stopped.stdout + stopped.stderr);
  });

  test('record: the connection still open is written as a transcript, exit 143', async () => {
    const upstream = await startScriptedServer('220 upstream.test ESMTP\r\n', (line) => (/^EHLO/i.test(line) ? '250-upstream.test\r\n250 PIPELINING\r\n' : undefined));
    const out = path.join(dir, 'recorded');
    try {
      const record = await startListening(['record', '--listen', '0', '--upstream', `127.0.0.1:${upstream.port}`, '--tls', 'none', '--out', out]);
      const client = await openSession(record.port);
      const stopped = await record.stop('SIGTERM');
      client.destroy();
      assert.equal(stopped.code, 143, stopped.stdout + stopped.stderr);
      const files = readdirSync(out);
      assert.equal(files.length, 1, stopped.stdout);
      const dialogue = readFileSync(path.join(out, files[0]), 'utf8').split('\n').filter((line) => /^[SC]: /.test(line));
      assert.deepEqual(dialogue, ['S: 220 upstream.test ESMTP', 'C: EHLO client.test', 'S: 250-upstream.test', 'S: 250 PIPELINING', 'C: <close>']);
    } finally {
      await upstream.close();
    }
  });

  test('serve --record: "stopped" is said and the session still open is recorded, exit 0', async () => {
    const { stopped, recorded } = await serveUntilSigterm('sessions', openSession);
    assert.match(stopped.stdout, /^stopped; 0 message\(s\) received$/m);
    assert.ok(recorded.includes('\nC: EHLO client.test\n'), recorded);
  });

  test('serve --record stopped inside a message: the recording ends the message at its 421, with no `.` the client never sent', async () => {
    const { stopped, recorded } = await serveUntilSigterm('cut-off', inMessage);
    assert.match(stopped.stdout, /^recorded \S+ \(session from 127\.0\.0\.1:\d+\)\n$/m);
    assert.deepEqual(recorded.split('\n').slice(-6), [
      'C: Subject: cut off',
      'C:',
      '# the server ended the session inside the message content, before the final "."',
      'S: 421 4.3.2 localhost Server shutting down',
      'S: <closed>',
      '',
    ]);
  });
});

/** A client that is inside DATA content when it stops: EHLO, MAIL, RCPT, DATA, then two lines of a message. */
function inMessage(port: number): Promise<Socket> {
  const steps = ['EHLO client.test', 'MAIL FROM:<a@client.test>', 'RCPT TO:<b@example.com>', 'DATA'];
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('error', reject);
    const onData = (chunk: Buffer): void => {
      received += chunk.toString('latin1');
      if (!/(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(received)) return;
      received = '';
      const next = steps.shift();
      if (next) return void socket.write(`${next}\r\n`);
      // After the 354 the message starts, and the client says nothing more (the server's 421 gets no answer).
      socket.off('data', onData);
      socket.write('Subject: cut off\r\n\r\n', () => setTimeout(() => resolve(socket), 100));
    };
    socket.on('data', onData);
  });
}

/** serve --record with a client `connect` leaves open, stopped by SIGTERM: exit 0 and the one recording's text. */
async function serveUntilSigterm(folder: string, connect: (port: number) => Promise<Socket>): Promise<{ stopped: Stopped; recorded: string }> {
  const sessions = path.join(dir, folder);
  const serve = await startListening(['serve', '--port', '0', '--tls-port', '0', '--mail-dir', path.join(dir, 'mail'), '--record', sessions]);
  const client = await connect(serve.port);
  const stopped = await serve.stop('SIGTERM');
  client.destroy();
  assert.equal(stopped.code, 0, stopped.stdout + stopped.stderr);
  const files = readdirSync(sessions);
  assert.equal(files.length, 1, stopped.stdout);
  return { stopped, recorded: readFileSync(path.join(sessions, files[0]), 'utf8') };
}
