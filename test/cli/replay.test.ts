import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { closedPort } from '../support/closedPort';
import { requireServer } from '../servers/available';

const dir = mkdtempSync(path.join(tmpdir(), 'smtp-replay-'));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const PASSWORD = 'testpass';
const secretForms = [PASSWORD, Buffer.from(`\0testuser\0${PASSWORD}`).toString('base64'), Buffer.from(PASSWORD).toString('base64')];
const env = { SMTP_PASSWORD: PASSWORD };

function assertNoSecret(output: string): void {
  for (const secret of secretForms) assert.ok(!output.includes(secret), `output contains a secret form: ${secret}`);
}

describe('smtp-transcript replay', () => {
  test('the examples replay green against the built-in local server, and no secret is printed', async () => {
    // examples/mock/ holds transcripts the scripted server plays (their C: lines are patterns), not replays.
    const examples = readdirSync('examples').filter((name) => name.endsWith('.smtp')).map((name) => `examples/${name}`);
    const run = await runCli(['replay', '--local', ...examples], { env });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    // The local server offers CHUNKING: examples/bdat.smtp replays too, nothing is skipped.
    assert.match(run.stdout, /^replay: 12 passed, 0 failed, 0 skipped$/m);
    assert.match(run.stdout, /^ {2}✓ {3}20 BDAT 56 LAST \(\+3 lines\) → 250 2\.6\.0 Message stored as /m);
    assertNoSecret(run.stdout + run.stderr);
  });

  test('the examples folder replays as given, its scripts for the mock (`@replay = skip`) skipped with the reason', async () => {
    const run = await runCli(['replay', '--local', 'examples/'], { env });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const lines = run.stdout.split('\n');
    const skips = lines.flatMap((line, i) => (line.startsWith('  skipped: ') ? [`${lines[i - 1]} ${line.trim()}`] : []));
    const why = 'skipped: line %d says `@replay = skip`: a script for `smtp-transcript mock`';
    assert.deepEqual(skips, [
      `examples/mock/idle-timeout.smtp session 1 ${why.replace('%d', '9')}`,
      `examples/mock/retry-after-421.smtp session 1 "busy" ${why.replace('%d', '8')}`,
      `examples/mock/retry-after-421.smtp session 2 "accepts" ${why.replace('%d', '8')}`,
      `examples/mock/swaks-submission.smtp session 1 ${why.replace('%d', '7')}`,
      `examples/templates/mock-server.smtp session 1 ${why.replace('%d', '6')}`,
    ]);
    assert.match(run.stdout, /^replay: 16 passed, 0 failed, 5 skipped$/m);
    assert.match(run.stderr, /^local SMTP server on 127\.0\.0\.1:\d+ /m);
  });

  test('mock scripts only: every session skipped, and no local server started for them', async () => {
    const run = await runCli(['replay', '--local', 'examples/mock/'], { env });
    assert.deepEqual([run.code, run.stderr], [0, '']);
    assert.match(run.stdout, /^replay: 0 passed, 0 failed, 4 skipped$/m);
  });

  test('a changed expectation fails at its line with expected vs actual: exit 1', async () => {
    const text = readFileSync('examples/plain.smtp', 'utf8').replace('S: 250 2.1.5 Accepted', 'S: 251 2.1.5 Accepted');
    const changed = file('changed.smtp', text);
    const line = text.split('\n').indexOf('S: 251 2.1.5 Accepted') + 1;
    const run = await runCli(['replay', '--local', changed], { env });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`${changed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: `));
    assert.match(run.stdout, /expected: 251 2\.1\.5 Accepted/);
    assert.match(run.stdout, /actual: {3}250 2\.1\.5 Accepted/);
    assert.match(run.stdout, /^replay: 0 passed, 1 failed, 0 skipped$/m);
  });

  test('--quiet prints only what did not pass: the failed session with its failed exchange, a session on unenforced TLS, the summary', async () => {
    const text = readFileSync('examples/plain.smtp', 'utf8').replace('S: 250 2.1.5 Accepted', 'S: 251 2.1.5 Accepted');
    const changed = file('quiet.smtp', text);
    const rcpt = text.split('\n').findIndex((l) => l.startsWith('C: RCPT')) + 1;
    const run = await runCli(['replay', '--local', '--quiet', 'examples/classic.smtp', changed, 'examples/pipelining.smtp'], { env });
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const shown = run.stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/\b\d+ ms\b/g, 'N ms').split('\n');
    assert.deepEqual(shown, [
      `${changed} session 1`,
      '  connected to 127.0.0.1:PORT, TLS none',
      `  ✗ ${String(rcpt).padStart(4)} RCPT TO:<alice@example.com> → 250 2.1.5 Accepted N ms`,
      `      ${changed}:${rcpt + 1}: expected reply code 251, got 250: 250 2.1.5 Accepted`,
      '      expected: 251 2.1.5 Accepted',
      '      actual:   250 2.1.5 Accepted',
      '  session 1 failed in N ms',
      'replay: 2 passed, 1 failed, 0 skipped',
      '',
    ]);
    // A session that passed without requiring its certificate still says so: the warning is never quiet.
    const insecure = await runCli(['replay', '--local', '-q', '--insecure-tls', 'examples/starttls-auth.smtp'], { env });
    assert.equal(insecure.code, 0, insecure.stdout + insecure.stderr);
    assert.equal(insecure.stdout.match(/^ {2}WARNING: TLS certificate verification was not enforced for this server \(insecure\)/gm)?.length, 2, insecure.stdout);
    assert.match(insecure.stdout, /^ {2}session 2 "AUTH LOGIN answers the server's 334 challenges" passed in \d+ ms$/m);
    assert.doesNotMatch(insecure.stdout, /✓/);
  });

  test('--update rewrites the expectation from the server, and the file then replays green', async () => {
    const text = readFileSync('examples/plain.smtp', 'utf8').replace('S: 250 2.1.5 Accepted', 'S: 251 2.1.5 Accepted');
    const stale = file('stale.smtp', text);
    const update = await runCli(['replay', '--local', '--update', stale], { env });
    assert.equal(update.code, 1);
    assert.match(update.stdout, /^-S: 251 2\.1\.5 Accepted$/m);
    assert.match(update.stdout, /^\+S: 250 2\.1\.5 Accepted$/m);
    assert.equal(readFileSync(stale, 'utf8'), text.replace('S: 251 2.1.5 Accepted', 'S: 250 2.1.5 Accepted'));
    const again = await runCli(['replay', '--local', stale], { env });
    assert.equal(again.code, 0, again.stdout);
  });

  test('JSON and JUnit reporters: parseable, complete, no secret', async () => {
    const json = await runCli(['replay', '--local', '--reporter', 'json', 'examples/starttls-auth.smtp'], { env });
    assert.equal(json.code, 0, json.stderr);
    const [entry] = JSON.parse(json.stdout) as Array<{ file: string; result: { status: string; sessions: Array<{ status: string; tls?: unknown }> } }>;
    assert.deepEqual([entry.file, entry.result.status, entry.result.sessions.map((s) => s.status)], ['examples/starttls-auth.smtp', 'pass', ['pass', 'pass']]);
    assert.ok(entry.result.sessions.every((s) => s.tls), 'TLS details recorded');
    assertNoSecret(json.stdout + json.stderr);
    const junit = await runCli(['replay', '--local', '--reporter', 'junit', 'examples/errors.smtp'], { env });
    assert.equal(junit.code, 0, junit.stderr);
    assert.match(junit.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="smtp-transcript replay">/);
    assert.equal((junit.stdout.match(/<testcase /g) ?? []).length, 3);
    assertNoSecret(junit.stdout);
  });

  test('an unreachable server: one clear line, exit 2, no stack trace', async () => {
    const port = await closedPort();
    const run = await runCli(['replay', '--server', `127.0.0.1:${port}`, '--connect-timeout', '2s', 'examples/plain.smtp']);
    assert.equal(run.code, 2);
    assert.match(run.stdout, /refused/i);
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
  });

  test('an IPv6 target is shown as --server takes it, in brackets: [::1]:PORT, not ::1:PORT', async () => {
    const port = await closedPort();
    const run = await runCli(['replay', '--server', `[::1]:${port}`, '--connect-timeout', '2s', 'examples/plain.smtp']);
    assert.deepEqual([run.code, run.stdout.split('\n').filter((line) => line.includes('refused'))], [2, [`  examples/plain.smtp:4: [::1]:${port} refused the connection`]]);
  });

  test('a plain replay to an implicit-TLS port (Postfix), which says nothing, is told to use --tls implicit, which then passes', async (t) => {
    const postfix = await requireServer(t, 'postfix');
    if (!postfix?.tlsPort) return;
    const target = `${postfix.host}:${postfix.tlsPort}`;
    const hello = file('hello.smtp', 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: QUIT\nS: 221 *\n');
    const plain = await runCli(['replay', '--server', target, '--timeout', '1s', hello]);
    assert.deepEqual([plain.code, plain.stdout.split('\n').filter((line) => line.includes('hello.smtp:'))], [2, [
      `      ${hello}:1: no complete reply from ${target} within 1000 ms: it sent nothing at all, as an implicit-TLS port (465) does until the TLS handshake: if it is one, use --tls implicit / @tls = implicit`,
    ]]);
    const implicit = await runCli(['replay', '--server', target, '--tls', 'implicit', '--ca', postfix.caFile, hello]);
    assert.equal(implicit.code, 0, implicit.stdout + implicit.stderr);
  });

  test('a short password found inside an EHLO line is held back, and the message says why a line without AUTH holds it', async () => {
    // `test` is a piece of `client.test`: replay finds secrets by value on the wire, so EHLO waits for TLS too.
    const run = await runCli(['replay', '--local', '-q', 'examples/starttls-auth.smtp'], { env: { SMTP_PASSWORD: 'test' } });
    assert.deepEqual([run.code, run.stdout.split('\n').filter((line) => line.includes('examples/starttls-auth.smtp:9'))], [2, [
      "      examples/starttls-auth.smtp:9: this line holds a secret's value (of a variable named with pass, secret, token or key; a short secret may also be part of other text on the line, such as a domain name) before TLS is up (above the STARTTLS line, or pipelined with it): replay never sends credentials in plain text once TLS was asked for; send them after STARTTLS and its 220",
    ]]);
  });

  test('TLS over a UNIX-domain socket (@tls, or a STARTTLS) without @tls-servername: refused before connecting, naming the directive, exit 2', async () => {
    const run = await runCli(['replay', file('socket-tls.smtp', '@server = unix:/run/none/lmtp\n@tls = starttls\nS: 220 *\nC: QUIT\nS: 221 *\n')]);
    assert.equal(run.code, 2, run.stdout);
    assert.match(run.stdout, /socket-tls\.smtp:3: TLS over the UNIX-domain socket unix:\/run\/none\/lmtp needs `@tls-servername = NAME`, the name its certificate carries\n/);
    // A STARTTLS in the session starts TLS too, whatever @tls says: refused as well, not at the handshake.
    const starttls = await runCli(['replay', file('socket-starttls.smtp', '@server = unix:/run/none/lmtp\nS: 220 *\nC: EHLO c.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: QUIT\nS: 221 *\n')]);
    assert.equal(starttls.code, 2, starttls.stdout);
    assert.match(starttls.stdout, /socket-starttls\.smtp:2: TLS over the UNIX-domain socket unix:\/run\/none\/lmtp needs `@tls-servername = NAME`/);
  });

  test('usage problems: exit 2 with the reason', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['replay', '--reporter', 'xml', 'examples/plain.smtp'], /--reporter must be text, json, junit or github, not 'xml'/],
      [['replay', '--tls', 'maybe', '--local', 'examples/plain.smtp'], /--tls must be none, starttls or implicit/],
      [['replay', '--timeout', 'soon', '--local', 'examples/plain.smtp'], /--timeout takes a duration/],
      [['replay', '--server', 'a:b:c', 'examples/plain.smtp'], /--server takes host/],
      [['replay', '--local', '--server', 'x', 'examples/plain.smtp'], /--local and --server/],
      [['replay', '--server', '', 'examples/plain.smtp'], /^smtp-transcript replay: --server is empty: give host, host:port, \[ipv6\]:port, mx:domain or unix:\/path\n$/],
      [['replay', '--concurrency', '-1', '--local', 'examples/plain.smtp'], /^smtp-transcript replay: --concurrency is followed by an option or a value starting with a dash: give it a value, or write a dashed one as --concurrency=-1\n$/],
      [['replay', '--local', 'no/such.smtp'], /no such file or directory/],
      [['replay', '--local', '--ca', 'package.json', 'examples/plain.smtp'], /--ca package\.json holds no PEM certificate/],
      [['replay', '--local', '--session', 'nope', 'examples/plain.smtp'], /^smtp-transcript replay: examples\/plain\.smtp: no session named 'nope' \(no session has a name: use the number 1\)\n$/],
      [['replay', '--local', file('empty.smtp', '# nothing here\n')], /nothing to replay: the file has no C: or S: lines/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });

  test('a transcript with parse errors is refused before connecting', async () => {
    const broken = file('broken.smtp', 'S: 220 *\nEHLO me\n');
    const run = await runCli(['replay', '--local', broken]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /line 2: Expected a line prefix/);
  });

  test('an error that is not about the reply is its one line: no expected and actual that say the same', async () => {
    // STARTTLS is answered 220 as expected, then the handshake fails (the server speaks no TLS).
    const server = createServer((socket) => {
      socket.write('220 plain.test ESMTP\r\n');
      socket.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
          if (line.startsWith('EHLO')) socket.write('250-plain.test\r\n250 STARTTLS\r\n');
          else if (line === 'STARTTLS') socket.write('220 2.0.0 Ready to start TLS\r\n');
          else socket.end('not TLS\r\n');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const port = (server.address() as { port: number }).port;
      const target = file('tls-fails.smtp', `@tls = starttls\nS: 220 *\nC: EHLO c.test\nS: 250-*\nS: 250 STARTTLS\nC: STARTTLS\nS: 220 2.0.0 Ready to start TLS\nC: QUIT\nS: 221 *\n`);
      const run = await runCli(['replay', '--server', `127.0.0.1:${port}`, '--connect-timeout', '3s', '--timeout', '3s', target]);
      // A session that could not run is an error (exit 2), not a failed expectation.
      assert.equal(run.code, 2, run.stdout + run.stderr);
      const row = run.stdout.split('\n').findIndex((line) => /^ {2}✗ {4}6 STARTTLS/.test(line));
      assert.ok(row > 0, run.stdout);
      assert.match(run.stdout.split('\n')[row + 1], /tls-fails\.smtp:6: /);
      assert.doesNotMatch(run.stdout, /expected: |actual: /);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

test('a session with no exchange is skipped, and the run says why', async () => {
  const run = await runCli(['replay', '--server', `127.0.0.1:${await closedPort()}`, file('empty-session.smtp', '### not written yet\n# the dialogue comes later\n')]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /\n {2}skipped: the session has no exchange to replay\n/);
  assert.match(run.stdout, /\nreplay: 0 passed, 0 failed, 1 skipped\n$/);
});
