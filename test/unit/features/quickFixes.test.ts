// The quick fixes the editor offers for a finding, through the facade: each applied to the text and the whole
// result compared, and the result linted again to show the finding is gone.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actions, applied, diagnosticsOf, fixTitles } from '../../support/quickFixes';
import { lines } from '../../support/text';

const GREET = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250 mx.example.com'];

describe('rcpt-before-mail', () => {
  const text = lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok', 'C: QUIT', 'S: 221 Bye');
  test('offers the MAIL FROM first (preferred), then the refusal', () => {
    assert.deepEqual(fixTitles(text, 'rcpt-before-mail'), ['Insert MAIL FROM:<sender@example.com> before this RCPT', 'Expect the refusal: S: 503 5.5.1 *']);
    assert.deepEqual(
      actions(text, 'rcpt-before-mail').map((a) => a.isPreferred),
      [true, undefined],
    );
  });
  test('inserting MAIL FROM with its 250 clears the finding', () => {
    const fixed = applied(text, 'rcpt-before-mail', 'Insert MAIL FROM:<sender@example.com> before this RCPT');
    assert.equal(fixed, lines(...GREET, 'C: MAIL FROM:<sender@example.com>', 'S: 250 *', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok', 'C: QUIT', 'S: 221 Bye'));
    assert.deepEqual(diagnosticsOf(fixed, 'rcpt-before-mail'), []);
  });
  test('expecting the refusal replaces the whole reply and leaves only a hint', () => {
    const multiLine = lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: 250-first', 'S: 250 Ok');
    const fixed = applied(multiLine, 'rcpt-before-mail', 'Expect the refusal: S: 503 5.5.1 *');
    assert.equal(fixed, lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: 503 5.5.1 *'));
    assert.deepEqual(diagnosticsOf(fixed, 'rcpt-before-mail').map((d) => d.severity), [4]);
  });
  test('with no reply written, the refusal goes after the command', () => {
    const unanswered = lines(...GREET, 'C: RCPT TO:<b@example.com>');
    assert.equal(applied(unanswered, 'rcpt-before-mail', 'Expect the refusal: S: 503 5.5.1 *'), lines(...GREET, 'C: RCPT TO:<b@example.com>', 'S: 503 5.5.1 *'));
  });
});

describe('other sequencing rules', () => {
  test('mail-before-helo inserts EHLO', () => {
    const text = lines('S: 220 mx', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok');
    const fixed = applied(text, 'mail-before-helo', 'Insert EHLO client.example.com');
    assert.equal(fixed, lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250 *', 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok'));
    assert.deepEqual(diagnosticsOf(fixed, 'mail-before-helo'), []);
  });
  test('extension-without-ehlo before any hello inserts EHLO', () => {
    const text = lines('S: 220 mx', 'C: STARTTLS', 'S: 220 Go ahead');
    assert.equal(applied(text, 'extension-without-ehlo', 'Insert EHLO client.example.com'), lines('S: 220 mx', 'C: EHLO client.example.com', 'S: 250 *', 'C: STARTTLS', 'S: 220 Go ahead'));
  });
  test('mail-in-transaction inserts RSET', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: MAIL FROM:<c@example.org>', 'S: 250 Ok');
    const fixed = applied(text, 'mail-in-transaction', 'Insert RSET before this MAIL');
    assert.equal(fixed, lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RSET', 'S: 250 *', 'C: MAIL FROM:<c@example.org>', 'S: 250 Ok'));
    assert.deepEqual(diagnosticsOf(fixed, 'mail-in-transaction'), []);
  });
  test('data-without-recipient inserts RCPT TO in an open transaction', () => {
    const text = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: Subject: x', 'C:', 'C: hi', 'C: .', 'S: 250 Ok');
    const fixed = applied(text, 'data-without-recipient', 'Insert RCPT TO:<recipient@example.com> before this DATA');
    assert.equal(fixed, text.replace('C: DATA', 'C: RCPT TO:<recipient@example.com>\nS: 250 *\nC: DATA'));
    assert.deepEqual(diagnosticsOf(fixed, 'data-without-recipient'), []);
  });
  test('auth-twice expects the refusal', () => {
    const text = lines(...GREET, 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok', 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok');
    assert.equal(
      applied(text, 'auth-twice', 'Expect the refusal: S: 503 5.5.1 *'),
      lines(...GREET, 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 235 Ok', 'C: AUTH PLAIN AGFsaWNlAHNlY3JldA==', 'S: 503 5.5.1 *'),
    );
  });
});

describe('bdat-data-mixed', () => {
  const start = [...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: BDAT 5', 'C: hello', 'S: 250 Ok'];
  test('a DATA written with its 354 and a message gets no one-line refusal (the message would be read as commands)', () => {
    const text = lines(...start, 'C: DATA', 'S: 354 go', 'C: Subject: x', 'C:', 'C: hi', 'C: .', 'S: 250 Ok');
    assert.deepEqual(fixTitles(text, 'bdat-data-mixed').filter((t) => t.startsWith('Expect')), []);
  });
  test('a DATA written without content expects the refusal', () => {
    assert.equal(applied(lines(...start, 'C: DATA', 'S: 250 Ok'), 'bdat-data-mixed', 'Expect the refusal: S: 503 5.5.1 *'), lines(...start, 'C: DATA', 'S: 503 5.5.1 *'));
  });
});

describe('reply-missing', () => {
  test('inserts the command\'s success code with a wildcard text below it', () => {
    const text = lines(...GREET, 'C: NOOP', '# then', '');
    const fixed = applied(text, 'reply-missing', 'Insert S: 250 *');
    assert.equal(fixed, lines(...GREET, 'C: NOOP', 'S: 250 *', '# then', ''));
    assert.deepEqual(diagnosticsOf(fixed, 'reply-missing'), []);
  });
  test('an AUTH response its mechanism follows with another (LOGIN\'s user name) expects a 334 challenge, the last one the verdict', () => {
    const login = ['C: AUTH LOGIN', 'S: 334 VXNlcm5hbWU6', 'C: dXNlcg=='];
    assert.deepEqual(fixTitles(lines(...GREET, ...login), 'reply-missing'), ['Insert S: 334 *']);
    assert.deepEqual(fixTitles(lines(...GREET, ...login, 'S: 334 UGFzc3dvcmQ6', 'C: cGFzcw=='), 'reply-missing'), ['Insert S: 235 *']);
    assert.deepEqual(fixTitles(lines(...GREET, 'C: AUTH LOGIN dXNlcg==', 'S: 334 UGFzc3dvcmQ6', 'C: cGFzcw=='), 'reply-missing'), ['Insert S: 235 *']);
    assert.deepEqual(fixTitles(lines(...GREET, 'C: AUTH PLAIN', 'S: 334 ', 'C: AHVzZXIAcGFzcw=='), 'reply-missing'), ['Insert S: 235 *']);
  });
  test('after the message\'s final dot; a pipelined command gets no fix', () => {
    const envelope = ['C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', 'C: Subject: x', 'C:', 'C: hi', 'C: .'];
    assert.equal(applied(lines(...GREET, ...envelope), 'reply-missing', 'Insert S: 250 *'), lines(...GREET, ...envelope, 'S: 250 *'));
    const pipelined = lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'C: RCPT TO:<b@example.com>', 'C: DATA', 'S: 250 Ok', 'S: 250 Ok');
    assert.deepEqual(fixTitles(pipelined, 'reply-missing'), []);
  });
});

describe('missing header fields', () => {
  const message = (...header: string[]) =>
    lines(...GREET, 'C: MAIL FROM:<a@example.org>', 'S: 250 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 Ok', 'C: DATA', 'S: 354 Go', ...header, 'C:', 'C: hi', 'C: .', 'S: 250 Ok');
  test('From: the MAIL FROM address, at the end of the header section', () => {
    const text = message('C: Date: {{$date}}', 'C: Subject: x');
    const fixed = applied(text, 'missing-from-header', 'Add `From: <a@example.org>`');
    assert.equal(fixed, message('C: Date: {{$date}}', 'C: Subject: x', 'C: From: <a@example.org>'));
    assert.deepEqual(diagnosticsOf(fixed, 'missing-from-header'), []);
  });
  test('Date: computed at send time', () => {
    const text = message('C: From: <a@example.org>', 'C: Subject: x');
    const fixed = applied(text, 'missing-date-header', 'Add a Date header computed at send time');
    assert.equal(fixed, message('C: From: <a@example.org>', 'C: Subject: x', 'C: Date: {{$date}}'));
    assert.deepEqual(diagnosticsOf(fixed, 'missing-date-header'), []);
  });
});
