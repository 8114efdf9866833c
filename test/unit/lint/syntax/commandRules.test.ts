import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, fixed, summary } from './syntaxHarness';
import { lines } from '../../../support/text';

/** A session around one command and its expected reply. */
const command = (line: string, reply = 'S: 250 Ok') => lines('S: 220 mx.example.com ESMTP', line, reply);

describe('command syntax', () => {
  test('unknown-verb: a typo gets a did-you-mean fix', () => {
    const text = command('C: EHOL client.test');
    assert.deepEqual(summary(text), [{ rule: 'unknown-verb', line: 2, severity: 'warning' }]);
    assert.match(findingsOf(text, 'unknown-verb')[0].message, /did you mean `EHLO`\?/);
    assert.equal(fixed(text, 'unknown-verb'), command('C: EHLO client.test'));
  });

  test('unknown-verb: no fix when nothing is close', () => {
    const [finding] = findingsOf(command('C: FROBNICATE'), 'unknown-verb');
    assert.equal(finding.fix, undefined);
    assert.deepEqual(finding.range, { start: { line: 1, character: 3 }, end: { line: 1, character: 13 } });
  });

  test('unknown-verb: known verbs and X-verbs pass', () => {
    assert.deepEqual(summary(command('C: NOOP')), []);
    assert.deepEqual(summary(command('C: XCLIENT ADDR=192.0.2.1')), []);
    assert.deepEqual(summary(command('C: VRFY postmaster', 'S: 252 Cannot VRFY')), []);
  });

  test('unknown-verb: expecting 500 or 502 makes it a negative test (hint, no fix)', () => {
    const text = command('C: EHOL client.test', 'S: 500 5.5.2 Error: command not recognized');
    assert.deepEqual(summary(text), [{ rule: 'unknown-verb', line: 2, severity: 'hint' }]);
    assert.equal(findingsOf(text, 'unknown-verb')[0].fix, undefined);
    assert.deepEqual(summary(command('C: FOO', 'S: 502 Not implemented')), [{ rule: 'unknown-verb', line: 2, severity: 'hint' }]);
    assert.deepEqual(summary(command('C: FOO', 'S: 5xx')), [{ rule: 'unknown-verb', line: 2, severity: 'hint' }]);
    // A refusal that is not about syntax does not excuse it.
    assert.deepEqual(summary(command('C: FOO', 'S: 550 No')), [{ rule: 'unknown-verb', line: 2, severity: 'warning' }]);
  });

  test('unknown-verb right after AUTH: an answer whose 334 is missing, never quoted', () => {
    const text = lines('S: 220 mx.example.com ESMTP', 'C: EHLO c.test', 'S: 250 mx', 'C: AUTH LOGIN', 'C: YWxpY2U=', 'C: aHVudGVyMg==', 'S: 334 VXNlcm5hbWU6');
    const found = findingsOf(text, 'unknown-verb');
    assert.deepEqual(found.map((f) => f.range.start.line + 1), [5, 6]);
    assert.equal(
      found[0].message,
      "This line follows AUTH but no `S: 334 ...` challenge stands between, so it is read as a command, and no SMTP command is called that. If it answers the server's challenge, write the 334 reply above it (RFC 4954 §4).",
    );
    assert.deepEqual(found.map((f) => f.fix), [undefined, undefined]);
    assert.deepEqual(found.filter((f) => /YWxpY2U|aHVudGVy/.test(f.message)), []);
  });

  test('command-whitespace: a second space after `C:` says so (not "empty line"), with a fix', () => {
    const text = command('C:  EHLO c.test');
    assert.deepEqual(summary(text), [{ rule: 'command-whitespace', line: 2, severity: 'warning' }]);
    assert.equal(
      findingsOf(text, 'command-whitespace')[0].message,
      'The command starts with a space: write exactly one space after `C:`. Everything after it is sent, and servers that read ` EHLO` as an unknown command answer 500 (RFC 5321 §4.1.1).',
    );
    assert.equal(fixed(text, 'command-whitespace'), command('C: EHLO c.test'));
  });

  test('command-whitespace: a tab between verb and argument, not an unknown verb', () => {
    const text = command('C: VRFY\tpostmaster', 'S: 252 Cannot VRFY');
    assert.deepEqual(summary(text), [{ rule: 'command-whitespace', line: 2, severity: 'warning' }]);
    assert.match(findingsOf(text, 'command-whitespace')[0].message, /^Separate the verb from its argument with a space, not a tab/);
    assert.equal(fixed(text, 'command-whitespace'), command('C: VRFY postmaster', 'S: 252 Cannot VRFY'));
  });

  test('lowercase-verb: a hint with a fix that upper-cases the verb', () => {
    const text = command('C: noop');
    assert.deepEqual(summary(text), [{ rule: 'lowercase-verb', line: 2, severity: 'hint' }]);
    assert.equal(fixed(text, 'lowercase-verb'), command('C: NOOP'));
    assert.equal(fixed(command('C: Rset'), 'lowercase-verb'), command('C: RSET'));
  });

  test('lowercase-verb: upper case passes', () => {
    assert.deepEqual(summary(command('C: RSET')), []);
  });

  test('helo-instead-of-ehlo: a hint with a fix to EHLO', () => {
    const text = command('C: HELO client.test');
    assert.deepEqual(summary(text), [{ rule: 'helo-instead-of-ehlo', line: 2, severity: 'hint' }]);
    assert.equal(fixed(text, 'helo-instead-of-ehlo'), command('C: EHLO client.test'));
    assert.deepEqual(summary(command('C: EHLO client.test')), []);
  });

  test('helo-argument: missing, several words, not a domain', () => {
    assert.deepEqual(summary(command('C: EHLO')), [{ rule: 'helo-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: EHLO client.test extra')), [{ rule: 'helo-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: EHLO client..test')), [{ rule: 'helo-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: EHLO -client.test')), [{ rule: 'helo-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: EHLO client.test.')), [{ rule: 'helo-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(findingsOf(command('C: EHLO bad_name'), 'helo-argument')[0].range, {
      start: { line: 1, character: 8 },
      end: { line: 1, character: 16 },
    });
  });

  test("helo-argument: the mock's patterns (`EHLO *`, `HELO /regex/`) are not judged as a domain", () => {
    assert.deepEqual(summary(command('C: EHLO *')), []);
    assert.deepEqual(summary(command('C: EHLO *.example.com')), []);
    assert.deepEqual(summary(command('C: EHLO /[a-z]+\\.test/')), []);
  });

  test('helo-argument: domains, address literals and references pass; a 501 makes it a negative test', () => {
    assert.deepEqual(summary(command('C: EHLO client.test')), []);
    assert.deepEqual(summary(command('C: EHLO localhost')), []);
    assert.deepEqual(summary(command('C: EHLO [192.0.2.1]')), []);
    assert.deepEqual(summary(command('C: EHLO [IPv6:2001:db8::1]')), []);
    assert.deepEqual(summary(lines('@client = c.test', 'S: 220 mx', 'C: EHLO {{client}}', 'S: 250 Ok')), []);
    assert.deepEqual(summary(command('C: EHLO', 'S: 501 Syntax: EHLO hostname')), [{ rule: 'helo-argument', line: 2, severity: 'hint' }]);
  });

  test('address-literal-syntax in EHLO, with a fix adding the IPv6 tag', () => {
    assert.deepEqual(summary(command('C: EHLO [192.0.2.300]')), [{ rule: 'address-literal-syntax', line: 2, severity: 'warning' }]);
    const untagged = command('C: EHLO [2001:db8::1]');
    assert.deepEqual(summary(untagged), [{ rule: 'address-literal-syntax', line: 2, severity: 'warning' }]);
    assert.equal(fixed(untagged, 'address-literal-syntax'), command('C: EHLO [IPv6:2001:db8::1]'));
  });

  test('domain-too-long in EHLO', () => {
    const domain = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
    assert.deepEqual(summary(command(`C: EHLO ${domain}`)), [{ rule: 'domain-too-long', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command(`C: EHLO ${domain.slice(0, 255)}`)), []);
  });

  test('unexpected-argument: DATA, RSET, QUIT and STARTTLS take none; the fix removes it', () => {
    const text = command('C: RSET now', 'S: 250 Ok');
    assert.deepEqual(summary(text), [{ rule: 'unexpected-argument', line: 2, severity: 'warning' }]);
    assert.equal(fixed(text, 'unexpected-argument'), command('C: RSET', 'S: 250 Ok'));
    assert.deepEqual(summary(command('C: QUIT bye', 'S: 221 Bye')), [{ rule: 'unexpected-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: STARTTLS please', 'S: 501 Syntax error (no parameters allowed)')), [
      { rule: 'unexpected-argument', line: 2, severity: 'hint' },
    ]);
  });

  test('unexpected-argument: NOOP and HELP take an optional argument', () => {
    assert.deepEqual(summary(command('C: NOOP keepalive')), []);
    assert.deepEqual(summary(command('C: HELP MAIL', 'S: 214 MAIL FROM:<address>')), []);
    assert.deepEqual(summary(command('C: QUIT', 'S: 221 Bye')), []);
  });

  test('missing-argument: VRFY and AUTH need one', () => {
    assert.deepEqual(summary(command('C: VRFY', 'S: 252 Ok')), [{ rule: 'missing-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: AUTH', 'S: 501 Syntax: AUTH mechanism')), [{ rule: 'missing-argument', line: 2, severity: 'hint' }]);
    assert.deepEqual(summary(command('C: VRFY postmaster', 'S: 252 Ok')), []);
  });

  test('command-line-too-long: more than 512 octets with CRLF', () => {
    assert.deepEqual(summary(command(`C: NOOP ${'a'.repeat(506)}`)), [{ rule: 'command-line-too-long', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command(`C: NOOP ${'a'.repeat(505)}`)), []);
    assert.deepEqual(summary(command(`C: NOOP ${'a'.repeat(506)}`, 'S: 500 Line too long')), [
      { rule: 'command-line-too-long', line: 2, severity: 'hint' },
    ]);
  });

  test('command-line-too-long: MAIL/RCPT parameters extend the limit, the path alone does not', () => {
    assert.deepEqual(summary(command(`C: MAIL FROM:<a@example.org> ENVID=${'a'.repeat(100)} AUTH=${'b'.repeat(400)}@example.org`)), []);
    const local = 'a'.repeat(60);
    const longPath = `<${Array.from({ length: 8 }, () => local).join('.')}@example.org>`;
    assert.deepEqual(
      summary(command(`C: MAIL FROM:${longPath}`)).map((s) => s.rule),
      ['command-line-too-long', 'path-too-long', 'local-part-too-long'],
    );
  });
});

describe('etrn-argument (RFC 1985 §5)', () => {
  test('a domain, @domain and #queue are fine', () => {
    for (const argument of ['example.org', '@example.org', '#queue-1']) assert.deepEqual(summary(command(`C: ETRN ${argument}`)), [], argument);
  });
  test('two words, a bad domain, a bare option character: warning on the argument; expecting 501 is a hint', () => {
    assert.deepEqual(summary(command('C: ETRN example org')), [{ rule: 'etrn-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: ETRN example..org')), [{ rule: 'etrn-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: ETRN @')), [{ rule: 'etrn-argument', line: 2, severity: 'warning' }]);
    assert.deepEqual(findingsOf(command('C: ETRN example org'), 'etrn-argument')[0].range, { start: { line: 1, character: 8 }, end: { line: 1, character: 19 } });
    assert.deepEqual(summary(command('C: ETRN example org', 'S: 501 Syntax error')), [{ rule: 'etrn-argument', line: 2, severity: 'hint' }]);
  });
});
