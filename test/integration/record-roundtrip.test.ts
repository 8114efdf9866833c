// The round trip of issue 10 with SMTP clients no one here wrote (swaks, curl, Python's smtplib, Nodemailer,
// Postfix's smtp-source) and a real server (Postfix): a session recorded through `smtp-transcript record` replays
// green against the server it came from, mocks green for the client it came from, and a client that then deviates
// is reported at the recorded C: line (text, JSON and JUnit). The recording holds no password in any form.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import { secretForms } from '../../server/src/import/secretForms';
import { requireServer, type TestServer } from '../servers/available';
import { runCli, type CliRun } from '../support/cli';
import { listenWithCert, type Listening } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-record-'));
const PASSWORD = 'testpass';
const env = { SMTP_PASSWORD: PASSWORD };
/** Every client run is bounded: a hang fails the test instead of stalling the suite. */
const CLIENT_TIMEOUT_MS = 20_000;

const listen = (args: string[]): Promise<Listening> => listenWithCert(args, dir, env);

/** A client: connects to the port (trusting `ca`), `deviate` makes it do something other than it did when recorded. */
type Client = (port: number, ca: string, deviate: boolean) => Promise<unknown>;

const messageFile = (name: string, text: string): string => {
  const file = path.join(dir, `${name}-message.txt`);
  writeFileSync(file, text);
  return file;
};

const swaks: Client = (port, ca, deviate) =>
  run('swaks', ['--server', `127.0.0.1:${port}`, '--from', 'a@example.com', '--to', deviate ? 'c@example.com' : 'b@example.com',
    '--tls', '--tls-verify', '--tls-ca-path', ca, '--auth', 'PLAIN', '--auth-user', 'testuser', '--auth-password', PASSWORD,
    '--helo', 'client.test', '--data', messageFile('swaks', 'Subject: swaks\r\n\r\nhello from swaks\r\n'), '--hide-all'], { timeout: CLIENT_TIMEOUT_MS });

const curl: Client = (port, ca, deviate) =>
  run('curl', ['-s', '--max-time', '20', '--ssl-reqd', '--cacert', ca, '--user', `testuser:${PASSWORD}`, `smtp://127.0.0.1:${port}`,
    '--mail-from', 'a@example.com', '--mail-rcpt', deviate ? 'c@example.com' : 'b@example.com', '-T', messageFile('curl', 'Subject: curl\r\n\r\nhello from curl\r\n')]);

const smtplib: Client = (port, ca, deviate) =>
  run('python3', ['-c', [
    'import smtplib, ssl',
    `s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test", timeout=20)`,
    deviate ? 's.ehlo()' : `s.starttls(context=ssl.create_default_context(cafile="${ca}"))`,
    `s.login("testuser", "${PASSWORD}")`,
    's.sendmail("a@example.com", ["b@example.com"], "Subject: smtplib\\r\\n\\r\\nhello from smtplib\\r\\n")',
    's.quit()',
  ].join('\n')], { timeout: CLIENT_TIMEOUT_MS });

const nodemailerClient: Client = (port, ca, deviate) =>
  nodemailer
    .createTransport({ host: '127.0.0.1', port, name: 'client.test', requireTLS: true, connectionTimeout: CLIENT_TIMEOUT_MS, tls: { ca: [readFileSync(ca, 'utf8')], servername: 'localhost' }, auth: { user: 'testuser', pass: PASSWORD } })
    .sendMail({ from: 'a@example.com', to: deviate ? ['c@example.com', 'b@example.com'] : ['b@example.com', 'c@example.com'], subject: 'nodemailer', text: 'hello from nodemailer', date: new Date(0), messageId: '<fixed@client.test>' });

const smtpSource: Client = (port, _ca, deviate) =>
  run('/usr/sbin/smtp-source', ['-m', '1', '-f', 'a@example.com', '-t', deviate ? 'c@example.com' : 'b@example.com', `127.0.0.1:${port}`], { timeout: CLIENT_TIMEOUT_MS });

/** The recorded file must not show the password, nor any base64 form of it (on its own or inside an AUTH blob). */
function assertNoPassword(text: string): void {
  for (const form of secretForms(PASSWORD, 'password')) assert.ok(!text.includes(form.text), `the recording holds ${form.text}`);
}

