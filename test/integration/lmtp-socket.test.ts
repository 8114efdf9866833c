// LMTP over UNIX-domain sockets with real parts on both sides: Postfix delivers mail for lmtp.test over LMTP to a
// socket (test/servers/postfix-main.cf.in, as it delivers to Dovecot's), where `record --socket` listens in front of
// smtp-sink -L on a socket of its own (`--upstream unix:/path`); then `mock --socket` takes Postfix's next delivery on
// the same socket. Postfix pipelines QUIT after the message's `.`, so the recipients' replies come after it: they are
// recorded as the message's. What Postfix made of the mock's per-recipient replies is read from its queue.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { requireServer, type TestServer } from '../servers/available';
import { runCli, spawnCli } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';
import { startLmtpSinkOnSocket } from '../support/lmtpSink';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-lmtp-socket-'));
/** Postfix delivers from its queue within a second or two; this bounds a test whose delivery never comes. */
const DELIVERY_TIMEOUT_MS = 30_000;

/** Postfix with its LMTP socket; without it a loud skip, and in CI (which starts it) a failure. */
async function requireLmtpPostfix(t: TestContext): Promise<(TestServer & { lmtpSocket: string }) | undefined> {
  const postfix = await requireServer(t, 'postfix');
  if (!postfix) return undefined;
  if (postfix.lmtpSocket !== undefined) return { ...postfix, lmtpSocket: postfix.lmtpSocket };
  const message = 'Postfix runs without its LMTP transport (SMTP_POSTFIX_LMTP_SOCKET): test/servers/servers.sh start';
  if (process.env.CI === 'true') throw new Error(`${message} [CI starts it, so this is a failure]`);
  process.stderr.write(`\n*** SKIPPED: ${message}\n`);
  t.skip(message);
  return undefined;
}

/** Submits one message for bob and carol at lmtp.test to Postfix; the queue id Postfix gave it. */
async function submit(postfix: TestServer): Promise<string> {
  const { stdout } = await run('python3', ['-c', [
    'import smtplib',
    `s = smtplib.SMTP("127.0.0.1", ${postfix.port}, local_hostname="client.test", timeout=20)`,
    's.mail("a@example.com")',
    's.rcpt("bob@lmtp.test")',
    's.rcpt("carol@lmtp.test")',
    'code, text = s.data(b"From: <a@example.com>\\r\\nTo: <bob@lmtp.test>, <carol@lmtp.test>\\r\\nSubject: over LMTP\\r\\n\\r\\nhello\\r\\n")',
    'print(text.decode().rsplit(" ", 1)[-1])',
    's.quit()',
  ].join('\n')], { timeout: 20_000 });
  return stdout.trim();
}

