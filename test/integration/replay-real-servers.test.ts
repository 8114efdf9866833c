// Replay against real MTAs (Postfix, Exim, aiosmtpd, smtp-server from test/servers/servers.sh): every captured
// transcript replays as it was captured, and the protocol paths that only real servers exercise (CRAM-MD5 with a
// real challenge, BDAT, relay denial, certificate checks) end as expected.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { actualTranscript } from '../../server/src/replay/actualTranscript';
import type { ReplayOptions, ReplayResult, SessionResult } from '../../server/src/replay/replayTypes';
import { requireServer, serverNames, type ServerName, type TestServer } from '../servers/available';

const CAPTURED = join(__dirname, '../../../test/fixtures/captured');

function optionsFor(server: TestServer, extra: Partial<ReplayOptions> = {}): ReplayOptions {
  return {
    env: { SMTP_TEST_CA: server.caFile, SMTP_TEST_PASSWORD: server.password },
    readFile: (path) => readFile(resolve(CAPTURED, path)),
    timeouts: { connectMs: 5000, replyMs: 10_000 },
    ...extra,
  };
}

async function replay(server: TestServer, text: string, extra: Partial<ReplayOptions> = {}): Promise<ReplayResult> {
  const result = await replayTranscript(parseTranscript(text), optionsFor(server, extra));
  const shown = JSON.stringify(result);
  const plain = Buffer.from(`\0${server.user}\0${server.password}`).toString('base64');
  for (const secret of [server.password, plain, Buffer.from(server.password).toString('base64')]) {
    assert.ok(!shown.includes(secret), `secret ${secret} leaked`);
  }
  return result;
}

/** Each session's status, and for anything but a pass its failed exchanges, so a failure explains itself. */
function verdicts(result: ReplayResult): string[] {
  return result.sessions.map((s: SessionResult) => {
    const problems = s.exchanges.filter((e) => e.status !== 'pass' && e.status !== 'skipped').map((e) => `line ${e.line + 1}: ${e.message}`);
    return [s.status, s.error?.message, ...problems].filter(Boolean).join(' / ');
  });
}

const target = (server: TestServer, port = server.port): string => `@server = ${server.host}\n@port = ${port}\n@ca = {{$env SMTP_TEST_CA}}\n`;

describe('captured transcripts replay against the servers they came from', () => {
  for (const file of readdirSync(CAPTURED).filter((f) => f.endsWith('.smtp')).sort()) {
    const name = serverNames.find((n) => file.startsWith(`${n}-`)) as ServerName;
    test(file, async (t) => {
      const server = await requireServer(t, name);
      if (!server) return;
      const result = await replay(server, await readFile(join(CAPTURED, file), 'utf8'));
      assert.deepEqual(verdicts(result), result.sessions.map(() => 'pass'));
    });
  }
});