/** 1-based number of the recorded line, which the mock's report must name. */
function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  assert.ok(index >= 0, `the recording has no line ${line}:\n${text}`);
  return index + 1;
}

async function record(client: Client, file: string, extra: string[] = []): Promise<string> {
  const proxy = await listen(['record', '--listen', '0', '--upstream', `127.0.0.1:${postfix.port}`, '--ca', postfix.caFile, '--out', file, ...extra]);
  await client(proxy.port, proxy.cert, false).catch(() => undefined);
  const recorded = await proxy.exit;
  assert.deepEqual([recorded.code, recorded.stdout.split('\n')[0]], [0, `connection 1: recorded ${file}`], recorded.stderr);
  return readFileSync(file, 'utf8');
}

async function replays(file: string): Promise<void> {
  const replay = await runCli(['replay', '--ca', postfix.caFile, file], { env });
  assert.equal(replay.code, 0, replay.stdout + replay.stderr);
  assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/);
}

async function mockWith(file: string, client: Client, deviate: boolean, reporter: string): Promise<CliRun> {
  const mock = await listen(['mock', file, '--port', '0', '--reporter', reporter]);
  await client(mock.port, mock.cert, deviate).catch(() => undefined);
  return mock.exit;
}

interface Deviation {
  reporter: 'text' | 'json' | 'junit';
  /** The recorded line the deviating client breaks. */
  line: string;
  expected: string;
  actual: string;
}

/** The whole round trip for one client; returns the recording. */
async function roundTrip(name: string, client: Client, deviation: Deviation): Promise<string> {
  const file = path.join(dir, `${name}.smtp`);
  const text = await record(client, file);
  assertNoPassword(text);
  const lint = await runCli(['lint', file], { env });
  assert.equal(lint.code, 0, lint.stdout);
  assert.match(lint.stdout, /: 0 errors,/);
  await replays(file);
  const same = await mockWith(file, client, false, 'text');
  assert.equal(same.code, 0, same.stdout + same.stderr);
  assert.match(same.stdout, /\nmock: 1 passed, 0 failed\n$/);

  const other = await mockWith(file, client, true, deviation.reporter);
  assert.equal(other.code, 1, other.stdout + other.stderr);
  const line = lineOf(text, deviation.line);
  const message = `the client sent something other than line ${line}`;
  if (deviation.reporter === 'text') {
    assert.ok(other.stdout.includes(`${file}:${line}: ${message}\n      expected: ${deviation.expected}\n      actual:   ${deviation.actual}\n`), other.stdout);
  } else if (deviation.reporter === 'json') {
    const report = JSON.parse(other.stdout) as { sessions: Array<{ status: string; deviation: { lineNumber: number; expected: string; actual: string; message: string } }> };
    assert.deepEqual(report.sessions.map((s) => [s.status, s.deviation]), [['fail', { ...s0(report), lineNumber: line, expected: deviation.expected, actual: deviation.actual, message }]]);
  } else {
    assert.match(other.stdout, /<testsuite name="[^"]*" tests="1" failures="1" errors="0"/);
    assert.ok(other.stdout.includes(`<failure message="${file}:${line}: ${message}">`), other.stdout);
    assert.ok(other.stdout.includes(`expected: ${escapeXml(deviation.expected)}`) && other.stdout.includes(`actual:   ${escapeXml(deviation.actual)}`), other.stdout);
  }
  return text;
}

