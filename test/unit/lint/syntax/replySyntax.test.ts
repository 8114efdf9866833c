import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, fixed, summary } from './syntaxHarness';
import { lines } from '../../../support/text';

/** DATA with a complete message, answered by `reply354`. */
const data = (reply354: string) =>
  lines('S: 220 mx', 'C: DATA', reply354, 'C: From: <a@example.org>', 'C: Date: {{$date}}', 'C:', 'C: Hi', 'C: .', 'S: 250 2.0.0 Ok');
const session = (...replyLines: string[]) => lines('S: 220 mx.example.com ESMTP', 'C: NOOP', ...replyLines);

describe('reply syntax', () => {
  test('reply-code-range: a first digit outside 2-5 or a second outside 0-5', () => {
    assert.deepEqual(summary(session('S: 260 Ok')), [{ rule: 'reply-code-range', line: 3, severity: 'error' }]);
    assert.deepEqual(summary(session('S: 650 Ok')), [{ rule: 'reply-code-range', line: 3, severity: 'error' }]);
    assert.deepEqual(summary(session('S: 199 Ok')), [{ rule: 'reply-code-range', line: 3, severity: 'error' }]);
    assert.deepEqual(findingsOf(session('S: 650 Ok'), 'reply-code-range')[0].range, {
      start: { line: 2, character: 3 },
      end: { line: 2, character: 6 },
    });
  });

  test('reply-code-range: valid codes and wildcards pass', () => {
    assert.deepEqual(summary(session('S: 250 2.0.0 Ok')), []);
    assert.deepEqual(summary(session('S: 2xx Ok')), []);
    assert.deepEqual(summary(session('S: 25x')), []);
    assert.deepEqual(summary(session('S: xxx anything')), []);
    assert.deepEqual(summary(session('S: 6xx Ok')), [{ rule: 'reply-code-range', line: 3, severity: 'error' }]);
  });

  test('reply-code-continuation: lines of one reply with different codes, fixed to the final code', () => {
    const text = lines('S: 220 mx ESMTP', 'C: EHLO client.test', 'S: 250-mx.example.com', 'S: 220-PIPELINING', 'S: 250 SMTPUTF8');
    assert.deepEqual(summary(text), [{ rule: 'reply-code-continuation', line: 4, severity: 'error' }]);
    assert.equal(
      fixed(text, 'reply-code-continuation'),
      lines('S: 220 mx ESMTP', 'C: EHLO client.test', 'S: 250-mx.example.com', 'S: 250-PIPELINING', 'S: 250 SMTPUTF8'),
    );
  });

  test('reply-code-continuation: shared codes and agreeing wildcards pass', () => {
    assert.deepEqual(summary(lines('S: 220 mx', 'C: EHLO c.test', 'S: 250-mx', 'S: 2xx-SIZE', 'S: 250 SMTPUTF8')), []);
  });

  test('reply-code-unknown: a code no RFC defines gets an info, wildcards are not looked up', () => {
    assert.deepEqual(summary(session('S: 259 Ok')), [{ rule: 'reply-code-unknown', line: 3, severity: 'info' }]);
    assert.deepEqual(summary(session('S: 25x Ok')), []);
    assert.deepEqual(summary(session('S: 250 Ok')), []);
  });

  test('enhanced-code-syntax: a first word that starts like an enhanced code but is malformed', () => {
    assert.deepEqual(summary(session('S: 550 5.1 No such user')), [{ rule: 'enhanced-code-syntax', line: 3, severity: 'warning' }]);
    assert.deepEqual(summary(session('S: 550 6.1.1 No such user')), [{ rule: 'enhanced-code-syntax', line: 3, severity: 'warning' }]);
    assert.deepEqual(summary(session('S: 550 5.1.1234 No')), [{ rule: 'enhanced-code-syntax', line: 3, severity: 'warning' }]);
    assert.deepEqual(findingsOf(session('S: 550 5.1.1: No'), 'enhanced-code-syntax')[0].range, {
      start: { line: 2, character: 7 },
      end: { line: 2, character: 13 },
    });
  });

  test('enhanced-code-syntax: well-formed codes, wildcards and IPv4 addresses pass', () => {
    assert.deepEqual(summary(session('S: 550 5.1.1 No such user')), []);
    assert.deepEqual(summary(session('S: 550 5.1.x No such user')), []);
    assert.deepEqual(summary(session('S: 550 5.7.26 Unauthenticated')), []);
    assert.deepEqual(summary(lines('S: 220 8.8.8.8 ESMTP', 'C: QUIT', 'S: 221 Bye')), []);
  });

  test('enhanced-code-syntax: leading zeros are not allowed', () => {
    assert.deepEqual(summary(session('S: 550 5.01.1 No')), [{ rule: 'enhanced-code-syntax', line: 3, severity: 'warning' }]);
  });

  test('enhanced-code-unknown: a code the registry does not list, or deprecates, gets an info', () => {
    assert.deepEqual(summary(session('S: 550 5.1.99 No')), [{ rule: 'enhanced-code-unknown', line: 3, severity: 'info' }]);
    assert.deepEqual(summary(session('S: 550 5.6.10 No')), [{ rule: 'enhanced-code-unknown', line: 3, severity: 'info' }]);
    assert.deepEqual(summary(session('S: 550 5.1.10 Null MX')), []);
    assert.deepEqual(summary(session('S: 550 5.1.x No')), []);
  });

  test('enhanced-code-class: the class differs from the reply code', () => {
    assert.deepEqual(summary(session('S: 550 2.1.1 No such user')), [{ rule: 'enhanced-code-class', line: 3, severity: 'warning' }]);
    assert.deepEqual(summary(session('S: 450 5.1.1 Later')), [{ rule: 'enhanced-code-class', line: 3, severity: 'warning' }]);
  });

  test('enhanced-code-class: agreeing and wildcard classes pass', () => {
    assert.deepEqual(summary(session('S: 450 4.2.0 Later')), []);
    assert.deepEqual(summary(session('S: 5xx x.1.1 No')), []);
  });

  test('enhanced-code-on-3xx: removed by the fix, well-formed or with class 3', () => {
    const text = data('S: 354 2.0.0 Go ahead');
    assert.deepEqual(summary(text), [{ rule: 'enhanced-code-on-3xx', line: 3, severity: 'warning' }]);
    assert.equal(fixed(text, 'enhanced-code-on-3xx'), data('S: 354 Go ahead'));
    const class3 = data('S: 354 3.0.0 Go ahead');
    assert.deepEqual(summary(class3), [{ rule: 'enhanced-code-on-3xx', line: 3, severity: 'warning' }]);
    assert.equal(fixed(class3, 'enhanced-code-on-3xx'), data('S: 354 Go ahead'));
  });

  test('enhanced-code-on-3xx: a 3xx reply with plain text passes', () => {
    assert.deepEqual(summary(data('S: 354 End data with <CR><LF>.<CR><LF>')), []);
    assert.deepEqual(summary(lines('S: 220 mx', 'C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: *', 'S: 501 5.7.0 Cancelled')), []);
  });

  test('reply-line-too-long: 513 octets with CRLF exceed 512, 512 pass; references count as empty', () => {
    assert.deepEqual(summary(session(`S: 250 ${'a'.repeat(507)}`)), [{ rule: 'reply-line-too-long', line: 3, severity: 'warning' }]);
    assert.deepEqual(summary(session(`S: 250 ${'a'.repeat(506)}`)), []);
    assert.deepEqual(summary(lines('@long = x', 'S: 220 mx', 'C: NOOP', `S: 250 ${'a'.repeat(500)}{{long}}`)), []);
    // é is two octets in UTF-8.
    assert.deepEqual(summary(session(`S: 250 ${'é'.repeat(254)}`)), [{ rule: 'reply-line-too-long', line: 3, severity: 'warning' }]);
  });
});
