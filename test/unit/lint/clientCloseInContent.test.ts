import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, lint } from './lintHarness';
import { lines } from '../../support/text';

const GREET = ['S: 220 mx.example.com ESMTP', 'C: EHLO client.example.com', 'S: 250-mx.example.com', 'S: 250 CHUNKING'];
const ENVELOPE = ['C: MAIL FROM:<a@example.org>', 'S: 250 2.1.0 Ok', 'C: RCPT TO:<b@example.com>', 'S: 250 2.1.5 Ok'];
const HALF = ['C: DATA', 'S: 354 Go ahead', 'C: Subject: half', 'C:', 'C: the first half'];

describe('C: <close> inside message content', () => {
  test('the client drops the connection mid-message: no finding at all (no `.`, no reply, no header rule on the partial message)', () => {
    assert.deepEqual(lint(lines(...GREET, ...ENVELOPE, ...HALF, 'C: <close>')), []);
  });

  test('the same inside a BDAT chunk short of its size: no finding', () => {
    assert.deepEqual(lint(lines(...GREET, ...ENVELOPE, 'C: BDAT 200 LAST', 'C: Subject: half', 'C: <close>')), []);
  });

  test('a reply after it answers nothing, and a command after that is sent after the session ended (command-after-quit)', () => {
    const text = lines(...GREET, ...ENVELOPE, ...HALF, 'C: <close>', 'S: 250 Ok', 'C: QUIT', 'S: 221 Bye');
    assert.deepEqual(brief(text), [
      { line: 15, code: 'reply-without-command', severity: 'error' },
      { line: 16, code: 'command-after-quit', severity: 'error' },
    ]);
    assert.deepEqual(
      lint(text).map((d) => d.message),
      [
        'Nothing answers `C: <close>`: the client closed the connection on line 14, so it reads no reply after it (replay and the mock never use this line). Remove it, or end the session with `C: QUIT` and its `221` (RFC 5321 §4.1.1.10).',
        'The session ended with `C: <close>` on line 14, so nothing more can be sent on this connection (RFC 5321 §4.1.1.10): start a new session with a `###` line.',
      ],
    );
  });

  test('between commands too: an `S:` after `C: <close>` is reported, not taken as its reply', () => {
    assert.deepEqual(brief(lines(...GREET, 'C: <close>', 'S: 221 Bye')), [{ line: 6, code: 'reply-without-command', severity: 'error' }]);
  });

  test('a `C:` line right after it is content: the message lacks its `.`, and the problem says why `<close>` did not close', () => {
    const text = lines(...GREET, ...ENVELOPE, ...HALF, 'C: <close>', 'C: QUIT', 'S: 221 Bye');
    assert.deepEqual(
      lint(text).filter((d) => d.code === 'data-unterminated').map((d) => [d.range.start.line + 1, d.message]),
      [
        [
          11,
          "Message content must end with a line `C: .` before the server's reply (RFC 5321 §4.1.1.4). The `C: <close>` on line 14 is a line of the content: the client closes the connection inside the content only with `C: <close>` as its last line.",
        ],
      ],
    );
  });

  test('a `<close>` content line followed by more content and `.`: the message is linted as any other', () => {
    const text = lines(...GREET, ...ENVELOPE, 'C: DATA', 'S: 354 Go ahead', 'C: Subject: hi', 'C:', 'C: <close>', 'C: more', 'C: .');
    assert.deepEqual(brief(text), [
      { line: 11, code: 'missing-date-header', severity: 'warning' },
      { line: 11, code: 'missing-from-header', severity: 'warning' },
      { line: 15, code: 'reply-missing', severity: 'warning' },
    ]);
  });
});
