// SPF macro expansion (RFC 7208 §7), on the RFC's own examples (§7.4) and the errors §7.1 and §7.3 name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandExplanation, expandMacros, type MacroValues } from '../../../server/src/mailauth/spf/spfMacro';

// §7.4: "The <sender> is strong-bad@email.example.com. The IPv4 SMTP client IP is 192.0.2.3. The IPv6 SMTP client
// IP is 2001:db8::cb01. The PTR domain name of the client IP is mx.example.org."
const V4: MacroValues = { sender: 'strong-bad@email.example.com', domain: 'email.example.com', ip: '192.0.2.3', helo: 'mx.example.org' };
const V6: MacroValues = { ...V4, ip: '2001:db8::cb01' };

test('the examples of RFC 7208 §7.4 expand as the RFC writes them', () => {
  const cases: Array<[string, string]> = [
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
  ];
  assert.deepEqual(
    cases.map(([macro]) => [macro, expandMacros(macro, V4)]),
    cases,
  );
  assert.equal(expandMacros('%{ir}.%{v}._spf.%{d2}', V6), '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com');
});

test('%% %_ %- and upper-case letters (URL-escaped, §7.3); d is the domain being evaluated, not the sender\'s', () => {
  assert.deepEqual(
    [expandMacros('%%%_%-', V4), expandMacros('%{S}', { ...V4, sender: 'a b@example.com' }), expandMacros('%{d}', { ...V4, domain: 'include.example.net' })],
    ['% %20', 'a%20b%40example.com', 'include.example.net'],
  );
});

test('a lone %, c r t outside exp=, a zero part count and an unknown letter are syntax errors (RFC 7208 §7.1, §7.3)', () => {
  const error = (macro: string) => {
    try {
      return expandMacros(macro, V4);
    } catch (problem) {
      return (problem as Error).message;
    }
  };
  assert.deepEqual(
    ['50%', '%{c}', '%{r}.example.com', '%{t}', '%{d0}', '%{x}', '%{d'].map(error),
    [
      '`50%`: a % must start %{...}, %%, %_ or %- (RFC 7208 §7.1)',
      '%{c} is allowed only in exp= text (RFC 7208 §7.1)',
      '%{r} is allowed only in exp= text (RFC 7208 §7.1)',
      '%{t} is allowed only in exp= text (RFC 7208 §7.1)',
      '%{d0}: the number of parts must not be zero (RFC 7208 §7.3)',
      '%{x} is not a macro letter (RFC 7208 §7.1)',
      '`%{d`: a % must start %{...}, %%, %_ or %- (RFC 7208 §7.1)',
    ],
  );
});

test('an explanation (exp= text) may hold spaces and the c, r and t macros; c is the address as written for people (§7.3)', () => {
  const values = { ...V4, receiver: 'mx.receiver.test', now: 1796000000 };
  assert.deepEqual(
    [expandExplanation('%{c} is not allowed by %{r} at %{t}', values), expandExplanation('%{c} and %{i}', { ...values, ip: '2001:0db8:0000:0000:0000:0000:0000:cb01' })],
    ['192.0.2.3 is not allowed by mx.receiver.test at 1796000000', '2001:db8::cb01 and 2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1'],
  );
});
