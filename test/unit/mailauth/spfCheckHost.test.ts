// check_host() of RFC 7208 (mailauth/spf/checkHost.ts), its DNS answered from a zone file as the CLI answers it:
// the lookup limits (§4.6.4), include, redirect and all (§5.2, §6.1), mx, ptr, exists, macros in include targets
// (§7.3), syntax errors (§4.6), and when the result is permerror or temperror (§2.6.6, §2.6.7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHost, type SpfOutcome } from '../../../server/src/mailauth/spf/checkHost';
import { parseZone } from '../../../server/src/mailauth/zoneFile';
import { zoneResolver, type DnsResolver } from '../../../server/src/mailauth/zoneResolver';

/** The outcome for mail from alice@<domain> at `ip`, and the DNS names asked, in order. */
async function spf(zone: string, domain: string, ip = '127.0.0.1', resolver?: (zoned: DnsResolver) => DnsResolver): Promise<SpfOutcome & { asked: string[] }> {
  const parsed = parseZone(zone);
  assert.deepEqual(parsed.problems, []);
  const asked: string[] = [];
  const zoned = zoneResolver(parsed);
  const resolve: DnsResolver = (name, type) => {
    asked.push(`${name} ${type}`);
    return (resolver ? resolver(zoned) : zoned)(name, type);
  };
  return { ...(await checkHost({ ip, sender: `alice@${domain}`, helo: 'client.test', resolve, receiver: 'mx.receiver.test', now: 1796000000 })), asked };
}

const result = async (zone: string, domain: string, ip?: string) => {
  const { result: found, reason } = await spf(zone, domain, ip);
  return `${found}: ${reason}`;
};

test('%{d} in an include target is the include\'s domain (RFC 7208 §7.3), not the MAIL FROM domain', async () => {
  const zone = ['a.test TXT "v=spf1 include:b.test -all"', 'b.test TXT "v=spf1 exists:%{i}._spf.%{d} -all"', '127.0.0.1._spf.b.test A 127.0.0.2', ''].join('\n');
  const outcome = await spf(zone, 'a.test');
  assert.deepEqual(outcome, {
    result: 'pass',
    reason: 'a.test matched include:b.test',
    matched: { term: 'include:b.test', domain: 'a.test' },
    record: 'v=spf1 include:b.test -all',
    asked: ['a.test TXT', 'b.test TXT', '127.0.0.1._spf.b.test A'],
  });
});

test('more than 10 terms that look up DNS is a permerror; ip4, ip6 and all do not count, includes count at every level (§4.6.4)', async () => {
  const hosts = Array.from({ length: 11 }, (_, i) => `h${i + 1}.test A 192.0.2.${i + 1}`);
  const terms = (count: number) => Array.from({ length: count }, (_, i) => `a:h${i + 1}.test`).join(' ');
  const zone = [...hosts, `ten.test TXT "v=spf1 ${terms(10)} ip4:198.51.100.1 ip4:127.0.0.1 -all"`, `eleven.test TXT "v=spf1 ${terms(11)} ip4:127.0.0.1 -all"`];
  zone.push(`nested.test TXT "v=spf1 ${terms(9)} include:inner.test -all"`, 'inner.test TXT "v=spf1 a:h10.test ip4:127.0.0.1 -all"');
  const text = `${zone.join('\n')}\n`;
  assert.equal(await result(text, 'ten.test'), 'pass: ten.test matched ip4:127.0.0.1');
  assert.equal(await result(text, 'eleven.test'), 'permerror: a:h11.test makes 11 terms that look up DNS, more than the 10 allowed (RFC 7208 §4.6.4)');
  assert.equal(await result(text, 'nested.test'), 'permerror: include:inner.test: a:h10.test makes 11 terms that look up DNS, more than the 10 allowed (RFC 7208 §4.6.4)');
});

test('a third lookup answered with nothing (NXDOMAIN or no data) is a permerror (§4.6.4); two are not', async () => {
  const zone = 'nodata.test MX 10 mx.example.test\ntwo.test TXT "v=spf1 a:gone1.test mx:nodata.test -all"\nthree.test TXT "v=spf1 a:gone1.test exists:gone2.test a:nodata.test -all"\n';
  assert.equal(await result(zone, 'two.test'), 'fail: two.test matched -all');
  assert.equal(await result(zone, 'three.test'), 'permerror: nodata.test A makes 3 lookups answered with nothing (NXDOMAIN or no data), more than the 2 allowed (RFC 7208 §4.6.4)');
});

test('redirect= is ignored when the record has an all (§6.1); otherwise its result is the result, and a target without SPF a permerror', async () => {
  const zone = [
    'target.test TXT "v=spf1 ip4:127.0.0.1 -all"',
    'withall.test TXT "v=spf1 redirect=target.test -all"',
    'redirected.test TXT "v=spf1 ip4:192.0.2.1 redirect=target.test"',
    'nowhere.test TXT "v=spf1 redirect=nospf.test"',
    'nospf.test MX 10 mx.example.test',
    '',
  ].join('\n');
  assert.equal(await result(zone, 'withall.test'), 'fail: withall.test matched -all');
  assert.equal(await result(zone, 'redirected.test'), 'pass: target.test matched ip4:127.0.0.1');
  assert.equal(await result(zone, 'nowhere.test'), 'permerror: redirect=nospf.test: nospf.test publishes no SPF record (RFC 7208 §4.5) (RFC 7208 §6.1)');
});

