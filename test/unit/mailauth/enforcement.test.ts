// The strict receiver's refusals that quote the message: the addresses its From: fields name go into a reply line, so
// a control character is written as \xHH (RFC 5321 §4.2) and a long address is cut (a reply line holds 512 octets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuthenticationVerdict } from '../../../server/src/mailauth/authenticateMessage';
import { rejectionFor } from '../../../server/src/mailauth/enforcement';
import { strictReplyCodes } from '../../../server/src/knowledge/strictReceiverReplies';

function verdict(authors: string[], fromFields: number): AuthenticationVerdict {
  return { spf: { result: 'pass', domain: 'a.test' }, dkim: [], dmarc: { result: 'none' }, arc: { result: 'none' }, authors, fromFields, headers: '', summary: '', dns: [] };
}

test('an address without a domain name: refused 550 5.7.1, its control characters shown, a long one cut', () => {
  const long = `x@${'a'.repeat(300)}\x1b.test`;
  assert.deepEqual(rejectionFor(verdict(['ceo@evil\x1b[2J.test'], 1)), {
    code: 550,
    enhanced: '5.7.1',
    text: 'The From: address ceo@evil\\x1b[2J.test has no domain name: a message needs one From: address (RFC 5322 §3.6, §3.4.1), and DMARC its domain (RFC 7489 §6.6.1)',
  });
  const text = rejectionFor(verdict([long], 1))!.text;
  assert.equal(text, `The From: address x@${'a'.repeat(98)}... has no domain name: a message needs one From: address (RFC 5322 §3.6, §3.4.1), and DMARC its domain (RFC 7489 §6.6.1)`);
  assert.deepEqual([rejectionFor(verdict([], 0))?.text.split(':')[0], rejectionFor(verdict([], 1))?.text.split(':')[0]], ['The message has no From', 'The From']);
});

test('a From: address with a domain name, internationalized too, is judged by DMARC, not refused for its form', () => {
  assert.equal(rejectionFor(verdict(['alice@example.test'], 1)), undefined);
  assert.equal(rejectionFor(verdict(['josé@bücher.example'], 1)), undefined);
  assert.equal(rejectionFor(verdict(['postmaster@localhost'], 1)), undefined);
  assert.equal(rejectionFor(verdict(['a@my_host.example.test'], 1)), undefined);
});

test('a refusal naming many signatures fits one reply line (RFC 5321 §4.5.3.1.5: 512 octets with code and CRLF), cut with "..."', () => {
  const signatures = Array.from({ length: 200 }, (_, i) => ({ result: 'neutral', domain: `d${i}.signed.test`, selector: 's', aligned: false, reason: 'body hash did not verify' }));
  const rejection = rejectionFor({ ...verdict(['alice@signed.test'], 1), dkim: signatures })!;
  const line = `${rejection.code} ${rejection.enhanced} ${rejection.text}\r\n`;
  assert.deepEqual([rejection.code, rejection.enhanced, Buffer.byteLength(line) <= 512, Buffer.byteLength(line) > 500, rejection.text.endsWith('...')], [550, '5.7.20', true, true, true]);
  assert.match(rejection.text, /^No passing DKIM signature found \(d=d0\.signed\.test s=s: neutral, body hash did not verify; d=d1\.signed\.test/);
});

test('help texts list each of the strict receiver\'s replies once, refusals first', () => {
  assert.equal(strictReplyCodes(), '550 5.7.26, 5.7.1, 5.7.23, 5.7.24, 5.7.20; 451 4.7.26, 4.7.24, 4.7.20');
  assert.equal(strictReplyCodes((code) => `[${code}]`).split('; ')[1], '[451 4.7.26], [4.7.24], [4.7.20]');
});
