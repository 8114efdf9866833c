// Replay against the built-in local server (on 127.0.0.1): plain, STARTTLS and implicit TLS with the
// server's certificate as the only extra CA, AUTH, pipelining, rejections, and TLS verification on by default.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startLocalServer, type LocalServer } from '../../server/src/smtpTestServer/localServer';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { actualTranscript } from '../../server/src/replay/actualTranscript';
import type { ReplayOptions, ReplayResult, SessionResult } from '../../server/src/replay/replayTypes';

const PASSWORD = 'testpass';
let server: LocalServer;
let mailDir: string;

function options(extra: Partial<ReplayOptions> = {}): ReplayOptions {
  return {
    env: { SMTP_PASSWORD: PASSWORD },
    target: { host: '127.0.0.1', port: server.port },
    extraCaPem: server.certificatePem,
    timeouts: { connectMs: 5000, replyMs: 5000 },
    readFile: (path) => readFile(join(mailDir, path)),
    ...extra,
  };
}

async function replay(text: string, extra: Partial<ReplayOptions> = {}): Promise<ReplayResult> {
  const result = await replayTranscript(parseTranscript(text), options(extra));
  const shown = JSON.stringify(result);
  for (const secret of [PASSWORD, Buffer.from(PASSWORD).toString('base64'), Buffer.from(`\0testuser\0${PASSWORD}`).toString('base64')]) {
    assert.ok(!shown.includes(secret), `secret ${secret} leaked: ${shown}`);
  }
  return result;
}

function outline(session: SessionResult) {
  return { status: session.status, error: session.error?.kind, exchanges: session.exchanges.map((e) => `${e.status} ${e.actual[0] ?? ''}`.trim()) };
}

const EHLO = 'C: EHLO client.test\nS: 250-localhost *\nS: ...\nS: 250 *';
const STARTTLS = `${EHLO}\nC: STARTTLS\nS: 220 2.0.0 Ready to start TLS\n${EHLO}`;