test('include: a target that fails does not match, one without SPF is a permerror (§5.2)', async () => {
  const zone = 'failing.test TXT "v=spf1 -all"\nouter.test TXT "v=spf1 include:failing.test ~all"\nbroken.test TXT "v=spf1 include:nospf.test -all"\nnospf.test MX 10 mx.example.test\n';
  assert.equal(await result(zone, 'outer.test'), 'softfail: outer.test matched ~all');
  assert.equal(await result(zone, 'broken.test'), 'permerror: include:nospf.test: nospf.test publishes no SPF record (RFC 7208 §4.5), which makes the include a permerror (RFC 7208 §5.2)');
});

test('a DNS failure other than NXDOMAIN is a temperror, inside an include too (§2.6.6)', async () => {
  const zone = 'outer.test TXT "v=spf1 include:flaky.test -all"\n';
  // A zone cannot say SERVFAIL: this resolver fails one name the way Node's resolver does, and answers the rest from the zone.
  const servfail = (zoned: DnsResolver): DnsResolver => (name, type) =>
    name === 'flaky.test' ? Promise.reject(Object.assign(new Error(`queryTxt ESERVFAIL ${name}`), { code: 'ESERVFAIL' })) : zoned(name, type);
  const outcome = await spf(zone, 'outer.test', '127.0.0.1', servfail);
  assert.deepEqual([outcome.result, outcome.reason], ['temperror', 'include:flaky.test: the DNS TXT query for flaky.test failed (ESERVFAIL) (RFC 7208 §2.6.6)']);
});

test('mx, ptr and exists match as §5.4, §5.5 and §5.7 say; more than 10 MX records is a permerror', async () => {
  const many = Array.from({ length: 11 }, (_, i) => `busy.test MX ${i} mx${i}.busy.test`);
  const zone = [
    'mx.test TXT "v=spf1 mx -all"',
    'mx.test MX 10 mail.mx.test',
    'mail.mx.test A 127.0.0.1',
    'busymx.test TXT "v=spf1 mx:busy.test -all"',
    ...many,
    'ptr.test TXT "v=spf1 ptr -all"',
    '1.0.0.127.in-addr.arpa PTR host.ptr.test',
    'host.ptr.test A 127.0.0.1',
    'otherptr.test TXT "v=spf1 ptr -all"',
    'exists.test TXT "v=spf1 exists:%{l}.users.exists.test -all"',
    'alice.users.exists.test A 127.0.0.2',
    '',
  ].join('\n');
  assert.equal(await result(zone, 'mx.test'), 'pass: mx.test matched mx');
  assert.equal(await result(zone, 'busymx.test'), 'permerror: mx:busy.test: 11 MX records, more than the 10 SPF looks up (RFC 7208 §4.6.4)');
  assert.equal(await result(zone, 'ptr.test'), 'pass: ptr.test matched ptr');
  assert.equal(await result(zone, 'otherptr.test'), 'fail: otherptr.test matched -all');
  assert.equal(await result(zone, 'exists.test'), 'pass: exists.test matched exists:%{l}.users.exists.test');
  assert.equal(await result(zone, 'mx.test', '::1'), 'fail: mx.test matched -all');
});

test('no record is none, two records or any syntax error a permerror, before any term is evaluated (§4.5, §4.6)', async () => {
  const zone = [
    'two.test TXT "v=spf1 -all"',
    'two.test TXT "v=spf1 +all"',
    'other.test TXT "some-verification=1"',
    'unknown.test TXT "v=spf1 a:never.test foo:bar -all"',
    'exp.test TXT "v=spf1 exp=a.exp.test exp=b.exp.test -all"',
    'macro.test TXT "v=spf1 exists:%{c}.macro.test -all"',
    'cidr.test TXT "v=spf1 ip4:127.0.0.0/33 -all"',
    'label.test TXT "v=spf1 a:localhost -all"',
    'modifier.test TXT "v=spf1 x-note=%{c}.%{t} -all"',
    '',
  ].join('\n');
  const domains = ['two.test', 'other.test', 'missing.test', 'unknown.test', 'exp.test', 'macro.test', 'cidr.test', 'label.test', 'modifier.test'];
  const outcomes = await Promise.all(domains.map((domain) => result(zone, domain)));
  assert.deepEqual(outcomes, [
    'permerror: two.test publishes 2 SPF records (RFC 7208 §4.5)',
    'none: other.test publishes no SPF record (RFC 7208 §4.5)',
    'none: missing.test publishes no SPF record (RFC 7208 §4.5)',
    'permerror: `foo:bar` is not an SPF mechanism or modifier (RFC 7208 §5, §6)',
    'permerror: exp= appears twice (RFC 7208 §6)',
    'permerror: %{c} is allowed only in exp= text (RFC 7208 §7.1)',
    'permerror: `ip4:127.0.0.0/33`: an IPv4 prefix length is at most 32 (RFC 7208 §5.6)',
    'permerror: `a:localhost`: `localhost` does not end in a domain name\'s top label (RFC 7208 §7.1)',
    // An unknown modifier is ignored (§6), its value never expanded: c and t may stand in it.
    'fail: modifier.test matched -all',
  ]);
  // Nothing of unknown.test was looked up: the record is read whole first.
  assert.deepEqual((await spf(zone, 'unknown.test')).asked, ['unknown.test TXT']);
});

