// `smtp-transcript auth`: the DMARC record's tags read as RFC 7489 reads them (pct, adkim/aspf), and the
// Authentication-Results row saying the same. DNS from a zone file written by each test: no real DNS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

/** `auth` of an unsigned message From: `from`, sent from 127.0.0.1 with MAIL FROM `mailFrom`: exit code and DMARC lines. */
async function judged(zone: string, from: string, mailFrom: string): Promise<Array<string | number | null>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-dmarc-'));
  writeFileSync(path.join(dir, 'dns.zone'), zone);
  writeFileSync(path.join(dir, 'm.eml'), `From: <${from}>\r\nSubject: hi\r\n\r\nHello.\r\n`);
  const run = await runCli(['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', mailFrom, '--zone', 'dns.zone'], { cwd: dir });
  assert.equal(run.stderr, '');
  return [run.code, ...run.stdout.split('\n').filter((line) => /^dmarc=|^ {2}(note|sampling): |^A strict receiver|^ dmarc=/.test(line))];
}

// SPF passes for the envelope's domain, which is not aligned with any From domain below: DMARC fails.
const UNALIGNED = 'bounce.example.test TXT "v=spf1 ip4:127.0.0.1 -all"\n';

test('auth: p=reject pct=20 says what applies to one failing message: rejected for 20%, quarantined for the rest, so refused (RFC 7489 §6.6.4)', async () => {
  assert.deepEqual(await judged(`${UNALIGNED}_dmarc.sampled.test TXT "v=DMARC1; p=reject; pct=20"\n`, 'alice@sampled.test', 'a@bounce.example.test'), [
    1,
    'dmarc=fail header.from=sampled.test p=reject pct=20: neither SPF nor DKIM aligned with From',
    '  sampling: p=reject pct=20: 20% of failing messages are rejected, the rest treated as p=quarantine (RFC 7489 §6.6.4)',
    "A strict receiver refuses it: 550 5.7.26 Unauthenticated email from sampled.test is not accepted due to the domain's DMARC policy (p=reject pct=20: 20% of failing messages are rejected, the rest treated as p=quarantine; RFC 7489 §6.6.4): no aligned SPF or DKIM pass (spf=pass, dkim=none)",
    ' dmarc=fail (p=REJECT pct=20 arc=none) header.from=sampled.test header.d=sampled.test',
  ]);
});

test('auth: p=quarantine pct=20 leaves 80% of failing messages to the usual handling: DMARC alone does not refuse (RFC 7489 §6.6.4)', async () => {
  assert.deepEqual(await judged(`${UNALIGNED}_dmarc.trial.test TXT "v=DMARC1; p=quarantine; pct=20"\n`, 'alice@trial.test', 'a@bounce.example.test'), [
    0,
    'dmarc=fail header.from=trial.test p=quarantine pct=20: neither SPF nor DKIM aligned with From',
    "  sampling: p=quarantine pct=20: 20% of failing messages are quarantined, the rest get the receiver's usual handling, as under p=none (RFC 7489 §6.6.4)",
    'A strict receiver accepts it.',
    ' dmarc=fail (p=QUARANTINE pct=20 arc=none) header.from=trial.test header.d=trial.test',
  ]);
  // At pct=100 (the default) the same record refuses.
  assert.equal((await judged(`${UNALIGNED}_dmarc.trial.test TXT "v=DMARC1; p=quarantine"\n`, 'alice@trial.test', 'a@bounce.example.test'))[0], 1);
});

test('auth: an invalid pct is the default 100, and the output says so (RFC 7489 §6.3)', async () => {
  assert.deepEqual(await judged(`${UNALIGNED}_dmarc.badpct.test TXT "v=DMARC1; p=reject; pct=150"\n`, 'alice@badpct.test', 'a@bounce.example.test'), [
    1,
    'dmarc=fail header.from=badpct.test p=reject: neither SPF nor DKIM aligned with From',
    '  note: pct=150 is not an integer from 0 to 100, so the default 100 applies (RFC 7489 §6.3)',
    "A strict receiver refuses it: 550 5.7.26 Unauthenticated email from badpct.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=none)",
    ' dmarc=fail (p=REJECT arc=none) header.from=badpct.test header.d=badpct.test',
  ]);
});

