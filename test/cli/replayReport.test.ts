import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { formatSessionLog } from '../../server/src/report/sessionLog';
import type { SessionResult } from '../../server/src/replay/replayTypes';
import { runCli } from '../support/cli';
import { startScriptedServer } from './scriptedServer';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-report-'));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const env = { SMTP_PASSWORD: 'testpass' };
/** Anything a terminal would obey: C0 controls but the line feed, DEL, C1 controls. */
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('replay reporters', () => {
  test('control characters and escape sequences from the server are shown, not obeyed', async () => {
    const server = await startScriptedServer('220 hi \x1b[31mred\x07\r\n', (line) => {
      if (line.startsWith('EHLO')) return '250-srv \x1b]0;owned\x07\r\n250-PIPELINING\r\n250 SIZE 10\r\n';
      if (line === 'NOOP') return '250 \x9b2J\x1b[2Kok\r\n';
      return line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n';
    });
    const transcript = file('escapes.smtp', 'S: 220 *\nC: EHLO c.test\nS: 250 *\nC: NOOP\nS: 251 *\nC: QUIT\nS: 221 *\n');
    const run = await runCli(['replay', '--server', `127.0.0.1:${server.port}`, transcript]);
    await server.close();
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, CONTROL);
    const rows = run.stdout.split('\n');
    assert.ok(rows.some((r) => r.startsWith('  ✓    1 greeting → 220 hi \\x1b[31mred\\x07 ')), run.stdout);
    // A multi-line reply is named by its first line and its length, not by its last line.
    assert.ok(rows.some((r) => r.startsWith('  ✓    2 EHLO c.test → 250-srv \\x1b]0;owned\\x07 (+2 lines) ')), run.stdout);
    assert.ok(rows.includes('      actual:   250 \\x9b2J\\x1b[2Kok'), run.stdout);
  });

  test('the editor log shows control characters as escapes too', () => {
    const session: SessionResult = {
      index: 0,
      line: 0,
      status: 'fail',
      exchanges: [
        {
          kind: 'command',
          line: 1,
          status: 'fail',
          sent: ['NOOP'],
          expected: ['251 *'],
          actual: ['250 \x1b[2Jok'],
          differences: [],
          message: 'expected 251, got 250 \x1b[2Jok',
          expectedLines: [2],
          insertAfterLine: 1,
        },
      ],
      timings: [],
      wireLog: [{ direction: 'S', tls: false, text: '250 \x1b[2Jok\x00', time: 12 }],
      durationMs: 20,
    };
    assert.equal(
      formatSessionLog(session, 'x.smtp'),
      'x.smtp session 1 → no target: FAIL in 20 ms\n' + '  0.012s    S: 250 \\x1b[2Jok\\x00\n' + 'x.smtp:3: expected 251, got 250 \\x1b[2Jok',
    );
  });

  test('an exchange that gets no reply is a failed row at its own line, told once', async () => {
    const server = await startScriptedServer('220 hi\r\n', (line) => (line === 'NOOP' ? undefined : line === 'QUIT' ? '221 bye\r\n' : '250 ok\r\n'));
    const transcript = file('slow.smtp', '# waits\n\n\n### named\nS: 220 *\nC: EHLO c.test\nS: 250 *\n@timeout = 300ms\nC: NOOP\nS: 250 *\nC: QUIT\nS: 221 *\n');
    const target = ['--server', `127.0.0.1:${server.port}`];
    const text = await runCli(['replay', ...target, transcript]);
    const junit = await runCli(['replay', ...target, '--reporter', 'junit', transcript]);
    await server.close();
    assert.equal(text.code, 2);
    const message = `no complete reply from 127.0.0.1:${server.port} within 300 ms`;
    assert.match(text.stdout, /^ {2}✗ {4}9 /m);
    assert.deepEqual(text.stdout.split('\n').filter((l) => l.includes(message)), [`      ${transcript}:9: ${message}`]);
    assert.equal(junit.stdout.split(message).length - 1, 2, junit.stdout); // the message attribute and the details
    assert.match(junit.stdout, new RegExp(`>${transcript.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9: ${message}\n`));
  });

  test('a failure whose message names its line is reported at that line only', async () => {
    const include = file('include.smtp', 'S: 220 *\nC: EHLO c.test\nS: 250 *\nC: MAIL FROM:<a@client.test>\nS: 250 *\nC: RCPT TO:<b@example.com>\nS: 250 *\nC: DATA\nS: 354 *\n< ./missing.eml\nC: .\nS: 250 *\n');
    const setting = file('setting.smtp', 'S: 220 *\nC: NOOP\nS: 250 *\n\n### bad port\n@port = 70000\nS: 220 *\nC: QUIT\nS: 221 *\n');
    for (const reporter of ['text', 'junit']) {
      const run = await runCli(['replay', '--local', '--reporter', reporter, include, setting]);
      assert.equal(run.code, 2, run.stdout);
      assert.match(run.stdout, new RegExp(`${include.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10: cannot read \\./missing\\.eml`));
      assert.match(run.stdout, new RegExp(`${setting.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: \`@port = 70000\` is not a TCP port`));
      assert.doesNotMatch(run.stdout, /:\d+: line \d+/);
    }
  });

  test('JUnit shows skipped certificate verification in the suite properties and each test case', async () => {
    const run = await runCli(['replay', '--local', '--insecure-tls', '--reporter', 'junit', 'examples/starttls-auth.smtp'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /<testsuite [^>]*>\n {4}<properties>\n {6}<property name="insecure-tls" value="true"\/>\n {4}<\/properties>\n/);
    const outputs = run.stdout.match(/<system-out>WARNING: TLS certificate verification was not enforced for this server \(insecure\): a certificate that fails it is accepted\.\nTLS: TLSv1\.3 \S+, certificate valid, but not required \(insecure\); certificate CN=localhost/g) ?? [];
    assert.equal(outputs.length, 2, run.stdout);
    const verified = await runCli(['replay', '--local', '--reporter', 'junit', 'examples/starttls-auth.smtp'], { env });
    assert.doesNotMatch(verified.stdout, /insecure|<system-out>/);
  });

  test('a secret shorter than 8 characters: a note on the greeting says why other text shows ****; none for a longer one', async () => {
    // `test` stands in the local server's greeting and in `client.test`: masked there too.
    const transcript = file('short-secret.smtp', '@user = testuser\n@password = {{$env SMTP_PASSWORD}}\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: QUIT\nS: 221 *\n');
    const short = await runCli(['replay', '--local', transcript], { env: { SMTP_PASSWORD: 'test' } });
    assert.equal(short.code, 0, short.stdout + short.stderr);
    const rows = short.stdout.split('\n');
    assert.ok(rows.some((r) => r.startsWith('  ✓    3 greeting → 220 localhost ESMTP smtp-transcripts local **** server ')), short.stdout);
    assert.ok(rows.some((r) => r.startsWith('  ✓    4 EHLO client.**** → ')), short.stdout);
    assert.ok(
      rows.includes('      note: a secret of this session is 4 characters long: wherever other text holds it (a host name, a reply), that is masked too, which shows where it stands; a secret of 8 characters or more keeps the report readable'),
      short.stdout,
    );
    const long = await runCli(['replay', '--local', transcript], { env });
    assert.equal(long.code, 0, long.stdout + long.stderr);
    assert.doesNotMatch(long.stdout, /note: a secret|\*\*\*\*/);
  });

  test('--insecure-tls is said on stderr before the run and in the summary line', async () => {
    const run = await runCli(['replay', '--local', '--insecure-tls', 'examples/starttls-auth.smtp'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^smtp-transcript replay: warning: --insecure-tls: server certificates are not verified\nlocal SMTP server on /);
    assert.match(run.stdout, /\nreplay: 2 passed, 0 failed, 0 skipped; TLS NOT VERIFIED in 2 sessions \(insecure\)\n$/);
    const verified = await runCli(['replay', '--local', 'examples/starttls-auth.smtp'], { env });
    assert.match(verified.stderr, /^local SMTP server on /);
    assert.match(verified.stdout, /\nreplay: 2 passed, 0 failed, 0 skipped\n$/);
  });
});
