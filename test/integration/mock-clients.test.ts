// The scripted server (smtp-transcript mock) against SMTP clients no one here wrote: swaks, curl, Python's smtplib
// and Nodemailer, over real sockets on loopback (and curl's own trace, imported, as the script for it). Each client passes the transcript of what it does, and each
// deviation (wrong password, wrong recipient, no STARTTLS, wrong order) is reported at its C: line.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import { exportSession } from '../../server/src/export';
import { importTranscript } from '../../server/src/import';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startLocalServer } from '../../server/src/smtpTestServer/localServer';
import { startScriptedServer, type ScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';
import type { PlayedSession } from '../../server/src/smtpTestServer/scriptedSession';
import { CLI } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-mock-'));
const env = { SMTP_PASSWORD: 'testpass' };
const SWAKS = '/usr/bin/swaks';

/** Submission with STARTTLS and AUTH PLAIN; `auth` is how the client authenticates (with or without SASL-IR). */
function submission(auth: string, content: string): string {
  return [
    '@user = testuser',
    '@password = {{$env SMTP_PASSWORD}}',
    'S: 220 mx.example.com ESMTP',
    'C: EHLO {{$capture helo}}',
    'S: 250-mx.example.com hello {{helo}}',
    'S: 250-PIPELINING',
    'S: 250-STARTTLS',
    'S: 250 AUTH PLAIN',
    'C: STARTTLS',
    'S: 220 2.0.0 Ready to start TLS',
    'C: EHLO *',
    'S: 250-mx.example.com',
    'S: 250-PIPELINING',
    'S: 250 AUTH PLAIN',
    auth,
    'C: MAIL FROM:<a@example.com>*',
    'S: 250 2.1.0 Ok',
    'C: RCPT TO:<b@example.com>*',
    'S: 250 2.1.5 Ok',
    'C: DATA',
    'S: 354 End data with <CR><LF>.<CR><LF>',
    content,
    'C: .',
    'S: 250 2.0.0 Ok: queued as *',
    'C: QUIT',
    'S: 221 2.0.0 Bye',
    '',
  ].join('\n');
}

const WITH_IR = 'C: AUTH PLAIN {{$plain {{user}} {{password}}}}\nS: 235 2.7.0 Authentication successful';
const WITHOUT_IR = 'C: AUTH PLAIN\nS: 334\nC: {{$plain {{user}} {{password}}}}\nS: 235 2.7.0 Authentication successful';

async function mock(text: string, connections = 1): Promise<ScriptedServer> {
  const transcript = parseTranscript(text);
  assert.deepEqual(transcript.diagnostics.filter((d) => d.severity === 'error'), []);
  return startScriptedServer(transcript, { port: 0, connections, env, timeoutMs: 5000, readInclude: () => Promise.reject(new Error('no includes here')) });
}

/** Runs the client, then waits for the mock's verdict on the connection (the client's own exit is secondary). */
async function verdict(server: ScriptedServer, client: (port: number, ca: string) => Promise<unknown>): Promise<Pick<PlayedSession, 'status' | 'deviation' | 'tls'>> {
  const ca = path.join(dir, `ca-${server.port}.pem`);
  writeFileSync(ca, server.certificatePem);
  await client(server.port, ca).catch(() => undefined);
  const [result] = await server.done;
  return { status: result.status, deviation: result.deviation, tls: result.tls };
}

const swaks = (password: string, extra: string[] = []) => (port: number, ca: string) =>
  run(SWAKS, ['--server', `127.0.0.1:${port}`, '--from', 'a@example.com', '--to', 'b@example.com', '--tls', '--tls-verify', '--tls-ca-path', ca,
    '--auth', 'PLAIN', '--auth-user', 'testuser', '--auth-password', password, '--helo', 'client.test', '--hide-all', ...extra]);

const curl = (user: string, rcpt = 'b@example.com') => (port: number, ca: string) => {
  const message = path.join(dir, 'curl-message.txt');
  writeFileSync(message, 'Subject: curl\r\n\r\nhello from curl\r\n');
  return run('curl', ['-s', '--ssl-reqd', '--cacert', ca, '--user', user, `smtp://127.0.0.1:${port}`, '--mail-from', 'a@example.com', '--mail-rcpt', rcpt, '-T', message]);
};

const smtplib = (starttls: boolean) => (port: number, ca: string) =>
  run('python3', ['-c', [
    'import smtplib, ssl, sys',
    `s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test")`,
    starttls ? `s.starttls(context=ssl.create_default_context(cafile="${ca}"))` : 's.ehlo()',
    's.login("testuser", "testpass")',
    's.sendmail("a@example.com", ["b@example.com"], "Subject: smtplib\\r\\n\\r\\nhello from smtplib\\r\\n")',
    's.quit()',
  ].join('\n')]);

const nodemailerClient = (to = 'b@example.com') => (port: number, ca: string) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port, name: 'client.test', requireTLS: true, tls: { ca: [readFileSync(ca, 'utf8')], servername: 'localhost' }, auth: { user: 'testuser', pass: 'testpass' } })
    .sendMail({ from: 'a@example.com', to, subject: 'nodemailer', text: 'hello from nodemailer', date: new Date(0), messageId: '<fixed@client.test>' });