describe('real servers', () => {
  test('Postfix: CRAM-MD5 answers the real challenge; strict matching of the replies', async (t) => {
    const server = await requireServer(t, 'postfix');
    if (!server) return;
    const text = `${target(server)}@tls = starttls
@match = strict
@password = {{$env SMTP_TEST_PASSWORD}}
S: 220 mx.test.local ESMTP *
C: EHLO client.test
S: 250-mx.test.local
S: ...
S: 250 CHUNKING
C: STARTTLS
S: 220 2.0.0 Ready to start TLS
C: EHLO client.test
S: 250-mx.test.local
S: ...
S: 250-AUTH PLAIN LOGIN CRAM-MD5
S: ...
S: 250 CHUNKING
C: AUTH CRAM-MD5
S: 334 /[A-Za-z0-9+\\/]+=*/
C: {{$cram-md5 ${server.user} {{password}}}}
S: 235 2.7.0 Authentication successful
C: QUIT
S: 221 2.0.0 Bye
S: <closed>
`;
    const result = await replay(server, text);
    assert.deepEqual(verdicts(result), ['pass']);
    const session = result.sessions[0];
    assert.equal(session.tls?.authorized, true);
    assert.deepEqual(session.wireLog.filter((e) => e.direction === 'C').map((e) => e.text), [
      'EHLO client.test',
      'STARTTLS',
      'EHLO client.test',
      'AUTH CRAM-MD5',
      '****',
      'QUIT',
    ]);
  });

  test('Postfix: a wrong CRAM-MD5 password is refused with 535', async (t) => {
    const server = await requireServer(t, 'postfix');
    if (!server) return;
    const text = `${target(server)}@tls = starttls\n@password = {{$env SMTP_TEST_PASSWORD}}-wrong
S: 220 *\nC: EHLO client.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250 *
C: AUTH CRAM-MD5\nS: 334 *\nC: {{$cram-md5 ${server.user} {{password}}}}\nS: 535 5.7.8 *\nC: QUIT\nS: 221 *\n`;
    assert.deepEqual(verdicts(await replay(server, text)), ['pass']);
  });

  test('Postfix: BDAT chunks, a counted one with an include, and the octet count in the reply', async (t) => {
    const server = await requireServer(t, 'postfix');
    if (!server) return;
    const text = `${target(server)}@match = strict
@requires = CHUNKING
S: 220 *
C: EHLO client.test
S: 250-mx.test.local
S: ...
S: 250 CHUNKING
C: MAIL FROM:<sender@test.local>
S: 250 2.1.0 Ok
C: RCPT TO:<alice@example.com>
S: 250 2.1.5 Ok
C: BDAT 11
C: Subject: BD
S: 250 2.0.0 Ok: 11 bytes
C: BDAT * LAST
C: AT
C:
< ./postfix-bdat.smtp
S: 250 2.0.0 Ok: * bytes queued as *
C: QUIT
S: 221 2.0.0 Bye
`;
    const result = await replay(server, text);
    assert.deepEqual(verdicts(result), ['pass']);
    const include = (await readFile(join(CAPTURED, 'postfix-bdat.smtp'), 'latin1')).replace(/\r?\n/g, '\r\n');
    const octets = 'Subject: BD'.length + 'AT\r\n\r\n'.length + Buffer.byteLength(include, 'latin1');
    assert.match(result.sessions[0].exchanges[5].actual[0], new RegExp(`^250 2\\.0\\.0 Ok: ${octets} bytes queued as \\w+$`));
  });

  test('aiosmtpd lacks CHUNKING: an @requires session is skipped and says why', async (t) => {
    const server = await requireServer(t, 'aiosmtpd');
    if (!server) return;
    const text = `${target(server)}@requires = CHUNKING\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: BDAT 4 LAST\nC: hi\nS: 250 *\n`;
    const session = (await replay(server, text)).sessions[0];
    assert.equal(session.status, 'skipped');
    assert.equal(session.skipReason, 'the server does not advertise CHUNKING (the session @requires CHUNKING)');
  });

  test('Exim: a pipelined group with a relay-denied recipient, and the actual transcript of the surprise', async (t) => {
    const server = await requireServer(t, 'exim');
    if (!server) return;
    const text = `${target(server)}S: 220 *
C: EHLO client.test
S: 250 *
C: MAIL FROM:<sender@test.local>
C: RCPT TO:<alice@example.com>
C: RCPT TO:<mallory@elsewhere.test>
S: 250 OK
S: 250 Accepted
S: 250 Accepted
C: QUIT
S: 221 *
`;
    const result = await replay(server, text);
    const session = result.sessions[0];
    assert.deepEqual(session.exchanges.map((e) => e.status), ['pass', 'pass', 'pass', 'pass', 'fail', 'skipped']);
    const denial = session.exchanges[4].actual;
    assert.match(denial[0], /^5\d\d /);
    const updated = actualTranscript(text, result);
    assert.equal(updated, text.replace('S: 250 Accepted\nS: 250 Accepted', `S: 250 Accepted\n${denial.map((l) => `S: ${l}`).join('\n')}`));
  });

  test('smtp-server over implicit TLS: the certificate is checked, and its details reported', async (t) => {
    const server = await requireServer(t, 'smtp-server');
    if (!server?.tlsPort) return;
    const text = `${target(server, server.tlsPort)}@tls = implicit\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: QUIT\nS: 221 *\n`;
    const session = (await replay(server, text)).sessions[0];
    assert.equal(session.status, 'pass');
    assert.equal(session.tls?.authorized, true);
    assert.match(session.tls?.certificate?.fingerprint ?? '', /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.deepEqual(session.timings.slice(0, 2).map((s) => s.step), ['connect', 'tls']);
  });

  test('certificate checks: no CA, or a name the certificate does not carry, is a tls-verify error', async (t) => {
    const server = await requireServer(t, 'postfix');
    if (!server) return;
    const withoutCa = `@server = ${server.host}\n@port = ${server.port}\n@tls = starttls\nS: 220 *\nC: EHLO client.test\nS: 250 *\nC: STARTTLS\nS: 220 *\nC: EHLO client.test\nS: 250 *\n`;
    const untrusted = (await replay(server, withoutCa)).sessions[0];
    assert.equal(untrusted.error?.kind, 'tls-verify');
    assert.deepEqual(untrusted.exchanges.map((e) => e.status), ['pass', 'pass', 'error', 'skipped']);
    assert.equal(untrusted.exchanges[2].error?.kind, 'tls-verify');
    const wrongName = `${target(server)}@tls-servername = mail.example.org\n${withoutCa.split('\n').slice(3).join('\n')}`;
    assert.equal((await replay(server, wrongName)).sessions[0].error?.kind, 'tls-verify');
  });
});
