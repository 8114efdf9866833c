import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bdatChunk, findingsOf, fixed, parseProblems, summary, dataTransaction } from './syntaxHarness';
import { lines } from '../../../support/text';

const HEADERS = ['C: From: <a@example.org>', 'C: Date: {{$date}}', 'C:'];

const data = (mail: string, content: string[], finalReply = 'S: 250 Ok') => dataTransaction([...HEADERS, ...content], { mail, finalReply });
const MAIL = 'C: MAIL FROM:<a@example.org>';

/** The same transaction sent with BDAT chunks (the first chunk starts on line 8). */
const bdat = (mail: string, ...chunks: string[][]) =>
  lines('S: 220 mx', 'C: EHLO client.test', 'S: 250 mx', mail, 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', ...chunks.flatMap((c) => [...c, 'S: 250 Ok']));

describe('message content', () => {
  test('dot-not-stuffed: a content line starting with one dot, fixed by stuffing it', () => {
    const text = data(MAIL, ['C: .hidden']);
    assert.deepEqual(summary(text), [{ rule: 'dot-not-stuffed', line: 13, severity: 'warning' }]);
    assert.equal(fixed(text, 'dot-not-stuffed'), data(MAIL, ['C: ..hidden']));
    assert.deepEqual(findingsOf(text, 'dot-not-stuffed')[0].range, { start: { line: 12, character: 3 }, end: { line: 12, character: 4 } });
  });

  test('dot-not-stuffed: stuffed lines, the final dot and BDAT chunks (no stuffing there) pass', () => {
    assert.deepEqual(summary(data(MAIL, ['C: ..hidden', 'C: ...'])), []);
    const chunked = bdat(MAIL, bdatChunk(['From: <a@example.org>', 'Date: {{$date}}', '', '.not stuffed'], { last: true }));
    assert.deepEqual(parseProblems(chunked), []);
    assert.deepEqual(summary(chunked), []);
  });

  test('text-line-too-long: 1001 octets with CRLF; the stuffed dot does not count', () => {
    assert.deepEqual(summary(data(MAIL, [`C: ${'a'.repeat(999)}`])), [{ rule: 'text-line-too-long', line: 13, severity: 'warning' }]);
    assert.deepEqual(summary(data(MAIL, [`C: ${'a'.repeat(998)}`])), []);
    assert.deepEqual(summary(data(MAIL, [`C: ..${'a'.repeat(997)}`])), []);
  });

  test('text-line-too-long: BODY=BINARYMIME content has no line limit', () => {
    const long = bdat('C: MAIL FROM:<a@example.org> BODY=BINARYMIME', bdatChunk(['From: <a@example.org>', 'Date: x', '', 'a'.repeat(1200)], { last: true }));
    assert.deepEqual(summary(long), []);
    const seven = bdat(MAIL, bdatChunk(['From: <a@example.org>', 'Date: x', '', 'a'.repeat(1200)], { last: true }));
    assert.deepEqual(summary(seven), [{ rule: 'text-line-too-long', line: 12, severity: 'warning' }]);
  });

  test('undeclared-8bit-content: non-ASCII without BODY=8BITMIME, fixed on the MAIL line', () => {
    const text = data(MAIL, ['C: Grüße']);
    assert.deepEqual(summary(text), [{ rule: 'undeclared-8bit-content', line: 13, severity: 'warning' }]);
    assert.equal(fixed(text, 'undeclared-8bit-content'), data('C: MAIL FROM:<a@example.org> BODY=8BITMIME', ['C: Grüße']));
    const seven = data('C: MAIL FROM:<a@example.org> BODY=7BIT SIZE=100', ['C: Grüße']);
    assert.equal(fixed(seven, 'undeclared-8bit-content'), data('C: MAIL FROM:<a@example.org> BODY=8BITMIME SIZE=100', ['C: Grüße']));
  });

  test('undeclared-8bit-content: declared 8BITMIME, BINARYMIME or SMTPUTF8, or ASCII only, passes', () => {
    assert.deepEqual(summary(data('C: MAIL FROM:<a@example.org> BODY=8BITMIME', ['C: Grüße'])), []);
    assert.deepEqual(summary(data('C: MAIL FROM:<a@example.org> SMTPUTF8', ['C: Grüße'])), []);
    assert.deepEqual(summary(data(MAIL, ['C: Gruesse'])), []);
  });

  test('undeclared-8bit-content: expecting the message refused with 554 makes it a negative test', () => {
    assert.deepEqual(summary(data(MAIL, ['C: Grüße'], 'S: 554 5.6.1 8-bit content not allowed')), [
      { rule: 'undeclared-8bit-content', line: 13, severity: 'hint' },
    ]);
  });

  test('declared-size-too-small: SIZE below the message octets, fixed to the exact size', () => {
    // From (21 + CRLF) + Date with the reference counted as empty (6 + CRLF) + empty line (CRLF) + Body (4 + CRLF).
    const text = data('C: MAIL FROM:<a@example.org> SIZE=10', ['C: Body']);
    assert.deepEqual(summary(text), [{ rule: 'declared-size-too-small', line: 4, severity: 'warning' }]);
    assert.match(findingsOf(text, 'declared-size-too-small')[0].message, /at least 39/);
    assert.equal(findingsOf(text, 'declared-size-too-small')[0].fix, undefined);
    const exact = lines('S: 220 mx', 'C: MAIL FROM:<a@example.org> SIZE=10', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: From: <a@example.org>', 'C: ..dot', 'C: .', 'S: 250 Ok');
    // 21 + CRLF, then `.dot` (the stuffed dot is not counted, RFC 1870) 4 + CRLF.
    assert.equal(fixed(exact, 'declared-size-too-small'), exact.replace('SIZE=10', 'SIZE=29'));
    assert.deepEqual(summary(exact.replace('SIZE=10', 'SIZE=29')).map((s) => s.rule), ['missing-date-header', 'header-syntax']);
    // `\{{` sends `{{`: counted as the two octets sent, as an smtplib import writes a message holding braces.
    const braces = exact.replace('C: ..dot', 'C: \\{{x}}');
    assert.equal(fixed(braces, 'declared-size-too-small'), braces.replace('SIZE=10', 'SIZE=30'));
  });

  test('declared-size-too-small: a 552 refusal makes it a negative test; BDAT counts the chunks', () => {
    assert.deepEqual(summary(data('C: MAIL FROM:<a@example.org> SIZE=10', ['C: Body'], 'S: 552 5.3.4 Message too big')), [
      { rule: 'declared-size-too-small', line: 4, severity: 'hint' },
    ]);
    const chunks = bdat('C: MAIL FROM:<a@example.org> SIZE=20', bdatChunk(['From: <a@example.org>', 'Date: x', '', 'Hi'], { last: true, midLine: true }));
    assert.deepEqual(parseProblems(chunks), []);
    assert.equal(fixed(chunks, 'declared-size-too-small'), chunks.replace('SIZE=20', 'SIZE=36'));
  });

  test('bdat-computed-size: `BDAT *` is computed at send time', () => {
    const text = bdat(MAIL, ['C: BDAT * LAST', 'C: From: <a@example.org>', 'C: Date: x', 'C:', 'C: Hi']);
    assert.deepEqual(summary(text), [{ rule: 'bdat-computed-size', line: 8, severity: 'info' }]);
    assert.deepEqual(findingsOf(text, 'bdat-computed-size')[0].range, { start: { line: 7, character: 8 }, end: { line: 7, character: 9 } });
    assert.deepEqual(summary(bdat(MAIL, bdatChunk(['From: <a@example.org>', 'Date: x', '', 'Hi'], { last: true }))), []);
  });
});
