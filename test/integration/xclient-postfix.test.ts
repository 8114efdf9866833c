// Postfix's XCLIENT with real parts: swaks (--xclient-addr) through `smtp-transcript record` to a Postfix that lets
// 127.0.0.1 send XCLIENT and XFORWARD (servers.sh's third listener). The recording lints clean (XCLIENT's 220 starts
// the session over, and swaks greets again), replays green against Postfix, and mocks green for swaks; Postfix took
// the attributes (the delivered message's Received: field names the client XCLIENT gave). Postfix's own answers are
// what the verb table says: 503 inside a transaction, 501 without attributes, 550 once the client is another.
import { describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { requireServer, type TestServer } from '../servers/available';
import { awaitDelivery, deliveredSince } from '../servers/sinkMessages';
import { runCli } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-xclient-'));

const swaks = (port: number, token: string) =>
  run('swaks', ['--server', `127.0.0.1:${port}`, '--from', 'a@example.org', '--to', 'sink@example.com', '--helo', 'client.test', '--pipeline',
    '--xclient-addr', '192.0.2.1', '--xclient-name', 'spike.example.org', '--header', `Subject: ${token}`, '--hide-all'], { timeout: 20_000 });

/** Postfix with its XCLIENT listener; without it a loud skip, and in CI (which starts it) a failure. */
async function requireXclientPostfix(t: TestContext): Promise<(TestServer & { xclientPort: number }) | undefined> {
  const postfix = await requireServer(t, 'postfix');
  if (!postfix) return undefined;
  if (postfix.xclientPort !== undefined) return { ...postfix, xclientPort: postfix.xclientPort };
  const message = 'Postfix runs without its XCLIENT listener (SMTP_POSTFIX_XCLIENT): test/servers/servers.sh start';
  if (process.env.CI === 'true') throw new Error(`${message} [CI starts it, so this is a failure]`);
  process.stderr.write(`\n*** SKIPPED: ${message}\n`);
  t.skip(message);
  return undefined;
}

describe('XCLIENT against Postfix, with swaks', () => {
  test('recorded through the proxy: lints clean, replays and mocks green; Postfix received the mail as from the XCLIENT client', async (t) => {
    const postfix = await requireXclientPostfix(t);
    if (!postfix) return;
    const file = path.join(dir, 'xclient.smtp');
    const since = Date.now();
    const token = `xclient-${since}`;
    const proxy = await listenWithCert(['record', '--listen', '0', '--upstream', `127.0.0.1:${postfix.xclientPort}`, '--tls', 'none', '--upstream-tls', 'none', '--out', file], dir, {});
    await swaks(proxy.port, token);
    assert.equal((await proxy.exit).code, 0);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\nC: XCLIENT ADDR=192\.0\.2\.1 NAME=spike\.example\.org\nS: 220 mx\.test\.local ESMTP Postfix \(test\)\nC: EHLO client\.test\n/);
    assert.ok(await awaitDelivery('postfix', token, since), 'Postfix delivered the message');
    const delivered = (await deliveredSince('postfix', since)).find((message) => message.includes(token));
    // The HELO name of the second EHLO, the hostname and address of XCLIENT's.
    assert.match(delivered ?? '', /^Received: from client\.test \(spike\.example\.org \[192\.0\.2\.1\]\)/m);

    const lint = await runCli(['lint', file]);
    assert.match(lint.stdout, /1 file checked: 0 errors, 0 warnings, 0 info, 0 hints\n$/, lint.stdout);
    const replay = await runCli(['replay', file]);
    assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/, replay.stdout + replay.stderr);
    const mock = await listenWithCert(['mock', file, '--port', '0'], dir, {});
    await swaks(mock.port, token).catch(() => undefined);
    const mocked = await mock.exit;
    assert.match(mocked.stdout, /\nmock: 1 passed, 0 failed\n$/, mocked.stdout);
  });

  test("Postfix's refusals are the ones the verb table lists, and lint expects them where the transcript is wrong", async (t) => {
    const postfix = await requireXclientPostfix(t);
    if (!postfix) return;
    const file = path.join(dir, 'refusals.smtp');
    writeFileSync(file, [
      `@server = 127.0.0.1`,
      `@port = ${postfix.xclientPort}`,
      'S: 220 *',
      'C: EHLO client.test',
      'S: 250-*',
      'S: 250-XCLIENT NAME ADDR PROTO HELO REVERSE_NAME PORT LOGIN DESTADDR DESTPORT',
      'S: ...',
      'S: 250 CHUNKING',
      'C: XCLIENT',
      'S: 501 5.5.4 *',
      'C: MAIL FROM:<a@example.org>',
      'S: 250 2.1.0 Ok',
      'C: XFORWARD ADDR=192.0.2.7',
      'S: 503 5.5.1 Error: MAIL transaction in progress',
      'C: RSET',
      'S: 250 2.0.0 Ok',
      'C: XCLIENT ADDR=192.0.2.1',
      'S: 220 *',
      // Now the client is 192.0.2.1, which Postfix does not trust for XCLIENT.
      'C: XCLIENT ADDR=192.0.2.2',
      'S: 550 5.7.0 Error: insufficient authorization',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
      '',
    ].join('\n'));
    const replay = await runCli(['replay', file]);
    assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/, replay.stdout + replay.stderr);
    const lint = await runCli(['lint', file]);
    assert.match(lint.stdout, /1 file checked: 0 errors, 0 warnings/, lint.stdout);
  });
});
