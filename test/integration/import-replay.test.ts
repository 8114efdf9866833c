// Imported captures replay green against the servers they were captured from (test/servers/servers.sh): the
// importer's output is a working test, credentials come from SMTP_PASSWORD, and no secret shows in the result.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { importTranscript } from '../../server/src/import';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import type { ReplayResult, TlsMode } from '../../server/src/replay/replayTypes';
import { requireServer, type ServerName, type TestServer } from '../servers/available';

const FIXTURES = join(__dirname, '../../../test/unit/import/fixtures');

interface Case {
  fixture: string;
  server: ServerName;
  /** The implicit-TLS port rather than the STARTTLS one. */
  implicitTls?: boolean;
  /** What the capture could not tell the importer (smtplib connected before its debug output was on). */
  tls?: TlsMode;
}

const cases: Case[] = [
  { fixture: 'swaks-postfix-starttls-auth-plain', server: 'postfix' },
  { fixture: 'swaks-postfix-pipeline', server: 'postfix' },
  { fixture: 'swaks-postfix-auth-login', server: 'postfix' },
  { fixture: 'swaks-postfix-auth-cram-md5', server: 'postfix' },
  { fixture: 'swaks-postfix-auth-plaintext', server: 'postfix' },
  { fixture: 'swaks-postfix-implicit-tls', server: 'postfix', implicitTls: true },
  { fixture: 'swaks-postfix-relay-denied', server: 'postfix' },
  { fixture: 'swaks-exim-rejected-550', server: 'exim' },
  { fixture: 'smtplib-postfix-connect-auth-plain', server: 'postfix' },
  { fixture: 'smtplib-postfix-implicit-tls', server: 'postfix', implicitTls: true },
  { fixture: 'smtplib-postfix-starttls-cram-md5', server: 'postfix' },
  { fixture: 'smtplib-postfix-ssl-auth-login', server: 'postfix', implicitTls: true, tls: 'implicit' },
  { fixture: 'smtplib-exim-rejected-550', server: 'exim' },
  { fixture: 'smtplib-smtp-server-debuglevel-2', server: 'smtp-server' },
  { fixture: 'curl-postfix-starttls-cram-md5-verbose', server: 'postfix' },
  { fixture: 'curl-postfix-starttls-plain-trace', server: 'postfix' },
  { fixture: 'curl-postfix-implicit-tls-trace', server: 'postfix', implicitTls: true },
  { fixture: 'curl-postfix-relay-denied-verbose', server: 'postfix' },
  { fixture: 'telnet-postfix', server: 'postfix' },
  { fixture: 'telnet-postfix-bdat', server: 'postfix' },
  { fixture: 'openssl-postfix-implicit-tls', server: 'postfix', implicitTls: true },
  { fixture: 'openssl-postfix-starttls', server: 'postfix' },
];

/** `via`: the port to connect to instead of the server's (a relay in front of it). */
async function replayImported(server: TestServer, item: Case, via?: number): Promise<ReplayResult> {
  const imported = importTranscript(readFileSync(join(FIXTURES, `${item.fixture}.txt`), 'utf8'));
  assert.notEqual(imported.text, '');
  const port = via ?? (item.implicitTls ? server.tlsPort : server.port);
  assert.ok(port, `${server.name} has no implicit-TLS port`);
  return replayTranscript(parseTranscript(imported.text), {
    env: { SMTP_PASSWORD: server.password },
    // The servers' ports come from their env file; the captures name the defaults of servers.sh.
    target: { host: via ? '127.0.0.1' : server.host, port, ...(item.tls ? { tls: item.tls } : {}) },
    extraCaPem: await readFile(server.caFile, 'utf8'),
    timeouts: { connectMs: 5000, replyMs: 10_000 },
  });
}

/** Each session's status, and for anything but a pass its failed exchanges, so a failure explains itself. */
function verdicts(result: ReplayResult): string[] {
  return result.sessions.map((session) => {
    const failed = session.exchanges.filter((e) => e.status !== 'pass' && e.status !== 'skipped').map((e) => `line ${e.line + 1}: ${e.message}`);
    return [session.status, session.error?.message, ...failed].filter(Boolean).join(' / ');
  });
}

describe('imported captures replay against the server they came from', () => {
  for (const item of cases) {
    test(item.fixture, async (t) => {
      const server = await requireServer(t, item.server);
      if (!server) return;
      const result = await replayImported(server, item);
      assert.deepEqual(verdicts(result), ['pass']);
      const shown = JSON.stringify(result);
      for (const secret of [server.password, Buffer.from(server.password).toString('base64'), Buffer.from(`\0${server.user}\0${server.password}`).toString('base64')]) {
        assert.ok(!shown.includes(secret), `${secret} in the replay result`);
      }
    });
  }

  test('the telnet capture with BDAT: its replay sends Postfix exactly the octets typed in telnet, chunks included', async (t) => {
    const server = await requireServer(t, 'postfix');
    if (!server) return;
    // A plain relay on loopback in front of Postfix keeps what the client sent.
    const sent: Buffer[] = [];
    const relay = createServer((client) => {
      const upstream = connect(server.port, server.host);
      client.on('data', (chunk: Buffer) => sent.push(chunk));
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const result = await replayImported(server, { fixture: 'telnet-postfix-bdat', server: 'postfix' }, (relay.address() as AddressInfo).port);
      assert.deepEqual(verdicts(result), ['pass']);
    } finally {
      await new Promise((resolve) => relay.close(resolve));
    }
    // The lines terminal-session.py typed (test/unit/import/fixtures/README.md), each ended by CRLF as telnet sends it.
    const typed = [
      'EHLO client.test',
      'MAIL FROM:<s@test.local>',
      'RCPT TO:<a@example.com>',
      'BDAT 76',
      'From: <s@test.local>',
      'To: <a@example.com>',
      'Subject: BDAT typed in telnet',
      '',
      'BDAT 78 LAST',
      '250 lines in a chunk are content, not replies.',
      '.',
      'Trying 127.0.0.1...',
      'QUIT',
      'QUIT',
    ];
    assert.equal(Buffer.concat(sent).toString('latin1'), typed.map((line) => `${line}\r\n`).join(''));
  });

  test('the capture of a failed AUTH replays as a success with the right password, as its import warns', async (t) => {
    const server = await requireServer(t, 'postfix');
    if (!server) return;
    const result = await replayImported(server, { fixture: 'swaks-postfix-auth-failed', server: 'postfix' });
    const auth = result.sessions[0].exchanges.find((e) => e.status === 'fail');
    assert.deepEqual([auth?.expected, auth?.actual], [['535 5.7.8 Error: authentication failed: authentication failure'], ['235 2.7.0 Authentication successful']]);
  });
});