/** The JSON deviation's other fields, taken as they are (only the four above are under test). */
function s0(report: { sessions: Array<{ deviation: object }> }): object {
  return report.sessions[0].deviation;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let postfix: TestServer;

// Bounded: a client or a command that hangs fails its test instead of stalling the suite.
describe('recorded sessions replay and mock green, with real clients and Postfix', { timeout: 180_000 }, () => {
  before(async (t) => {
    const found = await requireServer(t as never, 'postfix');
    if (found) postfix = found;
  });

  test('swaks: STARTTLS and AUTH PLAIN; another recipient is reported at the RCPT line (text)', async () => {
    const text = await roundTrip('swaks', swaks, {
      reporter: 'text',
      line: 'C: RCPT TO:<b@example.com>',
      expected: 'RCPT TO:<b@example.com>',
      actual: 'RCPT TO:<c@example.com>',
    });
    assert.ok(text.includes('\n@tls = starttls\n@user = testuser\n@password = {{$env SMTP_PASSWORD}}\n'), text);
    assert.ok(text.includes('\nC: AUTH PLAIN {{$plain {{user}} {{password}}}}\nS: 235 2.7.0 Authentication successful\n'), text);
    assert.ok(text.includes('\nS: 250 2.0.0 Ok: queued as *\n'), text);
  });

  test('curl: STARTTLS and the AUTH it picks; another recipient is reported at the RCPT line (JSON)', async () => {
    await roundTrip('curl', curl, { reporter: 'json', line: 'C: RCPT TO:<b@example.com>', expected: 'RCPT TO:<b@example.com>', actual: 'RCPT TO:<c@example.com>' });
  });

  test("Python's smtplib: STARTTLS and CRAM-MD5 (a fresh challenge each time); skipping STARTTLS is reported at the STARTTLS line (JUnit)", async () => {
    const text = await roundTrip('smtplib', smtplib, { reporter: 'junit', line: 'C: STARTTLS', expected: 'STARTTLS', actual: 'AUTH CRAM-MD5' });
    assert.ok(text.includes('\nC: AUTH CRAM-MD5\nS: 334 *\nC: {{$cram-md5 {{user}} {{password}}}}\n'), text);
  });

  test('Nodemailer: pipelining and SASL-IR; recipients in another order are reported at the first RCPT line (JSON)', async () => {
    const text = await roundTrip('nodemailer', nodemailerClient, {
      reporter: 'json',
      line: 'C: RCPT TO:<b@example.com>',
      expected: 'RCPT TO:<b@example.com>',
      actual: 'RCPT TO:<c@example.com>',
    });
    // Nodemailer pipelines the envelope (RFC 2920): one group of C: lines, then the replies.
    assert.ok(text.includes('\nC: MAIL FROM:<a@example.com>\nC: RCPT TO:<b@example.com>\nC: RCPT TO:<c@example.com>\n'), text);
  });

  test('Nodemailer with an attachment: the MIME boundary it makes anew for each message is recorded as {{$boundary 1}}, so its next message mocks green', async () => {
    const withAttachment: Client = (port, ca) =>
      nodemailer
        .createTransport({ host: '127.0.0.1', port, name: 'client.test', requireTLS: true, connectionTimeout: CLIENT_TIMEOUT_MS, tls: { ca: [readFileSync(ca, 'utf8')], servername: 'localhost' }, auth: { user: 'testuser', pass: PASSWORD } })
        .sendMail({ from: 'a@example.com', to: 'b@example.com', subject: 'report', text: 'see attached', attachments: [{ filename: 'report.txt', content: 'figures\n' }], date: new Date(0), messageId: '<fixed@client.test>' });
    const file = path.join(dir, 'nodemailer-attachment.smtp');
    const text = await record(withAttachment, file);
    assert.ok(text.includes('\nC: Content-Type: multipart/mixed; boundary="{{$boundary 1}}"\n'), text);
    assert.equal(text.split('\n').filter((line) => line === 'C: --{{$boundary 1}}').length, 2, text);
    assert.ok(text.includes('\nC: --{{$boundary 1}}--\n'), text);
    assert.ok(!/NmP|_=_/.test(text), `the recording holds the boundary Nodemailer made:\n${text}`);
    const lint = await runCli(['lint', file], { env });
    assert.match(lint.stdout, /: 0 errors, 0 warnings,/, lint.stdout);
    await replays(file);
    const again = await mockWith(file, withAttachment, false, 'text');
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /\nmock: 1 passed, 0 failed\n$/);
  });

  test("swaks with its own message: the date in its default subject is recorded as {{$date}}, so a later run's subject, of another date, mocks green", async () => {
    // swaks's message when none is given: `Subject: test <the current date>`; the later run's is made a day older.
    const swaksDefault = (subject?: string): Client => (port, ca) =>
      run('swaks', ['--server', `127.0.0.1:${port}`, '--from', 'a@example.com', '--to', 'b@example.com', '--tls', '--tls-verify', '--tls-ca-path', ca,
        '--helo', 'client.test', ...(subject ? ['--header', `Subject: ${subject}`] : []), '--hide-all'], { timeout: CLIENT_TIMEOUT_MS });
    const file = path.join(dir, 'swaks-default.smtp');
    const text = await record(swaksDefault(), file);
    assert.ok(text.includes('\nC: Date: {{$date}}\nC: To: b@example.com\nC: From: a@example.com\nC: Subject: test {{$date}}\n'), text);
    const lint = await runCli(['lint', file], { env });
    assert.match(lint.stdout, /: 0 errors, 0 warnings,/, lint.stdout);
    await replays(file);
    const later = await mockWith(file, swaksDefault('test Sat, 05 Dec 2026 23:59:59 +0000'), false, 'text');
    assert.equal(later.code, 0, later.stdout + later.stderr);
    assert.match(later.stdout, /\nmock: 1 passed, 0 failed\n$/);
  });

  test("Postfix's smtp-source: no TLS, fresh Date: and Message-Id: headers; another recipient is reported at the RCPT line (JUnit)", async () => {
    const text = await roundTrip('smtp-source', smtpSource, { reporter: 'junit', line: 'C: RCPT TO:<b@example.com>', expected: 'RCPT TO:<b@example.com>', actual: 'RCPT TO:<c@example.com>' });
    assert.ok(text.includes('\nC: Date: {{$date}}\nC: Message-Id: {{$message-id}}\n'), text);
  });

  test("curl over implicit TLS: recorded through the proxy's TLS port to Postfix's, replayed, and played by the mock's --tls-port", async () => {
    const implicitCurl = (port: number, ca: string): Promise<unknown> =>
      run('curl', ['-s', '--max-time', '20', '--cacert', ca, '--user', `testuser:${PASSWORD}`, `smtps://127.0.0.1:${port}`,
        '--mail-from', 'a@example.com', '--mail-rcpt', 'b@example.com', '-T', messageFile('smtps', 'Subject: smtps\r\n\r\nhello over implicit TLS\r\n')]);
    assert.ok(postfix.tlsPort !== undefined, 'Postfix has no implicit-TLS port');
    const file = path.join(dir, 'smtps.smtp');
    const proxy = await listen(['record', '--listen', '0', '--tls', 'implicit', '--upstream', `127.0.0.1:${postfix.tlsPort}`, '--ca', postfix.caFile, '--out', file]);
    await implicitCurl(proxy.port, proxy.cert).catch(() => undefined);
    assert.equal((await proxy.exit).code, 0);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes(`\n@server = 127.0.0.1\n@port = ${postfix.tlsPort}\n@tls = implicit\n`), text);
    assertNoPassword(text);
    await replays(file);

    const mock = await listen(['mock', file, '--port', '0', '--tls-port', '0']);
    assert.ok(mock.tlsPort !== undefined);
    const said = await implicitCurl(mock.tlsPort, mock.cert).then(() => 'sent', (error: Error) => error.message);
    const played = await mock.exit;
    assert.deepEqual([said, played.code], ['sent', 0], played.stdout + played.stderr);
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/);
  });
});

