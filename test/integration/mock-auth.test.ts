// The scripted server judges mail authentication (`smtp-transcript mock --zone FILE --enforce-auth`): Python's
// smtplib sends a message (DKIM-signed with the test key, or not) to a mock playing a transcript, DNS comes from the
// repository's zone, and the mock's verdict is compared with the transcript's reply to the message. Offline.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { dkimSignatureFor } from '../../server/src/mailauth/dkimSigning';
import { zoneResolver } from '../../server/src/mailauth/zoneResolver';
import { startScriptedServer } from '../../server/src/smtpTestServer/scriptedServer';
import type { PlayedSession } from '../../server/src/smtpTestServer/scriptedSession';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { spawnCli } from '../support/cli';
import { loadTestZone, RSA_KEY, ZONE_FILE } from './mailauthFixtures';

const run = promisify(execFile);

/** The message smtplib sends; signed as signed.test (selector rsa2026) when `signed`. */
async function message(from: string, signed: boolean): Promise<string> {
  const body = `From: <${from}>\r\nTo: <bob@example.test>\r\nSubject: mock authentication\r\nDate: Thu, 01 Jan 2026 00:00:00 +0000\r\n\r\nHello.\r\n`;
  if (!signed) return body;
  const signature = await dkimSignatureFor(Buffer.from(body), { domain: 'signed.test', selector: 'rsa2026', privateKeyPem: readFileSync(RSA_KEY, 'utf8') });
  return signature + body;
}

/** The transcript smtplib follows sending `content`, answering it with `reply` (refused: smtplib sends RSET). */
function transcript(mailFrom: string, content: string, reply: string): string {
  const lines = content.replace(/\r\n$/, '').split('\r\n').map((l) => `C: ${l.replace(/\*/g, '\\*')}`.trimEnd());
  return ['S: 220 mock.test ESMTP', 'C: EHLO client.test', 'S: 250 mock.test', `C: MAIL FROM:<${mailFrom}>`, 'S: 250 ok', 'C: RCPT TO:<bob@example.test>', 'S: 250 ok', 'C: DATA', 'S: 354 go ahead', ...lines, 'C: .', `S: ${reply}`, ...(reply.startsWith('2') ? [] : ['C: RSET', 'S: 250 ok']), 'C: QUIT', 'S: 221 bye', ''].join('\n');
}

/** Plays the transcript once and sends the message with smtplib; the mock's verdict and what smtplib was told. */
async function play(
  mailFrom: string,
  content: string,
  reply: string,
  written: (text: string) => string = (text) => text,
): Promise<{ result: Pick<PlayedSession, 'status' | 'deviation' | 'messages'>; client: string }> {
  const parsed = parseTranscript(written(transcript(mailFrom, content, reply)));
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
  const server = await startScriptedServer(parsed, {
    port: 0,
    env: {},
    timeoutMs: 5000,
    readInclude: () => Promise.reject(new Error('no includes here')),
    authentication: { resolver: zoneResolver(loadTestZone()), enforce: true },
  });
  const client = await smtplib(server.port, mailFrom, content);
  const [played] = await server.done;
  return { result: { status: played.status, deviation: played.deviation, messages: played.messages }, client };
}

/** Sends `content` with Python's smtplib; `accepted`, or the code and text of the refusal. */
async function smtplib(port: number, mailFrom: string, content: string): Promise<string> {
  const script = [
    'import smtplib, sys',
    `s = smtplib.SMTP("127.0.0.1", ${port}, local_hostname="client.test")`,
    'try:',
    `    s.sendmail("${mailFrom}", ["bob@example.test"], sys.stdin.buffer.read())`,
    '    print("accepted")',
    'except smtplib.SMTPDataError as e:',
    '    print(e.smtp_code, e.smtp_error.decode())',
    's.quit()',
  ].join('\n');
  const child = run('/usr/bin/python3', ['-c', script]);
  child.child.stdin?.end(content);
  const { stdout } = await child;
  return stdout.trim();
}

