import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseZone } from '../../../server/src/mailauth/zoneFile';
import { zoneResolver } from '../../../server/src/mailauth/zoneResolver';

describe('parseZone', () => {
  test('BIND-style lines: optional TTL and class, comments, several strings, a value over lines in parentheses', () => {
    const zone = parseZone(`; a comment
Example.TEST.  300 IN TXT "v=spf1 ip4:127.0.0.1 -all"   ; trailing comment
sel._domainkey.example.test TXT ( "v=DKIM1; k=rsa; "
    "p=AB\\"C" )
example.test MX 10 MX.example.test.
mx.example.test A 127.0.0.1
mx.example.test AAAA ::1
1.0.0.127.in-addr.arpa PTR mx.example.test
# hash comments too
www.example.test CNAME mx.example.test
`);
    assert.deepEqual(zone, {
      problems: [],
      records: [
        { name: 'example.test', type: 'TXT', strings: ['v=spf1 ip4:127.0.0.1 -all'], line: 2 },
        { name: 'sel._domainkey.example.test', type: 'TXT', strings: ['v=DKIM1; k=rsa; ', 'p=AB"C'], line: 3 },
        { name: 'example.test', type: 'MX', priority: 10, exchange: 'mx.example.test', line: 5 },
        { name: 'mx.example.test', type: 'A', value: '127.0.0.1', line: 6 },
        { name: 'mx.example.test', type: 'AAAA', value: '::1', line: 7 },
        { name: '1.0.0.127.in-addr.arpa', type: 'PTR', value: 'mx.example.test', line: 8 },
        { name: 'www.example.test', type: 'CNAME', value: 'mx.example.test', line: 10 },
      ],
    });
  });

  test('each bad line is one problem naming its line; the good lines are still read', () => {
    const zone = parseZone(`$ORIGIN example.test.
@ TXT "x"
bad..name TXT "x"
example.test SOA ns root 1 2 3 4 5
example.test TXT
example.test MX mx.example.test
example.test A 300.1.1.1
example.test TXT "unterminated
example.test TXT ( "open"
ok.test TXT "fine"`);
    assert.deepEqual(zone.problems, [
      { line: 1, message: '`$ORIGIN` is not supported here: write every name in full, e.g. `example.test`' },
      { line: 2, message: '`@` is not supported here: write every name in full, e.g. `example.test`' },
      { line: 3, message: '`bad..name` is not a domain name' },
      { line: 4, message: '`SOA` is not a record type this zone file knows: TXT, MX, A, AAAA, PTR, CNAME (or SERVFAIL, a failing name)' },
      { line: 5, message: 'the TXT record for example.test has no value' },
      { line: 6, message: 'an MX record is `name MX priority host` (RFC 1035 §3.3.9), e.g. `example.test MX 10 mx.example.test`' },
      { line: 7, message: '`300.1.1.1` is not an IPv4 address' },
      { line: 8, message: 'a quoted string is not closed on its line' },
      { line: 9, message: 'the `(` opened here is never closed' },
    ]);
    assert.deepEqual(zone.records, []);
  });

  test('any blank separates the fields: a no-break space pasted from a web page, a form feed, a vertical tab', () => {
    assert.deepEqual(parseZone('nbsp.test\u00a0TXT\u00a0"v=spf1 -all"\nff.test\fA 127.0.0.1\nvt.test\vMX\u2003 10 mx.test\n'), {
      records: [
        { name: 'nbsp.test', type: 'TXT', strings: ['v=spf1 -all'], line: 1 },
        { name: 'ff.test', type: 'A', value: '127.0.0.1', line: 2 },
        { name: 'vt.test', type: 'MX', priority: 10, exchange: 'mx.test', line: 3 },
      ],
      problems: [],
    });
  });

  test('a file that is no text is one problem, however many lines its bytes make', () => {
    const bytes = Buffer.alloc(6000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    assert.deepEqual(parseZone(bytes.toString('utf8')), {
      records: [],
      problems: [{ line: 1, message: 'this is no zone file: it holds NUL bytes or mostly control characters; a zone file is text, a `name [TTL] [IN] TYPE value` record a line' }],
    });
  });

  test('a value in parentheses of 200,000 strings is read: no call takes them all as arguments', () => {
    const zone = parseZone(`many.test TXT (\n${'"a" '.repeat(200_000)}\n)`);
    assert.deepEqual([zone.problems, zone.records.length, zone.records[0].line], [[], 1, 1]);
    assert.deepEqual([zone.records[0].type, (zone.records[0] as { strings: string[] }).strings.length], ['TXT', 200_000]);
  });

  test('a TXT value written without quotes is refused: its words would lose their spaces, a `;` would cut it', () => {
    const zone = parseZone(`plain.test TXT v=spf1 ip4:127.0.0.1 -all
_dmarc.plain.test TXT v=DMARC1; p=reject
tail.test TXT "v=spf1 -all" junk
ok.test TXT "v=spf1 " "-all"`);
    assert.deepEqual(zone.problems, [
      { line: 1, message: '`v=spf1` is not in quotes: a TXT value is one or more "quoted strings", e.g. `plain.test TXT "v=spf1 ip4:127.0.0.1 -all"` (unquoted words are joined without their spaces, and `;` starts a comment)' },
      { line: 2, message: '`v=DMARC1` is not in quotes: a TXT value is one or more "quoted strings", e.g. `_dmarc.plain.test TXT "v=DMARC1"` (unquoted words are joined without their spaces, and `;` starts a comment)' },
      { line: 3, message: '`junk` is not in quotes: a TXT value is one or more "quoted strings", e.g. `tail.test TXT "v=spf1 -all junk"` (unquoted words are joined without their spaces, and `;` starts a comment)' },
    ]);
    assert.deepEqual(zone.records, [{ name: 'ok.test', type: 'TXT', strings: ['v=spf1 ', '-all'], line: 4 }]);
  });

  test('a TXT string longer than 255 octets must be split (RFC 1035 §3.3)', () => {
    assert.deepEqual(parseZone(`long.test TXT "${'a'.repeat(256)}"`).problems, [
      { line: 1, message: 'a TXT string holds at most 255 octets (RFC 1035 §3.3): split it into several "quoted" "strings"' },
    ]);
  });
});

describe('zoneResolver answers like dns.promises.resolve', () => {
  const resolve = zoneResolver(
    parseZone(`example.test TXT "v=spf1 " "-all"
example.test MX 20 b.example.test
example.test MX 10 a.example.test
a.example.test A 127.0.0.1
alias.example.test CNAME a.example.test
*.wild.test TXT "wildcard"`),
  );

  test('TXT as arrays of strings, MX as objects, A as addresses, CNAME followed, wildcards', async () => {
    assert.deepEqual(await resolve('EXAMPLE.test.', 'TXT'), [['v=spf1 ', '-all']]);
    assert.deepEqual(await resolve('example.test', 'MX'), [
      { exchange: 'b.example.test', priority: 20 },
      { exchange: 'a.example.test', priority: 10 },
    ]);
    assert.deepEqual(await resolve('alias.example.test', 'A'), ['127.0.0.1']);
    assert.deepEqual(await resolve('x.wild.test', 'TXT'), [['wildcard']]);
  });

  test('an unknown name is ENOTFOUND, a known name without the type ENODATA', async () => {
    await assert.rejects(resolve('nowhere.test', 'TXT'), { code: 'ENOTFOUND', message: 'queryTxt ENOTFOUND nowhere.test (zone file)' });
    await assert.rejects(resolve('a.example.test', 'TXT'), { code: 'ENODATA', message: 'queryTxt ENODATA a.example.test (zone file)' });
  });

  test('a name written `SERVFAIL` fails every question with ESERVFAIL, through a CNAME and a wildcard too', async () => {
    const zone = parseZone(`flaky.test SERVFAIL
to-flaky.test CNAME flaky.test
*.flaky-wild.test IN SERVFAIL
flaky.test TXT "never answered"`);
    assert.deepEqual(zone.problems, []);
    const failing = zoneResolver(zone);
    await assert.rejects(failing('flaky.test', 'TXT'), { code: 'ESERVFAIL', message: 'queryTxt ESERVFAIL flaky.test (zone file)' });
    await assert.rejects(failing('FLAKY.test.', 'MX'), { code: 'ESERVFAIL' });
    await assert.rejects(failing('to-flaky.test', 'A'), { code: 'ESERVFAIL', message: 'queryA ESERVFAIL flaky.test (zone file)' });
    await assert.rejects(failing('x.flaky-wild.test', 'TXT'), { code: 'ESERVFAIL' });
  });

  test('`SERVFAIL` takes no value, and is named among the types an unknown one is told of', () => {
    assert.deepEqual(parseZone('flaky.test SERVFAIL "x"\nflaky.test SOA ns').problems, [
      { line: 1, message: '`flaky.test SERVFAIL` takes no value: every question about flaky.test fails as a server failure' },
      { line: 2, message: '`SOA` is not a record type this zone file knows: TXT, MX, A, AAAA, PTR, CNAME (or SERVFAIL, a failing name)' },
    ]);
  });
});
