// `smtp-transcript replay --reporter github` against Postfix (test/servers/servers.sh): a failed expectation is an
// annotation at its S: line with the expected and the actual reply, a session that cannot start (TLS refused,
// connection refused) one at its first line; the password is in none of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { closedPort } from '../support/closedPort';
import { requireServer } from '../servers/available';

test('Postfix: annotations at the failed S: line and at the first line of the sessions that did not start', async (t) => {
  const server = await requireServer(t, 'postfix');
  if (!server) return;
  const closed = await closedPort();
  const dir = mkdtempSync(path.join(tmpdir(), 'replay-github-'));
  writeFileSync(
    path.join(dir, 'annotated.smtp'),
    `@server = ${server.host}\n@port = ${server.port}\n@tls = starttls\n@password = {{$env SMTP_PASSWORD}}\n\n` +
      // The password is right: the expected refusal is the mistake.
      `### login\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250 *\n` +
      `C: AUTH LOGIN\nS: 334 *\nC: {{$base64 ${server.user}}}\nS: 334 *\nC: {{$base64 {{password}}}}\nS: 535 5.7.8 *\nC: QUIT\nS: 221 *\n\n` +
      `### implicit TLS on the STARTTLS port\n@tls = implicit\nS: 220 *\nC: QUIT\nS: 221 *\n\n` +
      `### nothing listens\n@tls = none\n@port = ${closed}\nS: 220 *\nC: QUIT\nS: 221 *\n`,
  );
  const run = await runCli(['replay', '--ca', server.caFile, '--reporter', 'github', 'annotated.smtp'], { cwd: dir, env: { SMTP_PASSWORD: server.password } });
  assert.equal(run.code, 2, run.stdout + run.stderr);
  const where = `${server.host}:${server.port}`;
  assert.deepEqual(
    run.stdout.split('\n').filter((line) => line.startsWith('::')),
    [
      '::error file=annotated.smtp,line=19,title=replay session 1 "login"::expected reply code 535, got 235: 235 2.7.0 Authentication successful%0Aexpected: 535 5.7.8 *%0Aactual:   235 2.7.0 Authentication successful',
      `::error file=annotated.smtp,line=23,title=replay session 2 "implicit TLS on the STARTTLS port"::the server at ${where} did not start TLS: it may expect plain SMTP or STARTTLS - try --tls starttls / @tls = starttls`,
      `::error file=annotated.smtp,line=29,title=replay session 3 "nothing listens"::127.0.0.1:${closed} refused the connection`,
    ],
  );
  // The text log is there as the text reporter prints it, the password's line masked.
  assert.match(run.stdout, /^ {2}✗ {3}18 \*\*\*\* → 235 2\.7\.0 Authentication successful \d+ ms$/m);
  assert.match(run.stdout, /\nreplay: 0 passed, 3 failed, 0 skipped\n$/);
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  for (const secret of [server.password, base64(server.password)]) assert.ok(!(run.stdout + run.stderr).includes(secret), `the output holds ${secret}`);
});