const REFUSAL =
  '550 5.7.26 Unauthenticated email from elsewhere.test is not accepted due to the domain\'s DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=fail, dkim=none)';

describe('the scripted server judges SPF, DKIM and DMARC (mock --zone --enforce-auth)', () => {
  test('a message signed as signed.test passes, and the transcript that accepts it passes', async () => {
    const { result, client } = await play('alice@signed.test', await message('alice@signed.test', true), '250 2.0.0 queued');
    assert.equal(client, 'accepted');
    assert.deepEqual(result, { status: 'pass', deviation: undefined, messages: [{ line: 24, summary: 'spf=pass dkim=pass dmarc=pass arc=none' }] });
  });

  test('an unsigned message from a p=reject domain whose SPF fails: accepting it is a finding', async () => {
    const { result, client } = await play('alice@elsewhere.test', await message('alice@elsewhere.test', false), '250 2.0.0 queued');
    assert.equal(client, 'accepted', 'the mock still answers with the transcript\'s line');
    assert.deepEqual(result, {
      status: 'fail',
      deviation: undefined,
      messages: [
        {
          line: 16,
          summary: 'spf=fail dkim=none dmarc=fail arc=none',
          refusal: REFUSAL,
          finding: `the message fails authentication (a strict receiver answers ${REFUSAL}) but the transcript accepts it with 250`,
        },
      ],
    });
  });

  test('the same message passes when the transcript expects 550 5.7.26, and the client is told so', async () => {
    const { result, client } = await play('alice@elsewhere.test', await message('alice@elsewhere.test', false), '550 5.7.26 DMARC says no');
    assert.equal(client, '550 5.7.26 DMARC says no');
    assert.deepEqual(result, { status: 'pass', deviation: undefined, messages: [{ line: 16, summary: 'spf=fail dkim=none dmarc=fail arc=none', refusal: REFUSAL }] });
  });

  test('a message with no From: field, whatever SPF says: accepting it is a finding (550 5.7.1); expecting that refusal passes', async () => {
    const content = 'To: <bob@example.test>\r\nSubject: no author\r\nDate: Thu, 01 Jan 2026 00:00:00 +0000\r\n\r\nHello.\r\n';
    const refusal = '550 5.7.1 The message has no From: header field: a message needs one From: address (RFC 5322 §3.6, §3.4.1), and DMARC its domain (RFC 7489 §6.6.1)';
    const accepted = await play('alice@signed.test', content, '250 2.0.0 queued');
    assert.deepEqual([accepted.client, accepted.result.status, accepted.result.messages?.map((m) => [m.summary, m.refusal, m.finding])], [
      'accepted',
      'fail',
      [['spf=pass dkim=none dmarc=none arc=none', refusal, `the message fails authentication (a strict receiver answers ${refusal}) but the transcript accepts it with 250`]],
    ]);
    const refused = await play('alice@signed.test', content, '550 5.7.1 no author');
    assert.deepEqual([refused.client, refused.result.status], ['550 5.7.1 no author', 'pass']);
  });

  test('content accepted by {{$any-lines}} is judged all the same', async () => {
    // The transcript says nothing of the content: one {{$any-lines}} line between DATA's 354 and the final dot.
    const anyContent = (text: string) => {
      const lines = text.split('\n');
      const from = lines.indexOf('S: 354 go ahead') + 1;
      const to = lines.indexOf('C: .');
      return [...lines.slice(0, from), 'C: {{$any-lines}}', ...lines.slice(to)].join('\n');
    };
    const { result, client } = await play('alice@elsewhere.test', await message('alice@elsewhere.test', false), '550 5.7.26 DMARC says no', anyContent);
    assert.equal(client, '550 5.7.26 DMARC says no');
    assert.deepEqual(result, { status: 'pass', deviation: undefined, messages: [{ line: 11, summary: 'spf=fail dkim=none dmarc=fail arc=none', refusal: REFUSAL }] });
  });

  test('a signed message the transcript refuses with 5.7.26 is a finding', async () => {
    const { result } = await play('alice@signed.test', await message('alice@signed.test', true), '550 5.7.26 DMARC says no');
    assert.deepEqual(result, {
      status: 'fail',
      deviation: undefined,
      messages: [{ line: 24, summary: 'spf=pass dkim=pass dmarc=pass arc=none', finding: 'the message passes authentication (spf=pass dkim=pass dmarc=pass arc=none) but the transcript refuses it with 550 5.7.26' }],
    });
  });

  test('smtp-transcript mock --zone --enforce-auth prints the verdict and the finding, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mock-auth-'));
    const file = join(dir, 'accepts.smtp');
    const content = await message('alice@elsewhere.test', false);
    writeFileSync(file, transcript('alice@elsewhere.test', content, '250 2.0.0 queued'));
    const child = spawnCli(['mock', file, '--port', '0', '--zone', ZONE_FILE, '--enforce-auth', '--write-cert', join(dir, 'cert.pem')]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    const port = await new Promise<number>((resolve) =>
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const found = /127\.0\.0\.1:(\d+)/.exec(stderr);
        if (found && stderr.includes('certificate')) resolve(Number(found[1]));
      }),
    );
    assert.equal(await smtplib(port, 'alice@elsewhere.test', content), 'accepted');
    assert.equal(await exit, 1);
    assert.deepEqual(stdout.split('\n').filter((l) => l.startsWith('      ')), [
      `      ${file}:17: message spf=fail dkim=none dmarc=fail arc=none; a strict receiver refuses it: ${REFUSAL}`,
      `      ${file}:17: the message fails authentication (a strict receiver answers ${REFUSAL}) but the transcript accepts it with 250`,
    ]);
  });

  test('a message in BDAT chunks is judged as the chunks joined (replay as the client)', async () => {
    const chunked = (reply: string) => `S: 220 mock.test ESMTP
C: EHLO client.test
S: 250-mock.test
S: 250 CHUNKING
C: MAIL FROM:<alice@elsewhere.test>
S: 250 ok
C: RCPT TO:<bob@example.test>
S: 250 ok
C: BDAT *
C: From: <alice@elsewhere.test>
C: Subject: chunks
C:
S: 250 ok
C: BDAT * LAST
C: Hello.
S: ${reply}
C: QUIT
S: 221 bye
`;
    const verdicts = [];
    for (const reply of ['250 2.0.0 queued', '550 5.7.26 DMARC says no']) {
      const server = await startScriptedServer(parseTranscript(chunked(reply)), {
        port: 0,
        env: {},
        timeoutMs: 5000,
        readInclude: () => Promise.reject(new Error('no includes here')),
        authentication: { resolver: zoneResolver(loadTestZone()), enforce: true },
      });
      const replayed = await replayTranscript(parseTranscript(chunked(reply)), { env: {}, target: { host: '127.0.0.1', port: server.port }, timeouts: { connectMs: 5000, replyMs: 5000 }, readFile: () => Promise.reject(new Error('none')) });
      assert.equal(replayed.sessions[0].status, 'pass');
      const [played] = await server.done;
      verdicts.push({ status: played.status, messages: played.messages });
    }
    assert.deepEqual(verdicts, [
      { status: 'fail', messages: [{ line: 15, summary: 'spf=fail dkim=none dmarc=fail arc=none', refusal: REFUSAL, finding: `the message fails authentication (a strict receiver answers ${REFUSAL}) but the transcript accepts it with 250` }] },
      { status: 'pass', messages: [{ line: 15, summary: 'spf=fail dkim=none dmarc=fail arc=none', refusal: REFUSAL }] },
    ]);
  });
});
