// LMTP (RFC 2033) with real parts: a transcript opened with LHLO replays against Postfix's smtp-sink in LMTP mode
// (`-L`: LHLO, EHLO refused with 500, one reply per recipient after the final `.`), and the mock plays it to Python's
// smtplib.LMTP, a client no one here wrote. Lint reads LHLO as EHLO: the transcript is clean.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-lmtp-'));
const SMTP_SINK = '/usr/sbin/smtp-sink';

const TRANSCRIPT = [
  'S: 220 *',
  'C: LHLO client.test',
  'S: 250-*',
  'S: ...',
  'S: 250 *',
  'C: MAIL FROM:<a@test.local> BODY=8BITMIME',
  'S: 250 2.1.0 *',
  'C: RCPT TO:<b@example.com>',
  'S: 250 2.1.5 *',
  'C: DATA',
  'S: 354 *',
  'C: From: <a@test.local>',
  'C: To: <b@example.com>',
  'C: Subject: lmtp',
  'C: Date: Mon, 7 Dec 2026 10:00:00 +0000',
  'C: Message-ID: <lmtp.1@test.local>',
  'C:',
  'C: Delivered to the store.',
  'C: .',
  'S: 250 2.x.x *',
  'C: EHLO client.test',
  'S: 500 5.5.1 *',
  'C: QUIT',
  'S: 221 *',
  '',
].join('\n');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** smtp-sink -L on a free port (as root it must be told a user to run as); undefined, said loudly, without it. */
async function startLmtpSink(t: TestContext): Promise<{ port: number; child: ChildProcess } | undefined> {
  if (!existsSync(SMTP_SINK)) {
    const message = `${SMTP_SINK} is not installed (Postfix's test tools: test/servers/servers.sh install)`;
    if (process.env.CI === 'true') throw new Error(`${message} [CI installs it, so this is a failure]`);
    process.stderr.write(`\n*** SKIPPED: ${message}\n`);
    t.skip(message);
    return undefined;
  }
  const port = await freePort();
  const user = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const child = spawn(SMTP_SINK, [...user, '-L', '-c', `127.0.0.1:${port}`, '10'], { stdio: 'ignore' });
  t.after(() => child.kill());
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = connect(port, '127.0.0.1');
      probe.once('connect', () => (probe.destroy(), resolve(true)));
      probe.once('error', () => resolve(false));
    });
    if (up) return { port, child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`smtp-sink -L did not listen on 127.0.0.1:${port}`);
}

describe('LMTP (RFC 2033)', () => {
  const file = path.join(dir, 'lmtp.smtp');
  writeFileSync(file, TRANSCRIPT);

  test('the transcript lints clean: LHLO opens the session, the EHLO after it expects the refusal (a hint)', async () => {
    const lint = await runCli(['lint', file]);
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /hello-in-lmtp/);
    assert.match(lint.stdout, /0 errors, 0 warnings, 0 info, 1 hint/);
  });

  test('replays green against smtp-sink -L, which refuses EHLO as the transcript expects', async (t) => {
    const sink = await startLmtpSink(t);
    if (!sink) return;
    const replay = await runCli(['replay', '--server', `127.0.0.1:${sink.port}`, file]);
    assert.equal(replay.code, 0, replay.stdout + replay.stderr);
    assert.match(replay.stdout, /✓ +2 LHLO client\.test → 250-smtp-sink/);
    assert.match(replay.stdout, /✓ +21 EHLO client\.test → 500 5\.5\.1 Error: unknown command/);
    assert.match(replay.stdout, /replay: 1 passed, 0 failed, 0 skipped/);
  });

  test('the mock plays it to Python smtplib.LMTP: LHLO answered with the extensions the session uses, the message accepted, EHLO refused', async () => {
    const mock = await listenWithCert(['mock', '--port', '0', file], dir, {});
    const script = [
      'import smtplib, sys',
      `s = smtplib.LMTP('127.0.0.1', ${mock.port})`,
      "code, _ = s.ehlo('client.test')",
      "print('lhlo', code, s.has_extn('8bitmime'))",
      "msg = b'From: <a@test.local>\\r\\nTo: <b@example.com>\\r\\nSubject: lmtp\\r\\nDate: Mon, 7 Dec 2026 10:00:00 +0000\\r\\nMessage-ID: <lmtp.1@test.local>\\r\\n\\r\\nDelivered to the store.\\r\\n'",
      "print('refused', s.sendmail('a@test.local', ['b@example.com'], msg, mail_options=['BODY=8BITMIME']))",
      "print('ehlo', s.docmd('EHLO', 'client.test')[0])",
      's.quit()',
    ].join('\n');
    const client = await run('python3', ['-c', script], { timeout: 20_000 });
    // 8BITMIME: the reply's `S: ...` stands for what the session goes on to use (BODY=8BITMIME).
    assert.equal(client.stdout, 'lhlo 250 True\nrefused {}\nehlo 500\n');
    const played = await mock.exit;
    assert.equal(played.code, 0, played.stdout + played.stderr);
    assert.match(played.stdout, /session 1 passed/);
    assert.match(played.stdout, /mock: 1 passed, 0 failed/);
  });
});