const SWAKS_CONTENT = ['C: Date: *', 'C: To: b@example.com', 'C: From: a@example.com', 'C: Subject: test *', 'C: Message-Id: <*>', 'C: X-Mailer: swaks *', 'C:', 'C: This is a test mailing', 'C:', 'C:'].join('\n');
const CURL_CONTENT = 'C: Subject: curl\nC:\nC: hello from curl';
const SMTPLIB_CONTENT = 'C: Subject: smtplib\nC:\nC: hello from smtplib';
const NODEMAILER_CONTENT = ['C: From: a@example.com', 'C: To: b@example.com', 'C: Subject: nodemailer', 'C: Message-ID: <fixed@client.test>', 'C: Date: Thu, 01 Jan 1970 00:00:00 +0000', 'C: Content-Transfer-Encoding: 7bit', 'C: MIME-Version: 1.0', 'C: Content-Type: text/plain; charset=utf-8', 'C:', 'C: hello from nodemailer'].join('\n');

/** `smtp-transcript mock --port 0 ARGS...` started; resolves once it says which port it listens on. */
async function mockCli(args: string[]) {
  const child = execFile(process.execPath, [CLI, 'mock', '--port', '0', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  const port = await new Promise<number>((resolve) => child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString();
    const found = /127\.0\.0\.1:(\d+)/.exec(stderr);
    if (found) resolve(Number(found[1]));
  }));
  return { child, port, closed, output: () => ({ stdout, stderr }) };
}