describe('record: a real server that answers outside the RFC lists', { timeout: 60_000 }, () => {
  test("aiosmtpd answers HELP with 250 (RFC 5321 §4.3.2 lists 211 and 214): recorded as it came under a note, the recording lints clean and replays green", async (t) => {
    const aiosmtpd = await requireServer(t, 'aiosmtpd');
    if (!aiosmtpd) return;
    const file = path.join(dir, 'aiosmtpd-help.smtp');
    const proxy = await listen(['record', '--listen', '0', '--upstream', `127.0.0.1:${aiosmtpd.port}`, '--upstream-tls', 'none', '--tls', 'none', '--out', file]);
    const script = ['import smtplib', `s = smtplib.SMTP("127.0.0.1", ${proxy.port}, local_hostname="client.test", timeout=10)`, 's.ehlo()', 'print(s.help().decode())', 's.quit()'].join('\n');
    const said = await run('python3', ['-c', script], { timeout: CLIENT_TIMEOUT_MS });
    assert.match(said.stdout, /^Supported commands: /);
    assert.equal((await proxy.exit).code, 0);
    const lines = readFileSync(file, 'utf8').split('\n');
    // smtplib sends its commands in lower case.
    const help = lines.indexOf('C: help');
    assert.deepEqual(lines.slice(help, help + 3), [
      'C: help',
      '# the server answered HELP with 250, which RFC 5321 §4.3.2 does not list for it: expected as recorded',
      '# smtp-lint-disable-next-line reply-not-for-command',
    ]);
    assert.match(lines[help + 3], /^S: 250 Supported commands: /);
    const lint = await runCli(['lint', file]);
    // Its hints are smtplib's lower-case verbs, written as sent.
    assert.deepEqual([lint.code, lint.stdout.trim().split('\n').at(-1)], [0, '1 file checked: 0 errors, 0 warnings, 0 info, 3 hints']);
    const replay = await runCli(['replay', '--server', `127.0.0.1:${aiosmtpd.port}`, '--tls', 'none', file]);
    assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/, replay.stdout);
  });
});

