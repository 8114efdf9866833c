// A client that gives up in the middle of a message, recorded and imported: Python's smtplib sends part of the DATA
// content to Postfix (through `smtp-transcript record`, or with its debug output captured for `smtp-transcript
// import`) and closes the connection. The transcript must say so with `C: <close>` inside the content, not with an
// added `.`: it lints clean, replays green against Postfix (which delivers neither the recorded nor the replayed
// partial message) and, recorded, mocks green for the same client. smtplib's `data()` always ends the message, so
// the client uses smtplib's own lower calls (`docmd`, `send`) on the same connection.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { requireServer, type TestServer } from '../servers/available';
import { awaitDelivery, deliveredSince } from '../servers/sinkMessages';
import { runCli } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-record-close-'));

/** smtplib to `port`: a whole message with `subject`, or (`whole` false) part of one, then the connection closed. */
function smtplib(port: number, subject: string, whole: boolean, debug = false): Promise<{ stderr: string }> {
  const content = `Subject: ${subject}\\r\\n\\r\\n..stuffed\\r\\nthe first half\\r\\n`;
  return run('python3', ['-c', [
    'import smtplib',
    `s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test", timeout=20)`,
    debug ? 's.set_debuglevel(1)' : '',
    's.ehlo()',
    's.mail("a@example.com")',
    's.rcpt("b@example.com")',
    'assert s.docmd("DATA")[0] == 354',
    `s.send(b"${content}")`,
    whole ? 's.send(b".\\r\\n")\nassert s.getreply()[0] == 250\ns.quit()' : 's.close()',
  ].join('\n')], { timeout: 20_000 });
}

/** The transcript lints without a finding but smtplib's lower-case verbs, and replays green against Postfix. */
async function lintsAndReplays(file: string, postfix: TestServer): Promise<void> {
  const lint = await runCli(['lint', file]);
  // smtplib writes its verbs in lower case (`ehlo`, `mail`, `rcpt`): three hints, nothing about the message.
  assert.deepEqual([lint.code, lint.stdout.trim().split('\n').pop()], [0, '1 file checked: 0 errors, 0 warnings, 0 info, 3 hints'], lint.stdout);
  const replay = await runCli(['replay', '--server', `${postfix.host}:${postfix.port}`, file]);
  assert.equal(replay.code, 0, replay.stdout + replay.stderr);
  assert.ok(replay.stdout.includes('note: sent the content without the final `.`, then closed the connection (C: <close>)'), replay.stdout);
  assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/);
}

/** Postfix delivers a whole message sent after them, and none holding `subject`. */
async function nothingDelivered(postfix: TestServer, subject: string, since: number): Promise<void> {
  const control = `whole-${randomBytes(6).toString('hex')}`;
  await smtplib(postfix.port, control, true);
  assert.ok(await awaitDelivery('postfix', control, since), 'the whole message never reached the sink');
  assert.deepEqual((await deliveredSince('postfix', since)).filter((text) => text.includes(subject)), []);
}

describe('a client that closes the connection mid-message, recorded and imported', () => {
  test('recorded through the proxy: `C: <close>` inside the content; lint, replay and mock agree', async (t) => {
    const postfix = await requireServer(t, 'postfix');
    if (!postfix) return;
    const subject = `cut-${randomBytes(6).toString('hex')}`;
    const since = Date.now();
    const file = path.join(dir, 'recorded.smtp');
    const proxy = await listenWithCert(['record', '--listen', '0', '--upstream', `127.0.0.1:${postfix.port}`, '--ca', postfix.caFile, '--out', file], dir, {});
    await smtplib(proxy.port, subject, false);
    const recorded = await proxy.exit;
    assert.equal(recorded.code, 0, recorded.stderr);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(lines.indexOf('C: DATA')), [
      'C: DATA',
      'S: 354 End data with <CR><LF>.<CR><LF>',
      `C: Subject: ${subject}`,
      'C:',
      'C: ..stuffed',
      'C: the first half',
      '# the client closed the connection inside the message content, without the final "."',
      'C: <close>',
      '',
    ]);
    await lintsAndReplays(file, postfix);
    const mock = await listenWithCert(['mock', file, '--port', '0'], dir, {});
    await smtplib(mock.port, subject, false);
    const mocked = await mock.exit;
    assert.equal(mocked.code, 0, mocked.stdout + mocked.stderr);
    assert.match(mocked.stdout, /\nmock: 1 passed, 0 failed\n$/);
    // The same client finishing the message is told where it went wrong.
    const strict = await listenWithCert(['mock', file, '--port', '0'], dir, {});
    await smtplib(strict.port, subject, true).catch(() => undefined);
    const finished = await strict.exit;
    assert.equal(finished.code, 1, finished.stdout);
    assert.ok(finished.stdout.includes(`${file}:${lines.indexOf('C: <close>') + 1}: the client ended the message with \`.\``), finished.stdout);
    await nothingDelivered(postfix, subject, since);
  });

  test("imported from smtplib's debug output: the capture ends inside the content, written as `C: <close>`", async (t) => {
    const postfix = await requireServer(t, 'postfix');
    if (!postfix) return;
    const subject = `cut-${randomBytes(6).toString('hex')}`;
    const since = Date.now();
    const capture = path.join(dir, 'smtplib-debug.txt');
    writeFileSync(capture, (await smtplib(postfix.port, subject, false, true)).stderr);
    const file = path.join(dir, 'imported.smtp');
    const imported = await runCli(['import', capture, '--output', file]);
    assert.ok(imported.stderr.includes('warning: the capture ends inside message content; written as the client closing the connection there ("C: <close>"), without the final "."'), imported.stderr);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.deepEqual(lines.slice(-4), ['C: the first half', '# the capture ends inside the message content, without the final "."', 'C: <close>', '']);
    await lintsAndReplays(file, postfix);
    await nothingDelivered(postfix, subject, since);
  });
});