// SPF passes for mail.modes.test: relaxed alignment takes it for From: <...@X.modes.test>, strict does not.
const MODES = 'mail.modes.test TXT "v=spf1 ip4:127.0.0.1 -all"\n';

test('auth: aspf=S and "aspf = s" are strict (values are case-insensitive, blanks around = allowed: RFC 7489 §6.4)', async () => {
  for (const [name, tag] of [
    ['upper', 'aspf=S'],
    ['spaced', 'aspf = s'],
  ]) {
    assert.deepEqual(await judged(`${MODES}_dmarc.modes.test TXT "v=DMARC1; p=reject; ${tag}"\n`, `alice@${name}.modes.test`, 'a@mail.modes.test'), [
      1,
      `dmarc=fail header.from=${name}.modes.test p=reject: neither SPF nor DKIM aligned with From`,
      `A strict receiver refuses it: 550 5.7.26 Unauthenticated email from ${name}.modes.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=none)`,
      ` dmarc=fail (p=REJECT arc=none) header.from=${name}.modes.test header.d=${name}.modes.test`,
    ]);
  }
});

test('auth: an adkim/aspf that is neither r nor s is the default r (relaxed), and the output says so (RFC 7489 §6.3)', async () => {
  assert.deepEqual(await judged(`${MODES}_dmarc.modes.test TXT "v=DMARC1; p=reject; aspf=x; adkim=strict"\n`, 'alice@invalid.modes.test', 'a@mail.modes.test'), [
    0,
    'dmarc=pass header.from=invalid.modes.test p=reject: SPF aligned (mail.modes.test)',
    '  note: adkim=strict is not r or s, so the default r (relaxed) applies (RFC 7489 §6.3)',
    '  note: aspf=x is not r or s, so the default r (relaxed) applies (RFC 7489 §6.3)',
    'A strict receiver accepts it.',
    ' dmarc=pass (p=REJECT arc=none) header.from=invalid.modes.test header.d=invalid.modes.test',
  ]);
});

test('auth: Authentication-Results names the policy as read: p=NONE for p=bogus with a valid rua, sp= for a subdomain (RFC 7489 §6.6.3)', async () => {
  const zone = `${UNALIGNED}_dmarc.reported.test TXT "v=DMARC1; p=bogus; rua=mailto:dmarc@reported.test"\n_dmarc.parent.test TXT "v=DMARC1; p=none; sp=reject"\n`;
  assert.deepEqual((await judged(zone, 'alice@reported.test', 'a@bounce.example.test')).at(-1), ' dmarc=fail (p=NONE arc=none) header.from=reported.test header.d=reported.test');
  assert.deepEqual(await judged(zone, 'alice@news.parent.test', 'a@bounce.example.test'), [
    1,
    'dmarc=fail header.from=news.parent.test p=reject: neither SPF nor DKIM aligned with From',
    "A strict receiver refuses it: 550 5.7.26 Unauthenticated email from news.parent.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=none)",
    ' dmarc=fail (sp=REJECT arc=none) header.from=news.parent.test header.d=news.parent.test',
  ]);
});