describe('record: what goes wrong is said in one line', { timeout: 60_000 }, () => {
  test('an unreachable server: the client gets 421 4.4.1, the run reports it and exits 1', async () => {
    const file = path.join(dir, 'unreachable.smtp');
    const proxy = await listen(['record', '--listen', '0', '--upstream', '127.0.0.1:1', '--out', file]);
    const said = await run('python3', ['-c', `import socket\ns = socket.create_connection(("127.0.0.1", ${proxy.port}), timeout=20)\nprint(s.makefile("rb").readline().decode().strip())`]);
    const result = await proxy.exit;
    assert.equal(said.stdout, '421 4.4.1 smtp-transcript record: cannot reach 127.0.0.1:1\n');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /\nsmtp-transcript record: connection 1: cannot reach the server 127\.0\.0\.1:1: connect ECONNREFUSED 127\.0\.0\.1:1\n/);
  });

  test('--out FILE is checked at start: a missing folder and an existing file exit 2 before any client; --overwrite replaces it', async () => {
    const existing = path.join(dir, 'existing.smtp');
    writeFileSync(existing, 'kept\n');
    const runs = await Promise.all([
      runCli(['record', '--listen', '0', '--upstream', '127.0.0.1:2525', '--out', path.join(dir, 'missing', 'x.smtp')]),
      runCli(['record', '--listen', '0', '--upstream', '127.0.0.1:2525', '--out', existing]),
    ]);
    assert.deepEqual(runs.map((r) => [r.code, r.stderr]), [
      [2, `smtp-transcript record: --out ${path.join(dir, 'missing', 'x.smtp')}: the folder ${path.join(dir, 'missing')} does not exist (create it, or name a folder to have it created)\n`],
      [2, `smtp-transcript record: --out ${existing}: the file exists; give --overwrite to replace it, or another name\n`],
    ]);
    assert.equal(readFileSync(existing, 'utf8'), 'kept\n');
    const proxy = await listen(['record', '--listen', '0', '--upstream', `127.0.0.1:${postfix.port}`, '--out', existing, '--overwrite']);
    await run('swaks', ['--server', `127.0.0.1:${proxy.port}`, '--quit-after', 'EHLO', '--hide-all'], { timeout: CLIENT_TIMEOUT_MS });
    assert.equal((await proxy.exit).code, 0);
    assert.match(readFileSync(existing, 'utf8'), /^# Recorded by smtp-transcript record /);
  });

  test('bad arguments and a port in use exit 2 with one line', async () => {
    const runs = await Promise.all([
      runCli(['record', '--listen', '0']),
      runCli(['record', '--listen', '0', '--upstream', 'nowhere']),
      runCli(['record', '--listen', '0', '--upstream', '127.0.0.1:2525', '--tls', 'sometimes']),
      runCli(['record', '--listen', '0', '--upstream', '127.0.0.1:2525', '--connections', '2', '--out', path.join(dir, 'one.smtp')]),
      runCli(['record', '--listen', String(postfix?.port ?? 2525), '--upstream', '127.0.0.1:2525']),
    ]);
    assert.deepEqual(
      runs.map((r) => [r.code, r.stderr]),
      [
        [2, 'smtp-transcript record: give --upstream HOST:PORT (or unix:/path), the server to record\n'],
        [2, "smtp-transcript record: --upstream takes HOST:PORT (e.g. 127.0.0.1:2525) or unix:/absolute/path, not 'nowhere'\n"],
        [2, "smtp-transcript record: --tls must be none, starttls or implicit, not 'sometimes'\n"],
        [2, 'smtp-transcript record: --out names one .smtp file: record one connection into it, or give a folder\n'],
        [2, `smtp-transcript record: cannot listen: --listen ${postfix?.port ?? 2525} is already in use (try --listen 0)\n`],
      ],
    );
  });
});
