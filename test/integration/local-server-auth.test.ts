// The local server's receiving checks with the repository's zone (test/fixtures/mailauth/auth.zone), offline:
// SPF pass/fail/softfail/none, DKIM pass/fail, DMARC pass/fail with alignment, the Authentication-Results header
// in the stored message, and an enforcing server refusing with the RFC 7372 code that fits - checked on the reply
// lines the client received.
import { test, describe, before, after } from 'node:test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTranscript } from '../../server/src/model/parseTranscript';
import { startLocalServer, type LocalServer } from '../../server/src/smtpTestServer/localServer';
import { replayTranscript } from '../../server/src/replay/replayTranscript';
import { zoneResolver } from '../../server/src/mailauth/zoneResolver';
import { ED25519_KEY, loadTestZone, RSA_KEY } from './mailauthFixtures';

let reporting: LocalServer;
let enforcing: LocalServer;
let mailDir: string;

interface Mail {
  mailFrom: string;
  from: string;
  /** `rsa` / `ed25519`: signed as signed.test by replay; `wrong-key`: the Ed25519 key under the RSA selector. */
  signed?: 'rsa' | 'ed25519' | 'wrong-key';
  expect?: string;
}

function transcript(mail: Mail): string {
  const signing =
    mail.signed === undefined
      ? ''
      : `@dkim-domain = signed.test\n@dkim-selector = ${mail.signed === 'ed25519' ? 'ed2026' : 'rsa2026'}\n@dkim-key = ${mail.signed === 'rsa' ? RSA_KEY : ED25519_KEY}\n`;
  return `${signing}S: 220 *
C: EHLO client.test
S: 250 *
C: MAIL FROM:<${mail.mailFrom}>
S: 250 *
C: RCPT TO:<bob@example.test>
S: 250 *
C: DATA
S: 354 *
C: From: <${mail.from}>
C: To: <bob@example.test>
C: Subject: authentication test
C:
C: Hello.
C: .
S: ${mail.expect ?? '250 *'}
C: QUIT
S: 221 *
`;
}

/** Replays each mail in turn (the new message is the server's last); the replies and verdicts. */
async function sendAll(server: LocalServer, mails: Mail[]) {
  const results = [];
  for (const mail of mails) results.push(await send(server, mail));
  return results;
}

/** Replays `mail` against `server`; the reply to the content, as the client received it, and the verdict. */
async function send(server: LocalServer, mail: Mail): Promise<{ reply: string; auth?: string; header?: string }> {
  const before = server.messages.length;
  const result = await replayTranscript(parseTranscript(transcript(mail)), {
    env: {},
    target: { host: '127.0.0.1', port: server.port },
    timeouts: { connectMs: 5000, replyMs: 5000 },
    readFile: (path) => readFile(path),
  });
  const session = result.sessions[0];
  assert.equal(session.status, 'pass', JSON.stringify(session, null, 1));
  const reply = session.exchanges[5].actual.join('\n');
  const stored = server.messages.slice(before);
  if (stored.length === 0) return { reply };
  const text = (await readFile(stored[0].file)).toString('latin1');
  return { reply, auth: stored[0].authentication, header: text.slice(0, text.indexOf('\r\nFrom: ') + 2) };
}

