// `smtp-transcript auth`, and the local server's receiving checks from the CLI (`replay --local --zone
// --enforce-auth`, `serve --enforce-auth`), with the repository's zone file: no real DNS anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { dkimSignatureFor } from '../../server/src/mailauth/dkimSigning';
import { startLocalServer } from '../../server/src/smtpTestServer/localServer';
import { REPO, runCli, spawnCli } from '../support/cli';

const FIXTURES = path.join(REPO, 'test/fixtures/mailauth');
const ZONE = path.join(FIXTURES, 'auth.zone');

async function signedMessage(dir: string, body: string, { from = 'alice@signed.test', domain = 'signed.test' } = {}): Promise<string> {
  const message = Buffer.from(`From: <${from}>\r\nTo: <bob@example.test>\r\nSubject: hi\r\n\r\n${body}\r\n`);
  const key = readFileSync(path.join(FIXTURES, 'ed25519-test-only.key.pem'), 'utf8');
  const signature = await dkimSignatureFor(message, { domain, selector: 'ed2026', privateKeyPem: key, headers: ['From', 'To', 'Subject'] }, new Date('2026-01-01T00:00:00Z'));
  const file = path.join(dir, 'signed.eml');
  writeFileSync(file, Buffer.concat([Buffer.from(signature), message]));
  return file;
}