test('auth: one From: field naming two domains checks each, and the strictest failing policy applies (RFC 7489 §6.6.1)', async () => {
  const zone = `${UNALIGNED}_dmarc.lenient.test TXT "v=DMARC1; p=none"\n_dmarc.strict.test TXT "v=DMARC1; p=reject"\n`;
  assert.deepEqual(await judged(zone, 'alice@lenient.test>, <bob@strict.test', 'a@bounce.example.test'), [
    1,
    'dmarc=fail header.from=strict.test p=reject: neither SPF nor DKIM aligned with From',
    '  note: From: names 2 domains (lenient.test, strict.test): each is checked, and the strictest policy among those that fail applies (RFC 7489 §6.6.1)',
    "A strict receiver refuses it: 550 5.7.26 Unauthenticated email from strict.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=none)",
    ' dmarc=fail (p=REJECT arc=none) header.from=strict.test header.d=strict.test',
  ]);
  // Two addresses of one domain are one author domain: judged as any message (here SPF aligns, and it passes).
  assert.deepEqual(await judged(`${UNALIGNED}_dmarc.example.test TXT "v=DMARC1; p=reject"\n`, 'alice@example.test>, <bob@example.test', 'a@bounce.example.test'), [
    0,
    'dmarc=pass header.from=example.test p=reject: SPF aligned (bounce.example.test)',
    'A strict receiver accepts it.',
    ' dmarc=pass (p=REJECT arc=none) header.from=example.test header.d=example.test',
  ]);
});

test('auth: np= applies to a From subdomain that does not exist (no A, AAAA or MX), sp= to one that does (RFC 9091 §4.1)', async () => {
  const zone = `${UNALIGNED}_dmarc.np.test TXT "v=DMARC1; p=none; sp=none; np=reject"\nreal.np.test A 192.0.2.1\n`;
  assert.deepEqual(await judged(zone, 'alice@ghost.np.test', 'a@bounce.example.test'), [
    1,
    'dmarc=fail header.from=ghost.np.test p=reject: neither SPF nor DKIM aligned with From',
    "  note: ghost.np.test does not exist (no A, AAAA or MX record), so the record's np= applies when valid (RFC 9091 §4.1)",
    "A strict receiver refuses it: 550 5.7.26 Unauthenticated email from ghost.np.test is not accepted due to the domain's DMARC policy (p=reject): no aligned SPF or DKIM pass (spf=pass, dkim=none)",
    ' dmarc=fail (np=REJECT arc=none) header.from=ghost.np.test header.d=ghost.np.test',
  ]);
  assert.deepEqual(await judged(zone, 'alice@real.np.test', 'a@bounce.example.test'), [
    0,
    'dmarc=fail header.from=real.np.test p=none: neither SPF nor DKIM aligned with From',
    'A strict receiver accepts it.',
    ' dmarc=fail (sp=NONE arc=none) header.from=real.np.test header.d=real.np.test',
  ]);
});

test("auth: several DMARC records at the From domain end discovery: the organizational domain's policy is not applied (RFC 7489 §6.6.3 step 5)", async () => {
  const zone = `${UNALIGNED}_dmarc.news.org.test TXT "v=DMARC1; p=none"\n_dmarc.news.org.test TXT "v=DMARC1; p=quarantine"\n_dmarc.org.test TXT "v=DMARC1; p=reject"\n`;
  assert.deepEqual(await judged(zone, 'alice@news.org.test', 'a@bounce.example.test'), [
    0,
    'dmarc=none header.from=news.org.test: _dmarc.news.org.test holds several DMARC records, so none applies (RFC 7489 §6.6.3)',
    'A strict receiver accepts it.',
    ' dmarc=none header.from=news.org.test',
  ]);
});

test('auth: a DMARC record starts v=DMARC1 with that value exactly, blanks allowed around = (RFC 7489 §6.4)', async () => {
  const zone = `${UNALIGNED}_dmarc.lower.test TXT "v=dmarc1; p=reject"\n_dmarc.spaced.test TXT "v = DMARC1; p=reject"\n`;
  assert.deepEqual((await judged(zone, 'alice@lower.test', 'a@bounce.example.test')).slice(0, 2), [0, 'dmarc=none header.from=lower.test: no DMARC record (_dmarc.lower.test)']);
  assert.deepEqual((await judged(zone, 'alice@spaced.test', 'a@bounce.example.test')).slice(0, 2), [1, 'dmarc=fail header.from=spaced.test p=reject: neither SPF nor DKIM aligned with From']);
});