test('a MAIL FROM domain in U-labels is looked up as A-labels (RFC 7208 §4.3)', async () => {
  const outcome = await spf('xn--bcher-kva.test TXT "v=spf1 ip4:127.0.0.1 -all"\n', 'bücher.test');
  assert.deepEqual([outcome.result, outcome.asked], ['pass', ['xn--bcher-kva.test TXT']]);
});

test('every ptr term counts as a lookup, the same PTR name or not (§4.6.4)', async () => {
  const ptrs = Array.from({ length: 11 }, () => 'ptr:nowhere.test').join(' ');
  const zone = `ptrs.test TXT "v=spf1 ${ptrs} -all"\n1.0.0.127.in-addr.arpa PTR host.example.test\nhost.example.test A 127.0.0.1\n`;
  assert.equal(await result(zone, 'ptrs.test'), 'permerror: ptr:nowhere.test makes 11 terms that look up DNS, more than the 10 allowed (RFC 7208 §4.6.4)');
});

test('an address literal HELO name (null reverse-path) has no SPF to check, and nothing is looked up (§4.3)', async () => {
  const resolve: DnsResolver = () => Promise.reject(new Error('no DNS question expected'));
  assert.deepEqual(await checkHost({ ip: '127.0.0.1', sender: 'postmaster@[127.0.0.1]', helo: '[127.0.0.1]', resolve, receiver: 'mx.receiver.test' }), {
    result: 'none',
    reason: '[127.0.0.1] is not a domain name SPF can check (RFC 7208 §4.3)',
  });
});

// §6.2's own examples of explanation records, at explain._spf.%{d}.
test('a fail explains itself with the exp= of the record that failed, its macros expanded; a redirect\'s target explains, an include does not (§6.2)', async () => {
  const zone = [
    'simple.test TXT "v=spf1 -all exp=explain._spf.%{d}"',
    'explain._spf.simple.test TXT "Mail from simple.test should only be sent by its own servers."',
    'macros.test TXT "v=spf1 -all exp=explain._spf.%{d}"',
    'explain._spf.macros.test TXT "%{i} is not one of %{d}\'s designated mail servers." " See http://%{d}/why.html?s=%{S}&i=%{I}"',
    'clock.test TXT "v=spf1 -all exp=why.clock.test"',
    'why.clock.test TXT "%{c} refused by %{r} at %{t}"',
    'soft.test TXT "v=spf1 ~all exp=explain._spf.simple.test"',
    'via.test TXT "v=spf1 redirect=simple.test exp=explain._spf.macros.test"',
    'outer.test TXT "v=spf1 include:simple.test -all"',
    '',
  ].join('\n');
  const explained = async (domain: string) => (await spf(zone, domain)).explanation;
  assert.deepEqual(await Promise.all(['simple.test', 'macros.test', 'clock.test', 'soft.test', 'via.test', 'outer.test'].map(explained)), [
    'Mail from simple.test should only be sent by its own servers.',
    "127.0.0.1 is not one of macros.test's designated mail servers. See http://macros.test/why.html?s=alice%40macros.test&i=127.0.0.1",
    '127.0.0.1 refused by mx.receiver.test at 1796000000',
    undefined, // only a fail is explained
    'Mail from simple.test should only be sent by its own servers.', // the target's exp=, not the redirecting record's
    undefined, // the included record's exp= is never used, and outer.test has none
  ]);
  // The explanation's lookup counts toward no limit and is made only for the fail that is the answer.
  assert.deepEqual((await spf(zone, 'outer.test')).asked, ['outer.test TXT', 'simple.test TXT']);
});

test('an exp= that cannot be read leaves the fail without an explanation, never another result (§6.2)', async () => {
  const zone = [
    'none.test TXT "v=spf1 -all exp=missing.none.test"',
    'two.test TXT "v=spf1 -all exp=why.two.test"',
    'why.two.test TXT "one"',
    'why.two.test TXT "two"',
    'bad.test TXT "v=spf1 -all exp=why.bad.test"',
    'why.bad.test TXT "50% off %{x}"',
    'long.test TXT "v=spf1 -all exp=why.long.test"',
    `why.long.test TXT "${'x'.repeat(250)}"`,
    '',
  ].join('\n');
  const outcomes = await Promise.all(['none.test', 'two.test', 'bad.test', 'long.test'].map((domain) => spf(zone, domain)));
  assert.deepEqual(outcomes.map((o) => [o.result, o.explanation]), [
    ['fail', undefined],
    ['fail', undefined],
    ['fail', undefined],
    ['fail', `${'x'.repeat(197)}...`],
  ]);
});
