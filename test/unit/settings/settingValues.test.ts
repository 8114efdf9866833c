import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSettingValue } from '../../../server/src/settings/registry';
import { MAX_TIMER_MS, readDuration, type SettingProblem } from '../../../server/src/settings/settingValues';

/** Each problem as `kind: message [-> replacement]`. */
const check = (name: string, value: string): string[] =>
  checkSettingValue(name, value).map((p: SettingProblem) => `${p.kind}: ${p.message}${p.replacement !== undefined ? ` -> ${p.replacement}` : ''}`);

describe('replay setting values', () => {
  test('valid values, in any case where the value is a mode', () => {
    const valid: [string, string][] = [
      ['port', '2525'], ['tls', 'STARTTLS'], ['tls', 'implicit'], ['match', 'Strict'], ['timeout', '500ms'], ['timeout', '3'],
      ['connect-timeout', '2m'], ['server', 'mx.example.com'], ['server', '127.0.0.1:2525'], ['server', '[::1]:2525'], ['server', '::1'],
      ['server', '2001:db8::2:1'], ['server', '::ffff:127.0.0.1'],
      ['server', 'mx:example.com'], ['server', ''], ['ca', './ca.pem'], ['requires', 'chunking SMTPUTF8 XCLIENT'], ['tls-servername', 'mx.test'],
      ['user', 'anything at all'],
    ];
    assert.deepEqual(valid.filter(([name, value]) => check(name, value).length > 0), []);
  });

  test('what replay refuses, with a did-you-mean where the intent is plain', () => {
    assert.deepEqual(
      [
        ...check('port', '25x25'),
        ...check('port', ':2525'),
        ...check('tls', 'starttlss'),
        ...check('tls', 'ssl'),
        ...check('match', 'exact'),
        ...check('timeout', '10 seconds'),
        ...check('timeout', '1h'),
        ...check('connect-timeout', '-5s'),
        ...check('timeout', '0'),
        ...check('server', 'smtp://mx.test:25/'),
        ...check('server', '127.0.0.1:25x'),
        ...check('server', 'mx.test:25:26'),
        ...check('server', ':25'),
        ...check('ca', '-----BEGIN CERTIFICATE-----'),
      ],
      [
        'invalid: `@port = 25x25` is not a TCP port (1-65535)',
        'invalid: `@port = :2525` is not a TCP port (1-65535): did you mean `2525`? -> 2525',
        'invalid: `@tls = starttlss` is not `none`, `starttls` or `implicit`: did you mean `starttls`? -> starttls',
        'invalid: `@tls = ssl` is not `none`, `starttls` or `implicit`: did you mean `implicit`? -> implicit',
        'invalid: `@match = exact` is not `code` or `strict`: did you mean `strict`? -> strict',
        'invalid: `@timeout = 10 seconds` is not a duration like `500ms`, `10s` or `2m`: did you mean `10s`? -> 10s',
        'invalid: `@timeout = 1h` is not a duration like `500ms`, `10s` or `2m`: did you mean `60m`? -> 60m',
        'invalid: `@connect-timeout = -5s` is not a duration like `500ms`, `10s` or `2m`: it must be more than 0',
        'invalid: `@timeout = 0` is not a duration like `500ms`, `10s` or `2m`: it must be more than 0',
        'invalid: `@server = smtp://mx.test:25/` is not host, host:port, [ipv6]:port, mx:domain or unix:/path: did you mean `mx.test:25`? -> mx.test:25',
        'invalid: `@server = 127.0.0.1:25x` is not host, host:port, [ipv6]:port, mx:domain or unix:/path: `25x` is not a TCP port (1-65535)',
        'invalid: `@server = mx.test:25:26` is not host, host:port, [ipv6]:port, mx:domain or unix:/path: write an IPv6 address with a port as `[ipv6]:port`',
        'invalid: `@server = :25` is not host, host:port, [ipv6]:port, mx:domain or unix:/path: `` is not a host name or IP address',
        'invalid: `@ca = -----BEGIN CERTIFICATE-----` is not a path: give the path of a PEM file, not its content',
      ],
    );
  });

  test('durations stop at the longest a timer can wait (2^31-1 ms)', () => {
    assert.equal(readDuration(`${MAX_TIMER_MS}ms`), MAX_TIMER_MS);
    assert.equal(readDuration(`${MAX_TIMER_MS + 1}ms`), undefined);
    assert.deepEqual(check('timeout', '99999999s'), [
      'invalid: `@timeout = 99999999s` is not a duration like `500ms`, `10s` or `2m`: it must be at most 2147483647 ms (about 24 days), the longest a timer can wait',
    ]);
  });

  test('@requires: each keyword on its own, unknown ones against the extension table', () => {
    const problems = checkSettingValue('requires', 'SMTPUTF8 CHUNKIN FROBNICATE CHUNKING,PIPELINING');
    assert.deepEqual(
      problems.map((p) => [p.kind, p.start, p.end, p.replacement]),
      [
        ['unknown-keyword', 9, 16, 'CHUNKING'],
        ['unknown-keyword', 17, 27, undefined],
        ['invalid', 28, 47, 'CHUNKING PIPELINING'],
      ],
    );
    assert.equal(problems[0].message, '`@requires`: no registered extension is called `CHUNKIN`: did you mean `CHUNKING`? Replay skips the session unless the server advertises it.');
  });
});