describe('receiving checks of the local server, DNS from the zone file', () => {
  before(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'local-auth-'));
    const resolver = zoneResolver(loadTestZone());
    reporting = await startLocalServer({ port: 0, tlsPort: 0, mailDir, authentication: { resolver, enforce: false } });
    enforcing = await startLocalServer({ port: 0, tlsPort: 0, mailDir, authentication: { resolver, enforce: true } });
  });
  after(async () => {
    await Promise.all([reporting.close(), enforcing.close()]);
    await rm(mailDir, { recursive: true, force: true });
  });

  test('SPF pass, fail, softfail and none, with DMARC following SPF alignment', async () => {
    assert.deepEqual(
      await sendAll(reporting, [
        { mailFrom: 'alice@signed.test', from: 'alice@signed.test' },
        { mailFrom: 'alice@elsewhere.test', from: 'alice@elsewhere.test' },
        { mailFrom: 'alice@soft.test', from: 'alice@soft.test' },
        { mailFrom: 'alice@nospf.test', from: 'alice@nospf.test' },
      ]).then((all) => all.map((r) => r.auth)),
      [
        'spf=pass dkim=none dmarc=pass arc=none',
        'spf=fail dkim=none dmarc=fail arc=none',
        'spf=softfail dkim=none dmarc=none arc=none',
        'spf=none dkim=none dmarc=none arc=none',
      ],
    );
  });

  test('the stored message starts with Received-SPF and Authentication-Results (RFC 8601)', async () => {
    const { header } = await send(reporting, { mailFrom: 'alice@signed.test', from: 'alice@signed.test' });
    assert.equal(
      header,
      'Received-SPF: pass (localhost: domain of alice@signed.test designates 127.0.0.1 as permitted sender) client-ip=127.0.0.1;\r\n' +
        'Authentication-Results: localhost;\r\n' +
        ' dkim=none (message not signed);\r\n' +
        ' spf=pass (localhost: domain of alice@signed.test designates 127.0.0.1 as permitted sender) smtp.mailfrom=alice@signed.test smtp.helo=client.test;\r\n' +
        ' dmarc=pass (p=REJECT arc=none) header.from=signed.test header.d=signed.test\r\n',
    );
  });

  test('DKIM pass (RSA and Ed25519) carries DMARC without SPF; an Ed25519 signature under the RSA key does not count (RFC 6376 §6.1.2)', async () => {
    const results = await sendAll(reporting, [
      { mailFrom: 'bounce@nospf.test', from: 'alice@signed.test', signed: 'rsa' },
      { mailFrom: 'bounce@nospf.test', from: 'alice@signed.test', signed: 'ed25519' },
      { mailFrom: 'bounce@nospf.test', from: 'alice@signed.test', signed: 'wrong-key' },
    ]);
    assert.deepEqual(
      results.map((r) => r.auth),
      ['spf=none dkim=pass dmarc=pass arc=none', 'spf=none dkim=pass dmarc=pass arc=none', 'spf=none dkim=neutral dmarc=fail arc=none'],
    );
  });

  test('DMARC alignment: an SPF pass for another domain does not count, a subdomain aligns relaxed', async () => {
    const results = await sendAll(reporting, [
      { mailFrom: 'alice@signed.test', from: 'alice@relaxed.test' },
      { mailFrom: 'alice@bounce.relaxed.test', from: 'alice@relaxed.test' },
    ]);
    assert.deepEqual(
      results.map((r) => r.auth),
      ['spf=pass dkim=none dmarc=fail arc=none', 'spf=pass dkim=none dmarc=pass arc=none'],
    );
  });

  test('an enforcing server refuses at the end of DATA with the RFC 7372 code that fits, and accepts what passes', async () => {
    const results = await sendAll(enforcing, [
      { mailFrom: 'alice@elsewhere.test', from: 'alice@elsewhere.test', expect: '550 5.7.26 *' },
      { mailFrom: 'alice@spfonly.test', from: 'alice@spfonly.test', expect: '550 5.7.23 *' },
      { mailFrom: 'alice@signed.test', from: 'alice@signed.test', signed: 'wrong-key', expect: '550 5.7.20 *' },
      { mailFrom: 'alice@nospf.test', from: 'alice@nospf.test', expect: '550 5.7.26 *' },
      { mailFrom: 'bounce@nospf.test', from: 'alice@signed.test', signed: 'rsa' },
    ]);
    assert.deepEqual(
      results.map((r) => [r.reply, r.auth]),
      [
        [
          "550 5.7.26 Unauthenticated email from elsewhere.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=fail, dkim=none)",
          undefined,
        ],
        ['550 5.7.23 SPF validation failed: localhost: domain of alice@spfonly.test does not designate 127.0.0.1 as permitted sender', undefined],
        ["550 5.7.20 No passing DKIM signature found (d=signed.test s=rsa2026: neutral, the key record's k=rsa does not fit a=ed25519-sha256 (RFC 6376 §3.6.1, §6.1.2))", undefined],
        ['550 5.7.26 Message not authenticated: neither SPF nor DKIM passed (spf=none, dkim=none)', undefined],
        [results[4].reply, 'spf=none dkim=pass dmarc=pass arc=none'],
      ],
    );
    assert.match(results[4].reply, /^250 2\.6\.0 Message stored as /);
  });

  test("Python's smtplib sends a message with no From: field, and one with 2,000 failing signatures: 550 5.7.1, and a 550 5.7.20 line of at most 512 octets, as the client reads them", async () => {
    const script = [
      'import smtplib, sys',
      'sig = "DKIM-Signature: v=1; a=rsa-sha256; d=signed.test; s=rsa2026; c=relaxed/relaxed; h=from; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\\r\\n"',
      'for message in ["Subject: no author\\r\\n\\r\\nhi\\r\\n", sig * 2000 + "From: <alice@signed.test>\\r\\nSubject: x\\r\\n\\r\\nhi\\r\\n"]:',
      `    s = smtplib.SMTP("127.0.0.1", ${enforcing.port}, local_hostname="client.test", timeout=20)`,
      '    try:',
      '        s.sendmail("alice@signed.test", ["b@example.com"], message)',
      '        print("accepted")',
      '    except smtplib.SMTPDataError as e:',
      '        text = e.smtp_error.decode()',
      '        print(e.smtp_code, len(("%d %s" % (e.smtp_code, text)).encode()) + 2, text[:100])',
      '    s.quit()',
    ].join('\n');
    const { stdout } = await promisify(execFile)('python3', ['-c', script], { timeout: 60_000 });
    const [noFrom, signatures] = stdout.trim().split('\n');
    assert.match(noFrom, /^550 \d+ 5\.7\.1 The message has no From: header field: a message needs one From: address/);
    const [code, octets, text] = [signatures.split(' ')[0], Number(signatures.split(' ')[1]), signatures.split(' ').slice(2).join(' ')];
    assert.deepEqual([code, octets <= 512, octets > 400, text.startsWith('5.7.20 No passing DKIM signature found (d=signed.test s=rsa2026: neutral')], ['550', true, true, true]);
  });

  test('an SPF fail with exp=: the refusal the client receives says the domain\'s explanation, bounded, as the domain\'s', async () => {
    const [refused] = await sendAll(enforcing, [{ mailFrom: 'alice@explained.test', from: 'alice@explained.test', expect: '550 5.7.23 *' }]);
    const explanation = "127.0.0.1 is not one of explained.test's mail servers (sender alice@explained.test, checked by localhost). Our policy: https://explained.test/mail-policy?why=spf&detail=the-address-is-not-listed-in...";
    assert.equal(explanation.length, 200);
    assert.deepEqual(refused.reply, `550 5.7.23 SPF validation failed: the domain explained.test explains: ${explanation}`);
  });
});
