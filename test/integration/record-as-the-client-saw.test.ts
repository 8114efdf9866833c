// Recordings of the shapes a QA pass found recorded wrongly, with real servers and real clients: the lines a client
// sends after the server's 421 stay in that session as comments, with no greeting invented. Each recording lints
// without errors.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { requireServer } from '../servers/available';
import { runCli } from '../support/cli';
import { listenWithCert } from '../support/listeningCli';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'smtp-record-as-seen-'));
const CLIENT_TIMEOUT_MS = 20_000;
const listen = (args: string[]) => listenWithCert(args, dir, {});
after(() => rmSync(dir, { recursive: true, force: true }));

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

describe('recorded as the client saw it, with real servers', { timeout: 120_000 }, () => {
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
    assert.deepEqual(recorded(file, `127.0.0.1:${smtpServer.port}`), [
      '# Reply texts are expected as recorded; queue ids, dates and session ids are written as *.',
      '@match = strict',
      '@server = 127.0.0.1',
      `@port = ${smtpServer.port}`,
      '',
      'S: 220 mx.test.local ESMTP smtp-server (test)',
      ...Array.from({ length: 9 }, () => ['C: XYZZY', 'S: 500 5.5.2 Error: command not recognized']).flat(),
      'C: XYZZY',
      'S: 421 4.4.2 Error: too many unrecognized commands',
      "# the client went on after the session ended (the server's 421 closes it, RFC 5321 §3.8); unanswered, what it sent is kept as comments:",
      '# C: quit',
      'S: <closed>',
      '',
    ]);
    await lintsClean(file);
    const replay = await runCli(['replay', file]);
    assert.match(replay.stdout, /\nreplay: 1 passed, 0 failed, 0 skipped\n$/, replay.stdout);
    const mock = await listen(['mock', file, '--port', '0']);
    await smtplib(mock.port);
    const played = await mock.exit;
    assert.match(played.stdout, /\nmock: 1 passed, 0 failed\n$/, played.stdout + played.stderr);
  });


});