async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${DELIVERY_TIMEOUT_MS} ms`)), DELIVERY_TIMEOUT_MS)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `done()` holds, asked every 50 ms; fails after 30 s, naming `what` and what was printed. */
async function until(done: () => boolean, what: string, printed: () => string): Promise<void> {
  for (const end = Date.now() + DELIVERY_TIMEOUT_MS; !done(); ) {
    if (Date.now() > end) throw new Error(`${what}: not within ${DELIVERY_TIMEOUT_MS} ms; printed: ${printed()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface QueuedMessage {
  queue_name: string;
  queue_id: string;
  recipients: { address: string; delay_reason?: string }[];
}

/** Postfix's queue entry for `queueId` once it is deferred (`postqueue -j`), polled for up to 30 s. */
async function deferredEntry(postfix: TestServer, queueId: string): Promise<QueuedMessage> {
  const config = path.join(path.dirname(postfix.lmtpSocket!), 'etc');
  for (let i = 0; i < 150; i++) {
    const { stdout } = await run('postqueue', ['-c', config, '-j']);
    const entry = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as QueuedMessage).find((m) => m.queue_id === queueId);
    if (entry?.queue_name === 'deferred') return entry;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Postfix's message ${queueId} was not deferred within 30 s`);
}

describe('LMTP over UNIX-domain sockets: Postfix delivering', { timeout: 120_000 }, () => {
  const recording = path.join(dir, 'postfix-lmtp.smtp');

  test('recorded through `record --socket` from smtp-sink -L (`--upstream unix:`): lints clean, replays green, and mocks green for the next delivery', async (t) => {
    const postfix = await requireLmtpPostfix(t);
    if (!postfix) return;
    const sink = await startLmtpSinkOnSocket(t);
    if (!sink) return;
    const proxy = await listenWithCert(['record', '--socket', postfix.lmtpSocket, '--upstream', `unix:${sink.socket}`, '--out', recording], dir, {});
    await submit(postfix);
    const recorded = await within(proxy.exit, 'record');
    assert.equal(recorded.code, 0, recorded.stdout + recorded.stderr);
    assert.match(recorded.stderr, new RegExp(`connection 1 from unix:${postfix.lmtpSocket}\\n`));
    const text = readFileSync(recording, 'utf8');
    assert.match(text, new RegExp(`^@server = unix:${sink.socket}$`, 'm'));
    assert.doesNotMatch(text, /^@port/m);
    // Postfix pipelines QUIT after the `.`: the two recipients' replies (RFC 2033 §4.2) come first, then QUIT's.
    assert.match(text, /\nC: LHLO mx\.test\.local\n[\s\S]*\nC: \.\nC: QUIT\nS: 250 2\.2\.0 Ok\nS: 250 2\.2\.0 Ok\nS: 221 Bye\n/);

    const lint = await runCli(['lint', recording]);
    assert.match(lint.stdout, /0 errors, 0 warnings, 0 info, 0 hints/, lint.stdout);
    const replay = await runCli(['replay', recording]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, /replay: 1 passed, 0 failed, 0 skipped/);

    const mock = await listenWithCert(['mock', '--socket', postfix.lmtpSocket, recording], dir, {});
    await submit(postfix);
    const played = await within(mock.exit, 'mock');
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout + played.stderr);
  });

  test("the mock's reply for each recipient is Postfix's: carol's 452 leaves her deferred with the mock's text, bob delivered", async (t) => {
    const postfix = await requireLmtpPostfix(t);
    if (!postfix) return;
    const written = readFileSync(recording, 'utf8');
    const refusing = written.replace(/(\nS: 250 2\.2\.0 Ok\n)S: 250 2\.2\.0 Ok\n/, '$1S: 452 4.2.2 <carol@lmtp.test> mailbox full\n');
    assert.notEqual(refusing, written);
    const file = path.join(dir, 'carol-full.smtp');
    writeFileSync(file, refusing);
    const mock = await listenWithCert(['mock', '--socket', postfix.lmtpSocket, file], dir, {});
    const queueId = await submit(postfix);
    const played = await within(mock.exit, 'mock');
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout + played.stderr);
    const entry = await deferredEntry(postfix, queueId);
    t.after(() => run('postsuper', ['-c', path.join(path.dirname(postfix.lmtpSocket), 'etc'), '-d', queueId]).then(() => undefined, () => undefined));
    assert.deepEqual(entry.recipients.map((r) => r.address), ['carol@lmtp.test']);
    assert.match(entry.recipients[0].delay_reason ?? '', /said: 452 4\.2\.2 <carol@lmtp\.test> mailbox full \(in reply to end of DATA command\)/);
  });

  test('`serve --socket` as the mailbox store: Postfix delivers to it over LMTP, the message is stored once for both recipients, and leaves its queue', async (t) => {
    const postfix = await requireLmtpPostfix(t);
    if (!postfix) return;
    const mailDir = path.join(dir, 'store');
    const serve = spawnCli(['serve', '--socket', postfix.lmtpSocket, '--tls-port', '0', '--mail-dir', mailDir]);
    let out = '';
    serve.stdout.on('data', (c: Buffer) => (out += c.toString()));
    serve.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exit = new Promise<number | null>((resolve) => serve.on('close', resolve));
    t.after(() => serve.kill('SIGKILL'));
    await until(() => out.includes('Press Ctrl-C'), 'serve listening', () => out);
    assert.match(out, new RegExp(`^local SMTP server on unix:${postfix.lmtpSocket} \\(STARTTLS\\) and 127\\.0\\.0\\.1:\\d+ \\(implicit TLS\\)$`, 'm'));
    const queueId = await submit(postfix);
    await until(() => out.includes('received '), "Postfix's delivery", () => out);
    const received = /^received (\S+) from <a@example\.com> to <bob@lmtp\.test>, <carol@lmtp\.test> \(\d+ octets\)$/m.exec(out);
    assert.ok(received, out);
    assert.match(readFileSync(received[1], 'latin1'), new RegExp(`by mx\\.test\\.local \\(Postfix\\) with E?SMTP id ${queueId}[\\s\\S]*\\r\\n\\r\\nhello\\r\\n$`));
    // Delivered for both: nothing of it stays in Postfix's queue.
    const { stdout } = await run('postqueue', ['-c', path.join(path.dirname(postfix.lmtpSocket), 'etc'), '-j']);
    assert.ok(!stdout.includes(queueId), stdout);
    serve.kill('SIGINT');
    assert.equal(await exit, 0);
    assert.match(out, /stopped; 1 message\(s\) received\n$/);
  });

  test('STARTTLS towards a server on a socket: verified as --tls-servername, recorded with @tls-servername, replayed verified; without the name the client gets 454', async (t) => {
    const script = path.join(dir, 'tls-store.smtp');
    writeFileSync(script, ['S: 220 store.test ESMTP', 'C: EHLO *', 'S: 250-store.test', 'S: 250 STARTTLS', 'C: STARTTLS', 'S: 220 2.0.0 ready', 'C: QUIT', 'S: 221 2.0.0 bye', ''].join('\n'));
    const upstream = path.join(dir, 'tls-up.sock');
    const front = path.join(dir, 'tls-front.sock');
    const mock = await listenWithCert(['mock', '--socket', upstream, '--connections', '3', script], dir, {});
    t.after(() => mock.exit);
    const out = path.join(dir, 'tls-recorded.smtp');
    const swaks = (): Promise<{ stdout: string }> =>
      run('swaks', ['--socket', front, '--tls', '--quit-after', 'tls', '--helo', 'client.test'], { timeout: 20_000 }).catch((error: { stdout: string }) => error);

    const proxy = await listenWithCert(['record', '--socket', front, '--upstream', `unix:${upstream}`, '--tls-servername', 'localhost', '--ca', mock.cert, '--out', out], dir, {});
    assert.match((await swaks()).stdout, /=== TLS started with cipher/);
    assert.equal((await within(proxy.exit, 'record')).code, 0);
    const text = readFileSync(out, 'utf8');
    assert.match(text, new RegExp(`\\n@server = unix:${upstream}\\n@tls-servername = localhost\\n@tls = starttls\\n`));
    assert.match((await runCli(['lint', out])).stdout, /0 errors, 0 warnings, 0 info, 0 hints/);
    const replay = await runCli(['replay', '--ca', mock.cert, out]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, /TLS: TLSv1\.3 .*, verified; certificate CN=localhost/);

    const unnamed = await listenWithCert(['record', '--socket', front, '--upstream', `unix:${upstream}`, '--ca', mock.cert, '--out', path.join(dir, 'unnamed.smtp')], dir, {});
    assert.match((await swaks()).stdout, /<\*\* 454 4\.7\.0 smtp-transcript record: TLS towards the server failed/);
    const refused = await within(unnamed.exit, 'record');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /TLS towards unix:.*tls-up\.sock failed: TLS towards a UNIX-domain socket needs the name its certificate is verified against\n/);
    // Said as it started, before any client came.
    assert.match(refused.stderr, /^smtp-transcript record: warning: TLS towards a UNIX-domain socket needs the name its certificate is verified against, and none is given for unix:.*tls-up\.sock: a client's STARTTLS is refused \(454 4\.7\.0\) \(--tls-servername NAME\)\n/m);
  });

  test('`serve --socket --record`: an LMTP session over the socket is recorded with `@server = unix:/path` and no @port, lints clean and replays green against it', async (t) => {
    const socket = path.join(dir, 'serve-record.sock');
    const recordings = path.join(dir, 'serve-recordings');
    const serve = spawnCli(['serve', '--socket', socket, '--tls-port', '0', '--mail-dir', path.join(dir, 'serve-mail'), '--record', recordings]);
    let out = '';
    serve.stdout.on('data', (c: Buffer) => (out += c.toString()));
    serve.stderr.on('data', (c: Buffer) => (out += c.toString()));
    t.after(() => serve.kill('SIGKILL'));
    await until(() => out.includes('Press Ctrl-C'), 'serve listening', () => out);
    await run('swaks', ['--socket', socket, '--protocol', 'LMTP', '--helo', 'client.test', '--from', 'a@client.test', '--to', 'b@example.com,c@example.com'], { timeout: 20_000 });
    await until(() => /^recorded \S+/m.test(out), 'the recording', () => out);
    const file = /^recorded (\S+) \(session from unix:/m.exec(out)?.[1];
    assert.ok(file, out);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`\\n@server = unix:${socket}\\n`));
    assert.doesNotMatch(text, /^@port/m);
    assert.match(text, /\nS: 250 2\.6\.0 <b@example\.com> Message stored as \*\nS: 250 2\.6\.0 <c@example\.com> Message stored as \*\n/);
    assert.match((await runCli(['lint', file])).stdout, / 0 errors, 0 warnings,/);
    const replay = await runCli(['replay', file]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, new RegExp(`connected to unix:${socket}, TLS none`));
  });

  test('a socket file a server listens on, or a file that is no socket, is refused before anything listens', async () => {
    const script = path.join(dir, 'store.smtp');
    writeFileSync(script, ['S: 220 store.test LMTP', 'C: LHLO *', 'S: 250 store.test', 'C: MAIL FROM:<a@example.com>', 'S: 250 2.1.0 Ok', ''].join('\n'));
    const other = path.join(dir, 'not-a-socket');
    writeFileSync(other, 'keep me');
    const refused = await runCli(['mock', '--socket', other, script]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /cannot listen: --socket .*not-a-socket: the file exists and is not a socket: name a new path/);
    assert.equal(readFileSync(other, 'utf8'), 'keep me');

    const socket = path.join(dir, 'busy.sock');
    const first = await listenWithCert(['mock', '--socket', socket, '--connections', '1', script], dir, {});
    const second = await runCli(['record', '--socket', socket, '--upstream', '127.0.0.1:1']);
    assert.equal(second.code, 2);
    assert.match(second.stderr, /cannot listen: --socket .*busy\.sock: a server already listens on this socket/);
    const client = await run('swaks', ['--socket', socket, '--protocol', 'LMTP', '--quit-after', 'LHLO', '--helo', 'mx.test.local'], { timeout: 20_000 }).catch((error: { stdout: string }) => error);
    assert.match(client.stdout, /<- {2}220 store\.test LMTP/);
    // The refused second server sent the first nothing: its one connection is swaks's, which deviates at QUIT.
    const ended = await within(first.exit, 'mock');
    assert.match(ended.stdout, /connection 1 from unix:.*busy\.sock plays session 1/);
    assert.match(ended.stdout, /expected: MAIL FROM:<a@example\.com>\n\s+actual: +QUIT/);
  });
});
