// `smtp-transcript auth`: SPF as RFC 7208 evaluates it, end to end through the CLI (the cases one by one are in
// test/unit/mailauth/spfCheckHost.test.ts). DNS from a zone file written by each test: no real DNS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';

async function auth(zone: string, mailFrom: string): Promise<{ code: number | null; lines: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-spf-'));
  writeFileSync(path.join(dir, 'dns.zone'), zone);
  writeFileSync(path.join(dir, 'm.eml'), `From: <${mailFrom}>\r\nSubject: hi\r\n\r\nHello.\r\n`);
  const run = await runCli(['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', 'client.test', '--mail-from', mailFrom, '--zone', 'dns.zone'], { cwd: dir });
  assert.equal(run.stderr, '');
  return { code: run.code, lines: run.stdout.split('\n').filter((line) => /^spf=|^ {2}(record|matched|explanation \(exp=\)): |^ {2}\S+ (TXT|A) ->|^A strict receiver|^Received-SPF|^ spf=/.test(line)) };
}

test('auth: an include whose record asks exists:%{i}._spf.%{d} looks up the include\'s domain, and passes (RFC 7208 §7.3)', async () => {
  const zone = 'a.test TXT "v=spf1 include:b.test -all"\nb.test TXT "v=spf1 exists:%{i}._spf.%{d} -all"\n127.0.0.1._spf.b.test A 127.0.0.2\n';
  assert.deepEqual(await auth(zone, 'alice@a.test'), {
    code: 0,
    lines: [
      'spf=pass (a.test): localhost: domain of alice@a.test designates 127.0.0.1 as permitted sender',
      '  record: a.test TXT "v=spf1 include:b.test -all"',
      '  matched: include:b.test',
      // RFC 7208 §2.3: the HELO identity is checked too; client.test publishes nothing.
      'spf=none (HELO client.test): localhost: client.test does not designate permitted sender hosts',
      '  127.0.0.1._spf.b.test A -> 127.0.0.2',
      '  _dmarc.a.test TXT -> NXDOMAIN',
      '  a.test TXT -> "v=spf1 include:b.test -all"',
      '  b.test TXT -> "v=spf1 exists:%{i}._spf.%{d} -all"',
      '  client.test TXT -> NXDOMAIN',
      'A strict receiver accepts it.',
      'Received-SPF: pass (localhost: domain of alice@a.test designates 127.0.0.1 as permitted sender) client-ip=127.0.0.1;',
      ' spf=pass (localhost: domain of alice@a.test designates 127.0.0.1 as permitted sender) smtp.mailfrom=alice@a.test smtp.helo=client.test;',
    ],
  });
});

test('auth: a record past the void-lookup limit is a permerror, refused with 550 5.7.24 and the reason (RFC 7208 §4.6.4)', async () => {
  const zone = 'voids.test TXT "v=spf1 a:gone1.voids.test a:gone2.voids.test a:gone3.voids.test ip4:127.0.0.1 -all"\n';
  const reason = 'permanent error in processing during lookup of alice@voids.test: gone3.voids.test A makes 3 lookups answered with nothing (NXDOMAIN or no data), more than the 2 allowed (RFC 7208 §4.6.4)';
  const { code, lines } = await auth(zone, 'alice@voids.test');
  assert.equal(code, 1);
  assert.deepEqual(
    lines.filter((line) => /^spf=|^A strict/.test(line)),
    [`spf=permerror (voids.test): localhost: ${reason}`, 'spf=none (HELO client.test): localhost: client.test does not designate permitted sender hosts', `A strict receiver refuses it: 550 5.7.24 SPF validation error: localhost: ${reason}`],
  );
});

test('auth: a fail with exp= shows the domain\'s explanation, and the strict receiver\'s refusal says it as the domain\'s (RFC 7208 §6.2, §8.4)', async () => {
  const zone = 'strict.test TXT "v=spf1 ip4:192.0.2.0/24 -all exp=explain._spf.%{d}"\nexplain._spf.strict.test TXT "%{i} is not one of %{d}\'s designated mail servers."\n';
  const { code, lines } = await auth(zone, 'alice@strict.test');
  assert.equal(code, 1);
  assert.deepEqual(lines.filter((line) => /^spf=|^ {2}(matched|explanation)|^A strict/.test(line)), [
    'spf=fail (strict.test): localhost: domain of alice@strict.test does not designate 127.0.0.1 as permitted sender',
    '  matched: -all',
    "  explanation (exp=): 127.0.0.1 is not one of strict.test's designated mail servers.",
    'spf=none (HELO client.test): localhost: client.test does not designate permitted sender hosts',
    "A strict receiver refuses it: 550 5.7.23 SPF validation failed: the domain strict.test explains: 127.0.0.1 is not one of strict.test's designated mail servers.",
  ]);
});

test('auth: the HELO identity is checked besides MAIL FROM (RFC 7208 §2.3): a HELO name whose SPF fails is refused, 550 5.7.23', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'smtp-auth-spf-'));
  writeFileSync(path.join(dir, 'dns.zone'), 'a.test TXT "v=spf1 ip4:127.0.0.1 -all"\nmx.a.test TXT "v=spf1 ip4:127.0.0.1 -all"\nforged.test TXT "v=spf1 ip4:192.0.2.1 -all"\n');
  writeFileSync(path.join(dir, 'm.eml'), 'From: <alice@a.test>\r\nSubject: hi\r\n\r\nHello.\r\n');
  const helo = async (name: string) => {
    const run = await runCli(['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', name, '--mail-from', 'alice@a.test', '--zone', 'dns.zone'], { cwd: dir });
    return { code: run.code, lines: run.stdout.split('\n').filter((line) => /^spf=|^A strict/.test(line)) };
  };
  assert.deepEqual(await helo('mx.a.test'), {
    code: 0,
    lines: [
      'spf=pass (a.test): localhost: domain of alice@a.test designates 127.0.0.1 as permitted sender',
      'spf=pass (HELO mx.a.test): localhost: domain of postmaster@mx.a.test designates 127.0.0.1 as permitted sender',
      'A strict receiver accepts it.',
    ],
  });
  assert.deepEqual(await helo('forged.test'), {
    code: 1,
    lines: [
      'spf=pass (a.test): localhost: domain of alice@a.test designates 127.0.0.1 as permitted sender',
      'spf=fail (HELO forged.test): localhost: domain of postmaster@forged.test does not designate 127.0.0.1 as permitted sender',
      'A strict receiver refuses it: 550 5.7.23 SPF validation of the HELO name forged.test failed: localhost: domain of postmaster@forged.test does not designate 127.0.0.1 as permitted sender',
    ],
  });
  // An address literal is no domain to check; the null reverse-path's check already is the HELO's (§2.4).
  const literal = await runCli(['auth', 'm.eml', '--ip', '127.0.0.1', '--helo', '[127.0.0.1]', '--mail-from', 'alice@a.test', '--zone', 'dns.zone'], { cwd: dir });
  assert.deepEqual(literal.stdout.split('\n').filter((line) => line.startsWith('spf=')), ['spf=pass (a.test): localhost: domain of alice@a.test designates 127.0.0.1 as permitted sender']);
});
