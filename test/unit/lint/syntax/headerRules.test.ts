import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bdatChunk, dataTransaction, findingsOf, fixed, parseProblems, summary } from './syntaxHarness';
import { lines } from '../../../support/text';

/** A transaction whose DATA content (written as file lines) starts on line 10. */
const data = (...content: string[]) => dataTransaction(content);

const complete = ['C: From: <a@example.org>', 'C: Date: {{$date}}', 'C: Subject: hello', 'C:', 'C: Body'];

describe('message headers', () => {
  test('a complete header section passes, folded lines included', () => {
    assert.deepEqual(summary(data(...complete)), []);
    assert.deepEqual(summary(data('C: From: <a@example.org>', 'C: Date: {{$date}}', 'C: Subject: a long', 'C:   subject, folded', 'C: \tand again', 'C:', 'C: Body')), []);
    assert.deepEqual(summary(data('C: from:<a@example.org>', 'C: DATE: Thu, 1 Jan 2026 00:00:00 +0000')), []);
  });

  test('header-syntax: the body starts without the empty line', () => {
    const text = data('C: From: <a@example.org>', 'C: Date: {{$date}}', 'C: Hello there', 'C: Bye');
    assert.deepEqual(summary(text), [{ rule: 'header-syntax', line: 12, severity: 'warning' }]);
    assert.match(findingsOf(text, 'header-syntax')[0].message, /insert an empty `C:` line above this one/);
  });

  test('header-syntax: a message with no header section at all', () => {
    assert.deepEqual(summary(data('C: Hello there')), [
      { rule: 'header-syntax', line: 10, severity: 'warning' },
      { rule: 'missing-date-header', line: 10, severity: 'warning' },
      { rule: 'missing-from-header', line: 10, severity: 'warning' },
    ]);
  });

  test('header-syntax: a folded line with no field above it', () => {
    assert.deepEqual(summary(data('C:  folded', 'C: From: <a@example.org>', 'C: Date: {{$date}}')).map((s) => s.rule), [
      'header-syntax',
      'missing-date-header',
      'missing-from-header',
    ]);
  });

  test('header-syntax: a space before the colon, removed by the fix; the field still counts', () => {
    const text = data('C: From : <a@example.org>', 'C: Date: {{$date}}', 'C:', 'C: Body');
    assert.deepEqual(summary(text), [{ rule: 'header-syntax', line: 10, severity: 'warning' }]);
    assert.equal(fixed(text, 'header-syntax'), data('C: From: <a@example.org>', 'C: Date: {{$date}}', 'C:', 'C: Body'));
  });

  test('header-syntax: the fix on a dot-stuffed line takes the space, not the field name', () => {
    assert.equal(fixed(data('C: ..X-Dot : y', 'C: From: <a@example.org>', 'C: Date: {{$date}}', 'C:', 'C: Body'), 'header-syntax'), data('C: ..X-Dot: y', 'C: From: <a@example.org>', 'C: Date: {{$date}}', 'C:', 'C: Body'));
  });

  test('header-syntax in a BDAT chunk: the fix takes the space and the octet count with it, so the chunk frames the same lines', () => {
    const session = (...chunk: string[]) => lines('S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', ...chunk, 'S: 250 Ok');
    const text = session(...bdatChunk(['From: <a@example.org>', 'Date: Thu, 1 Jan 2026 00:00:00 +0000', 'Subject  : hi', '', 'Hi'], { last: true }));
    assert.deepEqual(summary(text), [{ rule: 'header-syntax', line: 11, severity: 'warning' }]);
    const after = fixed(text, 'header-syntax');
    assert.equal(after, session(...bdatChunk(['From: <a@example.org>', 'Date: Thu, 1 Jan 2026 00:00:00 +0000', 'Subject: hi', '', 'Hi'], { last: true })));
    assert.deepEqual([parseProblems(after), summary(after)], [[], []]);
    // `BDAT *` is counted when sent: only the space goes.
    const computed = text.replace(/BDAT \d+ LAST/, 'BDAT * LAST');
    assert.equal(fixed(computed, 'header-syntax'), after.replace(/BDAT \d+ LAST/, 'BDAT * LAST'));
  });

  test('header-syntax: lines made of references and included files are not judged', () => {
    assert.deepEqual(summary(lines('@headers = From: a@example.org', 'S: 220 mx', 'C: DATA', 'S: 354 Go', 'C: {{headers}}', 'C:', 'C: Body', 'C: .', 'S: 250 Ok')), []);
    assert.deepEqual(summary(data('< ./message.eml')), []);
    assert.deepEqual(summary(data('C: Subject: x', '< ./headers.eml', 'C:', 'C: Body')), []);
  });

  test('missing-from-header and missing-date-header: a warning on the first content line (RFC 5322 §3.6)', () => {
    assert.deepEqual(summary(data('C: Date: {{$date}}', 'C:', 'C: Body')), [{ rule: 'missing-from-header', line: 10, severity: 'warning' }]);
    assert.equal(
      findingsOf(data('C: Date: {{$date}}', 'C:', 'C: Body'), 'missing-from-header')[0].message,
      'The message has no `From:` header field, which every message must carry (RFC 5322 §3.6): add `C: From: <a@example.org>` to the header section.',
    );
    assert.deepEqual(summary(data('C: From: <a@example.org>', 'C:', 'C: Body')), [{ rule: 'missing-date-header', line: 10, severity: 'warning' }]);
  });

  test('missing-date-header: the fix adds `Date: {{$date}}` at the end of the header section', () => {
    assert.equal(
      fixed(data('C: From: <a@example.org>', 'C:', 'C: Body'), 'missing-date-header'),
      data('C: From: <a@example.org>', 'C: Date: {{$date}}', 'C:', 'C: Body'),
    );
    // A message of header fields only: the Date goes before the final dot.
    assert.equal(fixed(data('C: From: <a@example.org>'), 'missing-date-header'), data('C: From: <a@example.org>', 'C: Date: {{$date}}'));
  });

  test('missing-from-header: the fix adds `From:` with the MAIL FROM address; `From: ...` for a null reverse-path', () => {
    assert.equal(fixed(data('C: Date: {{$date}}', 'C:', 'C: Body'), 'missing-from-header'), data('C: Date: {{$date}}', 'C: From: <a@example.org>', 'C:', 'C: Body'));
    const bounce = data('C: Date: {{$date}}', 'C:', 'C: Body').replace('MAIL FROM:<a@example.org>', 'MAIL FROM:<>');
    assert.equal(fixed(bounce, 'missing-from-header'), data('C: Date: {{$date}}', 'C: From: ...', 'C:', 'C: Body').replace('MAIL FROM:<a@example.org>', 'MAIL FROM:<>'));
  });

  test('a message the transcript expects refused as a whole (554, 550) is a negative test: hints without a fix', () => {
    const refused = data('C: Subject: no author, no date', 'C:', 'C: Body').replace(/S: 250 Ok$/, 'S: 554 5.6.0 Message rejected: missing required headers');
    assert.deepEqual(summary(refused), [
      { rule: 'missing-date-header', line: 10, severity: 'hint' },
      { rule: 'missing-from-header', line: 10, severity: 'hint' },
    ]);
    assert.equal(findingsOf(refused, 'missing-from-header')[0].fix, undefined);
    // A temporary refusal says nothing about the message's fields.
    assert.deepEqual(summary(refused.replace('S: 554 5.6.0', 'S: 451 4.3.0')).map((s) => s.severity), ['warning', 'warning']);
  });

  test('an empty message: the findings point at its final dot', () => {
    const [date] = findingsOf(data(), 'missing-date-header');
    assert.deepEqual(date.range, { start: { line: 9, character: 0 }, end: { line: 9, character: 4 } });
  });

  test('BDAT: chunks are joined (a chunk ending mid-line continues in the next); no Date fix, it would change the count', () => {
    const session = (...chunks: string[][]) =>
      lines('S: 220 mx', 'C: EHLO c.test', 'S: 250 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', ...chunks.flat());
    const joined = session(
      [...bdatChunk(['Fr'], { midLine: true }), 'S: 250 Ok'],
      [...bdatChunk(['om: <a@example.org>', 'Date: Thu, 1 Jan 2026 00:00:00 +0000', '', 'Hi'], { last: true }), 'S: 250 Ok'],
    );
    assert.deepEqual(parseProblems(joined), []);
    assert.deepEqual(summary(joined), []);
    const noDate = session([...bdatChunk(['From: <a@example.org>', '', 'Hi'], { last: true }), 'S: 250 Ok']);
    assert.deepEqual(parseProblems(noDate), []);
    assert.deepEqual(summary(noDate), [{ rule: 'missing-date-header', line: 9, severity: 'warning' }]);
    assert.equal(findingsOf(noDate, 'missing-date-header')[0].fix, undefined);
  });
});