describe('replay against the local server', () => {
  before(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'replay-local-'));
    server = await startLocalServer({ port: 0, tlsPort: 0, mailDir });
  });
  after(async () => {
    await server.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  test('plain delivery with a dot-stuffed line, an include and the server closing after QUIT', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(mailDir, 'body.txt'), 'from the include\n.starts with a dot\n');
    const result = await replay(`@match = strict
S: 220 localhost ESMTP smtp-transcripts local test server
${EHLO}
C: MAIL FROM:<sender@client.test>
S: 250 2.1.0 Accepted
C: RCPT TO:<alice@example.com>
S: 250 2.1.5 Accepted
C: DATA
S: 354 End data with <CR><LF>.<CR><LF>
C: Subject: plain
C:
C: ..hidden dot
< ./body.txt
C: .
S: 250 2.6.0 Message stored as *
C: QUIT
S: 221 2.0.0 Bye
S: <closed>
`);
    assert.deepEqual(outline(result.sessions[0]), {
      status: 'pass',
      error: undefined,
      exchanges: [
        'pass 220 localhost ESMTP smtp-transcripts local test server',
        'pass 250-localhost Nice to meet you, [127.0.0.1]',
        'pass 250 2.1.0 Accepted',
        'pass 250 2.1.5 Accepted',
        'pass 354 End data with <CR><LF>.<CR><LF>',
        `pass ${result.sessions[0].exchanges[5].actual[0]}`,
        'pass 221 2.0.0 Bye',
        'pass <closed>',
      ],
    });
    assert.match(result.sessions[0].exchanges[5].actual[0], /^250 2\.6\.0 Message stored as \S+$/);
    const stored = await readFile(server.messages[server.messages.length - 1].file, 'utf8');
    assert.equal(stored, 'Subject: plain\r\n\r\n.hidden dot\r\nfrom the include\r\n.starts with a dot\r\n');
  });

  test('STARTTLS verified against the server certificate, then AUTH PLAIN', async () => {
    const result = await replay(`@user = testuser
@password = {{$env SMTP_PASSWORD}}
S: 220 *
${STARTTLS}
C: AUTH PLAIN {{$plain {{user}} {{password}}}}
S: 235 2.7.0 Authentication successful
C: QUIT
S: 221 *
`);
    const session = result.sessions[0];
    assert.equal(session.status, 'pass');
    assert.equal(session.insecure, undefined);
    assert.equal(session.tls?.authorized, true);
    assert.equal(session.tls?.certificate?.subject, 'CN=localhost');
    assert.deepEqual(session.timings.map((t) => t.step), ['connect', 'reply', 'reply', 'reply', 'tls', 'reply', 'reply', 'reply']);
    assert.deepEqual(
      session.wireLog.filter((e) => e.direction === 'C').map((e) => `${e.tls ? 'tls' : 'plain'} ${e.text}`),
      ['plain EHLO client.test', 'plain STARTTLS', 'tls EHLO client.test', 'tls AUTH PLAIN ****', 'tls QUIT'],
    );
  });

  test('implicit TLS with AUTH LOGIN and CRAM-MD5 computed from the real challenge', async () => {
    const result = await replay(`@tls = implicit
@user = testuser
@password = {{$env SMTP_PASSWORD}}
S: 220 *
C: EHLO client.test
S: 250 *
C: AUTH LOGIN
S: 334 VXNlcm5hbWU6
C: {{$base64 {{user}}}}
S: 334 UGFzc3dvcmQ6
C: {{$base64 {{password}}}}
S: 235 2.7.0 Authentication successful
C: RSET
S: 250 *
C: QUIT
S: 221 *

### CRAM-MD5
@tls = implicit
S: 220 *
C: EHLO client.test
S: 250 *
C: AUTH CRAM-MD5
S: 334 *
C: {{$cram-md5 {{user}} {{password}}}}
S: 235 2.7.0 Authentication successful
C: QUIT
S: 221 *
`, { target: { host: '127.0.0.1', port: server.tlsPort } });
    assert.deepEqual(result.sessions.map((s) => s.status), ['pass', 'pass']);
    assert.equal(result.sessions[0].tls?.authorized, true);
    assert.deepEqual(result.sessions[0].exchanges[3].sent, ['****']);
  });

  test('pipelined MAIL, RCPT, DATA with a rejected recipient', async () => {
    const result = await replay(`S: 220 *
${EHLO}
C: MAIL FROM:<sender@client.test>
C: RCPT TO:<alice@example.com>
C: RCPT TO:<nobody@reject.test>
C: DATA
S: 250 2.1.0 Accepted
S: 250 2.1.5 Accepted
S: 550 5.1.1 *
S: 354 *
C: Subject: pipelined
C:
C: body
C: .
S: 250 *
C: QUIT
S: 221 *
`);
    assert.equal(result.sessions[0].status, 'pass');
    assert.deepEqual(result.sessions[0].exchanges.slice(2, 6).map((e) => e.actual[0].slice(0, 9)), ['250 2.1.0', '250 2.1.5', '550 5.1.1', '354 End d']);
    const clientWrites = result.sessions[0].wireLog.filter((e) => e.direction === 'C').map((e) => e.text);
    assert.deepEqual(clientWrites.slice(1, 5), ['MAIL FROM:<sender@client.test>', 'RCPT TO:<alice@example.com>', 'RCPT TO:<nobody@reject.test>', 'DATA']);
  });

  test('QUIT pipelined after the message\'s final dot goes out with it and gets its own reply', async () => {
    const result = await replay(`S: 220 *
${EHLO}
C: MAIL FROM:<sender@client.test>
S: 250 *
C: RCPT TO:<alice@example.com>
S: 250 *
C: DATA
S: 354 *
C: Subject: pipelined quit
C:
C: body
C: .
C: QUIT
S: 250 2.6.0 *
S: 221 2.0.0 *
`, { timeouts: { replyMs: 2000 } });
    assert.equal(result.sessions[0].status, 'pass', JSON.stringify(result.sessions[0].exchanges.map((e) => e.message)));
    assert.deepEqual(result.sessions[0].exchanges.slice(-2).map((e) => [e.kind, e.actual[0].slice(0, 9)]), [['message', '250 2.6.0'], ['command', '221 2.0.0']]);
  });

  test('an unexpected rejection fails, ends the session with QUIT, and updates the actual transcript', async () => {
    const text = `S: 220 *
C: EHLO client.test
S: 250 *
C: MAIL FROM:<sender@client.test>
S: 250 *
C: RCPT TO:<nobody@reject.test>
S: 250 2.1.5 Ok
C: QUIT
S: 221 *
`;
    const result = await replay(text);
    const session = result.sessions[0];
    assert.deepEqual(session.exchanges.map((e) => e.status), ['pass', 'pass', 'pass', 'fail', 'skipped']);
    assert.equal(session.exchanges[3].message, 'expected reply code 250, got 550: 550 5.1.1 <nobody@reject.test>: recipient rejected: reject.test is a rejecting test domain');
    assert.deepEqual(session.wireLog.filter((e) => e.direction !== 'info').slice(-2).map((e) => e.text), ['QUIT', '221 2.0.0 Bye']);
    assert.equal(
      actualTranscript(text, result),
      text.replace('S: 250 2.1.5 Ok', 'S: 550 5.1.1 <nobody@reject.test>: recipient rejected: reject.test is a rejecting test domain'),
    );
  });

  test('strict mode: the updated transcript keeps the wildcards that still match, and replays green', async () => {
    const text = `@match = strict
S: 220 localhost *
C: EHLO client.test
S: 250-localhost Nice to meet you, *
S: 250 NO-SUCH-EXTENSION
C: QUIT
S: 221 2.0.0 *
`;
    const first = await replay(text);
    assert.deepEqual(first.sessions[0].exchanges.map((e) => e.status), ['pass', 'fail', 'skipped']);
    const updated = actualTranscript(text, first);
    const ehlo = updated.split('\n').filter((line) => line.startsWith('S: 250'));
    assert.deepEqual(ehlo.slice(0, 1), ['S: 250-localhost Nice to meet you, *']);
    assert.deepEqual(ehlo.slice(1), first.sessions[0].exchanges[1].actual.slice(1).map((line) => `S: ${line}`));
    assert.equal((await replay(updated)).status, 'pass');
  });

  test('a wrong password: the AUTH failure is a failed expectation, nothing leaks', async () => {
    const result = await replay(`@password = {{$env SMTP_PASSWORD}}x
S: 220 *
${STARTTLS}
C: AUTH PLAIN {{$plain testuser {{password}}}}
S: 235 *
`);
    assert.equal(result.sessions[0].status, 'fail');
    assert.match(result.sessions[0].exchanges[4].actual[0], /^535 /);
  });

  test('TLS verification fails without the CA, and passes loudly insecure when opted in', async () => {
    const text = `S: 220 *\n${STARTTLS}\nC: QUIT\nS: 221 *\n`;
    const verified = await replay(text, { extraCaPem: undefined });
    const error = {
      kind: 'tls-verify',
      message: `the certificate of 127.0.0.1:${server.port} is not trusted: self-signed certificate - trust its CA with --ca FILE or \`@ca = FILE\`, or skip verification with --insecure-tls`,
      line: 5,
    };
    assert.deepEqual(verified.sessions[0].error, error);
    assert.equal(verified.sessions[0].status, 'error');
    // The failed handshake is the STARTTLS exchange's failure, at its line.
    const starttls = verified.sessions[0].exchanges[2];
    assert.deepEqual([starttls.line, starttls.status, starttls.message, starttls.error], [5, 'error', error.message, error]);
    const insecure = await replay(text, { extraCaPem: undefined, insecureTls: ({ host }) => host === '127.0.0.1' });
    assert.equal(insecure.sessions[0].status, 'pass');
    assert.equal(insecure.sessions[0].insecure, true);
    assert.equal(insecure.sessions[0].tls?.authorized, false);
  });

  test('@requires skips a session when the EHLO reply lacks the keyword', async () => {
    const result = await replay(`@requires = REQUIRETLS
S: 220 *
C: EHLO client.test
S: 250 *
C: BDAT 4 LAST
C: Hi
S: 250 *
`);
    const session = result.sessions[0];
    assert.equal(session.status, 'skipped');
    assert.equal(session.skipReason, 'the server does not advertise REQUIRETLS (the session @requires REQUIRETLS)');
    assert.deepEqual(session.exchanges.map((e) => e.status), ['pass', 'pass', 'skipped']);
  });

  test('keepGoing runs on past a failed expectation; content is not sent to a server that refused DATA', async () => {
    const result = await replay(`S: 220 *
C: EHLO client.test
S: 250 *
C: MAIL FROM:<sender@client.test>
S: 250 *
C: RCPT TO:<nobody@reject.test>
S: 250 *
C: DATA
S: 354 *
C: Subject: never sent
C: .
S: 250 *
C: NOOP
S: 250 *
`, { keepGoing: true });
    const session = result.sessions[0];
    assert.equal(session.status, 'fail');
    assert.deepEqual(session.exchanges.map((e) => `${e.kind} ${e.status} ${e.actual[0]?.slice(0, 3) ?? ''}`.trim()), [
      'greeting pass 220',
      'command pass 250',
      'command pass 250',
      'command fail 550',
      'command fail 503',
      'message skipped',
      'command pass 250',
    ]);
    assert.equal(session.exchanges[5].message, 'not sent: the server did not answer DATA with 354');
  });

  test('C: <close> drops the connection without QUIT', async () => {
    const result = await replay(`S: 220 *\nC: EHLO client.test\nS: 250 *\nC: <close>\n`);
    const session = result.sessions[0];
    assert.deepEqual(session.exchanges.map((e) => `${e.kind} ${e.status}`), ['greeting pass', 'command pass', 'client-close pass']);
    assert.deepEqual(session.wireLog.filter((e) => e.direction === 'C').map((e) => e.text), ['EHLO client.test']);
  });

  test('C: <close> inside DATA content: the content goes out without `.`, and the server stores nothing of it', async () => {
    const before = server.received;
    const text = `S: 220 *\n${EHLO}\nC: MAIL FROM:<a@client.test>\nS: 250 *\nC: RCPT TO:<b@example.com>\nS: 250 *\nC: DATA\nS: 354 *\nC: Subject: half\nC:\nC: ..dot\nC: <close>\n`;
    const session = (await replay(text)).sessions[0];
    assert.deepEqual(session.exchanges.slice(-2).map((e) => [e.kind, e.status, e.sent, e.message]), [
      ['message', 'pass', ['Subject: half', '', '..dot'], 'sent the content without the final `.`, then closed the connection (C: <close>): the message is incomplete, and no reply is awaited'],
      ['client-close', 'pass', ['<close>'], 'closed the connection inside the message content, without the final `.`'],
    ]);
    // A whole message after it is stored: the one before was not.
    await replay(`S: 220 *\n${EHLO}\nC: MAIL FROM:<a@client.test>\nS: 250 *\nC: RCPT TO:<b@example.com>\nS: 250 *\nC: DATA\nS: 354 *\nC: Subject: whole\nC: .\nS: 250 *\nC: QUIT\nS: 221 *\n`);
    const newest = server.messages[server.messages.length - 1];
    assert.deepEqual([server.received - before, (await readFile(newest.file, 'utf8')).split('\r\n')[0]], [1, 'Subject: whole']);
  });

  test('S: <closed> fails when the server keeps the connection open', async () => {
    const text = `S: 220 *\nC: NOOP\nS: 250 *\n@timeout = 300ms\nS: <closed>\n`;
    const result = await replay(text);
    const close = result.sessions[0].exchanges[2];
    assert.deepEqual(
      { kind: close.kind, status: close.status, line: close.line, message: close.message },
      { kind: 'close', status: 'fail', line: 4, message: 'expected the server to close the connection, it kept it open for 300 ms' },
    );
    assert.equal(actualTranscript(text, result), text.replace('S: <closed>\n', ''));
  });

  test('cancellation drops the connection at once', async () => {
    const controller = new AbortController();
    const result = await replay(`S: 220 *\n${EHLO}\nC: NOOP\nS: 250 *\n`, {
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'exchange' && event.result.kind === 'greeting') controller.abort();
      },
    });
    assert.equal(result.sessions[0].error?.kind, 'cancelled');
  });
});
