// Postfix's XCLIENT and XFORWARD: the session starts over after XCLIENT's 220, neither may stand inside a mail
// transaction, and the editor knows their attributes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, diagnostic } from './lintHarness';
import { lines } from '../../support/text';
import { getCompletions } from '../../../server/src/features/completion/getCompletions';
import { getHover } from '../../../server/src/features/hover/getHover';
import { withCursor } from '../../support/cursor';

const OFFERS = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250-mx.example.com', 'S: 250-XCLIENT NAME ADDR HELO', 'S: 250 XFORWARD NAME ADDR'];
const XCLIENT = ['C: XCLIENT ADDR=192.0.2.1 NAME=spike.example.org', 'S: 220 mx.example.com ESMTP'];
const ENVELOPE = ['C: MAIL FROM:<a@example.org>', 'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok'];
const IDS = ['mail-before-helo', 'xclient-in-transaction', 'extension-not-advertised', 'extension-without-ehlo', 'unknown-verb'];

describe('XCLIENT and XFORWARD', () => {
  test("after XCLIENT's 220 the session starts over: MAIL needs EHLO again, and what EHLO advertised is forgotten", () => {
    assert.deepEqual(brief(lines(...OFFERS, ...XCLIENT, ...ENVELOPE), IDS), [{ line: 8, code: 'mail-before-helo', severity: 'warning' }]);
    // The message names XCLIENT and its line, not an EHLO that never came: there was one, before it.
    assert.equal(
      diagnostic(lines(...OFFERS, ...XCLIENT, ...ENVELOPE), 'mail-before-helo').message,
      'MAIL FROM with no EHLO/HELO since XCLIENT started the session over on line 6: the server is back at its greeting, so send EHLO again first (Postfix accepts MAIL there unless `smtpd_helo_required` is set; RFC 5321 §4.1.4).',
    );
    assert.match(diagnostic(lines(...OFFERS, ...XCLIENT, 'C: STARTTLS', 'S: 454 4.7.0 TLS not available'), 'extension-without-ehlo').message, /^STARTTLS belongs to the STARTTLS extension, but XCLIENT started the session over on line 6, and what the EHLO before it advertised no longer holds/);
    // A session that never had EHLO keeps the usual message.
    assert.match(diagnostic(lines('S: 220 mx.example.com ESMTP', ...ENVELOPE), 'mail-before-helo').message, /^MAIL FROM before any accepted EHLO\/HELO/);
    assert.deepEqual(brief(lines(...OFFERS, ...XCLIENT, 'C: EHLO spike.example.org', 'S: 250 mx.example.com', ...ENVELOPE), IDS), []);
    // A refused XCLIENT (550: not a trusted client) changes nothing.
    assert.deepEqual(brief(lines(...OFFERS, 'C: XCLIENT ADDR=192.0.2.1', 'S: 550 5.7.0 insufficient authorization', ...ENVELOPE), IDS), []);
    // XFORWARD's 250 keeps the session as it was; XFORWARD after XCLIENT and a new EHLO that does not list it is not advertised.
    assert.deepEqual(brief(lines(...OFFERS, 'C: XFORWARD ADDR=192.0.2.7', 'S: 250 2.0.0 Ok', ...ENVELOPE), IDS), []);
    assert.deepEqual(brief(lines(...OFFERS, ...XCLIENT, 'C: EHLO x', 'S: 250-mx', 'S: 250 PIPELINING', 'C: XFORWARD ADDR=192.0.2.7', 'S: 250 Ok'), IDS), [
      { line: 11, code: 'extension-not-advertised', severity: 'warning' },
    ]);
  });

  test('inside a mail transaction: an error, a hint where the transcript expects the 503', () => {
    assert.deepEqual(brief(lines(...OFFERS, ...ENVELOPE, 'C: XFORWARD ADDR=192.0.2.7', 'S: 250 Ok'), IDS), [{ line: 10, code: 'xclient-in-transaction', severity: 'error' }]);
    assert.deepEqual(brief(lines(...OFFERS, ...ENVELOPE, 'C: XCLIENT ADDR=192.0.2.7', 'S: 503 5.5.1 Error: MAIL transaction in progress'), IDS), [
      { line: 10, code: 'xclient-in-transaction', severity: 'hint' },
    ]);
    assert.deepEqual(brief(lines(...OFFERS, ...ENVELOPE, 'C: RSET', 'S: 250 Ok', ...XCLIENT), IDS), []);
  });

  test("completion offers the attributes the EHLO reply lists first, not those already written; XFORWARD's own", () => {
    const labels = (marked: string) => {
      const { transcript, position } = withCursor(marked);
      return getCompletions(transcript, position).items.map((item) => `${item.label} ${item.detail}`);
    };
    assert.deepEqual(labels([...OFFERS, 'C: XCLIENT ADDR=192.0.2.1 |'].join('\n')), [
      'NAME= XCLIENT · advertised',
      'HELO= XCLIENT · advertised',
      'REVERSE_NAME= XCLIENT · not advertised',
      'PORT= XCLIENT · not advertised',
      'PROTO= XCLIENT · not advertised',
      'LOGIN= XCLIENT · not advertised',
      'DESTADDR= XCLIENT · not advertised',
      'DESTPORT= XCLIENT · not advertised',
    ]);
    assert.deepEqual(labels('C: XFORWARD |').map((label) => label.split(' ')[0]), ['NAME=', 'ADDR=', 'PORT=', 'PROTO=', 'HELO=', 'IDENT=', 'SOURCE=']);
    // After XCLIENT's 220 the EHLO above is no longer in force: its keywords are a guess, said to be from its line.
    const withSize = ['S: 220 mx', 'C: EHLO c', 'S: 250-mx', 'S: 250-XCLIENT NAME', 'S: 250 SIZE 100'];
    assert.equal(labels([...withSize, 'C: MAIL FROM:<a@x> |'].join('\n'))[0], 'SIZE= advertised: SIZE');
    assert.equal(labels([...withSize, 'C: XCLIENT NAME=a', 'S: 220 mx', 'C: MAIL FROM:<a@x> |'].join('\n'))[0], 'SIZE= advertised on line 2: SIZE');
  });

  test("hover: the verb with Postfix's page, and what XCLIENT's 220 does", () => {
    const hover = (marked: string) => {
      const { transcript, position } = withCursor(marked);
      const contents = getHover(transcript, position)?.contents;
      return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
    };
    assert.match(hover([...OFFERS, 'C: XCL|IENT ADDR=192.0.2.1'].join('\n')), /^\*\*XCLIENT\*\*: Overrides what the server knows of the client[^]*\[Postfix XCLIENT Howto\]\(https:\/\/www\.postfix\.org\/XCLIENT_README\.html\)$/);
    assert.match(hover([...OFFERS, 'C: XCLIENT ADDR=192.0.2.1', 'S: 2|20 mx.example.com ESMTP'].join('\n')), /\*\*Here\*\*, as the reply to `XCLIENT`: the server takes the attributes as the client's and is back at its greeting: the client sends EHLO again/);
  });
});