describe('the scripted server against real SMTP clients', () => {
  before(() => {
    if (!existsSync(SWAKS)) console.log(`MOCK CLIENT TESTS: swaks is not installed at ${SWAKS}; the swaks cases will fail (bash test/servers/servers.sh install installs it)`);
  });

  test('swaks with STARTTLS and AUTH PLAIN passes its transcript; a wrong password is reported at the AUTH line', async () => {
    assert.deepEqual(await verdict(await mock(submission(WITH_IR, SWAKS_CONTENT)), swaks('testpass')), { status: 'pass', deviation: undefined, tls: 'starttls' });
    const wrong = await verdict(await mock(submission(WITH_IR, SWAKS_CONTENT)), swaks('wrong'));
    assert.deepEqual(wrong, {
      status: 'fail',
      tls: 'starttls',
      deviation: { line: 14, expected: 'AUTH PLAIN ****', actual: 'AUTH PLAIN ****', message: 'the AUTH PLAIN password differs (the user name "testuser" is the one expected)' },
    });
  });

  test('EHLO replies written as wildcards (S: 250-*, S: ...) advertise what the session uses next: swaks and Nodemailer do STARTTLS and AUTH', async () => {
    // The shipped examples write EHLO replies so; a client only starts TLS or authenticates when the reply offers it.
    const wildcards = (text: string) =>
      text
        .replace('S: 250-mx.example.com hello {{helo}}\nS: 250-PIPELINING\nS: 250-STARTTLS\nS: 250 AUTH PLAIN', 'S: 250-*\nS: ...\nS: 250 *')
        .replace('S: 250-mx.example.com\nS: 250-PIPELINING\nS: 250 AUTH PLAIN', 'S: 250-*\nS: ...\nS: 250 SIZE 10485760');
    const text = wildcards(submission(WITH_IR, SWAKS_CONTENT));
    assert.equal((text.match(/S: \.\.\./g) ?? []).length, 2);
    assert.deepEqual(await verdict(await mock(text), swaks('testpass')), { status: 'pass', deviation: undefined, tls: 'starttls' });
    const closes = (text: string) => text.replace('C: QUIT\nS: 221 2.0.0 Bye\n', 'C: <close>\n');
    assert.deepEqual(await verdict(await mock(closes(wildcards(submission(WITH_IR, NODEMAILER_CONTENT)))), nodemailerClient()), { status: 'pass', deviation: undefined, tls: 'starttls' });
  });

  test('swaks with AUTH LOGIN: a wrong password, then a wrong user name, each said as such; the client is sent neither password', async () => {
    const LOGIN = 'C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: {{$base64 {{user}}}}\nS: 334 UGFzc3dvcmQ6\nC: {{$base64 {{password}}}}\nS: 235 2.7.0 Authentication successful';
    const offered = () => submission(LOGIN, SWAKS_CONTENT).replaceAll('S: 250 AUTH PLAIN', 'S: 250 AUTH PLAIN LOGIN');
    let received = '';
    const login = (user: string, password: string) => async (port: number, ca: string) => {
      const args = ['--server', `127.0.0.1:${port}`, '--from', 'a@example.com', '--to', 'b@example.com', '--tls', '--tls-ca-path', ca, '--auth', 'LOGIN', '--auth-user', user, '--auth-password', password];
      // swaks prints what it received (`<~ ` lines, after TLS) and exits non-zero on the 554: its output is the wire's.
      received = await run(SWAKS, args).then((r) => r.stdout, (error: { stdout: string }) => error.stdout);
    };
    assert.deepEqual(await verdict(await mock(offered()), login('testuser', 'testpass')), { status: 'pass', deviation: undefined, tls: 'starttls' });
    const password = await verdict(await mock(offered()), login('testuser', 'wrong'));
    assert.deepEqual(password.deviation, { line: 18, expected: '****', actual: '****', message: 'the AUTH LOGIN password differs' });
    assert.match(received, /<~\* 554 5\.5\.0 smtp-transcript mock: line 19 of the transcript expects \*\*\*\*/);
    const fromServer = (output: string) => output.split('\n').filter((line) => /^<[~-]/.test(line));
    const afterWrongPassword = fromServer(received);
    const user = await verdict(await mock(offered()), login('alice', 'testpass'));
    assert.deepEqual(user.deviation?.message, 'the AUTH LOGIN user name differs from the "testuser" expected (what was sent is not shown)');
    // What swaks printed as received (`<~` after TLS): the greeting, the EHLO replies, the 334s and the 554, each time.
    assert.ok(afterWrongPassword.length >= 8 && fromServer(received).length >= 8, received);
    for (const line of [...afterWrongPassword, ...fromServer(received)]) assert.ok(!/testpass|dGVzdHBhc3M|alice|YWxpY2U/.test(line), line);
  });

  test('curl (AUTH PLAIN after a 334) passes; a wrong recipient is reported at the RCPT line', async () => {
    assert.deepEqual(await verdict(await mock(submission(WITHOUT_IR, CURL_CONTENT)), curl('testuser:testpass')), { status: 'pass', deviation: undefined, tls: 'starttls' });
    const wrong = await verdict(await mock(submission(WITHOUT_IR, CURL_CONTENT)), curl('testuser:testpass', 'c@example.com'));
    assert.deepEqual(wrong.deviation, { line: 20, expected: 'RCPT TO:<b@example.com>*', actual: 'RCPT TO:<c@example.com>', message: 'the client sent something other than line 21' });
  });

  test("curl's own --trace-ascii, imported, mocks green for the same curl command: long lines, dots and the QUIT curl does not print", async () => {
    // Captured against the built-in local server (STARTTLS, AUTH as testuser/testpass), then played back by the mock.
    const store = await startLocalServer({ mailDir: path.join(dir, 'curl-store') });
    const upload = path.join(dir, 'curl-trace-message.txt');
    const lines = ['From: <a@example.com>', 'To: <b@example.com>', `Subject: ${'a subject longer than the sixty-four characters a trace line holds '.repeat(2)}`, '', '.a line starting with a dot', '..', 'the end'];
    writeFileSync(upload, lines.map((line) => `${line}\r\n`).join(''));
    const curlTo = (port: number, ca: string, trace?: string) =>
      run('curl', ['-s', ...(trace ? ['--trace-ascii', trace] : []), '--ssl-reqd', '--cacert', ca, '--user', 'testuser:testpass', '--login-options', 'AUTH=PLAIN', `smtp://localhost:${port}/client.test`, '--mail-from', 'a@example.com', '--mail-rcpt', 'b@example.com', '-T', upload]);
    let imported;
    try {
      const storeCa = path.join(dir, 'curl-store-ca.pem');
      writeFileSync(storeCa, store.certificatePem);
      const trace = path.join(dir, 'curl-trace.txt');
      await curlTo(store.port, storeCa, trace);
      imported = importTranscript(readFileSync(trace, 'utf8'));
    } finally {
      await store.close();
    }
    assert.equal(imported.format, 'curl');
    assert.deepEqual(imported.problems, []);
    const written = imported.text.split('\n');
    // The message as the server received it: the Subject joined again, each dot doubled as on the wire (RFC 5321 §4.5.2).
    const content = written.slice(written.indexOf('C: To: <b@example.com>') - 1, written.indexOf('C: .'));
    assert.deepEqual(content, lines.map((line) => (line === '' ? 'C:' : `C: ${line.startsWith('.') ? '.' : ''}${line}`)));
    assert.deepEqual(written.slice(-3), ['C: QUIT', 'S: 221 *', '']);
    assert.ok(!/testpass|AHRlc3R1c2VyAHRlc3RwYXNz/.test(imported.text), imported.text);
    assert.deepEqual(await verdict(await mock(imported.text), (port, ca) => curlTo(port, ca)), { status: 'pass', deviation: undefined, tls: 'starttls' });
  });

  test("the curl and Python exports of a transcript are what the mock of it expects: AUTH's first response after a 334 or on the AUTH line, as written", async () => {
    const session = (auth: string[]) =>
      ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250-mx.test', 'S: 250 AUTH PLAIN LOGIN XOAUTH2', ...auth, 'C: MAIL FROM:<bob@example.com>', 'S: 250 ok', 'C: RCPT TO:<c@example.com>', 'S: 250 ok', 'C: DATA', 'S: 354 go', 'C: Subject: an export', 'C:', 'C: ..', 'C: .', 'S: 250 queued', 'C: QUIT', 'S: 221 bye', ''].join('\n');
    const cases = [
      { auth: ['C: AUTH PLAIN', 'S: 334', 'C: {{$plain bob {{$env MY_SECRET}}}}', 'S: 235 ok'], targets: ['curl', 'python'] },
      { auth: ['C: AUTH PLAIN {{$plain bob {{$env MY_SECRET}}}}', 'S: 235 ok'], targets: ['curl', 'python'] },
      { auth: ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: {{$base64 bob}}', 'S: 334 UGFzc3dvcmQ6', 'C: {{$base64 {{$env MY_SECRET}}}}', 'S: 235 ok'], targets: ['curl', 'python'] },
      { auth: ['C: AUTH LOGIN {{$base64 bob}}', 'S: 334 UGFzc3dvcmQ6', 'C: {{$base64 {{$env MY_SECRET}}}}', 'S: 235 ok'], targets: ['curl', 'python'] },
      // smtplib speaks no XOAUTH2.
      { auth: ['C: AUTH XOAUTH2 {{$xoauth2 bob@example.com {{$env MY_SECRET}}}}', 'S: 235 ok'], targets: ['curl'] },
    ] as const;
    for (const { auth, targets } of cases) {
      for (const target of targets) {
        const text = session([...auth]);
        const server = await startScriptedServer(parseTranscript(text), { port: 0, env: { MY_SECRET: 's3cret-token' }, timeoutMs: 5000, readInclude: () => Promise.reject(new Error('no includes here')) });
        const code = exportSession(parseTranscript(text), 0, target, { server: `127.0.0.1:${server.port}` });
        assert.ok(!code.includes('s3cret-token'));
        const options = { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', MY_SECRET: 's3cret-token' } };
        const sent = await (target === 'curl' ? run('bash', ['--norc', '-c', code], options) : run('python3', ['-c', code], options)).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? String(error) }));
        const [result] = await server.done;
        assert.deepEqual({ status: result.status, deviation: result.deviation }, { status: 'pass', deviation: undefined }, `${target}:\n${code}\n${sent.stderr}`);
      }
    }
  });

  test('the swaks, curl and Python exports of examples/templates/submission.smtp pass the mock of it (its `S: 250 *` EHLO replies advertise STARTTLS and AUTH); Nodemailer\'s closes without QUIT, as its note says', async () => {
    const text = readFileSync(path.join(__dirname, '../../../examples/templates/submission.smtp'), 'utf8');
    const options = { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SMTP_PASSWORD: 'testpass' } };
    for (const target of ['swaks', 'curl', 'python'] as const) {
      const result = await verdict(await mock(text), (port, ca) => {
        const code = exportSession(parseTranscript(text), 0, target, { server: `localhost:${port}`, ca });
        return target === 'python' ? run('python3', ['-c', code], options) : run('bash', ['--norc', '-c', code], options);
      });
      assert.deepEqual(result, { status: 'pass', deviation: undefined, tls: 'starttls' }, target);
    }
    // Nodemailer's sendMail closes the connection after the message, without QUIT, as its export's note says.
    const code = exportSession(parseTranscript(text), 0, 'nodemailer', { server: 'localhost:1' });
    assert.ok(code.includes('// note: Nodemailer closes the connection after the message without QUIT'), code);
    const nodemailerResult = await verdict(await mock(text), (port, ca) => {
      const script = exportSession(parseTranscript(text), 0, 'nodemailer', { server: `localhost:${port}`, ca });
      return run(process.execPath, ['-e', script], { ...options, cwd: path.join(__dirname, '../../..') });
    });
    assert.deepEqual(nodemailerResult.deviation, { line: 29, expected: 'QUIT', actual: '(the client closed the connection)', message: 'the client closed the connection without QUIT (for a client that never sends QUIT, write `C: <close>` here)' });
  });

  test("Python's smtplib passes; one that skips STARTTLS is reported at the STARTTLS line", async () => {
    assert.deepEqual(await verdict(await mock(submission(WITH_IR, SMTPLIB_CONTENT)), smtplib(true)), { status: 'pass', deviation: undefined, tls: 'starttls' });
    const plain = await verdict(await mock(submission(WITH_IR, SMTPLIB_CONTENT)), smtplib(false));
    // smtplib's login() goes straight to AUTH: its credentials are masked even where the transcript expected STARTTLS.
    assert.deepEqual(plain.deviation, { line: 8, expected: 'STARTTLS', actual: 'AUTH PLAIN ****', message: 'the client sent something other than line 9' });
  });

  test('Nodemailer (pipelining, SASL-IR, no QUIT) passes; the message content is compared line by line', async () => {
    // Nodemailer closes the connection after the message instead of sending QUIT: its transcript says so.
    const closes = (text: string) => text.replace('C: QUIT\nS: 221 2.0.0 Bye\n', 'C: <close>\n');
    assert.deepEqual(await verdict(await mock(closes(submission(WITH_IR, NODEMAILER_CONTENT))), nodemailerClient()), { status: 'pass', deviation: undefined, tls: 'starttls' });
    const other = await verdict(await mock(closes(submission(WITH_IR, NODEMAILER_CONTENT.replace('hello from nodemailer', 'goodbye')))), nodemailerClient());
    assert.deepEqual(other.deviation, { line: 31, expected: 'goodbye', actual: 'hello from nodemailer', message: 'the message content differs' });
    // A transcript that expects QUIT from it is told what to write instead.
    assert.deepEqual((await verdict(await mock(submission(WITH_IR, NODEMAILER_CONTENT)), nodemailerClient())).deviation, {
      line: 34,
      expected: 'QUIT',
      actual: '(the client closed the connection)',
      message: 'the client closed the connection without QUIT (for a client that never sends QUIT, write `C: <close>` here)',
    });
  });

  test('a server left serving keeps counts, not sessions: played, passed and failed after smtplib three times', async () => {
    const server = await startScriptedServer(parseTranscript(submission(WITH_IR, SMTPLIB_CONTENT)), {
      port: 0,
      connections: 'forever',
      keepResults: false,
      env,
      timeoutMs: 5000,
      readInclude: () => Promise.reject(new Error('no includes here')),
    });
    const ca = path.join(dir, `ca-${server.port}.pem`);
    writeFileSync(ca, server.certificatePem);
    const played: string[] = [];
    try {
      for (const client of [smtplib(true), smtplib(false), smtplib(true)]) {
        const before = server.tally.played;
        await client(server.port, ca).catch(() => undefined);
        // The session ends when the server has read the client's last line: wait for its count, not a time.
        while (server.tally.played === before) await new Promise((resolve) => setImmediate(resolve));
        played.push(`${server.tally.passed}/${server.tally.failed}`);
      }
      assert.deepEqual({ played, tally: server.tally, kept: server.results.length }, { played: ['1/0', '1/1', '2/1'], tally: { played: 3, passed: 2, failed: 1, errors: 0 }, kept: 0 });
    } finally {
      await server.close();
    }
  });

  test('a client that sends commands in another order is told which line it missed, in the reply it gets', async () => {
    const server = await mock(submission(WITHOUT_IR, CURL_CONTENT));
    const said = await run('python3', ['-c', [
      'import socket',
      `s = socket.create_connection(("127.0.0.1", ${server.port}))`,
      'f = s.makefile("rb")',
      'f.readline()',
      's.sendall(b"MAIL FROM:<a@example.com>\\r\\n")',
      'print(f.readline().decode().strip())',
    ].join('\n')]);
    assert.equal(said.stdout, '554 5.5.0 smtp-transcript mock: line 4 of the transcript expects EHLO {{$capture helo}}\n');
    const [result] = await server.done;
    assert.deepEqual(result.deviation, { line: 3, expected: 'EHLO {{$capture helo}}', actual: 'MAIL FROM:<a@example.com>', message: 'the client sent something other than line 4' });
  });

  test('a client ending a line with a bare LF deviates there (RFC 5321 §2.3.8): its <CRLF>.<LF> does not end DATA', async () => {
    const script = ['S: 220 mx.test ESMTP', 'C: EHLO client.test', 'S: 250 mx.test', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok'];
    const data = ['C: DATA', 'S: 354 go on', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 queued', 'C: QUIT', 'S: 221 bye'];
    const server = await mock([...script, ...data].join('\n'));
    const said = await run('python3', ['-c', [
      'import socket',
      `s = socket.create_connection(("127.0.0.1", ${server.port}))`,
      'f = s.makefile("rb")',
      'f.readline()',
      // One command at a time: the transcript offers no PIPELINING (RFC 2920 §3).
      'for command in [b"EHLO client.test", b"MAIL FROM:<a@example.com>", b"RCPT TO:<b@example.com>", b"DATA"]:',
      '    s.sendall(command + b"\\r\\n")',
      '    f.readline()',
      's.sendall(b"Subject: hi\\r\\n\\r\\nbody\\r\\n.\\nQUIT\\r\\n")',
      'print(f.readline().decode().strip())',
    ].join('\n')]);
    assert.equal(said.stdout, '554 5.5.2 smtp-transcript mock: line 13 of the transcript: the client ended it with a bare LF, not CRLF\n');
    const [result] = await server.done;
    assert.deepEqual(result.deviation, { line: 12, expected: '.', actual: '.', message: 'the client ended this line with a bare LF, not CRLF (RFC 5321 §2.3.8: a client sends CR and LF only together, as the line end)' });
  });

  test('curl uploading a file with LF line ends (-T without --crlf): its reply says bare LF, not the line curl did send', async () => {
    const server = await mock(['S: 220 mx.test ESMTP', 'C: EHLO *', 'S: 250 mx.test', 'C: MAIL FROM:<a@example.com>', 'S: 250 ok', 'C: RCPT TO:<b@example.com>', 'S: 250 ok',
      'C: DATA', 'S: 354 go on', 'C: Subject: hi', 'C:', 'C: body', 'C: .', 'S: 250 queued', 'C: QUIT', 'S: 221 bye'].join('\n'));
    const message = path.join(dir, 'lf-message.txt');
    writeFileSync(message, 'Subject: hi\n\nbody\n');
    const said = await run('curl', ['-v', `smtp://127.0.0.1:${server.port}`, '--mail-from', 'a@example.com', '--mail-rcpt', 'b@example.com', '-T', message]).catch((e: { stderr: string }) => e);
    assert.deepEqual(said.stderr.split('\n').filter((line) => line.startsWith('< 554')), ['< 554 5.5.2 smtp-transcript mock: line 10 of the transcript: the client ended it with a bare LF, not CRLF\r']);
    const [result] = await server.done;
    assert.deepEqual(result.deviation, { line: 9, expected: 'Subject: hi', actual: 'Subject: hi', message: 'the client ended this line with a bare LF, not CRLF (RFC 5321 §2.3.8: a client sends CR and LF only together, as the line end)' });
  });

  test('a transcript that cannot be resolved is refused before anything listens', async () => {
    const file = path.join(dir, 'unset.smtp');
    writeFileSync(file, submission(WITH_IR, CURL_CONTENT));
    const environment: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete environment.SMTP_PASSWORD;
    const refused = await run(process.execPath, [CLI, 'mock', '--port', '0', file], { env: environment }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    assert.deepEqual(refused, {
      code: 2,
      stderr: `${file}:15: \`{{$env}}\`: environment variable SMTP_PASSWORD is not set: set it in the environment first (\`export SMTP_PASSWORD=...\`)\nsmtp-transcript mock: ${file}: the transcript cannot be played as it is (nothing was started)\n`,
    });
  });

  test('the CLI reports a deviation at its C: line in text, JSON and JUnit, with exit code 1', async () => {
    const file = path.join(dir, 'order.smtp');
    writeFileSync(file, 'S: 220 mx.example.com ESMTP\nC: EHLO *\nS: 250 mx.example.com\nC: MAIL FROM:<a@example.com>\nS: 250 Ok\nC: QUIT\nS: 221 Bye\n');
    for (const reporter of ['text', 'json', 'junit']) {
      const { port, closed, output } = await mockCli(['--reporter', reporter, file]);
      await run('python3', ['-c', `import smtplib\ns = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="c.test")\ntry:\n    s.sendmail("x@example.com", ["b@example.com"], "hi")\nexcept Exception:\n    pass`]);
      const code = await closed;
      const { stdout, stderr } = output();
      assert.equal(code, 1, `${reporter}: ${stdout}${stderr}`);
      const where = `${file}:4`;
      if (reporter === 'text') {
        assert.match(stdout, new RegExp(`${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the client sent something other than line 4\n {6}expected: MAIL FROM:<a@example.com>\n {6}actual: {3}mail FROM:<x@example.com>`));
        assert.match(stdout, /\nmock: 0 passed, 1 failed\n$/);
      } else if (reporter === 'json') {
        const report = JSON.parse(stdout) as { sessions: Array<{ status: string; deviation: { lineNumber: number; expected: string; actual: string } }> };
        assert.deepEqual(report.sessions.map((s) => [s.status, s.deviation.lineNumber, s.deviation.expected, s.deviation.actual]), [['fail', 4, 'MAIL FROM:<a@example.com>', 'mail FROM:<x@example.com>']]);
      } else {
        assert.match(stdout, /<testsuite name="[^"]*order\.smtp" tests="1" failures="1" errors="0"/);
        assert.ok(stdout.includes(`<failure message="${where}: the client sent something other than line 4">`), stdout);
      }
    }
  });

  test('--reporter github: the text log, and an annotation at the AUTH line swaks got wrong, the passwords masked', async () => {
    const file = path.join(dir, 'github.smtp');
    writeFileSync(file, submission(WITH_IR, SWAKS_CONTENT));
    const mock = await listenWithCert(['mock', '--port', '0', '--reporter', 'github', file], dir, env);
    await swaks('wrong')(mock.port, mock.cert).catch(() => undefined);
    const { code, stdout, stderr } = await mock.exit;
    assert.equal(code, 1, stdout + stderr);
    assert.deepEqual(stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/\b\d+ ms\b/g, 'N ms').split('\n'), [
      `${file}: connection 1 from 127.0.0.1:PORT plays session 1`,
      '  session 1 failed in N ms, TLS starttls',
      `      ${file}:15: the AUTH PLAIN password differs (the user name "testuser" is the one expected)`,
      '      expected: AUTH PLAIN ****',
      '      actual:   AUTH PLAIN ****',
      `::error file=${file},line=15,title=mock connection 1%3A session 1::the AUTH PLAIN password differs (the user name "testuser" is the one expected)%0Aexpected: AUTH PLAIN ****%0Aactual:   AUTH PLAIN ****`,
      'mock: 0 passed, 1 failed',
      '',
    ]);
    for (const secret of ['testpass', 'wrong', Buffer.from('\0testuser\0wrong').toString('base64')]) assert.ok(!(stdout + stderr).includes(secret), secret);
  });

  test('--quiet: of three smtplib connections only the one that deviated is printed, with its connection line, then the summary', async () => {
    const file = path.join(dir, 'quiet.smtp');
    writeFileSync(file, 'S: 220 mx.example.com ESMTP\nC: EHLO *\nS: 250 mx.example.com\nC: MAIL FROM:<a@example.com>\nS: 250 Ok\nC: QUIT\nS: 221 Bye\n');
    const { port, closed, output } = await mockCli(['--quiet', '--connections', '3', file]);
    for (const from of ['a@example.com', 'x@example.com', 'a@example.com']) {
      await run('python3', ['-c', `import smtplib\ns = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="c.test")\ntry:\n    s.ehlo()\n    s.mail("${from}")\n    s.quit()\nexcept Exception:\n    pass`]);
    }
    const code = await closed;
    const { stdout, stderr } = output();
    assert.equal(code, 1, stdout + stderr);
    assert.deepEqual(stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/\b\d+ ms\b/g, 'N ms').split('\n'), [
      `${file}: connection 2 from 127.0.0.1:PORT plays session 1`,
      '  session 1 failed in N ms',
      `      ${file}:4: the client sent something other than line 4`,
      '      expected: MAIL FROM:<a@example.com>',
      '      actual:   mail FROM:<x@example.com>',
      'mock: 2 passed, 1 failed',
      '',
    ]);
  });

  test('--forever until Ctrl-C: the text reporter sums up from its counts, json lists every connection; exit 130', async () => {
    const file = path.join(dir, 'forever.smtp');
    writeFileSync(file, 'S: 220 mx.example.com ESMTP\nC: EHLO *\nS: 250 mx.example.com\nC: MAIL FROM:<a@example.com>\nS: 250 Ok\nC: RCPT TO:<b@example.com>\nS: 250 Ok\nC: DATA\nS: 354 Go\nC: {{$any-lines}}\nC: .\nS: 250 Ok\nC: QUIT\nS: 221 Bye\n');
    const send = (port: number, from: string) =>
      run('python3', ['-c', `import smtplib\ns = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="c.test")\ntry:\n    s.sendmail("${from}", ["b@example.com"], "Subject: x\\r\\n\\r\\nhi\\r\\n")\n    s.quit()\nexcept Exception:\n    pass`]);
    const outcomes: Record<string, unknown> = {};
    for (const reporter of ['text', 'json']) {
      const { child, port, closed, output } = await mockCli(['--forever', '--reporter', reporter, file]);
      await send(port, 'a@example.com');
      await send(port, 'x@example.com');
      // No wait needed: the mock counts a session in the same turn as it writes its last reply, before smtplib reads it.
      child.kill('SIGINT');
      const code = await closed;
      const { stdout } = output();
      outcomes[reporter] =
        reporter === 'text'
          ? { code, summary: stdout.trimEnd().split('\n').at(-1) }
          : { code, sessions: (JSON.parse(stdout) as { sessions: { status: string }[] }).sessions.map((s) => s.status) };
    }
    assert.deepEqual(outcomes, { text: { code: 130, summary: 'mock: 1 passed, 1 failed' }, json: { code: 130, sessions: ['pass', 'fail'] } });
  });
});