test('auth: each result with its reason and record, the DNS questions, the verdict; exit 0 when accepted', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const file = await signedMessage(dir, 'Hello.');
  const run = await runCli(['auth', file, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', ZONE]);
  assert.deepEqual(run, {
    code: 0,
    stderr: '',
    stdout: `${file}: from <bounce@soft.test> at 127.0.0.1 (HELO client.test)
spf=softfail (soft.test): localhost: domain of transitioning bounce@soft.test does not designate 127.0.0.1 as permitted sender
  record: soft.test TXT "v=spf1 ~all"
  matched: ~all
spf=none (HELO client.test): localhost: client.test does not designate permitted sender hosts
dkim=pass d=signed.test s=ed2026 a=ed25519-sha256, aligned with From
  key: ed2026._domainkey.signed.test
dmarc=pass header.from=signed.test p=reject: DKIM aligned (signed.test)
  record: _dmarc.signed.test TXT "v=DMARC1; p=reject; adkim=s; aspf=r"
arc=none
DNS questions:
  _dmarc.signed.test TXT -> "v=DMARC1; p=reject; adkim=s; aspf=r"
  client.test TXT -> NXDOMAIN
  ed2026._domainkey.signed.test TXT -> "v=DKIM1; k=ed25519; p=vdyhPcFBKIJxOXn5FHofXHOkLaVLteJP+vTjIasrXRY="
  soft.test TXT -> "v=spf1 ~all"
A strict receiver accepts it.

Received-SPF: softfail (localhost: domain of transitioning bounce@soft.test does not designate 127.0.0.1 as permitted sender) client-ip=127.0.0.1;
Authentication-Results: localhost;
 dkim=pass header.i=@signed.test header.s=ed2026 header.a=ed25519-sha256 header.b=gjqSWXSy;
 spf=softfail (localhost: domain of transitioning bounce@soft.test does not designate 127.0.0.1 as permitted sender) smtp.mailfrom=bounce@soft.test
 smtp.helo=client.test;
 dmarc=pass (p=REJECT arc=none) header.from=signed.test header.d=signed.test
`,
  });
});

test('auth: a tampered body fails DKIM and DMARC; exit 1 with the code a strict receiver answers', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const file = await signedMessage(dir, 'Hello.');
  writeFileSync(file, readFileSync(file, 'latin1').replace('Hello.', 'Hello!'), 'latin1');
  const run = await runCli(['auth', file, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', ZONE, '--json']);
  assert.equal(run.code, 1);
  const json = JSON.parse(run.stdout);
  assert.deepEqual(
    { spf: json.spf.result, dkim: json.dkim, dmarc: json.dmarc.result, strictReceiver: json.strictReceiver },
    {
      spf: 'softfail',
      dkim: [{ result: 'neutral', domain: 'signed.test', selector: 'ed2026', algorithm: 'ed25519-sha256', aligned: true, reason: 'body hash did not verify' }],
      dmarc: 'fail',
      strictReceiver: {
        code: 550,
        enhanced: '5.7.26',
        text: "Unauthenticated email from signed.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=softfail, dkim=neutral)",
      },
    },
  );
});

test('auth: strict alignment (adkim=s, aspf=s) takes only the From domain itself: a subdomain\'s SPF pass and signature fail DMARC', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const file = await signedMessage(dir, 'Hello.', { from: 'alice@strict.test', domain: 'mail.strict.test' });
  const auth = (mailFrom: string) => runCli(['auth', file, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', mailFrom, '--zone', ZONE]);
  const subdomain = await auth('bounce@bounce.strict.test');
  assert.equal(subdomain.code, 1, subdomain.stdout + subdomain.stderr);
  const lines = (text: string, pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line));
  assert.deepEqual(lines(subdomain.stdout, /^(spf|dkim|dmarc)=|^A strict receiver| dmarc=/), [
    'spf=pass (bounce.strict.test): localhost: domain of bounce@bounce.strict.test designates 127.0.0.1 as permitted sender',
    'spf=none (HELO client.test): localhost: client.test does not designate permitted sender hosts',
    'dkim=pass d=mail.strict.test s=ed2026 a=ed25519-sha256, not aligned with From',
    'dmarc=fail header.from=strict.test p=reject: neither SPF nor DKIM aligned with From',
    "A strict receiver refuses it: 550 5.7.26 Unauthenticated email from strict.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=pass)",
    ' dmarc=fail (p=REJECT arc=none) header.from=strict.test header.d=strict.test',
  ]);
  // The envelope in the From domain itself aligns.
  const exact = await auth('bounce@strict.test');
  assert.equal(exact.code, 0, exact.stdout + exact.stderr);
  assert.deepEqual(lines(exact.stdout, /^dmarc=|^A strict receiver| dmarc=/), [
    'dmarc=pass header.from=strict.test p=reject: SPF aligned (strict.test)',
    'A strict receiver accepts it.',
    ' dmarc=pass (p=REJECT arc=none) header.from=strict.test header.d=strict.test',
  ]);
});

test('auth: DMARC names the From domain, and the record where it was found (the organizational domain\'s)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const file = path.join(dir, 'sub.eml');
  writeFileSync(file, 'From: <alice@news.relaxed.test>\r\nSubject: hi\r\n\r\nHello.\r\n');
  const run = await runCli(['auth', file, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'a@bounce.relaxed.test', '--zone', ZONE]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.deepEqual(run.stdout.split('\n').filter((line) => /dmarc/.test(line) && !line.startsWith('  _dmarc')), [
    'dmarc=pass header.from=news.relaxed.test p=reject: SPF aligned (bounce.relaxed.test)',
    '  record: _dmarc.relaxed.test TXT "v=DMARC1; p=reject"',
    ' dmarc=pass (p=REJECT arc=none) header.from=news.relaxed.test header.d=news.relaxed.test',
  ]);
});

test('auth: no From: header, one without an address, an address without a domain name: DMARC has no author domain, and a strict receiver refuses the message', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const cases: Array<[string, string, string]> = [
    ['Subject: no author', 'the message has no From: header field', 'The message has no From: header field'],
    ['From: undisclosed', 'the From: header field holds no address', 'The From: header field holds no address'],
    ['From: <a@sig[31mned.test>', 'the From: address a@sig[31mned.test has no domain name', 'The From: address a@sig[31mned.test has no domain name'],
  ];
  for (const [header, why, refusal] of cases) {
    const file = path.join(dir, 'no-author.eml');
    writeFileSync(file, `${header}\r\nSubject: x\r\n\r\nHello.\r\n`);
    const run = await runCli(['auth', file, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', ZONE]);
    assert.equal(run.code, 1, header);
    assert.deepEqual(run.stdout.split('\n').filter((line) => /^dmarc=|^A strict receiver/.test(line)), [
      `dmarc=none: ${why}, so DMARC has no author domain to check (RFC 7489 §6.6.1)`,
      `A strict receiver refuses it: 550 5.7.1 ${refusal}: a message needs one From: address (RFC 5322 §3.6, §3.4.1), and DMARC its domain (RFC 7489 §6.6.1)`,
    ]);
    // No policy is looked up for a domain there is none of (mailauth would ask for `_dmarc.null`).
    assert.doesNotMatch(run.stdout, /_dmarc\./, header);
  }
});

test('auth: a second From: above the signed one (RFC 6376 §8.15) passes DKIM but is refused: DMARC needs one author', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const file = await signedMessage(dir, 'Hello.');
  writeFileSync(file, readFileSync(file, 'latin1').replace('From: <alice@signed.test>', 'From: <ceo@evil.test>\r\nFrom: <alice@signed.test>'), 'latin1');
  const run = await runCli(['auth', file, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', ZONE]);
  assert.equal(run.code, 1);
  assert.deepEqual(run.stdout.split('\n').filter((line) => /^(dkim|dmarc)=|^A strict receiver/.test(line)), [
    'dkim=pass d=signed.test s=ed2026 a=ed25519-sha256, not aligned with From',
    'dmarc=none: the From: header fields name 2 addresses (ceo@evil.test, alice@signed.test), so DMARC has no one author domain to check (RFC 7489 §6.6.1)',
    'A strict receiver refuses it: 550 5.7.26 The From: header fields name 2 addresses (ceo@evil.test, alice@signed.test): DMARC needs one author domain (RFC 7489 §6.6.1)',
  ]);
});

test('auth: bad usage and a zone file with mistakes are one clear message each, exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const badZone = path.join(dir, 'bad.zone');
  writeFileSync(badZone, 'ok.test TXT "v=spf1 -all"\nexample.test MX mx.example.test\n@ TXT "x"\n');
  // A name with an escape sequence in it: shown as \x1b, not obeyed by the terminal.
  writeFileSync(path.join(dir, 'escape.zone'), 'evil\x1b[2J.test TXT "x"\n');
  writeFileSync(path.join(dir, 'binary.zone'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
  const cases: Array<[string[], string]> = [
    [['auth', 'm.eml', '--helo', 'h.test', '--mail-from', 'a@b.test', '--zone', ZONE], "smtp-transcript auth: --ip is required: the SMTP client's address\n"],
    [['auth', 'm.eml', '--ip', '300.1.1.1', '--helo', 'h.test', '--mail-from', 'a@b.test', '--zone', ZONE], "smtp-transcript auth: --ip takes an IPv4 or IPv6 address, not '300.1.1.1'\n"],
    [['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'h.test', '--mail-from', 'a@b.test'], 'smtp-transcript auth: say where DNS answers come from: --zone FILE (offline) or --real-dns\n'],
    [['auth', 'missing.eml', '--ip', '127.0.0.1', '--helo', 'h.test', '--mail-from', '<>', '--zone', ZONE], 'smtp-transcript auth: missing.eml: no such file or directory\n'],
    [
      ['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'h.test', '--mail-from', 'a@b.test', '--zone', 'bad.zone'],
      'smtp-transcript auth: --zone bad.zone has 2 problem(s):\n' +
        '  bad.zone:2: an MX record is `name MX priority host` (RFC 1035 §3.3.9), e.g. `example.test MX 10 mx.example.test`\n' +
        '  bad.zone:3: `@` is not supported here: write every name in full, e.g. `example.test`\n',
    ],
    [
      ['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'h.test', '--mail-from', 'a@b.test', '--zone', 'escape.zone'],
      'smtp-transcript auth: --zone escape.zone has 1 problem(s):\n  escape.zone:1: `evil\\x1b[2J.test` is not a domain name\n',
    ],
    [
      ['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'h.test', '--mail-from', 'a@b.test', '--zone', 'binary.zone'],
      'smtp-transcript auth: --zone binary.zone has 1 problem(s):\n  binary.zone:1: this is no zone file: it holds NUL bytes or mostly control characters; a zone file is text, a `name [TTL] [IN] TYPE value` record a line\n',
    ],
    [['serve', '--enforce-auth'], 'smtp-transcript serve: --enforce-auth judges messages with DNS answers: add --zone FILE (or --real-dns)\n'],
    [['replay', '--enforce-auth', 'x.smtp'], 'smtp-transcript replay: --enforce-auth makes the local server refuse failing messages: use it with --local\n'],
  ];
  for (const [args, stderr] of cases) {
    assert.deepEqual(await runCli(args, { cwd: dir }), { code: 2, stdout: '', stderr }, args.join(' '));
  }
  const help = await runCli(['auth', '--help']);
  assert.ok(
    help.stdout.endsWith(`Exit code: 0 when a strict receiver would accept the message, 1 when it would refuse it, 2 on a usage
problem, an unreadable message or a zone file with mistakes (each listed with its line).\n`),
    help.stdout,
  );
});

test('replay --local --zone --enforce-auth: the transcript expecting 550 5.7.26 for unsigned mail passes', async () => {
  const run = await runCli(['replay', '--local', '--zone', 'auth.zone', '--enforce-auth', 'strict-receiver.smtp'], { cwd: FIXTURES });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /replay: 3 passed, 0 failed, 0 skipped\n$/);
  assert.deepEqual(
    run.stderr.split('\n').filter((line) => line.startsWith('local server: ')),
    [
      "local server: message from <alice@elsewhere.test>: spf=fail dkim=none dmarc=fail arc=none: refused 550 5.7.26 Unauthenticated email from elsewhere.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=fail, dkim=none)",
      'local server: message from <bounce@nospf.test>: spf=none dkim=pass dmarc=pass arc=none',
      "local server: message from <bounce@bounce.strict.test>: spf=pass dkim=pass dmarc=fail arc=none: refused 550 5.7.26 Unauthenticated email from strict.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=pass)",
    ],
  );
  // Without enforcement the same transcript fails where it expects the refusal.
  const lenient = await runCli(['replay', '--local', '--zone', 'auth.zone', 'strict-receiver.smtp'], { cwd: FIXTURES });
  assert.equal(lenient.code, 1);
  assert.match(lenient.stdout, /replay: 1 passed, 2 failed, 0 skipped\n$/);
});

test('replay --zone: an mx: target is looked up in the zone, its exchange connected to by the zone\'s address', async () => {
  const mailDir = mkdtempSync(path.join(tmpdir(), 'smtp-mx-'));
  const server = await startLocalServer({ port: 0, tlsPort: 0, mailDir });
  try {
    const transcript = path.join(mailDir, 'mx.smtp');
    writeFileSync(transcript, 'S: 220 *\nC: EHLO client.test\nS: 250 *\nC: QUIT\nS: 221 *\n');
    const run = await runCli(['replay', '--zone', ZONE, '--server', `mx:signed.test:${server.port}`, transcript]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, new RegExp(`connected to 127\\.0\\.0\\.1:${server.port} \\(MX of mx:signed\\.test\\)`));
  } finally {
    await server.close();
  }
});

/** The CLI's exit code and standard error; a run still going after 10 s (blocked on a FIFO) is killed. */
async function guardedRun(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawnCli(args);
  const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(guard);
  return { code, stderr };
}

test('auth: a message path that is no regular file (a FIFO; /dev/zero alike) is one line, exit 2, never read', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const fifo = path.join(dir, 'message.eml');
  execFileSync('mkfifo', [fifo]);
  assert.deepEqual(await guardedRun(['auth', fifo, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', ZONE]), {
    code: 2,
    stderr: `smtp-transcript auth: ${fifo}: is a FIFO (named pipe), not a regular file\n`,
  });
});

test('auth: a --zone path that is no regular file (a FIFO; /dev/zero alike) is one line, exit 2, never read', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const message = await signedMessage(dir, 'Hello.');
  const fifo = path.join(dir, 'dns.zone');
  execFileSync('mkfifo', [fifo]);
  assert.deepEqual(await guardedRun(['auth', message, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', fifo]), {
    code: 2,
    stderr: `smtp-transcript auth: --zone ${fifo}: is a FIFO (named pipe), not a regular file\n`,
  });
});

test('auth: dmarc=none says why: no DMARC record where it was asked for, or several at one name (RFC 7489 §6.6.3)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const message = path.join(dir, 'message.eml');
  writeFileSync(message, 'From: <alice@news.example.test>\r\nSubject: hi\r\n\r\nHello.\r\n');
  const zone = path.join(dir, 'dns.zone');
  const dmarcLine = async (records: string) => {
    writeFileSync(zone, `news.example.test TXT "v=spf1 ip4:127.0.0.1 -all"\n${records}`);
    const run = await runCli(['auth', message, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'alice@news.example.test', '--zone', zone]);
    return run.stdout.split('\n').find((line) => line.startsWith('dmarc='));
  };
  assert.equal(await dmarcLine(''), 'dmarc=none header.from=news.example.test: no DMARC record (_dmarc.example.test, _dmarc.news.example.test)');
  assert.equal(
    await dmarcLine('_dmarc.news.example.test TXT "v=DMARC1; p=reject"\n_dmarc.news.example.test TXT "v=DMARC1; p=none"\n'),
    'dmarc=none header.from=news.example.test: _dmarc.news.example.test holds several DMARC records, so none applies (RFC 7489 §6.6.3)',
  );
});

test('auth: a DMARC record whose p= or sp= is no policy counts as p=none when its rua holds a valid URI, else as no record (RFC 7489 §6.6.3)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const zone = path.join(dir, 'dns.zone');
  // SPF passes for the envelope's domain, which aligns with none of the From domains: DMARC fails where it applies.
  writeFileSync(
    zone,
    [
      'bounce.example.test TXT "v=spf1 ip4:127.0.0.1 -all"',
      '_dmarc.bogus.test TXT "v=DMARC1; p=bogus"',
      '_dmarc.reported.test TXT "v=DMARC1; p=bogus; rua=mailto:dmarc@reported.test"',
      '_dmarc.badrua.test TXT "v=DMARC1; p=bogus; rua=dmarc@badrua.test"',
      '_dmarc.subs.test TXT "v=DMARC1; p=bogus; sp=reject"',
      '_dmarc.badsp.test TXT "v=DMARC1; p=reject; sp=never"',
      '_dmarc.upper.test TXT "v=DMARC1; p=Reject"',
      '',
    ].join('\n'),
  );
  const judged = async (from: string) => {
    const message = path.join(dir, 'message.eml');
    writeFileSync(message, `From: <${from}>\r\nSubject: hi\r\n\r\nHello.\r\n`);
    const run = await runCli(['auth', message, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'a@bounce.example.test', '--zone', zone]);
    return [run.code, ...run.stdout.split('\n').filter((line) => /^(dmarc=| {2}record: _dmarc|A strict receiver)/.test(line))];
  };
  assert.deepEqual(await judged('alice@bogus.test'), [
    0,
    'dmarc=none header.from=bogus.test: p=bogus is not none, quarantine or reject, and it has no valid rua URI, so no DMARC policy applies (RFC 7489 §6.6.3)',
    '  record: _dmarc.bogus.test TXT "v=DMARC1; p=bogus"',
    'A strict receiver accepts it.',
  ]);
  assert.deepEqual(await judged('alice@reported.test'), [
    0,
    'dmarc=fail header.from=reported.test p=none: neither SPF nor DKIM aligned with From; p=bogus is not none, quarantine or reject, and its rua holds a valid URI, so the record counts as p=none (RFC 7489 §6.6.3)',
    '  record: _dmarc.reported.test TXT "v=DMARC1; p=bogus; rua=mailto:dmarc@reported.test"',
    'A strict receiver accepts it.',
  ]);
  assert.deepEqual((await judged('alice@badrua.test'))[1], 'dmarc=none header.from=badrua.test: p=bogus is not none, quarantine or reject, and it has no valid rua URI, so no DMARC policy applies (RFC 7489 §6.6.3)');
  // sp= would have applied to the subdomain: it is not taken from a record whose p= is invalid.
  assert.deepEqual(await judged('alice@news.subs.test'), [
    0,
    'dmarc=none header.from=news.subs.test: p=bogus is not none, quarantine or reject, and it has no valid rua URI, so no DMARC policy applies (RFC 7489 §6.6.3)',
    '  record: _dmarc.subs.test TXT "v=DMARC1; p=bogus; sp=reject"',
    'A strict receiver accepts it.',
  ]);
  assert.deepEqual((await judged('alice@badsp.test'))[1], 'dmarc=none header.from=badsp.test: sp=never is not none, quarantine or reject, and it has no valid rua URI, so no DMARC policy applies (RFC 7489 §6.6.3)');
  // The policy values are case-insensitive (RFC 5234 §2.3): Reject is reject, and enforced.
  assert.deepEqual(await judged('alice@upper.test'), [
    1,
    'dmarc=fail header.from=upper.test p=reject: neither SPF nor DKIM aligned with From',
    '  record: _dmarc.upper.test TXT "v=DMARC1; p=Reject"',
    "A strict receiver refuses it: 550 5.7.26 Unauthenticated email from upper.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=none)",
  ]);
});

test('auth: a file that is not a message (empty, no header field on line 1, an mbox From line) is one clear line, exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-'));
  const cases: Array<[string, string | Buffer, string]> = [
    ['empty.eml', '', 'the file is empty: give a message (header fields, an empty line, the body; RFC 5322 §2.1)'],
    ['text.eml', 'Hello, this is no message.\r\n', 'is not a message: it must start with a header field such as `From: <alice@example.org>` (RFC 5322 §2.2), and line 1 is `Hello, this is no message.`'],
    ['binary.eml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'is not a message: it must start with a header field such as `From: <alice@example.org>` (RFC 5322 §2.2), and line 1 is `?PNG`'],
    ['mbox.eml', 'From alice@example.test Thu Jan  1 00:00:00 2026\nFrom: <alice@example.test>\n\nHi\n', 'starts with an mbox `From ` line: save the message alone, from its first header field (RFC 5322 §2.2)'],
  ];
  for (const [name, content, problem] of cases) {
    writeFileSync(path.join(dir, name), content);
    const run = await runCli(['auth', name, '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', 'bounce@soft.test', '--zone', ZONE], { cwd: dir });
    assert.deepEqual(run, { code: 2, stdout: '', stderr: `smtp-transcript auth: ${name}: ${problem}\n` }, name);
  }
});

test("the README's auth example: its command, run in the repository, prints the text the README shows", async () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const example = /```sh\n(smtp-transcript auth examples\/auth\/[^`]*?)\n```\n\n```text\n([^`]*?)```/.exec(readme);
  assert.ok(example, 'the README shows `smtp-transcript auth examples/auth/...` and its output');
  const args = example[1].replace(/\\\n\s*/g, ' ').split(/\s+/).slice(1);
  const run = await runCli(args);
  assert.equal(run.code, 0, run.stderr);
  assert.ok(run.stdout.startsWith(example[2]), `the README shows:\n${example[2]}\nthe command printed:\n${run.stdout}`);
});
