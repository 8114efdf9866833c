import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, fixed, summary } from './syntaxHarness';
import { lines } from '../../../support/text';

const command = (line: string, reply = 'S: 250 Ok') => lines('S: 220 mx.example.com ESMTP', 'C: EHLO client.test', 'S: 250 mx', line, reply);

describe('MAIL FROM / RCPT TO paths', () => {
  test('valid paths pass', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<sender@example.org>')), []);
    assert.deepEqual(summary(command('C: mail from:<sender@example.org>')).map((s) => s.rule), ['lowercase-verb']);
    assert.deepEqual(summary(command('C: MAIL FROM:<>')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<"john doe"@example.com>')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<user@[192.0.2.1]>')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<user@[IPv6:2001:db8::1]>')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<Postmaster>')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<用户@例子.广告>')), []);
    assert.deepEqual(summary(command("C: RCPT TO:<o'brien+tag@sub.example.com>")), []);
    assert.deepEqual(summary(lines('@to = a@b.example', 'S: 220 mx', 'C: RCPT TO:<{{to}}>', 'S: 250 Ok')), []);
    assert.deepEqual(summary(lines('@to = <a@b.example>', 'S: 220 mx', 'C: RCPT TO:{{to}}', 'S: 250 Ok')), []);
  });

  test("the mock's patterns are not judged as paths: a `*` in the path, a `/regex/` as the whole argument", () => {
    assert.deepEqual(summary(command('C: MAIL FROM:<*>')), []);
    assert.deepEqual(summary(command('C: RCPT TO:<*@example.com>')), []);
    assert.deepEqual(summary(command('C: RCPT /TO:<.*@example\\.com>/')), []);
    // Without a pattern, the same shapes are still paths to check.
    assert.deepEqual(summary(command('C: RCPT TO:<@example.com>')).map((s) => s.rule), ['path-syntax']);
    assert.deepEqual(summary(command('C: RCPT TO:/a@example.com')).map((s) => s.rule), ['path-angle-brackets']);
  });

  test('path-space-after-colon: a warning whose fix removes the spaces', () => {
    const text = command('C: MAIL FROM:  <sender@example.org>');
    assert.deepEqual(summary(text), [{ rule: 'path-space-after-colon', line: 4, severity: 'warning' }]);
    assert.equal(fixed(text, 'path-space-after-colon'), command('C: MAIL FROM:<sender@example.org>'));
  });

  test('path-space-after-colon: a tab counts as a space, and the path after it is read as a path', () => {
    const text = command('C: MAIL FROM:\t<sender@example.org>');
    assert.deepEqual(summary(text), [{ rule: 'path-space-after-colon', line: 4, severity: 'warning' }]);
    assert.equal(fixed(text, 'path-space-after-colon'), command('C: MAIL FROM:<sender@example.org>'));
  });

  test('path-space-after-colon: a negative test expecting 501 gets a hint', () => {
    assert.deepEqual(summary(command('C: MAIL FROM: <sender@example.org>', 'S: 501 5.5.4 Syntax: MAIL FROM:<address>')), [
      { rule: 'path-space-after-colon', line: 4, severity: 'hint' },
    ]);
  });

  test('path-prefix: FROM:/TO: missing or misspelt, fixed when the keyword is there', () => {
    const noColon = command('C: MAIL FROM <a@example.org>');
    assert.deepEqual(summary(noColon), [{ rule: 'path-prefix', line: 4, severity: 'warning' }]);
    assert.equal(fixed(noColon, 'path-prefix'), command('C: MAIL FROM:<a@example.org>'));
    assert.equal(fixed(command('C: RCPT to : <b@example.org>'), 'path-prefix'), command('C: RCPT to:<b@example.org>'));
    assert.equal(fixed(command('C: MAIL <a@example.org>'), 'path-prefix'), command('C: MAIL FROM:<a@example.org>'));
    assert.equal(findingsOf(command('C: MAIL TO:<a@example.org>'), 'path-prefix')[0].fix, undefined);
    assert.deepEqual(summary(command('C: MAIL', 'S: 501 Syntax')), [{ rule: 'path-prefix', line: 4, severity: 'hint' }]);
  });

  test('path-prefix: no fix where the keyword is only the start of a word, or `=` stands for the colon', () => {
    for (const line of ['C: MAIL FROM=<a@example.org>', 'C: MAIL FROMAGE:<a@example.org>', 'C: RCPT TOM@example.org']) {
      assert.deepEqual(summary(command(line)).map((s) => s.rule), ['path-prefix'], line);
      assert.equal(findingsOf(command(line), 'path-prefix')[0].fix, undefined, line);
    }
  });

  test('path-angle-brackets: a bare address, fixed by adding brackets', () => {
    const text = command('C: MAIL FROM:a@example.org SIZE=100');
    assert.deepEqual(summary(text), [{ rule: 'path-angle-brackets', line: 4, severity: 'warning' }]);
    assert.equal(fixed(text, 'path-angle-brackets'), command('C: MAIL FROM:<a@example.org> SIZE=100'));
    assert.equal(fixed(command('C: RCPT TO:"john"@example.org'), 'path-angle-brackets'), command('C: RCPT TO:<"john"@example.org>'));
  });

  test('path-angle-brackets: no fix when brackets would hold only part of what is written', () => {
    // A quoted local part cut at its blank, a path holding brackets of its own.
    for (const line of ['C: RCPT TO:"john doe"@example.org', 'C: MAIL FROM:=<a@example.org>', 'C: MAIL FROM:a@example.org>']) {
      assert.deepEqual(findingsOf(command(line), 'path-angle-brackets').map((f) => f.fix), [undefined], line);
    }
  });

  test('path-syntax: not a mailbox, bad local part, bad domain, unclosed, missing, junk after the path', () => {
    const rule = (text: string) => summary(command(text));
    assert.deepEqual(rule('C: MAIL FROM:<bad>'), [{ rule: 'path-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(rule('C: RCPT TO:<a..b@example.org>'), [{ rule: 'path-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(rule('C: RCPT TO:<a b@example.org>'), [{ rule: 'path-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(rule('C: RCPT TO:<a@exa_mple.org>'), [{ rule: 'path-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(rule('C: RCPT TO:<a@example.org'), [{ rule: 'path-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(rule('C: RCPT TO:'), [{ rule: 'path-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(rule('C: RCPT TO:<a@example.org>NOTIFY=NEVER'), [{ rule: 'path-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(findingsOf(command('C: RCPT TO:<a..b@example.org>'), 'path-syntax')[0].range, {
      start: { line: 3, character: 12 },
      end: { line: 3, character: 16 },
    });
  });

  test('path-syntax: the classic negative test `MAIL FROM:bad` expecting 501 gets only hints', () => {
    assert.deepEqual(summary(command('C: MAIL FROM:bad', 'S: 501 5.1.7 Bad sender address syntax')), [
      { rule: 'path-angle-brackets', line: 4, severity: 'hint' },
      { rule: 'path-syntax', line: 4, severity: 'hint' },
    ]);
    assert.deepEqual(summary(command('C: RCPT TO:<bad>', 'S: 553 5.1.3 Bad recipient address syntax')), [
      { rule: 'path-syntax', line: 4, severity: 'hint' },
    ]);
  });

  test('null-path-in-rcpt: the null path is a reverse-path only', () => {
    assert.deepEqual(summary(command('C: RCPT TO:<>')), [{ rule: 'null-path-in-rcpt', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: RCPT TO:<>', 'S: 501 5.1.3 Bad recipient address syntax')), [
      { rule: 'null-path-in-rcpt', line: 4, severity: 'hint' },
    ]);
    assert.deepEqual(summary(command('C: MAIL FROM:<>')), []);
  });

  test('source-route: deprecated, the fix keeps only the mailbox', () => {
    const text = command('C: RCPT TO:<@relay1.example,@relay2.example:user@example.com>');
    assert.deepEqual(summary(text), [{ rule: 'source-route', line: 4, severity: 'info' }]);
    assert.equal(fixed(text, 'source-route'), command('C: RCPT TO:<user@example.com>'));
    assert.deepEqual(findingsOf(text, 'source-route')[0].fix, { title: 'Remove the source route', edits: [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 44 } }, newText: '' }], safe: true });
  });

  test('source-route: where a refusal is expected the route may be what is refused: the fix is offered, not made by fix-all', () => {
    const refused = command('C: RCPT TO:<@relay.example:user@example.com>', 'S: 550 5.7.1 Relaying denied');
    assert.deepEqual(summary(refused), [{ rule: 'source-route', line: 4, severity: 'info' }]);
    assert.deepEqual(findingsOf(refused, 'source-route')[0].fix, { title: 'Remove the source route', edits: [{ range: { start: { line: 3, character: 12 }, end: { line: 3, character: 27 } }, newText: '' }] });
  });

  test('address-literal-syntax: IPv4 and IPv6 literals only', () => {
    assert.deepEqual(summary(command('C: RCPT TO:<user@[192.0.2]>')), [{ rule: 'address-literal-syntax', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(command('C: RCPT TO:<user@[example.com]>')), [{ rule: 'address-literal-syntax', line: 4, severity: 'warning' }]);
    const untagged = command('C: RCPT TO:<user@[2001:db8::1]>');
    assert.equal(fixed(untagged, 'address-literal-syntax'), command('C: RCPT TO:<user@[IPv6:2001:db8::1]>'));
  });

  test('local-part-too-long, domain-too-long, path-too-long', () => {
    assert.deepEqual(summary(command(`C: RCPT TO:<${'a'.repeat(65)}@example.org>`)), [{ rule: 'local-part-too-long', line: 4, severity: 'warning' }]);
    assert.deepEqual(summary(command(`C: RCPT TO:<${'a'.repeat(64)}@example.org>`)), []);
    const domain = Array.from({ length: 5 }, () => 'd'.repeat(60)).join('.');
    assert.deepEqual(summary(command(`C: RCPT TO:<a@${domain}>`)), [
      { rule: 'path-too-long', line: 4, severity: 'warning' },
      { rule: 'domain-too-long', line: 4, severity: 'warning' },
    ]);
    // 64 + 1 + 189 + 2 brackets = 256 octets: at the limit.
    const atLimit = `<${'a'.repeat(64)}@${'d'.repeat(62)}.${'d'.repeat(62)}.${'d'.repeat(61)}.d>`;
    assert.equal(Buffer.byteLength(atLimit), 256);
    assert.deepEqual(summary(command(`C: RCPT TO:${atLimit}`)), []);
    const overLimit = atLimit.replace('.d>', '.dd>');
    assert.deepEqual(summary(command(`C: RCPT TO:${overLimit}`)), [{ rule: 'path-too-long', line: 4, severity: 'warning' }]);
  });
});
